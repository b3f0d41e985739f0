// Policy import/export as JSON files. Export writes a version with a format tag; import accepts that file or a bare
// policy object, and runs the draft validation so the planner sees normalisation notices and refusals at once.
import type { PolicyIssue } from '../../engine/policy';
import type { DraftNotice } from './draft';
import { checkDraftPolicy } from './draft';
import type { PolicyVersion } from './versions';

export const POLICY_FILE_FORMAT = 'allocation-workbench/policy' as const;

export interface PolicyFile {
  readonly format: typeof POLICY_FILE_FORMAT;
  readonly formatVersion: 1;
  readonly exportedAt: string;
  readonly version: PolicyVersion;
}

/** The JSON text of a policy file (2-space indent, field order as the version holds it). */
export function exportPolicyJson(version: PolicyVersion, exportedAt: string): string {
  const file: PolicyFile = { format: POLICY_FILE_FORMAT, formatVersion: 1, exportedAt, version };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export type PolicyImport =
  | { readonly ok: true; readonly policy: PolicyVersion['policy']; readonly name: string | null; readonly sourceVersion: number | null; readonly notices: readonly DraftNotice[] }
  | { readonly ok: false; readonly issues: readonly PolicyIssue[]; readonly notices: readonly DraftNotice[] };

/** Reads a policy file's text into a draft candidate. Nothing is applied: the caller decides what to do with it. */
export function importPolicyJson(text: string): PolicyImport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const found = e instanceof Error ? e.message : String(e);
    return { ok: false, notices: [], issues: [{ field: '(file)', expected: 'a JSON document', found, message: `policy file: expected a JSON document, found ${found}` }] };
  }
  let candidate: unknown = parsed;
  let name: string | null = null;
  let sourceVersion: number | null = null;
  if (typeof parsed === 'object' && parsed !== null && (parsed as { format?: unknown }).format === POLICY_FILE_FORMAT) {
    const v = (parsed as { version?: unknown }).version;
    if (typeof v !== 'object' || v === null) {
      return { ok: false, notices: [], issues: [{ field: 'version', expected: 'a policy version object', found: String(v), message: 'policy file: field "version" expected a policy version object' }] };
    }
    const pv = v as Partial<PolicyVersion>;
    candidate = pv.policy;
    name = typeof pv.name === 'string' ? pv.name : null;
    sourceVersion = typeof pv.version === 'number' ? pv.version : null;
  }
  const r = checkDraftPolicy(candidate);
  return r.ok ? { ok: true, policy: r.policy, name, sourceVersion, notices: r.notices } : { ok: false, issues: r.issues, notices: r.notices };
}
