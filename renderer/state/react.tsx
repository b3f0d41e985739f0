/** React access to the store: a provider at the root, and `useWorkbench(selector)` in components. */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { WorkbenchStore } from './store';
import type { WorkbenchState } from './workbench-state';

const StoreContext = createContext<WorkbenchStore | null>(null);

export function WorkbenchProvider({ store, children }: { store: WorkbenchStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** The store itself (for actions in event handlers: `useWorkbenchStore().getState().approveDecisions(ids)`). */
export function useWorkbenchStore(): WorkbenchStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useWorkbench must be used inside <WorkbenchProvider>.');
  return store;
}

/** Reads state through a named selector; re-renders when the selected value changes. */
export function useWorkbench<T>(selector: (s: WorkbenchState) => T): T {
  return useStore(useWorkbenchStore(), selector);
}
