// Building the ERP's state at start-up: the world named in the data folder (or the options, the first
// time), regenerated deterministically, then the journal replayed on top of it.
import type { IsoDate } from '../../../shared/domain';
import { DEFAULT_AS_OF, GENERATOR_VERSION, SUPPORTED_GENERATOR_VERSIONS, generateWorld } from '../generator';
import type { Scale } from '../generator';
import type { DataDir, WorldMeta } from '../store/data-dir';
import { Journal } from '../store/journal';
import { ErpStore } from '../store/store';

export interface BootOptions {
  readonly scale: Scale;
  readonly seed: number;
  readonly asOf?: string;
  /** Compact the journal at start-up when it holds more entries than this (default COMPACT_AT_START_ENTRIES). */
  readonly compactAbove?: number;
}

/** A journal longer than this is compacted at start-up: replaying it stays proportional to the rows changed. */
export const COMPACT_AT_START_ENTRIES = 5000;

export interface BootReport {
  readonly store: ErpStore;
  readonly meta: WorldMeta;
  /** True when the data folder already held a world (the options' scale/seed were not used). */
  readonly resumed: boolean;
  readonly replayed: number;
  readonly tornTail: boolean;
  /** True when the journal was compacted at start-up. */
  readonly compacted: boolean;
  readonly ms: number;
}

export function bootStore(dataDir: DataDir | null, options: BootOptions): BootReport {
  const t0 = performance.now();
  const existing = dataDir?.readMeta() ?? null;
  // An older folder keeps its world: the generator still reproduces every supported version's bytes.
  if (existing !== null && !SUPPORTED_GENERATOR_VERSIONS.includes(existing.generator ?? 1)) {
    throw new Error(
      `data folder ${dataDir?.path} was made by world generator v${existing.generator ?? 1}, this generator reproduces v${SUPPORTED_GENERATOR_VERSIONS.join('/')}: its journal does not apply to the new world. Start with --reset (or reset: true) to regenerate.`,
    );
  }
  const meta: WorldMeta = existing ?? { format: 1, scale: options.scale, seed: options.seed, asOf: options.asOf ?? DEFAULT_AS_OF, generator: GENERATOR_VERSION };
  if (existing === null) dataDir?.writeMeta(meta);
  const world = generateWorld({ scale: meta.scale, seed: meta.seed, asOf: meta.asOf, generator: meta.generator ?? 1 });
  const journal = dataDir === null ? null : new Journal(dataDir.journalPath);
  const store = new ErpStore({ scale: meta.scale, seed: meta.seed, asOf: meta.asOf as IsoDate }, journal, world);
  const read = journal?.readAll() ?? { entries: [], tornTail: false };
  store.replay(read.entries);
  const compacted = read.entries.length > (options.compactAbove ?? COMPACT_AT_START_ENTRIES);
  if (compacted) store.compactJournal();
  return { store, meta, resumed: existing !== null, replayed: read.entries.length, tornTail: read.tornTail, compacted, ms: performance.now() - t0 };
}
