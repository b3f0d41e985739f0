/**
 * Which ERP the workbench talks to: the one the integration team configured (environment variable or the
 * settings file), or else the built-in reference ERP that the app starts itself, so a new user sees a working
 * distributor at once.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ErpConnectionInfo } from '../../shared/ipc';

export interface ErpSettings {
  erpBaseUrl?: string;
  erpLabel?: string;
}

export type ErpChoice = { kind: 'configured'; baseUrl: string; label: string } | { kind: 'embedded' };

/** Reads `settings.json` in the data folder; a missing file means "not configured", a broken one is reported. */
export async function readErpSettings(dataDir: string): Promise<ErpSettings> {
  const file = path.join(dataDir, 'settings.json');
  let raw: string;
  try {
    raw = await fs.readFile(file, 'utf8');
  } catch {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (e) {
    throw new Error(`${file} is not valid JSON (${(e as Error).message}); fix or delete it to use the built-in reference ERP.`, { cause: e });
  }
  const s = parsed as Record<string, unknown>;
  if (s.erpBaseUrl !== undefined && (typeof s.erpBaseUrl !== 'string' || !/^https?:\/\//.test(s.erpBaseUrl))) {
    throw new Error(`${file}: field "erpBaseUrl" expected an http(s) URL, found ${JSON.stringify(s.erpBaseUrl)}`);
  }
  return { erpBaseUrl: s.erpBaseUrl as string | undefined, erpLabel: typeof s.erpLabel === 'string' ? s.erpLabel : undefined };
}

/** Decides between a configured ERP and the embedded one. The environment wins over the settings file. */
export function chooseErp(env: NodeJS.ProcessEnv, settings: ErpSettings): ErpChoice {
  const url = env.WORKBENCH_ERP_URL ?? settings.erpBaseUrl;
  if (url) return { kind: 'configured', baseUrl: url.replace(/\/$/, ''), label: settings.erpLabel ?? `ERP at ${url}` };
  return { kind: 'embedded' };
}

/** What the status bar shows. */
export function connectionInfo(baseUrl: string, embedded: boolean, label?: string): ErpConnectionInfo {
  return { baseUrl, embedded, label: label ?? (embedded ? 'Built-in reference ERP' : `ERP at ${baseUrl}`) };
}
