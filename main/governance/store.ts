// The reference ERP's governance state: governed policy versions and the append-only audit log, with the stored
// result of every Idempotency-Key. Kept in memory and, when a folder is given, in append-only NDJSON files there,
// so a restart keeps what was recorded (the same durability as the ERP's own journal).
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, rmSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { IsoDateTime, Role } from '../../shared/domain';
import type { AuditBatchResult, AuditEvent, PolicyVersion, PublishPolicyRequest, PublishPolicyResult } from '../../shared/governance';
import { fingerprint, latestPolicyVersionNumber, planAppend, policiesEtag, policyPublishedEvent, publishedVersion, stableJson, withPublished } from '../../shared/governance';

/** The stored answer to an Idempotency-Key, with a fingerprint of its request: the same key with another body is refused. */
interface StoredAnswer<R> {
  readonly key: string;
  readonly bodyHash: string;
  readonly result: R;
}
export type StoredBatch = StoredAnswer<AuditBatchResult>;
/** One line of the publication journal: the new version, its audit event and the stored answer, written together. */
type StoredPublication = StoredAnswer<PublishPolicyResult>;

export type RecordOutcome =
  | { readonly kind: 'recorded'; readonly result: AuditBatchResult }
  | { readonly kind: 'replay'; readonly result: AuditBatchResult }
  | { readonly kind: 'key-reused'; readonly key: string }
  | { readonly kind: 'conflict'; readonly eventIds: readonly string[] };

export type PublishOutcome =
  | { readonly kind: 'published'; readonly result: PublishPolicyResult }
  | { readonly kind: 'replay'; readonly result: PublishPolicyResult }
  | { readonly kind: 'key-reused'; readonly key: string }
  /** The request was based on an older version than the newest one: nothing was published. */
  | { readonly kind: 'stale'; readonly field: 'If-Match' | 'baseVersion'; readonly latest: number; readonly etag: string };

export interface GovernanceStore {
  policies(): readonly PolicyVersion[];
  /**
   * Publishes `request` as the next governed version under an idempotency key: on disk (fsync'd) before it returns,
   * with its audit event. A repeat of a key answers its stored result first (so a retry after a lost answer replays
   * even though the policies moved on); then `ifMatch` (the collection ETag, '*' = any) and the request's
   * baseVersion must name the newest version. A refusal (stale, reused key) changes and stores nothing.
   */
  publishPolicy(key: string, request: PublishPolicyRequest, by: { readonly user: string; readonly role: Role }, now: Date, ifMatch?: string): PublishOutcome;
  /** Records a batch under an idempotency key, all or nothing. */
  recordAudit(key: string, events: readonly AuditEvent[], now: Date): RecordOutcome;
  /** Events oldest first (in the order recorded). */
  auditEvents(): readonly AuditEvent[];
  /** Forgets everything stored on disk and in memory (the ERP's reset). */
  reset(): void;
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

/** Cuts a torn last line (a crash mid-append, never acknowledged) so the next append starts on a line of its own. */
function cutTornTail(path: string): void {
  if (!existsSync(path)) return;
  const buf = readFileSync(path);
  if (buf.length === 0 || buf[buf.length - 1] === 0x0a) return;
  truncateSync(path, buf.lastIndexOf(0x0a) + 1);
}

/** A store over `dir` (created if missing), seeded with `seed` policies when the folder holds none. */
export function createGovernanceStore(options: { readonly dir?: string; readonly seed: () => PolicyVersion[] }): GovernanceStore {
  const dir = options.dir;
  const paths = dir
    ? { policies: join(dir, 'policies.json'), events: join(dir, 'audit-events.ndjson'), batches: join(dir, 'audit-batches.ndjson'), publications: join(dir, 'policy-publications.ndjson') }
    : null;
  if (dir) mkdirSync(dir, { recursive: true });

  let policies: PolicyVersion[] = [];
  const events = new Map<string, AuditEvent>();
  const batches = new Map<string, StoredBatch>();
  const publications = new Map<string, StoredPublication>();

  /** Makes a publication visible: the version in force, its event in the log, its key answered. */
  function applyPublication(p: StoredPublication): void {
    policies = withPublished(policies, p.result.version);
    if (!events.has(p.result.auditEvent.id)) events.set(p.result.auditEvent.id, p.result.auditEvent);
    publications.set(p.key, p);
  }

  function load(): void {
    policies = paths && existsSync(paths.policies) ? (JSON.parse(readFileSync(paths.policies, 'utf8')) as PolicyVersion[]) : options.seed();
    if (paths && !existsSync(paths.policies)) writeFileSync(paths.policies, JSON.stringify(policies, null, 2));
    events.clear();
    batches.clear();
    publications.clear();
    if (!paths) return;
    for (const p of [paths.events, paths.batches, paths.publications]) cutTornTail(p);
    // Events are written before their batch: a batch line present means all its events are on disk.
    for (const e of readLines<AuditEvent>(paths.events)) if (!events.has(e.id)) events.set(e.id, e);
    for (const b of readLines<StoredBatch>(paths.batches)) batches.set(b.key, b);
    // Publications replay on top of the seeded versions, in the order they were made (one line each, so a torn
    // last line is a publication that was never acknowledged).
    for (const p of readLines<StoredPublication>(paths.publications)) applyPublication(p);
  }

  /** Appends text and waits for the disk (publications are rare, audit batches carry up to 5,000 events each). */
  function appendDurably(path: string, line: string): void {
    const fd = openSync(path, 'a');
    try {
      const buf = Buffer.from(line, 'utf8');
      let off = 0;
      while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  load();

  return {
    policies: () => policies,
    publishPolicy(key, request, by, now, ifMatch) {
      const bodyHash = fingerprint(stableJson(request));
      const prior = publications.get(key);
      if (prior) return prior.bodyHash === bodyHash ? { kind: 'replay', result: prior.result } : { kind: 'key-reused', key };
      const latest = latestPolicyVersionNumber(policies);
      const etag = policiesEtag(policies);
      if (ifMatch !== undefined && ifMatch !== '*' && ifMatch !== etag) return { kind: 'stale', field: 'If-Match', latest, etag };
      if (request.baseVersion !== latest) return { kind: 'stale', field: 'baseVersion', latest, etag };
      const version = publishedVersion({ versions: policies, request, by: by.user, at: now.toISOString() as IsoDateTime });
      const auditEvent = policyPublishedEvent({ version, role: by.role, previous: policies.find((v) => v.version === request.baseVersion && v.status !== 'draft') });
      const stored: StoredPublication = { key, bodyHash, result: { idempotencyKey: key, version, activeVersion: version.version, auditEvent } };
      if (paths) appendDurably(paths.publications, `${JSON.stringify(stored)}\n`);
      applyPublication(stored);
      return { kind: 'published', result: stored.result };
    },
    auditEvents: () => [...events.values()],
    recordAudit(key, incoming, now) {
      const bodyHash = fingerprint(stableJson(incoming));
      const prior = batches.get(key);
      if (prior) return prior.bodyHash === bodyHash ? { kind: 'replay', result: prior.result } : { kind: 'key-reused', key };
      const plan = planAppend(events, incoming);
      if (plan.conflicts.length > 0) return { kind: 'conflict', eventIds: plan.conflicts };
      const result: AuditBatchResult = { idempotencyKey: key, recorded: plan.appended.length, alreadyRecorded: plan.duplicates.length, recordedAt: now.toISOString() };
      if (paths) {
        // On disk before the answer, like the ERP's journal: an acknowledged batch is never lost.
        if (plan.appended.length > 0) appendDurably(paths.events, plan.appended.map((e) => `${JSON.stringify(e)}\n`).join(''));
        appendDurably(paths.batches, `${JSON.stringify({ key, bodyHash, result } satisfies StoredBatch)}\n`);
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
