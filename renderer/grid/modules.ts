/**
 * The AG Grid Community modules the workbench uses, registered once. Each line says which feature needs it; a module
 * not listed here is not in the bundle (and AG Grid names the missing one in the console when dev validation is on).
 */
import {
  CellStyleModule,
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  ColumnAutoSizeModule,
  DateFilterModule,
  EventApiModule,
  HighlightChangesModule,
  ModuleRegistry,
  NumberFilterModule,
  QuickFilterModule,
  RenderApiModule,
  RowApiModule,
  RowSelectionModule,
  RowStyleModule,
  ScrollApiModule,
  SelectEditorModule,
  TextEditorModule,
  TextFilterModule,
  TooltipModule,
  ValidationModule,
} from 'ag-grid-community';

let registered = false;

/** Registers the modules; safe to call more than once. */
export function registerGridModules(devValidation: boolean): void {
  if (registered) return;
  registered = true;
  ModuleRegistry.registerModules([
    ClientSideRowModelModule, // rows held in memory (the cache is local)
    ClientSideRowModelApiModule, // forEachNodeAfterFilterAndSort for select-all-filtered and paste targets
    RowApiModule, // getRowNode / getDisplayedRowAtIndex
    ScrollApiModule, // ensureNodeVisible when focusing a row
    ColumnApiModule, // column state for saved views
    ColumnAutoSizeModule, // fit columns on first render
    EventApiModule,
    RenderApiModule, // refreshCells after a refusal mark
    RowSelectionModule, // checkbox selection, shift ranges, select all filtered
    TextEditorModule, // typed edits (parsed and validated by us)
    SelectEditorModule, // enum and yes/no cells
    TextFilterModule,
    NumberFilterModule,
    DateFilterModule,
    QuickFilterModule,
    HighlightChangesModule, // flash changed cells
    CellStyleModule, // cellClass (variance highlight, refused cell)
    RowStyleModule, // rowClass
    TooltipModule, // explanations on hover
    ...(devValidation ? [ValidationModule] : []),
  ]);
}
