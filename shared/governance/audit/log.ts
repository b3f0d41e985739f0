// Append-only semantics shared by the local log and the ERP's audit store: an event id is written once; writing the
// same event again is a no-op (so retries are harmless), writing different content under a known id is refused.
import type { AuditEvent } from './events';

/** Key-order independent JSON, so "the same event" does not depend on how an object was built. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A cheap content fingerprint (FNV-1a over the text, with its length): same text, same fingerprint. The format is
 * stored in the reference ERP's audit answers (bodyHash), so it must not change.
 */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${text.length}:${h.toString(16)}`;
}

export interface AppendOutcome {
  /** Events new to the log, in the order given. */
  readonly appended: readonly AuditEvent[];
  /** Ids already recorded with identical content. */
  readonly duplicates: readonly string[];
  /** Ids already recorded with different content: refused, the log keeps the first. */
  readonly conflicts: readonly string[];
}

/** Plans an append against what the log already holds (`existing` by id). Pure: the caller writes `appended`. */
export function planAppend(existing: ReadonlyMap<string, AuditEvent>, incoming: readonly AuditEvent[]): AppendOutcome {
  const appended: AuditEvent[] = [];
  const duplicates: string[] = [];
  const conflicts: string[] = [];
  const seen = new Map(existing);
  for (const e of incoming) {
    const prior = seen.get(e.id);
    if (prior === undefined) {
      appended.push(e);
      seen.set(e.id, e);
    } else if (stableJson(prior) === stableJson(e)) duplicates.push(e.id);
    else conflicts.push(e.id);
  }
  return { appended, duplicates, conflicts };
}
