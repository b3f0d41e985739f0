/** The workbench store: factory, slices' selectors, rows and service ports. */
export { createWorkbenchStore, bootWorkbench } from './store';
export type { WorkbenchStore } from './store';
export type { WorkbenchState } from './workbench-state';
export type { WorkbenchServices, SyncPort, SessionPort, CachePort, PreferencesStorage, DecisionChange, AttentionChoice } from './services';
export type { ExceptionQueueRow, InventoryRow, DecisionView, DecisionDisplayStatus, AttentionDetail } from './rows';
export { DECISION_DISPLAY_STATUSES } from './rows';
export { WorkbenchProvider, useWorkbench, useWorkbenchStore } from './react';
export * from './connection-slice';
export * from './sync-slice';
export * from './data-slice';
export * from './decisions-slice';
export * from './preferences-slice';
export * from './navigation-slice';
