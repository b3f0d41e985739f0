/** Shapes of the rows in the workbench database's non-entity tables. */
import type { Decision } from '../../shared/domain';
import type { AuditRecord, OutboxEntry } from '../../shared/sync/outbox/entry';
import type { PullTarget, SyncIssue } from '../../shared/sync/pull/types';

/**
 * A pull cursor; `key` is `${target}:${entity}`. It also says which page set the target reads (`gen`) and how far
 * that set got (`nextSeq`), because a page record and the cursor after it are written in one transaction.
 */
export interface CursorRow {
  key: string;
  entity: string;
  target: PullTarget;
  cursor: string | null;
  lastCompletedAt?: number;
  lastPageAt?: number;
  /** The page set (entityPages' `gen`) holding this target's page records; 0 when absent. */
  gen?: number;
  /** The `seq` the next page record of this set gets. */
  nextSeq?: number;
  /** Rows and tombstones written as page records into this set (duplicates included). */
  pageRows?: number;
  /** `pageRows` when the set was last caught up from scratch or compacted: growth past it is superseded copies. */
  leanRows?: number;
}

/**
 * One pulled page of one entity, stored whole: IndexedDB pays per record, so ~1,000 rows cost one record write.
 * Rows of a later `seq` replace rows of an earlier one; `deletes` (tombstones that came in the page) remove them.
 */
export interface EntityPageRow {
  entity: string;
  gen: number;
  seq: number;
  rows: Record<string, unknown>[];
  deletes: string[];
}

/** A row deleted after the page copy was written: hides it until the next compaction. */
export interface EntityTombstoneRow {
  entity: string;
  id: string;
}

export interface SyncIssueRow extends SyncIssue {
  id?: number;
}

/** A named what-if scenario; its edits live in scenarioEdits. Owned by the engine/UI, stored here. */
export interface ScenarioRow {
  id: string;
  name: string;
  updatedAt: string;
  [field: string]: unknown;
}

export interface ScenarioEditRow {
  id: string;
  scenarioId: string;
  itemId?: string;
  [field: string]: unknown;
}

/** A decision as the workbench keeps it (the domain record; status tracks the outbox). */
export type DecisionRow = Decision;

export type OutboxRow = OutboxEntry;

/**
 * One approval not yet moved into `outbox` and `decisions` (schema v4): the durable truth of "approved + queued" for
 * its decisions. `entries` are the outbox entries as they will be stored, seq `firstSeq`..`lastSeq` in approval
 * order; each carries its approved decision (`entry.decision`), which is what the decision row becomes.
 */
export interface ApprovalBatchRow {
  firstSeq: number;
  lastSeq: number;
  approvedBy: string;
  /** Epoch ms. */
  approvedAt: number;
  entries: OutboxEntry[];
}

export interface AuditRow extends AuditRecord {
  id?: number;
}

export interface SettingRow {
  key: string;
  value: unknown;
}
