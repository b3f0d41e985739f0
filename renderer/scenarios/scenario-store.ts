// Named what-if scenarios in the workbench database: a `scenarios` row (name, scope, when) and one `scenarioEdits`
// row per edit, in order. Saving replaces a scenario's edits in one transaction, so a reopened scenario is exactly
// what was saved or the previous version, never a mix.
import type { Edit } from '../../shared/engine/edits';
import { validateEdit } from '../../shared/engine/edits';
import type { ScenarioEditRow, ScenarioRow, WorkbenchDb } from '../db';
import type { AllocationScope } from '../engine-worker/protocol';

/** A saved scenario as the UI lists it. */
export interface ScenarioSummary {
  readonly id: string;
  readonly name: string;
  readonly scope: AllocationScope;
  readonly editCount: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface Scenario extends ScenarioSummary {
  readonly edits: readonly Edit[];
}

export type ScenarioResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export interface ScenarioStore {
  list(): Promise<ScenarioResult<readonly ScenarioSummary[]>>;
  /** Saves under `name`; with `id`, overwrites that scenario. Names are unique (ignoring case). */
  save(input: { id?: string; name: string; scope: AllocationScope; edits: readonly Edit[] }): Promise<ScenarioResult<ScenarioSummary>>;
  open(id: string): Promise<ScenarioResult<Scenario>>;
  remove(id: string): Promise<ScenarioResult<null>>;
}

/** Stored shape of a scenario row (the db's ScenarioRow with our fields). */
interface StoredScenario extends ScenarioRow {
  scope: AllocationScope;
  editCount: number;
  createdAt: string;
}

interface StoredEdit extends ScenarioEditRow {
  seq: number;
  edit: Edit;
}

export const MAX_SCENARIO_NAME = 80;

/** `${scenarioId}#000001`: sorts in edit order within a scenario. */
function editRowId(scenarioId: string, seq: number): string {
  return `${scenarioId}#${String(seq).padStart(6, '0')}`;
}

function itemOf(edit: Edit): string | undefined {
  return edit.kind === 'supply' ? edit.itemId : undefined;
}

function summaryOf(row: StoredScenario): ScenarioSummary {
  return { id: row.id, name: row.name, scope: row.scope, editCount: row.editCount, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A scenario store over the workbench database. `newId` and `now` are injectable for deterministic tests. */
export function createScenarioStore(
  db: WorkbenchDb | (() => Promise<WorkbenchDb>),
  options: { newId?: () => string; now?: () => Date } = {},
): ScenarioStore {
  const newId = options.newId ?? (() => crypto.randomUUID());
  const now = options.now ?? (() => new Date());
  let opened: Promise<WorkbenchDb> | null = typeof db === 'function' ? null : Promise.resolve(db);
  const getDb = (): Promise<WorkbenchDb> => (opened ??= (db as () => Promise<WorkbenchDb>)());

  return {
    async list() {
      try {
        const d = await getDb();
        const rows = (await d.scenarios.orderBy('updatedAt').reverse().toArray()) as StoredScenario[];
        return { ok: true, value: rows.map(summaryOf) };
      } catch (e) {
        return { ok: false, message: `Could not read the saved scenarios: ${errorText(e)}` };
      }
    },

    async save({ id, name, scope, edits }) {
      const trimmed = name.trim();
      if (trimmed === '') return { ok: false, message: 'Scenario name: expected a name, found an empty text.' };
      if (trimmed.length > MAX_SCENARIO_NAME) {
        return { ok: false, message: `Scenario name: expected at most ${MAX_SCENARIO_NAME} characters, found ${trimmed.length}.` };
      }
      if (edits.length === 0) return { ok: false, message: 'Nothing to save: make at least one edit (priority, lock, quantity, source, substitute or supply) first.' };
      for (let i = 0; i < edits.length; i++) {
        const r = validateEdit(edits[i], undefined, `edit ${i + 1}`);
        if (!r.ok) return { ok: false, message: `The scenario was not saved: ${r.issues.map((x) => x.message).join('; ')}` };
      }
      try {
        const d = await getDb();
        return await d.transaction('rw', d.scenarios, d.scenarioEdits, async () => {
          const all = (await d.scenarios.toArray()) as StoredScenario[];
          const clash = all.find((s) => s.name.toLowerCase() === trimmed.toLowerCase() && s.id !== id);
          if (clash) return { ok: false, message: `A scenario named "${clash.name}" already exists: choose another name or open it and save over it.` } as const;
          const existing = id ? all.find((s) => s.id === id) : undefined;
          if (id && !existing) return { ok: false, message: `Scenario ${id} no longer exists: save it under a new name.` } as const;
          const at = now().toISOString();
          const row: StoredScenario = {
            id: existing?.id ?? newId(),
            name: trimmed,
            scope,
            editCount: edits.length,
            createdAt: existing?.createdAt ?? at,
            updatedAt: at,
          };
          await d.scenarioEdits.where('scenarioId').equals(row.id).delete();
          await d.scenarios.put(row);
          const editRows: StoredEdit[] = edits.map((edit, i) => {
            const itemId = itemOf(edit);
            return { id: editRowId(row.id, i + 1), scenarioId: row.id, seq: i + 1, edit, ...(itemId ? { itemId } : {}) };
          });
          await d.scenarioEdits.bulkPut(editRows);
          return { ok: true, value: summaryOf(row) } as const;
        });
      } catch (e) {
        return { ok: false, message: `Could not save scenario "${trimmed}": ${errorText(e)}` };
      }
    },

    async open(id) {
      try {
        const d = await getDb();
        const row = (await d.scenarios.get(id)) as StoredScenario | undefined;
        if (!row) return { ok: false, message: `Scenario ${id} was not found: it may have been deleted.` };
        const rows = (await d.scenarioEdits.where('scenarioId').equals(id).toArray()) as StoredEdit[];
        rows.sort((a, b) => a.seq - b.seq);
        const edits: Edit[] = [];
        for (const r of rows) {
          const check = validateEdit(r.edit, undefined, `scenario "${row.name}" edit ${r.seq}`);
          if (!check.ok) return { ok: false, message: `Scenario "${row.name}" cannot be opened: ${check.issues.map((x) => x.message).join('; ')}` };
          edits.push(check.edit);
        }
        return { ok: true, value: { ...summaryOf(row), edits } };
      } catch (e) {
        return { ok: false, message: `Could not open scenario ${id}: ${errorText(e)}` };
      }
    },

    async remove(id) {
      try {
        const d = await getDb();
        await d.transaction('rw', d.scenarios, d.scenarioEdits, async () => {
          await d.scenarioEdits.where('scenarioId').equals(id).delete();
          await d.scenarios.delete(id);
        });
        return { ok: true, value: null };
      } catch (e) {
        return { ok: false, message: `Could not delete scenario ${id}: ${errorText(e)}` };
      }
    },
  };
}
