/** The slice creator type every slice of the workbench store uses (Zustand's slices pattern). */
import type { StateCreator } from 'zustand/vanilla';
import type { WorkbenchState } from './workbench-state';

export type Slice<T> = StateCreator<WorkbenchState, [], [], T>;

/** Turns anything thrown into a sentence for the planner. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
