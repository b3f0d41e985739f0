// The Excel slice: an import shows a diff and applies nothing until confirmed; a refusal or a cancel changes
// nothing; confirming replaces the session's edits with the scenario's and saves it as a new scenario.
import { describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { Edit } from '../../shared/engine/edits';
import type { ImportDiff, ImportOutcome } from '../../shared/excel';
import type { ExcelClient } from './excel-client';
import { createExcelSlice } from './excel-slice';
import type { ExcelSlice } from './excel-slice';

const edit: Edit = { kind: 'priority-override', orderLineId: 'SO-1-1', priority: 1 };
const diff: ImportDiff = {
  snapshotFingerprint: { file: 'a', current: 'a' },
  sheetsRead: ['Plan'],
  rowsRead: 4,
  unchangedRows: 3,
  staleUnchangedRows: 0,
  changed: [{ sheet: 'Plan', row: 2, key: 'SO-1-1', changes: [{ column: 'Priority override', before: '', after: '1' }] }],
  rejected: [],
  problems: [],
  changes: [edit],
  scenarioEdits: [edit],
  comments: {},
};

function setup(outcome: ImportOutcome) {
  const host = {
    replaceAllocationEdits: vi.fn(async (_e: readonly Edit[]) => null as string | null),
    saveScenario: vi.fn(async (_n: string) => true),
    openAllocation: vi.fn(async () => undefined),
  };
  const excel: ExcelClient = {
    call: vi.fn(async (name: string) => (name === 'import' ? { ok: true, value: outcome } : { ok: true, value: { bytes: new Uint8Array([1]), fileName: 'p.xlsx', mimeType: 'x', lines: 4 } })) as unknown as ExcelClient['call'],
    terminate: () => undefined,
  };
  const save = vi.fn(async () => ({ saved: true }));
  const store = createStore<ExcelSlice & Record<string, unknown>>()((set, get) => ({
    ...createExcelSlice({ excel, files: { save, open: async () => ({ name: 'edited.xlsx', bytes: new Uint8Array([80, 75]) }) } })(set as never, get as never),
    allocation: { status: 'ready', edits: [], scope: { kind: 'all' }, rows: [] },
    allocationActions: { replaceAllocationEdits: host.replaceAllocationEdits, openAllocation: host.openAllocation },
    scenarioActions: { saveScenario: host.saveScenario },
  }));
  return { store, host, save, excel };
}

describe('Excel slice', () => {
  it('shows the diff and applies nothing until the planner confirms', async () => {
    const { store, host } = setup({ ok: true, diff });
    await store.getState().excelActions.importPlan();
    expect(store.getState().excel.pendingImport?.diff).toBe(diff);
    expect(host.replaceAllocationEdits).not.toHaveBeenCalled();
    expect(await store.getState().excelActions.confirmImport('From Excel')).toBe(true);
    expect(host.replaceAllocationEdits).toHaveBeenCalledWith([edit]);
    expect(host.saveScenario).toHaveBeenCalledWith('From Excel');
    expect(store.getState().excel.pendingImport).toBeNull();
    expect(store.getState().excel.message?.text).toContain('Scenario "From Excel" created with 1 change');
  });

  it('changes nothing when the file is refused or the planner cancels', async () => {
    const refused = setup({ ok: false, refusal: { code: 'unsafe', message: 'The workbook has a sheet named "__proto__".' } });
    await refused.store.getState().excelActions.importPlan();
    expect(refused.store.getState().excel.pendingImport).toBeNull();
    expect(refused.store.getState().excel.message).toMatchObject({ tone: 'error' });
    expect(refused.store.getState().excel.message?.text).toContain('Nothing was changed');
    const cancelled = setup({ ok: true, diff });
    await cancelled.store.getState().excelActions.importPlan();
    cancelled.store.getState().excelActions.cancelImport();
    expect(cancelled.store.getState().excel.pendingImport).toBeNull();
    for (const s of [refused, cancelled]) {
      expect(s.host.replaceAllocationEdits).not.toHaveBeenCalled();
      expect(s.host.saveScenario).not.toHaveBeenCalled();
    }
  });

  it('exports through the worker and saves through the file port', async () => {
    const { store, save } = setup({ ok: true, diff });
    await store.getState().excelActions.exportPlan();
    expect(save).toHaveBeenCalledWith({ suggestedName: 'p.xlsx', mimeType: 'x', bytes: new Uint8Array([1]) });
    expect(store.getState().excel.message?.text).toBe('Exported 4 lines to p.xlsx.');
  });
});
