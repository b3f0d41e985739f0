// The reference ERP's governance state: governed policy versions and the append-only audit log, with the stored
// result of every Idempotency-Key. Kept in memory and, when a folder is given, in append-only NDJSON files there,
// so a restart keeps what was recorded (the same durability as the ERP's own journal).
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditBatchResult, AuditEvent, PolicyVersion } from '../../shared/governance';
import { planAppend, stableJson } from '../../shared/governance';

export interface StoredBatch {
  readonly key: string;
  /** stableJson of the request body: the same key with another body is refused. */
  readonly bodyHash: string;
  readonly result: AuditBatchResult;
}

export type RecordOutcome =
  | { readonly kind: 'recorded'; readonly result: AuditBatchResult }
  | { readonly kind: 'replay'; readonly result: AuditBatchResult }
  | { readonly kind: 'key-reused'; readonly key: string }
  | { readonly kind: 'conflict'; readonly eventIds: readonly string[] };

export interface GovernanceStore {
  policies(): readonly PolicyVersion[];
  /** Records a batch under an idempotency key, all or nothing. */
  recordAudit(key: string, events: readonly AuditEvent[], now: Date): RecordOutcome;
  /** Events oldest first (in the order recorded). */
  auditEvents(): readonly AuditEvent[];
  /** Forgets everything stored on disk and in memory (the ERP's reset). */
  reset(): void;
}

/** Cheap content fingerprint for a request body (FNV-1a over its stable JSON); collisions only cost a false 422. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${text.length}:${h.toString(16)}`;
}

function readLines<T>(path: string): T[] {
  if (!existsSync(path)) return [];
  const out: T[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // A torn last line after a crash: everything before it is intact; the batch it belonged to was not acknowledged.
    }
  }
  return out;
}

/** A store over `dir` (created if missing), seeded with `seed` policies when the folder holds none. */
export function createGovernanceStore(options: { readonly dir?: string; readonly seed: () => PolicyVersion[] }): GovernanceStore {
  const dir = options.dir;
  const paths = dir ? { policies: join(dir, 'policies.json'), events: join(dir, 'audit-events.ndjson'), batches: join(dir, 'audit-batches.ndjson') } : null;
  if (dir) mkdirSync(dir, { recursive: true });

  let policies: PolicyVersion[] = [];
  const events = new Map<string, AuditEvent>();
  const batches = new Map<string, StoredBatch>();

  function load(): void {
    policies = paths && existsSync(paths.policies) ? (JSON.parse(readFileSync(paths.policies, 'utf8')) as PolicyVersion[]) : options.seed();
    if (paths && !existsSync(paths.policies)) writeFileSync(paths.policies, JSON.stringify(policies, null, 2));
    events.clear();
    batches.clear();
    if (!paths) return;
    // Events are written before their batch: a batch line present means all its events are on disk.
    for (const e of readLines<AuditEvent>(paths.events)) if (!events.has(e.id)) events.set(e.id, e);
    for (const b of readLines<StoredBatch>(paths.batches)) batches.set(b.key, b);
  }
  load();

  return {
    policies: () => policies,
    auditEvents: () => [...events.values()],
    recordAudit(key, incoming, now) {
      const bodyHash = fingerprint(stableJson(incoming));
      const prior = batches.get(key);
      if (prior) return prior.bodyHash === bodyHash ? { kind: 'replay', result: prior.result } : { kind: 'key-reused', key };
      const plan = planAppend(events, incoming);
      if (plan.conflicts.length > 0) return { kind: 'conflict', eventIds: plan.conflicts };
      const result: AuditBatchResult = { idempotencyKey: key, recorded: plan.appended.length, alreadyRecorded: plan.duplicates.length, recordedAt: now.toISOString() };
      if (paths) {
        if (plan.appended.length > 0) appendFileSync(paths.events, plan.appended.map((e) => `${JSON.stringify(e)}\n`).join(''));
        appendFileSync(paths.batches, `${JSON.stringify({ key, bodyHash, result } satisfies StoredBatch)}\n`);
      }
      for (const e of plan.appended) events.set(e.id, e);
      batches.set(key, { key, bodyHash, result });
      return { kind: 'recorded', result };
    },
    reset() {
      if (paths) for (const p of Object.values(paths)) rmSync(p, { force: true });
      load();
    },
  };
}
