// The data folder: which world it holds (meta.json), the token-signing secret, and the journal.
// Resetting removes all three; the next start generates the world afresh.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Scale } from '../generator';

export interface WorldMeta {
  readonly format: 1;
  readonly scale: Scale;
  readonly seed: number;
  readonly asOf: string;
  /** GENERATOR_VERSION that made the world (absent in folders made before it was recorded: treated as 1). */
  readonly generator?: number;
}

export interface DataDir {
  readonly path: string;
  readonly journalPath: string;
  readMeta(): WorldMeta | null;
  writeMeta(meta: WorldMeta): void;
  /** The HMAC secret for bearer tokens (created once, so tokens survive restarts). */
  secret(): Buffer;
  /** Deletes the world's state (meta, journal, secret). */
  reset(): void;
}

function writeDurably(path: string, data: string | Buffer): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

export function openDataDir(path: string): DataDir {
  mkdirSync(path, { recursive: true });
  const metaPath = join(path, 'meta.json');
  const secretPath = join(path, 'secret.key');
  const journalPath = join(path, 'journal.ndjson');
  return {
    path,
    journalPath,
    readMeta() {
      if (!existsSync(metaPath)) return null;
      return JSON.parse(readFileSync(metaPath, 'utf8')) as WorldMeta;
    },
    writeMeta(meta) {
      writeDurably(metaPath, JSON.stringify(meta, null, 2));
    },
    secret() {
      if (!existsSync(secretPath)) writeDurably(secretPath, randomBytes(32));
      return readFileSync(secretPath);
    },
    reset() {
      for (const p of [metaPath, journalPath, secretPath]) rmSync(p, { force: true });
    },
  };
}
