/**
 * Per-row ordering: decisions that touch the same order line or balance go to the ERP in approval order, one at a
 * time; a decision held up (backing off, waiting for the planner, in flight) holds back only the later decisions that
 * share a row with it. Everything else flows.
 */
import type { OutboxEntry } from './entry';
import { isTerminal } from './entry';

/**
 * Picks up to `limit` entries that may be sent now, in approval order. `open` must be sorted by seq and may contain
 * any state; terminal entries are ignored.
 */
export function pickSendable(open: readonly OutboxEntry[], now: number, limit: number): OutboxEntry[] {
  const picked: OutboxEntry[] = [];
  const heldRows = new Set<string>();
  for (const entry of open) {
    if (isTerminal(entry.state)) continue;
    const blocked = entry.rowKeys.some((key) => heldRows.has(key));
    const ready = !blocked && entry.state === 'queued' && entry.nextAttemptAt <= now && picked.length < limit;
    if (ready) picked.push(entry);
    // Whatever its state, an open entry holds its rows until it is done, so later ones on those rows wait.
    for (const key of entry.rowKeys) heldRows.add(key);
  }
  return picked;
}

/**
 * The earliest time a queued entry may become sendable, or undefined when nothing can move without the planner:
 * entries behind a needs-attention entry (directly or through a chain of shared rows) are parked, not due.
 */
export function nextDueAt(open: readonly OutboxEntry[]): number | undefined {
  let earliest: number | undefined;
  const parkedRows = new Set<string>();
  for (const entry of open) {
    if (isTerminal(entry.state)) continue;
    const parked = entry.state === 'needs-attention' || entry.rowKeys.some((key) => parkedRows.has(key));
    if (parked) {
      for (const key of entry.rowKeys) parkedRows.add(key);
      continue;
    }
    if (entry.state === 'queued' && (earliest === undefined || entry.nextAttemptAt < earliest)) earliest = entry.nextAttemptAt;
  }
  return earliest;
}
