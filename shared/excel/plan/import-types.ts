// What an import reports: a refusal of the whole file, or a diff (changed rows, cells before -> after,
// rejected rows with every problem) plus the edits to apply if the planner confirms.
import type { Edit } from '../../engine';
import type { RefusalCode } from '../xlsx/refusal';

/** One problem with one cell: where it is, what was found, what was expected. */
export interface CellProblem {
  readonly sheet: string;
  /** Row number as the spreadsheet shows it (1 = header). */
  readonly row: number;
  /** The column's header. */
  readonly column: string;
  /** A1 reference, e.g. "AB12". */
  readonly cell: string;
  /** The order line or balance the row is about ('' when the row has none). */
  readonly key: string;
  readonly found: string;
  readonly expected: string;
  readonly message: string;
}

export interface CellChange {
  readonly column: string;
  /** Display text; '' is a blank cell. */
  readonly before: string;
  readonly after: string;
}

export interface ChangedRow {
  readonly sheet: string;
  readonly row: number;
  readonly key: string;
  readonly changes: readonly CellChange[];
}

export interface RejectedRow {
  readonly sheet: string;
  readonly row: number;
  readonly key: string;
  /** The changes the row asked for (none of them is applied). */
  readonly changes: readonly CellChange[];
  readonly problems: readonly CellProblem[];
}

export interface ImportDiff {
  /** The snapshot fingerprint written in the file (null when its About sheet is gone) and the current one. */
  readonly snapshotFingerprint: { readonly file: string | null; readonly current: string };
  readonly sheetsRead: readonly string[];
  readonly rowsRead: number;
  readonly unchangedRows: number;
  /** Unchanged rows whose ERP records moved since the export (harmless: nothing to apply). */
  readonly staleUnchangedRows: number;
  readonly changed: readonly ChangedRow[];
  readonly rejected: readonly RejectedRow[];
  /** Every problem, in sheet and row order. */
  readonly problems: readonly CellProblem[];
  /** The accepted changes as what-if edits. */
  readonly changes: readonly Edit[];
  /** The scenario to create on confirm: the current edits with the accepted changes applied. */
  readonly scenarioEdits: readonly Edit[];
  /** Planner comments by order line after the import (current ones plus accepted changes). */
  readonly comments: Readonly<Record<string, string>>;
}

export type ImportOutcome =
  | { readonly ok: true; readonly diff: ImportDiff }
  | { readonly ok: false; readonly refusal: { readonly code: RefusalCode; readonly message: string } };
