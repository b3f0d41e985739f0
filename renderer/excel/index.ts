// The Excel feature of the renderer: the slice (compose into the workbench store), its services (build in the
// composition root) and the panel (mount in the shell or the allocation view).
export { ExcelPanel } from './ExcelPanel';
export type { ExcelPanelStore } from './ExcelPanel';
export { ImportDiffDialog } from './ImportDiffDialog';
export { createExcelSlice, initialExcelState, importScenarioName } from './excel-slice';
export type { ExcelSlice, ExcelState, ExcelActions, ExcelServices, ExcelFilePort, PendingImport } from './excel-slice';
export { createExcelServices } from './services';
export { createExcelClient } from './excel-client';
export type { ExcelClient } from './excel-client';
export * from './selectors';
