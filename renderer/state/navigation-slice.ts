/**
 * Navigation: which view is shown, what the allocation view should open (an exception's SKU group), and the help
 * overlay.
 */
import type { Slice } from './slice';
import type { WorkbenchState } from './workbench-state';

export const VIEW_IDS = ['exceptions', 'allocation', 'inventory', 'decisions', 'policy', 'audit', 'insights', 'sign-in'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

/** What "open" on an exception asks the allocation view to show. */
export interface AllocationTarget {
  itemId: string;
  exceptionId?: string;
  /** Changes on every request so opening the same group twice still reloads it. */
  requestedAt: number;
}

export interface NavigationSlice {
  view: ViewId;
  allocationTarget: AllocationTarget | null;
  helpOpen: boolean;
  navigate(view: ViewId): void;
  /** Goes to the allocation view of the item's SKU group. */
  openAllocation(itemId: string, exceptionId?: string): void;
  setHelpOpen(open: boolean): void;
}

export const initialNavigationState = { view: 'exceptions' as ViewId, allocationTarget: null, helpOpen: false };

export function createNavigationSlice(now: () => number): Slice<NavigationSlice> {
  return (set) => ({
    ...initialNavigationState,
    navigate(view) {
      set({ view });
    },
    openAllocation(itemId, exceptionId) {
      set({ view: 'allocation', allocationTarget: { itemId, ...(exceptionId ? { exceptionId } : {}), requestedAt: now() } });
    },
    setHelpOpen(open) {
      set({ helpOpen: open });
    },
  });
}

export const selectView = (s: WorkbenchState) => s.view;
export const selectAllocationTarget = (s: WorkbenchState) => s.allocationTarget;
export const selectHelpOpen = (s: WorkbenchState) => s.helpOpen;
