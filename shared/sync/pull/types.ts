/** Types of the pull side: what is stored per page, per entity cursor, and per invalid record. */

/** Where a pull writes: the live cache, or the staging copy a full resync fills before swapping it in. */
export type PullTarget = 'live' | 'staging';

/** An ERP record that failed validation; it never enters the cache. */
export interface SyncIssue {
  entity: string;
  recordId: string;
  field: string;
  expected: string;
  found: string;
  message: string;
  seenAt: number;
}

/** How far the cache got for one entity. */
export interface CursorState {
  entity: string;
  target: PullTarget;
  /** The ERP's opaque cursor after the last stored page; null = from the start. */
  cursor: string | null;
  /** Epoch ms of the last pull that reached the end of the entity (caught up). */
  lastCompletedAt?: number;
  /** Epoch ms of the last page stored. */
  lastPageAt?: number;
}

/** One page ready to be stored: everything in it, and the cursor after it, goes in ONE transaction. */
export interface PageWrite {
  entity: string;
  target: PullTarget;
  upserts: Record<string, unknown>[];
  /** Ids of tombstones. */
  deletes: string[];
  issues: SyncIssue[];
  /** Records that arrived valid and had an open issue: the issue is resolved. */
  resolvedIssueIds: string[];
  cursor: CursorState;
  /** The ERP has nothing more after this page: the entity is caught up (a store may tidy up after it). */
  done?: boolean;
}

export interface PullStore {
  getCursor(entity: string, target: PullTarget): Promise<CursorState | undefined>;
  /** Stores the page's rows, deletes, issues and the cursor after it in one transaction. */
  writePage(page: PageWrite): Promise<void>;
  /** Record ids of the entity that currently have an open sync issue. */
  openIssueIds(entity: string): Promise<Set<string>>;
  /** Starts (or, when one is in progress, keeps) a full resync: an empty staging copy per entity. */
  beginStaging(entities: readonly string[]): Promise<{ resumed: boolean }>;
  /** Whether a full resync was started and not yet swapped in (so it can be resumed after a crash). */
  stagingInProgress(): Promise<boolean>;
  /** Swaps the staging copy in for the live tables, cursors included, in one transaction. */
  promoteStaging(entities: readonly string[], now: number): Promise<void>;
}

/** Validates one record as the domain defines it. */
export type RecordValidator = (
  entity: string,
  value: unknown,
) => { ok: true; value: Record<string, unknown> } | { ok: false; issues: Omit<SyncIssue, 'entity' | 'seenAt'>[] };

export interface EntityProgress {
  entity: string;
  target: PullTarget;
  /** Rows (records and tombstones) received in this pull. */
  rows: number;
  pages: number;
  invalid: number;
  /** When the ERP tells the total. */
  total?: number;
  /** 0..100 when the total is known. */
  percent?: number;
  done: boolean;
}
