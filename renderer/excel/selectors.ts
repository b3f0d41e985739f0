// Named selectors over the Excel slice (components read state only through these).
import type { ExcelSlice } from './excel-slice';

export const selectExcel = (s: ExcelSlice) => s.excel;
export const selectExcelActions = (s: ExcelSlice) => s.excelActions;
export const selectPendingImport = (s: ExcelSlice) => s.excel.pendingImport;
export const selectExcelBusy = (s: ExcelSlice) => s.excel.busy;
export const selectExcelMessage = (s: ExcelSlice) => s.excel.message;
