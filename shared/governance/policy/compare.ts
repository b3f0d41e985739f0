// Field-by-field comparison of two policies, for the "compare versions" panel and for audit notes.
import type { Policy } from '../../engine/policy';

export interface PolicyDifference {
  /** Path of the field, e.g. 'weights.margin', 'segments[1].strategy', 'approvals.planner.maxQty'. */
  readonly field: string;
  /** 'changed', or 'added' / 'removed' when the field exists on one side only (list entries, optional keys). */
  readonly change: 'changed' | 'added' | 'removed';
  readonly before: string | number | boolean | null | undefined;
  readonly after: string | number | boolean | null | undefined;
}

type Leaf = string | number | boolean | null;

function flatten(value: unknown, path: string, out: Map<string, Leaf>): void {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(`${path}`, '(none)');
    value.forEach((v, i) => flatten(v, `${path}[${i}]`, out));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) flatten(v, path === '' ? k : `${path}.${k}`, out);
  } else if (value !== undefined) {
    out.set(path, value as Leaf);
  }
}

/** Every field whose value differs between `before` and `after`, in the order fields appear in `before` then `after`. */
export function comparePolicies(before: Policy, after: Policy): PolicyDifference[] {
  const a = new Map<string, Leaf>();
  const b = new Map<string, Leaf>();
  flatten(before, '', a);
  flatten(after, '', b);
  const keys = [...a.keys(), ...[...b.keys()].filter((k) => !a.has(k))];
  const diffs: PolicyDifference[] = [];
  for (const field of keys) {
    const x = a.get(field);
    const y = b.get(field);
    if (x === y) continue;
    diffs.push({ field, change: !a.has(field) ? 'added' : !b.has(field) ? 'removed' : 'changed', before: x, after: y });
  }
  return diffs;
}
