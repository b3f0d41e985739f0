/**
 * What the headless commands (`allocate`, `plan`) read before they run: a snapshot, an optional policy and optional
 * edits, each validated at the boundary. Any problem is an InputError whose message names the file, record and field;
 * the commands turn it into exit code 2 and write nothing.
 */
import { readFileSync } from 'node:fs';
import { checkSnapshotReferences, validateSnapshot } from '../../shared/domain';
import type { Snapshot } from '../../shared/domain';
import { EditRejectedError, SnapshotInputError, resolvePolicy, validateEdits } from '../../shared/engine';
import type { Edit, Policy } from '../../shared/engine';

/** Bad input from the command line or its files. */
export class InputError extends Error {}

/** True for every error that means "the input is bad" rather than "the program is broken". */
export function isInputError(err: unknown): err is Error {
  return err instanceof InputError || err instanceof SnapshotInputError || err instanceof EditRejectedError;
}

/** Reads a JSON file; `what` names it in the message ("snapshot", "policy", "edits"). */
export function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(`${what} ${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InputError(`${what} ${path}: expected JSON, found a parse error (${(err as Error).message})`);
  }
}

/** Loads and checks the snapshot (schema and references), the policy (defaults filled in) and the edits. */
export function loadInputs(paths: { snapshot: string; policy?: string; edits?: string }): { snapshot: Snapshot; policy: Policy; edits: Edit[] } {
  const checked = validateSnapshot(readJson(paths.snapshot, 'snapshot'), { maxIssues: 20 });
  if (!checked.ok) throw new InputError(checked.issues.map((i) => i.message).join('\n'));
  const refs = checkSnapshotReferences(checked.value, { maxIssues: 20 });
  if (refs.length > 0) throw new InputError(refs.map((i) => i.message).join('\n'));
  const policy = resolvePolicy(paths.policy ? readJson(paths.policy, 'policy') : undefined);
  if (!policy.ok) throw new InputError(policy.issues.map((i) => i.message).join('\n'));
  let edits: Edit[] = [];
  if (paths.edits) {
    const e = validateEdits(readJson(paths.edits, 'edits'));
    if (!e.ok) throw new InputError(e.issues.map((i) => i.message).join('\n'));
    edits = e.edits;
  }
  return { snapshot: checked.value, policy: policy.policy, edits };
}

/**
 * Parses a command's flags the same way for every command: a bad flag prints its message and the usage (exit 2),
 * `--help` prints the usage (exit 0); otherwise the parsed arguments.
 */
export function parseCommandLine<A>(parse: (argv: readonly string[]) => A | 'help', argv: readonly string[], usage: string): { args: A } | { exit: number } {
  let args: A | 'help';
  try {
    args = parse(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${usage}\n`);
    return { exit: 2 };
  }
  if (args === 'help') {
    process.stdout.write(`${usage}\n`);
    return { exit: 0 };
  }
  return { args };
}
