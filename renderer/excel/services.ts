// Builds the Excel slice's services over the bridge's file channels and the Excel worker. Called by the
// composition root (renderer/app/services.ts), never by a component.
import type { WorkbenchBridge } from '../../shared/ipc';
import { createExcelClient } from './excel-client';
import type { ExcelServices } from './excel-slice';

/** The Excel services for one window: the worker opens the cache database `dbName` itself. */
export function createExcelServices(bridge: WorkbenchBridge, dbName: string): ExcelServices {
  return {
    excel: createExcelClient({ dbName }),
    files: {
      save: (request) => bridge.invoke('file:save', request),
      open: (extensions) => bridge.invoke('file:open', { extensions, title: 'Import an edited allocation plan' }),
    },
  };
}
