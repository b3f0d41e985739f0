// Why a file is refused as a whole. A refusal changes nothing: the import stops before any row is looked at.

export const REFUSAL_CODES = ['not-a-workbook', 'encrypted', 'corrupt', 'too-large', 'unsafe', 'missing-sheet', 'missing-columns'] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** A file that cannot be used at all, with a message the planner can act on. */
export class WorkbookRefusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'WorkbookRefusal';
  }
}

/** Caps checked before (and while) a workbook is expanded. */
export interface WorkbookLimits {
  /** Size of the file itself. */
  readonly maxFileBytes: number;
  readonly maxEntries: number;
  /** Sum of the declared uncompressed sizes of every entry. */
  readonly maxUncompressedBytes: number;
  /** One entry (a sheet's XML), uncompressed. */
  readonly maxEntryBytes: number;
  /** Uncompressed/compressed ratio above which an entry (> 1 MB) is treated as a zip bomb. */
  readonly maxCompressionRatio: number;
  /** Cells in one sheet (from its dimension first, then counted while reading). */
  readonly maxCells: number;
  readonly maxRows: number;
}

/** Sized for a 100k-line plan with room to spare (that file is ~15 MB, ~3.3 M cells). */
export const DEFAULT_LIMITS: WorkbookLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxEntries: 2000,
  maxUncompressedBytes: 480 * 1024 * 1024,
  maxEntryBytes: 360 * 1024 * 1024,
  maxCompressionRatio: 250,
  maxCells: 6_000_000,
  maxRows: 300_000,
};
