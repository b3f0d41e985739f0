// What a finished group run leaves for composing its plan lines, decisions and exceptions later: the engine context,
// the per-line results (indexed by line, overwritten only when the group runs again), and the group's own service
// order and on-hand takers (a fresh list per run). Text and objects are composed from this on request.
import type { LineResults } from './allocate/run';
import type { EngineContext } from './context';

export interface GroupView {
  readonly ctx: EngineContext;
  readonly results: LineResults;
  /** The group's lines in service (rank) order. */
  readonly order: Int32Array;
  /** On-hand takes per item x warehouse key, in order: line, qty, line, qty... (who took the stock). */
  readonly takers: ReadonlyMap<number, readonly number[]>;
}
