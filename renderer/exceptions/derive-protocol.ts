/** Messages of the derive-exceptions worker (structured-clone plain data). */
import type { DerivedException } from '../../shared/engine/types';

export interface DeriveRequest {
  /** The cache to read (the workbench database unless a test or benchmark uses its own). */
  dbName?: string;
}

export type DeriveReply = { ok: true; exceptions: DerivedException[] } | { ok: false; message: string };
