// Export / import buttons for the plan, a progress line while the worker runs, the outcome message, and the
// import diff dialog. Reads the store through selectors; every action goes through the Excel slice.
import { useMemo } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { ImportDiffDialog } from './ImportDiffDialog';
import { importScenarioName } from './excel-slice';
import type { ExcelSlice } from './excel-slice';
import { selectExcelActions, selectExcelBusy, selectExcelMessage, selectPendingImport } from './selectors';
import './excel.css';

export type ExcelPanelStore = Pick<StoreApi<ExcelSlice>, 'getState' | 'getInitialState' | 'subscribe'>;

export function ExcelPanel({ store }: { store: ExcelPanelStore }) {
  const actions = useStore(store, selectExcelActions);
  const busy = useStore(store, selectExcelBusy);
  const message = useStore(store, selectExcelMessage);
  const pending = useStore(store, selectPendingImport);
  const defaultName = useMemo(() => (pending ? importScenarioName(pending.fileName, new Date()) : ''), [pending]);

  return (
    <section className="excel-panel" aria-label="Excel" data-testid="excel-panel">
      <div className="excel-actions">
        <button type="button" onClick={() => void actions.exportPlan('xlsx')} disabled={busy !== null} data-testid="excel-export" title="Download the plan as an Excel workbook to edit in any spreadsheet program">
          Export to Excel
        </button>
        <button type="button" onClick={() => void actions.exportPlan('csv')} disabled={busy !== null} data-testid="excel-export-csv">
          Export CSV
        </button>
        <button type="button" onClick={() => void actions.importPlan()} disabled={busy !== null} data-testid="excel-import" title="Import an edited plan: you see every change before anything is applied">
          Import edited plan…
        </button>
      </div>
      {busy ? (
        <p className="excel-busy" role="status" data-testid="excel-busy">
          <progress aria-label={busy.label} /> {busy.label}
          {busy.stage ? ` — ${busy.stage}` : '…'}
        </p>
      ) : null}
      {message ? (
        <p className={`excel-message excel-message-${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'} data-testid="excel-message">
          {message.text}
          <button type="button" aria-label="Dismiss" onClick={actions.dismissExcelMessage}>
            ×
          </button>
        </p>
      ) : null}
      {pending ? (
        <ImportDiffDialog
          key={pending.fileName}
          pending={pending}
          defaultName={defaultName}
          busy={busy !== null}
          onConfirm={(name) => void actions.confirmImport(name)}
          onCancel={actions.cancelImport}
        />
      ) : null}
    </section>
  );
}
