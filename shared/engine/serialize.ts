// The plan's bytes: plain JSON with a fixed key order (objects are built in a fixed order), so the same snapshot,
// policy and edits give the same file, byte for byte.
import type { Plan } from './types';

/** Serialises a plan (two-space indentation when `pretty`). */
export function planToJson(plan: Plan, pretty = false): string {
  return pretty ? JSON.stringify(plan, null, 2) : JSON.stringify(plan);
}
