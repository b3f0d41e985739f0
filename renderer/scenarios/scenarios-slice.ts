// Named scenarios in the workbench store: list, save the session's edits under a name, reopen one (replacing the
// session's edits), compare with the baseline, and turn a scenario's differences into proposed decisions handed to
// the decisions slice. Needs the allocation slice in the same store.
import type { Decision } from '../../shared/domain';
import type { AllocationSlice, SliceGet, SliceSet } from '../allocation/allocation-slice';
import type { EngineClient } from '../engine-worker/engine-client';
import type { ScenarioComparison } from '../engine-worker/protocol';
import type { ScenarioStore, ScenarioSummary } from './scenario-store';

export interface ScenarioMessage {
  readonly tone: 'info' | 'error';
  readonly text: string;
}

export interface ScenariosState {
  readonly list: readonly ScenarioSummary[];
  /** The scenario the session's edits came from (null: unsaved edits or none). */
  readonly active: { readonly id: string; readonly name: string } | null;
  readonly busy: string | null;
  readonly message: ScenarioMessage | null;
  readonly comparison: ScenarioComparison | null;
  readonly lastProposal: { readonly count: number; readonly ids: readonly string[] } | null;
}

export const initialScenariosState: ScenariosState = { list: [], active: null, busy: null, message: null, comparison: null, lastProposal: null };

export interface ScenarioActions {
  refreshScenarios(): Promise<void>;
  /** Saves the session's edits as a new scenario (or over the active one when `overwrite`). */
  saveScenario(name: string, options?: { overwrite?: boolean }): Promise<boolean>;
  openScenario(id: string): Promise<boolean>;
  deleteScenario(id: string): Promise<void>;
  compareWithBaseline(): Promise<void>;
  closeComparison(): void;
  /** Proposes the decisions that turn the ERP's reservations into this scenario's plan, for the changed lines. */
  proposeDecisions(): Promise<number>;
  dismissScenarioMessage(): void;
}

export interface ScenariosSlice {
  readonly scenarios: ScenariosState;
  readonly scenarioActions: ScenarioActions;
}

/** What the decisions slice (renderer/state) offers; the scenarios slice looks for it in the same store. */
export interface DecisionsHandOff {
  addProposedDecisions(decisions: readonly Decision[]): unknown;
}

export interface ScenariosServices {
  readonly engine: EngineClient;
  readonly scenarios: ScenarioStore;
  /** The signed-in user proposing (e.g. from the session slice). */
  readonly proposedBy: () => string;
  readonly now?: () => Date;
  /** Where proposed decisions go; defaults to the store's `addProposedDecisions` action. */
  readonly handOffDecisions?: (decisions: readonly Decision[]) => unknown;
}

function isErrorOutcome(v: unknown): v is { tone: 'error'; message: string } {
  return typeof v === 'object' && v !== null && (v as { tone?: unknown }).tone === 'error' && typeof (v as { message?: unknown }).message === 'string';
}

type Store = AllocationSlice & ScenariosSlice & Partial<DecisionsHandOff>;

/** The scenarios slice for the workbench store. */
export function createScenariosSlice(services: ScenariosServices) {
  const now = services.now ?? (() => new Date());
  // `set` only ever writes the `scenarios` key, so a combined store's set fits without a cast.
  return (set: SliceSet<ScenariosSlice>, get: SliceGet<Store>): ScenariosSlice => {
    const patch = (p: Partial<ScenariosState>): void => set((s) => ({ scenarios: { ...s.scenarios, ...p } }));
    const error = (text: string): void => patch({ busy: null, message: { tone: 'error', text } });
    const info = (text: string): void => patch({ busy: null, message: { tone: 'info', text } });

    const actions: ScenarioActions = {
      async refreshScenarios() {
        const r = await services.scenarios.list();
        if (r.ok) patch({ list: r.value });
        else error(r.message);
      },

      async saveScenario(name, options = {}) {
        const a = get().allocation;
        const active = get().scenarios.active;
        if (!a.scope) {
          error('Open a SKU group or a set of lines, make your edits, then save them as a scenario.');
          return false;
        }
        patch({ busy: 'Saving the scenario…' });
        const r = await services.scenarios.save({
          ...(options.overwrite && active ? { id: active.id } : {}),
          name,
          scope: a.scope,
          edits: a.edits,
        });
        if (!r.ok) {
          error(r.message);
          return false;
        }
        patch({ active: { id: r.value.id, name: r.value.name } });
        info(`Saved scenario "${r.value.name}" with ${r.value.editCount} edit${r.value.editCount === 1 ? '' : 's'}.`);
        await actions.refreshScenarios();
        return true;
      },

      async openScenario(id) {
        patch({ busy: 'Opening the scenario…', comparison: null });
        const r = await services.scenarios.open(id);
        if (!r.ok) {
          error(r.message);
          return false;
        }
        const sc = r.value;
        const allocation = get().allocation;
        const replaced = allocation.edits.length;
        // A scenario saved on another group opens its own lines; otherwise keep what the planner is looking at.
        if (allocation.status !== 'ready' || JSON.stringify(allocation.scope) !== JSON.stringify(sc.scope)) {
          await get().allocationActions.openAllocation(sc.scope);
        }
        const refused = await get().allocationActions.replaceAllocationEdits(sc.edits);
        if (refused !== null) {
          error(`Scenario "${sc.name}" was not opened: ${refused}`);
          return false;
        }
        patch({ active: { id: sc.id, name: sc.name } });
        const note = replaced > 0 ? `; it replaced the ${replaced} edit${replaced === 1 ? '' : 's'} you had (save them first to keep them)` : '';
        info(`Opened scenario "${sc.name}" (${sc.editCount} edit${sc.editCount === 1 ? '' : 's'})${note}.`);
        return true;
      },

      async deleteScenario(id) {
        const r = await services.scenarios.remove(id);
        if (!r.ok) return error(r.message);
        if (get().scenarios.active?.id === id) patch({ active: null });
        await actions.refreshScenarios();
      },

      async compareWithBaseline() {
        patch({ busy: 'Comparing with the baseline…' });
        const r = await services.engine.call('compare', { maxLines: 500 });
        if (!r.ok) return error(r.error.message);
        patch({ busy: null, comparison: r.value });
      },

      closeComparison() {
        patch({ comparison: null });
      },

      async proposeDecisions() {
        if (get().allocation.edits.length === 0) {
          error('This scenario has no edits, so it changes nothing against the baseline: make an edit or open a saved scenario first.');
          return 0;
        }
        patch({ busy: 'Proposing decisions…' });
        const r = await services.engine.call('propose', { proposedAt: now().toISOString(), proposedBy: services.proposedBy(), onlyChangedFromBaseline: true });
        if (!r.ok) {
          error(r.error.message);
          return 0;
        }
        const decisions = r.value.decisions;
        if (decisions.length === 0) {
          info('The scenario needs no ERP change for the lines it moved: nothing to propose.');
          return 0;
        }
        const handOff = services.handOffDecisions ?? get().addProposedDecisions?.bind(get());
        if (!handOff) {
          error('Decisions cannot be proposed yet: the decisions list is not available in this window.');
          return 0;
        }
        try {
          const outcome = await handOff(decisions);
          // The decisions slice answers with an outcome rather than throwing; an error outcome means nothing was stored.
          if (isErrorOutcome(outcome)) {
            error(outcome.message);
            return 0;
          }
        } catch (e) {
          error(`The ${decisions.length} proposed decisions could not be stored: ${e instanceof Error ? e.message : String(e)}. Nothing was proposed.`);
          return 0;
        }
        const name = get().scenarios.active?.name;
        patch({ lastProposal: { count: decisions.length, ids: decisions.map((d) => d.id) } });
        info(`Proposed ${decisions.length} decision${decisions.length === 1 ? '' : 's'}${name ? ` from scenario "${name}"` : ''}; they wait for approval in Decisions.`);
        return decisions.length;
      },

      dismissScenarioMessage() {
        patch({ message: null });
      },
    };

    return { scenarios: initialScenariosState, scenarioActions: actions };
  };
}
