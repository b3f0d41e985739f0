/**
 * Preferences kept on this machine: saved grid views per grid (filters + columns + sort + quick filter), and the
 * last view opened. Loaded once at start, saved on every change.
 */
import type { GridViewState } from '../grid/column-spec';
import type { WorkbenchServices } from './services';
import type { Slice } from './slice';
import type { WorkbenchState } from './workbench-state';

export interface SavedView {
  name: string;
  state: GridViewState;
  quickFilter: string;
  savedAt: string;
}

export interface Preferences {
  /** Saved views by grid key ('exceptions', 'inventory', 'decisions', ...). */
  savedViews: Record<string, SavedView[]>;
  /** The saved view each grid opened with last. */
  activeViews: Record<string, string>;
}

export interface PreferencesSlice {
  preferences: Preferences;
  loadPreferences(): void;
  /** Saves (or replaces, by name) a view of a grid. */
  saveView(gridKey: string, name: string, state: GridViewState, quickFilter: string): string | null;
  deleteView(gridKey: string, name: string): void;
  setActiveView(gridKey: string, name: string | null): void;
}

export const initialPreferences: Preferences = { savedViews: {}, activeViews: {} };

/** Accepts only the shape we wrote; anything else (an older or hand-edited value) starts fresh. */
function readPreferences(raw: unknown): Preferences {
  if (typeof raw !== 'object' || raw === null) return initialPreferences;
  const r = raw as Partial<Preferences>;
  const savedViews: Record<string, SavedView[]> = {};
  if (typeof r.savedViews === 'object' && r.savedViews) {
    for (const [key, views] of Object.entries(r.savedViews)) {
      if (!Array.isArray(views)) continue;
      savedViews[key] = views.filter(
        (v): v is SavedView => typeof v?.name === 'string' && typeof v.state === 'object' && v.state !== null && Array.isArray(v.state.columns),
      );
    }
  }
  const activeViews: Record<string, string> = {};
  if (typeof r.activeViews === 'object' && r.activeViews) {
    for (const [k, v] of Object.entries(r.activeViews)) if (typeof v === 'string') activeViews[k] = v;
  }
  return { savedViews, activeViews };
}

export function createPreferencesSlice(services: WorkbenchServices): Slice<PreferencesSlice> {
  return (set, get) => {
    const commit = (preferences: Preferences) => {
      set({ preferences });
      services.preferences.save(preferences);
    };
    return {
      preferences: initialPreferences,
      loadPreferences() {
        set({ preferences: readPreferences(services.preferences.load()) });
      },
      saveView(gridKey, name, state, quickFilter) {
        const trimmed = name.trim();
        if (!trimmed) return 'Name the view first (e.g. "Critical backorders, East").';
        const p = get().preferences;
        const others = (p.savedViews[gridKey] ?? []).filter((v) => v.name !== trimmed);
        const view: SavedView = { name: trimmed, state, quickFilter, savedAt: new Date(services.now()).toISOString() };
        commit({
          savedViews: { ...p.savedViews, [gridKey]: [...others, view].sort((a, b) => a.name.localeCompare(b.name)) },
          activeViews: { ...p.activeViews, [gridKey]: trimmed },
        });
        return null;
      },
      deleteView(gridKey, name) {
        const p = get().preferences;
        const activeViews = { ...p.activeViews };
        if (activeViews[gridKey] === name) delete activeViews[gridKey];
        commit({ savedViews: { ...p.savedViews, [gridKey]: (p.savedViews[gridKey] ?? []).filter((v) => v.name !== name) }, activeViews });
      },
      setActiveView(gridKey, name) {
        const p = get().preferences;
        const activeViews = { ...p.activeViews };
        if (name === null) delete activeViews[gridKey];
        else activeViews[gridKey] = name;
        commit({ ...p, activeViews });
      },
    };
  };
}

export const selectSavedViews = (gridKey: string) => (s: WorkbenchState) => s.preferences.savedViews[gridKey] ?? EMPTY;
export const selectActiveView = (gridKey: string) => (s: WorkbenchState) => {
  const name = s.preferences.activeViews[gridKey];
  return name ? (s.preferences.savedViews[gridKey] ?? []).find((v) => v.name === name) ?? null : null;
};
const EMPTY: SavedView[] = [];
