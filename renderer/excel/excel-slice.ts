// The Excel slice: export the open plan (xlsx or CSV), import an edited workbook into a diff, and on confirm
// turn the accepted changes into a new what-if scenario. Actions call services (the Excel worker, the file
// bridge); components read through selectors. The allocation and scenarios slices of the same store do the
// applying, so an import goes through exactly the path a grid edit and "Save scenario" take.
import type { Edit } from '../../shared/engine/edits';
import type { ImportDiff } from '../../shared/excel';
import type { AllocationSlice } from '../allocation/allocation-slice';
import type { ScenariosSlice } from '../scenarios/scenarios-slice';
import type { ExcelClient } from './excel-client';

/** The file dialogs (desktop) or download / file input (browser), over the bridge. */
export interface ExcelFilePort {
  save(request: { suggestedName: string; mimeType: string; bytes: Uint8Array }): Promise<{ saved: boolean }>;
  open(extensions: string[]): Promise<{ name: string; bytes: Uint8Array } | null>;
}

export interface ExcelServices {
  readonly excel: ExcelClient;
  readonly files: ExcelFilePort;
  /** Wall clock (export timestamps, scenario names). */
  readonly now?: () => Date;
}

export interface PendingImport {
  readonly fileName: string;
  readonly diff: ImportDiff;
}

export interface ExcelState {
  /** What is running ("Exporting…"), with the worker's current stage; null when idle. */
  readonly busy: { readonly label: string; readonly stage: string | null; readonly startedAt: number } | null;
  readonly message: { readonly tone: 'info' | 'error'; readonly text: string } | null;
  /** An import waiting for the planner to confirm or cancel. */
  readonly pendingImport: PendingImport | null;
}

export interface ExcelActions {
  /** Exports the open scope (or every line) with the session's edits. */
  exportPlan(format?: 'xlsx' | 'csv'): Promise<void>;
  /** Asks for a workbook and shows its diff; nothing is applied. */
  importPlan(): Promise<void>;
  /** Applies the accepted changes as a new scenario named `name`; false when refused (the message says why). */
  confirmImport(name: string): Promise<boolean>;
  cancelImport(): void;
  dismissExcelMessage(): void;
}

export interface ExcelSlice {
  readonly excel: ExcelState;
  readonly excelActions: ExcelActions;
}

export const initialExcelState: ExcelState = { busy: null, message: null, pendingImport: null };

type Host = ExcelSlice & Partial<AllocationSlice & ScenariosSlice>;
type Set = (partial: Partial<Host> | ((s: Host) => Partial<Host>)) => void;
type Get = () => Host;

/** A default scenario name for an import: the file and the time. */
export function importScenarioName(fileName: string, at: Date): string {
  const stem = fileName.replace(/\.xlsx$/i, '').slice(0, 50);
  return `Excel: ${stem} ${at.toISOString().slice(0, 16).replace('T', ' ')}`;
}

/** The Excel slice for the workbench store. */
export function createExcelSlice(services: ExcelServices) {
  const now = services.now ?? (() => new Date());
  return (set: Set, get: Get): ExcelSlice => {
    const patch = (p: Partial<ExcelState>) => set((s) => ({ excel: { ...s.excel, ...p } }));
    const stage = (st: { stage: string }) => set((s) => ({ excel: { ...s.excel, busy: s.excel.busy ? { ...s.excel.busy, stage: st.stage } : null } }));
    const edits = (): readonly Edit[] => get().allocation?.edits ?? [];
    return {
      excel: initialExcelState,
      excelActions: {
        async exportPlan(format = 'xlsx') {
          if (get().excel.busy) return;
          const a = get().allocation;
          const scoped = a?.scope && a.scope.kind !== 'all' ? a.rows.map((r) => r.orderLineId) : undefined;
          patch({ busy: { label: format === 'csv' ? 'Exporting the plan as CSV' : 'Exporting the plan to Excel', stage: null, startedAt: Date.now() }, message: null });
          const r = await services.excel.call(
            'export',
            { edits: edits(), format, exportedAt: now().toISOString(), ...(scoped ? { lineIds: scoped } : {}), ...(get().scenarios?.active?.name ? { scenarioName: get().scenarios!.active!.name } : {}) },
            stage,
          );
          if (!r.ok) {
            patch({ busy: null, message: { tone: 'error', text: `Export failed: ${r.message}` } });
            return;
          }
          const saved = await services.files.save({ suggestedName: r.value.fileName, mimeType: r.value.mimeType, bytes: r.value.bytes });
          patch({ busy: null, message: saved.saved ? { tone: 'info', text: `Exported ${r.value.lines.toLocaleString()} lines to ${r.value.fileName}.` } : null });
        },
        async importPlan() {
          if (get().excel.busy) return;
          const file = await services.files.open(['xlsx']);
          if (!file) return;
          patch({ busy: { label: `Reading ${file.name}`, stage: null, startedAt: Date.now() }, message: null, pendingImport: null });
          const r = await services.excel.call('import', { edits: edits(), bytes: file.bytes, fileName: file.name }, stage);
          if (!r.ok) {
            patch({ busy: null, message: { tone: 'error', text: `Import failed: ${r.message}` } });
            return;
          }
          if (!r.value.ok) {
            patch({ busy: null, message: { tone: 'error', text: `${file.name} was not imported: ${r.value.refusal.message} Nothing was changed.` } });
            return;
          }
          patch({ busy: null, pendingImport: { fileName: file.name, diff: r.value.diff } });
        },
        async confirmImport(name) {
          const pending = get().excel.pendingImport;
          const host = get();
          if (!pending) return false;
          const allocationActions = host.allocationActions;
          const scenarioActions = host.scenarioActions;
          if (!allocationActions || !scenarioActions) {
            patch({ message: { tone: 'error', text: 'The allocation view is not available in this window, so the import cannot become a scenario.' } });
            return false;
          }
          patch({ busy: { label: 'Creating the scenario', stage: null, startedAt: Date.now() } });
          // The scenario is saved with the view's scope; with no view open, the scope is the lines the file changed.
          if (host.allocation?.status !== 'ready') {
            const ids = pending.diff.changed.filter((r) => r.sheet === 'Plan').map((r) => r.key);
            await allocationActions.openAllocation(ids.length ? { kind: 'filter', filter: { orderLineIds: ids } } : { kind: 'all' });
          }
          const refused = await allocationActions.replaceAllocationEdits(pending.diff.scenarioEdits);
          if (refused) {
            patch({ busy: null, message: { tone: 'error', text: `The changes were not applied: ${refused}` } });
            return false;
          }
          const saved = await scenarioActions.saveScenario(name);
          if (!saved) {
            patch({ busy: null, message: { tone: 'error', text: 'The changes are applied in the view, but the scenario could not be saved (see the scenario panel).' } });
            return false;
          }
          patch({ busy: null, pendingImport: null, message: { tone: 'info', text: `Scenario "${name}" created with ${pending.diff.changes.length} change${pending.diff.changes.length === 1 ? '' : 's'} from ${pending.fileName}.` } });
          return true;
        },
        cancelImport() {
          patch({ pendingImport: null, message: { tone: 'info', text: 'Import cancelled: nothing was changed.' } });
        },
        dismissExcelMessage() {
          patch({ message: null });
        },
      },
    };
  };
}
