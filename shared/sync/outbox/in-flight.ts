/**
 * Rounds in flight. Before a round's requests leave, the sender stores ONE record naming the ERP id (the
 * Idempotency-Key) of every entry in it, instead of rewriting every entry to "sending": a 1,000-entry round costs one
 * record write, not 1,000. A crash leaves the record behind, and the next start treats the entries it names as
 * "their answer may have been lost": queued again, uncertain, looked up before any resend.
 */
import type { OutboxEntry } from './entry';
import { erpDecisionId, requeueInterrupted, workbenchDecisionId } from './entry';

export interface InFlightRound {
  /** Unique among rounds (drain start time + counter); the record's key. */
  id: string;
  startedAt: number;
  /** `erpDecisionId()` of every entry sent in the round: the decision id, or `D~rN` for a later revision. */
  erpIds: string[];
}

/** Builds the record of a round about to be sent. */
export function inFlightRound(id: string, entries: readonly OutboxEntry[], now: number): InFlightRound {
  return { id, startedAt: now, erpIds: entries.map(erpDecisionId) };
}

/**
 * The entries a crash interrupted, already requeued as uncertain: those left "sending" (the older sender's mark) and
 * the queued ones whose current revision a round record names. Entries the record names that have moved on (applied,
 * rejected, needs attention, or queued as a later revision that was never sent) are left as they are.
 */
export function interruptedEntries(entries: readonly OutboxEntry[], rounds: readonly InFlightRound[], now: number): OutboxEntry[] {
  const named = new Set(rounds.flatMap((r) => r.erpIds));
  const out: OutboxEntry[] = [];
  for (const entry of entries) {
    if (entry.state === 'sending') out.push(requeueInterrupted(entry, now));
    else if (entry.state === 'queued' && named.has(erpDecisionId(entry))) {
      // The send counted as an attempt even though its outcome never got written.
      out.push({ ...entry, uncertain: true, attempts: entry.attempts + 1, nextAttemptAt: now, updatedAt: now });
    }
  }
  return out;
}

/** Decision ids named by round records: what the status bar counts as "sending". */
export function decisionIdsInFlight(rounds: readonly InFlightRound[]): Set<string> {
  const ids = new Set<string>();
  for (const r of rounds) for (const erpId of r.erpIds) ids.add(workbenchDecisionId(erpId));
  return ids;
}
