// What the allocation view needs of the workbench store: the allocation and scenarios slices, plus the navigation
// target the exception queue sets ("open this item's SKU group"). Read-only store API, so the workbench store (or a
// test store) can be passed as is.
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ScenariosSlice } from '../scenarios/scenarios-slice';
import type { AllocationSlice } from './allocation-slice';

/** Set by the exception queue; a new `requestedAt` asks the view to open the item's SKU group. */
export interface AllocationOpenRequest {
  readonly itemId: string;
  readonly exceptionId?: string;
  readonly requestedAt: number;
}

export type AllocationViewState = AllocationSlice & ScenariosSlice & { readonly allocationTarget?: AllocationOpenRequest | null };

export type AllocationViewStore = Pick<StoreApi<AllocationViewState>, 'getState' | 'getInitialState' | 'subscribe'>;

/** Reads the view's store through a selector. */
export function useAllocationStore<T>(store: AllocationViewStore, selector: (s: AllocationViewState) => T): T {
  return useStore(store, selector);
}
