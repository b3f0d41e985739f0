/** In-memory stand-ins for the sync protocol's ports: a virtual clock, seeded randomness, memory stores, a scripted ERP. */
import type { AbortSignalLike, Clock, ErpAnswer, EntityPage, RowRef, SyncErp } from '../../shared/sync/ports';
import { SyncCancelled } from '../../shared/sync/ports';
import type { OutboxEntry } from '../../shared/sync/outbox/entry';
import { isTerminal, newOutboxEntry, workbenchDecisionId } from '../../shared/sync/outbox/entry';
import type { RebasePolicy } from '../../shared/sync/outbox/rebase';
import type { InFlightRound } from '../../shared/sync/outbox/in-flight';
import { interruptedEntries } from '../../shared/sync/outbox/in-flight';
import type { OpenRange, OutboxChange, OutboxStore, RoundMarks } from '../../shared/sync/outbox/store';
import type { CursorState, PageWrite, PullStore, PullTarget, SyncIssue } from '../../shared/sync/pull/types';

/** A clock whose sleep advances virtual time at once, recording every wait. */
export class VirtualClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public t = 1_000_000) {}
  now(): number {
    return this.t;
  }
  async sleep(ms: number, signal?: AbortSignalLike): Promise<void> {
    if (signal?.aborted) throw new SyncCancelled();
    this.sleeps.push(ms);
    this.t += ms;
    await Promise.resolve();
  }
}

/** Deterministic uniform numbers (mulberry32). */
export function seededRandom(seed = 42): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Outbox storage in memory. Each call is one "transaction": it happens whole or (with `failSaves`) not at all, which
 * is how tests kill a sender between two writes. Counts transactions and records written.
 */
export class MemoryOutboxStore implements OutboxStore {
  readonly entries = new Map<string, OutboxEntry>();
  readonly audit: OutboxChange['audit'][] = [];
  /** In-flight round records, by round id. */
  readonly rounds = new Map<string, InFlightRound>();
  saves = 0;
  /** Records written: entries, audit records and round records (a removal is not counted). */
  records = 0;
  /** Every entry write, in order (decision id and state): tells an outcome write from a "sending" rewrite. */
  readonly entryWrites: { decisionId: string; state: string }[] = [];
  /** Called before each save is applied; throwing makes the save fail whole (a kill before the commit). */
  beforeSave?: (changes: OutboxChange[], marks?: RoundMarks) => void;
  async requeueInterrupted(now: number): Promise<number> {
    const requeued = interruptedEntries([...this.entries.values()], [...this.rounds.values()], now);
    for (const e of requeued) this.entries.set(e.decisionId, e);
    this.rounds.clear();
    return requeued.length;
  }
  /** Calls to loadOpen, with their range. */
  readonly loads: (OpenRange | undefined)[] = [];
  async loadOpen(range?: OpenRange): Promise<OutboxEntry[]> {
    this.loads.push(range);
    const after = range?.afterSeq ?? -Infinity;
    const open = [...this.entries.values()].filter((e) => !isTerminal(e.state) && e.seq > after).sort((a, b) => a.seq - b.seq);
    return open.slice(0, range?.limit ?? open.length).map((e) => structuredClone(e));
  }
  async save(changes: OutboxChange[], marks?: RoundMarks): Promise<void> {
    this.beforeSave?.(changes, marks);
    this.saves++;
    for (const c of changes) {
      this.entries.set(c.entry.decisionId, structuredClone(c.entry));
      this.entryWrites.push({ decisionId: c.entry.decisionId, state: c.entry.state });
      this.records++;
      if (c.audit) {
        this.audit.push(c.audit);
        this.records++;
      }
    }
    for (const id of marks?.settled ?? []) this.rounds.delete(id);
    if (marks?.started) {
      this.rounds.set(marks.started.id, structuredClone(marks.started));
      this.records++;
    }
  }
}

/** A memory pull store whose writePage is all-or-nothing, and can be told to fail on a given call. */
export class MemoryPullStore implements PullStore {
  readonly live = new Map<string, Map<string, Record<string, unknown>>>();
  readonly staging = new Map<string, Map<string, Record<string, unknown>>>();
  readonly cursors = new Map<string, CursorState>();
  issues: SyncIssue[] = [];
  resync = false;
  writes = 0;
  failOnWrite?: number;

  table(target: PullTarget, entity: string): Map<string, Record<string, unknown>> {
    const tables = target === 'live' ? this.live : this.staging;
    let t = tables.get(entity);
    if (!t) tables.set(entity, (t = new Map()));
    return t;
  }
  async getCursor(entity: string, target: PullTarget): Promise<CursorState | undefined> {
    return this.cursors.get(`${target}:${entity}`);
  }
  async writePage(page: PageWrite): Promise<void> {
    this.writes++;
    if (this.failOnWrite === this.writes) throw new Error('disk full (simulated)');
    const t = this.table(page.target, page.entity);
    for (const row of page.upserts) t.set(String(row.id), row);
    for (const id of page.deletes) t.delete(id);
    this.issues = this.issues.filter((i) => !(i.entity === page.entity && (page.resolvedIssueIds.includes(i.recordId) || page.issues.some((n) => n.recordId === i.recordId))));
    this.issues.push(...page.issues);
    this.cursors.set(`${page.target}:${page.entity}`, page.cursor);
  }
  async openIssueIds(entity: string): Promise<Set<string>> {
    return new Set(this.issues.filter((i) => i.entity === entity).map((i) => i.recordId));
  }
  async beginStaging(entities: readonly string[]): Promise<{ resumed: boolean }> {
    if (this.resync) return { resumed: true };
    this.resync = true;
    for (const e of entities) {
      this.staging.delete(e);
      this.cursors.delete(`staging:${e}`);
    }
    return { resumed: false };
  }
  async stagingInProgress(): Promise<boolean> {
    return this.resync;
  }
  async promoteStaging(entities: readonly string[], now: number): Promise<void> {
    for (const e of entities) {
      this.live.set(e, new Map(this.table('staging', e)));
      const c = this.cursors.get(`staging:${e}`);
      this.cursors.set(`live:${e}`, { entity: e, target: 'live', cursor: c?.cursor ?? null, lastCompletedAt: now });
      this.cursors.delete(`staging:${e}`);
      this.staging.delete(e);
    }
    this.resync = false;
  }
}

/** An ERP serving entity rows in pages from arrays, cursor = index as a string. Answers can be scripted per call. */
export class PagedErp implements SyncErp {
  readonly calls: { entity: string; cursor: string | null }[] = [];
  failures: ErpAnswer[] = [];
  constructor(
    public data: Record<string, unknown[]>,
    public totals = false,
  ) {}
  async listPage(entity: string, cursor: string | null, limit: number): Promise<ErpAnswer<EntityPage>> {
    this.calls.push({ entity, cursor });
    const failure = this.failures.shift();
    if (failure) return failure;
    const rows = this.data[entity] ?? [];
    const from = cursor === null ? 0 : Number(cursor);
    const slice = rows.slice(from, from + limit);
    const next = from + slice.length;
    const page: EntityPage = { rows: slice, nextCursor: String(next), hasMore: next < rows.length };
    if (this.totals) page.total = rows.length;
    return { status: 200, body: page };
  }
  async postDecision(): Promise<ErpAnswer> {
    throw new Error('not a push ERP');
  }
  async getDecisionOutcome(): Promise<ErpAnswer> {
    throw new Error('not a push ERP');
  }
  async getRows(): Promise<ErpAnswer> {
    throw new Error('not a push ERP');
  }
  async health(): Promise<boolean> {
    return true;
  }
}

type Scripted = ErpAnswer | 'commit-then-drop';

/**
 * An ERP that applies decisions at most once per key and keeps a ledger, with answers scripted per workbench
 * decision id (a queue consumed one per POST of any revision; when empty, it applies). 'commit-then-drop' applies
 * and loses the response. Like the reference ERP, a key refused by a precondition replays that refusal.
 */
export class LedgerErp implements SyncErp {
  readonly ledger: string[] = [];
  readonly posts: string[] = [];
  readonly lookups: string[] = [];
  readonly script = new Map<string, Scripted[]>();
  readonly refused = new Map<string, ErpAnswer>();
  current: unknown = [];
  auth = true;
  async listPage(): Promise<ErpAnswer<EntityPage>> {
    throw new Error('not a pull ERP');
  }
  async postDecision(decision: unknown, key: string): Promise<ErpAnswer> {
    this.posts.push(key);
    if (!this.auth) return { status: 401, body: { title: 'token expired' } };
    const replay = this.refused.get(key);
    if (replay) return replay;
    const next = this.script.get(workbenchDecisionId(key))?.shift();
    if (next && next !== 'commit-then-drop' && (next.status === 409 || next.status === 412)) this.refused.set(key, next);
    if (next === 'commit-then-drop') {
      if (!this.ledger.includes(key)) this.ledger.push(key);
      return { status: 0, networkError: 'socket hang up' };
    }
    if (next) return next;
    if (this.ledger.includes(key)) return { status: 200, body: { idempotencyKey: key, status: 'applied' } };
    this.ledger.push(key);
    return { status: 201, body: { idempotencyKey: key, status: 'applied', decision } };
  }
  async getDecisionOutcome(id: string): Promise<ErpAnswer> {
    this.lookups.push(id);
    if (this.ledger.includes(id)) return { status: 200, body: { decisionId: id, status: 'applied', httpStatus: 201 } };
    const refused = this.refused.get(id);
    if (refused) return { status: 200, body: { decisionId: id, status: 'rejected', httpStatus: refused.status, problem: refused.body } };
    return { status: 404, body: { title: 'not found' } };
  }
  async getRows(_refs: RowRef[]): Promise<ErpAnswer> {
    return { status: 200, body: this.current };
  }
  async health(): Promise<boolean> {
    return true;
  }
}

type BatchScripted = ErpAnswer | 'commit-then-drop' | 'drop-before-commit' | 'kill-before-send' | 'commit-then-kill';

/**
 * LedgerErp with POST /decisions/batch: each entry goes through the same per-key logic as a lone POST (so per-entry
 * scripts, replays and refusals apply), in order. `batchScript` scripts whole batch answers, consumed one per batch:
 * an ErpAnswer is returned without applying anything (503, 401, 404...), 'commit-then-drop' applies every entry and
 * loses the answer, 'drop-before-commit' loses the request before anything is applied. The two kills stop the
 * sender the way closing the window does (its requests abort with SyncCancelled): 'kill-before-send' before the
 * request leaves, 'commit-then-kill' after the ERP applied it and before the sender hears the answer.
 */
export class BatchLedgerErp extends LedgerErp {
  /** The keys of every batch request, in the order they arrived. */
  readonly batches: string[][] = [];
  readonly batchScript: BatchScripted[] = [];
  /** Called as each batch arrives (before it is applied): lets a test look at the sender's storage at that moment. */
  onBatch?: (keys: string[]) => void;
  async postDecisionBatch(entries: { idempotencyKey: string; decision: unknown }[]): Promise<ErpAnswer> {
    const scripted = this.batchScript.shift();
    if (scripted === 'kill-before-send') throw new SyncCancelled();
    this.batches.push(entries.map((e) => e.idempotencyKey));
    this.onBatch?.(entries.map((e) => e.idempotencyKey));
    if (scripted === 'drop-before-commit') return { status: 0, networkError: 'socket hang up' };
    if (scripted !== undefined && scripted !== 'commit-then-drop' && scripted !== 'commit-then-kill') return scripted;
    if (!this.auth) return { status: 401, body: { title: 'token expired' } };
    const results = [];
    for (const e of entries) {
      const answer = await this.postDecision(e.decision, e.idempotencyKey);
      this.posts.pop(); // a batch entry, not a lone POST
      results.push({ idempotencyKey: e.idempotencyKey, status: answer.status, body: answer.body });
    }
    if (scripted === 'commit-then-drop') return { status: 0, networkError: 'socket hang up' };
    if (scripted === 'commit-then-kill') throw new SyncCancelled();
    return { status: 200, body: { results } };
  }
}

/** Default rebase policy for sender tests: every decision still holds after a conflict and is marked rebased. */
export const alwaysHolds: RebasePolicy = {
  rowsOf: () => [],
  recheck: (decision) => ({ holds: true, decision: { ...(decision as object), rebased: true } }),
};

/** An outbox with one approved entry per id (in approval order), an ERP, a virtual clock, and sender options over them. */
export function outboxSetup<E extends LedgerErp>(erp: E, ids: string[], rowsOf: (id: string) => string[] = (id) => [`order-lines:${id}`]) {
  const store = new MemoryOutboxStore();
  ids.forEach((id, i) => store.entries.set(id, newOutboxEntry({ decisionId: id, seq: i + 1, decision: { id }, rowKeys: rowsOf(id), approvedBy: 'sup', now: 0 })));
  const clock = new VirtualClock();
  return { store, erp, clock, options: { erp, store, clock, random: seededRandom(), rebase: alwaysHolds } };
}
