/**
 * The workbench grid theme (AG Grid theming API, v33+): dense rows for planners who scan thousands of lines, and
 * the same accent as the shell.
 */
import { themeQuartz } from 'ag-grid-community';

export const workbenchGridTheme = themeQuartz.withParams({
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  fontSize: 13,
  rowHeight: 30,
  headerHeight: 34,
  spacing: 5,
  accentColor: '#1f5fbf',
  headerBackgroundColor: '#eef2f7',
  oddRowBackgroundColor: '#fafbfc',
  borderColor: '#d5dbe3',
  wrapperBorderRadius: 4,
});
