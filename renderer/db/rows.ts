/** Shapes of the rows in the workbench database's non-entity tables. */
import type { Decision } from '../../shared/domain';
import type { AuditRecord, OutboxEntry } from '../../shared/sync/outbox/entry';
import type { PullTarget, SyncIssue } from '../../shared/sync/pull/types';

/** A pull cursor; `key` is `${target}:${entity}`. */
export interface CursorRow {
  key: string;
  entity: string;
  target: PullTarget;
  cursor: string | null;
  lastCompletedAt?: number;
  lastPageAt?: number;
}

export interface SyncIssueRow extends SyncIssue {
  id?: number;
}

/** A row of a full resync waiting for the swap. */
export interface StagingRow {
  entity: string;
  id: string;
  row: Record<string, unknown>;
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

export interface AuditRow extends AuditRecord {
  id?: number;
}

export interface SettingRow {
  key: string;
  value: unknown;
}
