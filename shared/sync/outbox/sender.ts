/**
 * The outbox sender: delivers queued decisions to the ERP exactly once. Only one sender may run at a time (the
 * renderer guarantees it with a Web Lock), which is why round records found when it starts can only be left over
 * from a crash.
 *
 * It works in rounds: pick the sendable entries (approval order, per-row holds), make sure ONE stored record names
 * the round's keys (in-flight.ts), send them, and record every outcome in one transaction. That transaction runs
 * while the next round's requests are out (the next round's record is written just before it). Per decision that is
 * one entry write and one audit record (its status is derived from the entry) — not a "sending" rewrite — and the
 * writes overlap the network instead of following it. The short rounds at the end of a busy row's chain share one
 * record.
 */
import type { AbortSignalLike, Clock, ErpAnswer, Random, SyncErp } from '../ports';
import { SyncCancelled, throwIfCancelled } from '../ports';
import type { BackoffPolicy } from './backoff';
import { DEFAULT_BACKOFF, retryDelay } from './backoff';
import type { PushVerdict } from './classify';
import { classifyOutcome, classifyPush } from './classify';
import type { AuditRecord, OutboxEntry } from './entry';
import { decisionToSend, erpDecisionId, isTerminal } from './entry';
import { inFlightRound } from './in-flight';
import { nextDueAt, pickSendable } from './ordering';
import type { RebasePolicy } from './rebase';
import { MAX_AUTO_REBASES } from './rebase';
import type { OutboxStore } from './store';

export interface SenderOptions {
  erp: SyncErp;
  store: OutboxStore;
  clock: Clock;
  random: Random;
  rebase: RebasePolicy;
  /** Asked on 401: sign in again (or refresh the token). False means the planner must sign in; sending stops. */
  reauthenticate?: () => Promise<boolean>;
  backoff?: BackoffPolicy;
  /** Entries per round (one in-flight record and one outcome transaction each). */
  batchSize?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /**
   * Decisions per `POST /decisions/batch` when the ERP has the route (default 250, at most 500); 1 sends each
   * decision alone. An ERP answering 404/405 to the batch route gets one request per decision for the rest of the drain.
   */
  entriesPerRequest?: number;
  /** Called after every round's outcomes are stored, with what this drain has done so far. */
  onProgress?: (report: DrainReport) => void;
}

export type DrainStop =
  /** Nothing queued any more (everything applied, rejected, or parked behind a needs-attention entry). */
  | 'idle'
  /** The ERP keeps asking for a sign-in the app cannot give; the outbox is intact. */
  | 'auth-required'
  | 'cancelled';

export interface DrainReport {
  applied: number;
  rejected: number;
  needsAttention: number;
  rebased: number;
  retries: number;
  /** Entries whose earlier response was lost and whose outcome was asked for. */
  lookups: number;
  requeuedAfterCrash: number;
  /** Entries still open (queued or sending or needs-attention). */
  open: number;
  stop?: DrainStop;
  lastError?: string;
}

interface SendResult {
  entry: OutboxEntry;
  audit?: AuditRecord;
  /** The ERP asked everybody to slow down (429): no request before this time. */
  pauseUntil?: number;
  authRequired?: boolean;
}

export const DEFAULT_ENTRIES_PER_REQUEST = 250;
const MAX_ENTRIES_PER_REQUEST = 500;
/** Batch requests of one round in flight at once (at most). */
const BATCH_LANES = 4;
/**
 * A round is split over the lanes only when each request still carries this many decisions: a small round (the
 * tail of a busy row's chain) goes as one request, since each request has a fixed cost in the browser and the ERP.
 */
const MIN_PER_LANE = 64;
/** Tells rounds of drains in one process apart when the clock has not moved (tests' virtual clock). */
let drainsStarted = 0;

/**
 * The per-entry answers of a 200 to POST /decisions/batch, each shaped as the answer a lone POST would have got,
 * or undefined when the answer is not a readable result list for exactly these entries.
 */
function batchResultsOf(answer: ErpAnswer, chunk: readonly OutboxEntry[]): ErpAnswer[] | undefined {
  if (answer.status !== 200) return undefined;
  const results = (answer.body as { results?: unknown } | undefined)?.results;
  if (!Array.isArray(results) || results.length !== chunk.length) return undefined;
  const out: ErpAnswer[] = [];
  for (let i = 0; i < results.length; i++) {
    const r = results[i] as { idempotencyKey?: unknown; status?: unknown; body?: unknown } | undefined;
    if (r?.idempotencyKey !== erpDecisionId(chunk[i] as OutboxEntry) || typeof r.status !== 'number') return undefined;
    out.push({ status: r.status, body: r.body });
  }
  return out;
}

/** Runs `task` over `items` with at most `limit` in flight. */
async function mapConcurrent<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Sends every queued entry until none is left that can move, then resolves with what happened. */
export async function drainOutbox(options: SenderOptions, signal?: AbortSignalLike): Promise<DrainReport> {
  const { erp, store, clock, random, rebase } = options;
  const policy = options.backoff ?? DEFAULT_BACKOFF;
  const entriesPerRequest = Math.min(MAX_ENTRIES_PER_REQUEST, Math.max(1, options.entriesPerRequest ?? DEFAULT_ENTRIES_PER_REQUEST));
  const batchSize = options.batchSize ?? (erp.postDecisionBatch !== undefined && entriesPerRequest > 1 ? 1000 : 64);
  const concurrency = options.concurrency ?? 8;
  const report: DrainReport = { applied: 0, rejected: 0, needsAttention: 0, rebased: 0, retries: 0, lookups: 0, requeuedAfterCrash: 0, open: 0 };

  report.requeuedAfterCrash = await store.requeueInterrupted(clock.now());
  // The first entries in approval order are enough to start with (a later entry never holds an earlier one back).
  // The rest is read once the first round's record is stored (a read queued before it would hold the record back),
  // while the first requests are out.
  const firstSlice = 2 * batchSize;
  let open = await store.loadOpen({ limit: firstSlice });
  const firstSliceThrough = open.at(-1)?.seq ?? 0;
  let rest: 'none' | 'to-read' | { done: Promise<OutboxEntry[]>; loaded: boolean } = open.length < firstSlice ? 'none' : 'to-read';
  const readRest = (): void => {
    if (rest !== 'to-read') return;
    const reading = { done: store.loadOpen({ afterSeq: firstSliceThrough }), loaded: false };
    reading.done.then(
      () => (reading.loaded = true),
      () => (reading.loaded = true), // the error surfaces where it is awaited
    );
    rest = reading;
  };
  /** Appends the rest once read (or, with `wait`, once it is): every entry in it comes after those loaded. */
  const takeRest = async (wait: boolean): Promise<void> => {
    if (typeof rest !== 'object' || (!wait && !rest.loaded)) return;
    const loaded = await rest.done;
    rest = 'none';
    open = [...open, ...loaded];
  };
  let pauseUntil = 0;
  let reauthInFlight: Promise<boolean> | undefined;

  const reauthenticateOnce = (): Promise<boolean> => {
    if (!options.reauthenticate) return Promise.resolve(false);
    reauthInFlight ??= options.reauthenticate().catch(() => false);
    return reauthInFlight;
  };

  const retryLater = (entry: OutboxEntry, verdict: { status: number; reason: string; retryAfterMs?: number }, mayHaveApplied: boolean): SendResult => {
    const now = clock.now();
    const delay = retryDelay(entry.attempts, random, verdict.retryAfterMs, policy);
    report.retries++;
    report.lastError = verdict.reason;
    return {
      entry: {
        ...entry,
        state: 'queued',
        nextAttemptAt: now + delay,
        uncertain: entry.uncertain || mayHaveApplied,
        lastError: { status: verdict.status, message: verdict.reason, at: now },
        updatedAt: now,
      },
      pauseUntil: verdict.status === 429 ? now + delay : undefined,
    };
  };

  const finish = (entry: OutboxEntry, verdict: Extract<PushVerdict, { kind: 'applied' | 'rejected' }>): SendResult => {
    const now = clock.now();
    if (verdict.kind === 'applied') {
      report.applied++;
      return {
        entry: { ...entry, state: 'applied', answer: verdict.answer, uncertain: false, updatedAt: now },
        audit: { decisionId: entry.decisionId, at: now, event: 'applied', status: verdict.replay ? 200 : 201, answer: verdict.answer, actor: entry.approvedBy },
      };
    }
    report.rejected++;
    return {
      entry: { ...entry, state: 'rejected', answer: verdict.answer, uncertain: false, lastError: { status: verdict.status, message: verdict.reason, at: now }, updatedAt: now },
      audit: { decisionId: entry.decisionId, at: now, event: 'rejected', status: verdict.status, answer: verdict.answer, actor: entry.approvedBy, detail: verdict.reason },
    };
  };

  const onConflict = async (entry: OutboxEntry, verdict: Extract<PushVerdict, { kind: 'conflict' }>): Promise<SendResult> => {
    let current = verdict.currentRows;
    if (current === undefined) {
      const fetched = await erp.getRows(rebase.rowsOf(entry.decision), signal);
      if (fetched.status !== 200) return retryLater(entry, { status: fetched.status, reason: `could not re-fetch rows after ${verdict.status}` }, false);
      current = fetched.body;
    }
    const now = clock.now();
    if (entry.rebases < MAX_AUTO_REBASES) {
      const checked = rebase.recheck(entry.decision, current);
      if (checked.holds) {
        report.rebased++;
        // The ERP has recorded this revision as rejected: the rebased decision goes out as the next revision.
        return {
          entry: { ...entry, state: 'queued', decision: checked.decision, rebases: entry.rebases + 1, revision: (entry.revision ?? 0) + 1, nextAttemptAt: now, uncertain: false, updatedAt: now },
        };
      }
      verdict = { ...verdict, reason: checked.reason };
    } else {
      verdict = { ...verdict, reason: `${verdict.reason} (still conflicting after ${MAX_AUTO_REBASES} automatic rebases)` };
    }
    report.needsAttention++;
    const attention = { base: entry.baseRows, current, proposed: entry.decision, reason: verdict.reason, status: verdict.status };
    return {
      entry: { ...entry, state: 'needs-attention', attention, uncertain: false, lastError: { status: verdict.status, message: verdict.reason, at: now }, updatedAt: now },
      audit: { decisionId: entry.decisionId, at: now, event: 'needs-attention', status: verdict.status, answer: current, actor: entry.approvedBy, detail: verdict.reason },
    };
  };

  /**
   * An entry whose last answer was lost: asks the ERP for its outcome. Resolves with the entry's result when the
   * ERP knows it (or cannot say now), or 'send' when the ERP never recorded it, so sending with the same key is safe.
   */
  const resolveUncertain = async (entry: OutboxEntry, reauthLeft: number): Promise<SendResult | 'send'> => {
    report.lookups++;
    const outcome = classifyOutcome(await erp.getDecisionOutcome(erpDecisionId(entry), signal));
    if (outcome.kind === 'known') {
      const verdict = outcome.verdict;
      if (verdict.kind === 'applied' || verdict.kind === 'rejected') return finish(entry, verdict);
      // Recorded as refused by a precondition: resending this revision would only replay the refusal.
      if (verdict.kind === 'conflict') return onConflict(entry, verdict);
    } else if (outcome.kind === 'unauthorized') {
      if (reauthLeft > 0 && (await reauthenticateOnce())) return resolveUncertain(entry, reauthLeft - 1);
      return { entry: { ...entry, state: 'queued', attempts: entry.attempts - 1 }, authRequired: true };
    } else if (outcome.kind === 'retry') {
      return retryLater(entry, outcome, true);
    }
    // 'unknown' (404): never applied, so sending with the same key is safe.
    return 'send';
  };

  /** What the outbox does with one answer to one decision, whether it came alone or as an entry of a batch. */
  const onVerdict = async (entry: OutboxEntry, verdict: PushVerdict, reauthLeft: number): Promise<SendResult> => {
    switch (verdict.kind) {
      case 'applied':
      case 'rejected':
        return finish(entry, verdict);
      case 'conflict':
        return onConflict(entry, verdict);
      case 'unauthorized':
        if (reauthLeft > 0 && (await reauthenticateOnce())) return sendOne(entry, reauthLeft - 1);
        return { entry: { ...entry, state: 'queued', attempts: entry.attempts - 1 }, authRequired: true };
      case 'retry':
        return retryLater(entry, verdict, verdict.mayHaveApplied);
    }
  };

  const sendOne = async (entry: OutboxEntry, reauthLeft = 1): Promise<SendResult> => {
    if (entry.uncertain) {
      // The last answer was lost: the ERP may already hold this decision. Ask before sending it again.
      const resolved = await resolveUncertain(entry, reauthLeft);
      if (resolved !== 'send') return resolved;
    }
    return onVerdict(entry, classifyPush(await erp.postDecision(decisionToSend(entry), erpDecisionId(entry), signal)), reauthLeft);
  };

  // Batches go out while the ERP has the route; its first 404/405 switches this drain to one request per decision.
  let batchRoute = erp.postDecisionBatch !== undefined && entriesPerRequest > 1;

  /**
   * A whole batch failed: every entry retries, all at the same time, so they go out together again instead of
   * scattering into small batches by their own jitter (the jitter spreads clients, not the entries of one request).
   */
  const retryChunkLater = (chunk: OutboxEntry[], verdict: { status: number; reason: string; retryAfterMs?: number }, mayHaveApplied: boolean): SendResult[] => {
    const results = chunk.map((e) => retryLater(e, verdict, mayHaveApplied));
    const at = Math.max(...results.map((r) => r.entry.nextAttemptAt));
    return results.map((r) => ({ ...r, entry: { ...r.entry, nextAttemptAt: at }, ...(r.pauseUntil === undefined ? {} : { pauseUntil: at }) }));
  };

  /** Posts entries (disjoint rows, from one round) as one POST /decisions/batch and maps each entry's result. */
  const sendChunk = async (chunk: OutboxEntry[], reauthLeft = 1): Promise<SendResult[]> => {
    if (!batchRoute || erp.postDecisionBatch === undefined) return mapConcurrent(chunk, concurrency, (e) => sendOne(e));
    const answer = await erp.postDecisionBatch(
      chunk.map((e) => ({ idempotencyKey: erpDecisionId(e), decision: decisionToSend(e) })),
      signal,
    );
    const results = batchResultsOf(answer, chunk);
    if (results !== undefined) {
      // Each entry's result is exactly a lone POST's answer, so it goes through the same classification.
      // (Conflicts re-fetch rows, so the mapping is bounded like any other requests.)
      const indexes = chunk.map((_, i) => i);
      return mapConcurrent(indexes, concurrency, (i) => onVerdict(chunk[i] as OutboxEntry, classifyPush(results[i] as ErpAnswer), reauthLeft));
    }
    if (answer.status === 404 || answer.status === 405) {
      batchRoute = false;
      return mapConcurrent(chunk, concurrency, (e) => sendOne(e));
    }
    if (answer.status === 401) {
      if (reauthLeft > 0 && (await reauthenticateOnce())) return sendChunk(chunk, reauthLeft - 1);
      return chunk.map((e) => ({ entry: { ...e, state: 'queued' as const, attempts: e.attempts - 1 }, authRequired: true }));
    }
    const verdict = classifyPush(answer);
    if (verdict.kind === 'retry') return retryChunkLater(chunk, verdict, verdict.mayHaveApplied);
    if (answer.status >= 200 && answer.status < 300) {
      // A 2xx we cannot read: the entries may have been applied. Exactly like a lost answer: look each one up.
      return retryChunkLater(chunk, { status: answer.status, reason: `unreadable answer to POST /decisions/batch (HTTP ${answer.status})` }, true);
    }
    // The ERP refused the request as a whole (e.g. 422 on the envelope): nothing was applied; each decision alone
    // gets its own answer, with its own key.
    return mapConcurrent(chunk, concurrency, (e) => sendOne(e));
  };

  /** Sends one round: lost answers are looked up first, then everything still to send goes out in batches. */
  const sendRoundBatched = async (round: OutboxEntry[]): Promise<SendResult[]> => {
    const results = new Array<SendResult>(round.length);
    const toSend: number[] = [];
    await mapConcurrent(round.map((_, i) => i), concurrency, async (i) => {
      const entry = round[i] as OutboxEntry;
      const resolved = entry.uncertain ? await resolveUncertain(entry, 1) : 'send';
      if (resolved === 'send') toSend.push(i);
      else results[i] = resolved;
    });
    toSend.sort((a, b) => a - b);
    // Spread the round over a few connections (a browser opens 6 per host, and each request has a fixed cost, so
    // more and smaller requests buy nothing), never more entries per request than asked.
    const lanes = Math.max(1, Math.min(concurrency, BATCH_LANES));
    const size = Math.max(1, Math.min(entriesPerRequest, Math.max(MIN_PER_LANE, Math.ceil(toSend.length / lanes))));
    const chunks: number[][] = [];
    for (let i = 0; i < toSend.length; i += size) chunks.push(toSend.slice(i, i + size));
    await mapConcurrent(chunks, concurrency, async (indexes) => {
      const sent = await sendChunk(indexes.map((i) => round[i] as OutboxEntry));
      indexes.forEach((i, k) => (results[i] = sent[k] as SendResult));
    });
    return results;
  };

  const merge = (changed: OutboxEntry[]): void => {
    const byId = new Map(changed.map((e) => [e.decisionId, e]));
    open = open.map((e) => byId.get(e.decisionId) ?? e).filter((e) => !isTerminal(e.state));
  };

  const drainTag = `${clock.now().toString(36)}.${(++drainsStarted).toString(36)}`;
  let records = 0;
  /** A round record this drain wrote and has not removed: the keys it names, and how many unstored rounds rely on it. */
  interface LiveRecord {
    id: string;
    keys: Set<string>;
    unstored: number;
  }
  /** The newest record: a round whose every key it names goes out without writing another. */
  let newest: LiveRecord | undefined;
  /** Records no round relies on any more: removed with the next record write (or at the end). */
  let removable: string[] = [];
  /** The last round's outcome transaction, running while the next round's requests are out. */
  let storing: { done: Promise<void>; record: LiveRecord } | undefined;

  /** Waits until the last round's outcomes are stored; its record may go once no other unstored round needs it. */
  const settle = async (): Promise<void> => {
    if (!storing) return;
    const { done, record } = storing;
    storing = undefined;
    await done;
    record.unstored--;
    if (record.unstored === 0 && record !== newest) removable.push(record.id);
    report.open = open.length;
    options.onProgress?.({ ...report });
  };

  /**
   * The round's entries, then the rounds that would follow if every answer were "applied", up to `batchSize` in all.
   * A big round names itself only; the short rounds at the end of a busy row's chain share one record instead of
   * writing one each (after a crash, the named entries that never left cost a lookup that answers 404).
   */
  const roundsAhead = (batch: OutboxEntry[], now: number): OutboxEntry[] => {
    const named = [...batch];
    let remaining = open;
    for (let wave = batch; wave.length > 0 && named.length < batchSize; ) {
      const gone = new Set(wave.map((e) => e.decisionId));
      remaining = remaining.filter((e) => !gone.has(e.decisionId));
      wave = pickSendable(remaining, now, batchSize - named.length);
      named.push(...wave);
    }
    return named;
  };

  /**
   * Picks the next round and makes sure a stored record names every key in it before any request leaves (a crash
   * after that makes the next start look these entries up). A new record also removes the records no round needs.
   */
  const startRound = async (now: number): Promise<{ batch: OutboxEntry[]; record: LiveRecord } | undefined> => {
    await takeRest(false);
    let batch = pickSendable(open, now, batchSize);
    if (batch.length === 0 && rest !== 'none') {
      // Nothing in the first slice can go (parked or backing off): the rest may have entries that can.
      readRest();
      await takeRest(true);
      batch = pickSendable(open, now, batchSize);
    }
    if (batch.length === 0) return undefined;
    let record = newest;
    if (record === undefined || !batch.every((e) => record?.keys.has(erpDecisionId(e)))) {
      const named = inFlightRound(`${drainTag}.${++records}`, roundsAhead(batch, now), now);
      if (newest !== undefined && newest.unstored === 0) removable.push(newest.id);
      await store.save([], { started: named, settled: removable });
      removable = [];
      record = newest = { id: named.id, keys: new Set(named.erpIds), unstored: 0 };
      readRest();
    }
    record.unstored++;
    return { batch, record };
  };

  try {
    /** The next round, already recorded while the last round's answers were being handled. */
    let next: { batch: OutboxEntry[]; record: LiveRecord } | undefined;
    for (;;) {
      throwIfCancelled(signal);
      const now = clock.now();
      if (next === undefined && pauseUntil > now) {
        await settle();
        await clock.sleep(pauseUntil - now, signal);
        continue;
      }
      const current = next ?? (await startRound(now));
      next = undefined;
      if (current === undefined) {
        // Nothing to send now: the last outcomes are made durable before waiting or finishing.
        await settle();
        const due = nextDueAt(open);
        if (due === undefined) {
          report.stop = 'idle';
          break;
        }
        await clock.sleep(Math.max(1, due - now), signal);
        continue;
      }
      const sentAt = clock.now();
      const sending = current.batch.map((e) => ({ ...e, state: 'sending' as const, attempts: e.attempts + 1, updatedAt: sentAt }));
      merge(sending);
      reauthInFlight = undefined;
      // A round's entries touch pairwise disjoint rows (pickSendable), so they may share a batch and go in any order.
      const results = batchRoute ? await sendRoundBatched(sending) : await mapConcurrent(sending, concurrency, (entry) => sendOne(entry));
      // The answers are known: applied entries free their rows, so later decisions on those rows may go next round
      // (after these at the ERP, as per-row order asks). Until the outcomes are stored, the round's record covers
      // them: a crash makes the next start look them up.
      merge(results.map((r) => r.entry));
      for (const r of results) if (r.pauseUntil !== undefined) pauseUntil = Math.max(pauseUntil, r.pauseUntil);
      // Nothing in the round got through (ERP down or overloaded): everyone waits, instead of the next batch
      // hammering it. The wait is the shortest of the round's own retry delays.
      if (results.every((r) => r.entry.state === 'queued' && r.entry.nextAttemptAt > sentAt)) {
        pauseUntil = Math.max(pauseUntil, Math.min(...results.map((r) => r.entry.nextAttemptAt)));
      }
      const authRequired = results.some((r) => r.authRequired);
      // One outcome transaction at a time (the audit log stays in order); the last one ran while these requests were out.
      await settle();
      // The next round's record is written now, before this round's outcome transaction: the database works through
      // requests in order, so a record queued behind 3,000 outcome writes would hold the next requests back.
      if (!authRequired && pauseUntil <= clock.now()) next = await startRound(clock.now());
      const done = store.save(results.map((r) => ({ entry: r.entry, audit: r.audit })));
      // Awaited by settle(); until then a failure must not count as unhandled.
      done.catch(() => undefined);
      storing = { done, record: current.record };
      if (authRequired) {
        report.stop = 'auth-required';
        break;
      }
    }
  } catch (error) {
    // A cancel can surface as the transport's own AbortError mid-round; either way the round's record stays in
    // storage and the next start looks its entries up, which is exactly the crash path.
    if (!(error instanceof SyncCancelled) && !signal?.aborted) {
      await settle().catch(() => undefined);
      throw error;
    }
    report.stop = 'cancelled';
  }
  try {
    await settle();
    if (newest !== undefined && newest.unstored === 0) removable.push(newest.id);
    if (removable.length > 0) await store.save([], { settled: removable });
  } catch (error) {
    // Killed while the last outcomes were being stored: their round's record stays, as after a crash.
    if (!signal?.aborted && report.stop !== 'cancelled') throw error;
    report.stop = 'cancelled';
  }
  report.open = open.length;
  return report;
}
