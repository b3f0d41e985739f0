// `npm run allocate -- --snapshot snap.json [--policy p.json] [--edits e.json] [--mode priority|optimal] --out plan.json`
// The headless batch run (what a scheduled overnight run uses): validates every input, allocates, writes the plan
// and prints the summary. Bad input: a message naming the record and field, exit code 2, nothing written.
import { readFileSync, writeFileSync } from 'node:fs';
import { checkSnapshotReferences, validateSnapshot } from '../../shared/domain';
import type { Snapshot } from '../../shared/domain';
import { EditRejectedError, SnapshotInputError, allocate, planToJson, resolvePolicy, validateEdits } from '../../shared/engine';
import { USAGE, parseAllocateArgs } from './allocate/args';
import { summaryTable } from './allocate/summary-table';

class InputError extends Error {}

function readJson(path: string, what: string): unknown {
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

function run(argv: readonly string[]): number {
  let args;
  try {
    args = parseAllocateArgs(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const raw = readJson(args.snapshot, 'snapshot');
    const checked = validateSnapshot(raw, { maxIssues: 20 });
    if (!checked.ok) throw new InputError(checked.issues.map((i) => i.message).join('\n'));
    const snapshot: Snapshot = checked.value;
    const refs = checkSnapshotReferences(snapshot, { maxIssues: 20 });
    if (refs.length > 0) throw new InputError(refs.map((i) => i.message).join('\n'));
    const policy = resolvePolicy(args.policy ? readJson(args.policy, 'policy') : undefined);
    if (!policy.ok) throw new InputError(policy.issues.map((i) => i.message).join('\n'));
    let edits: ReturnType<typeof validateEdits> = { ok: true, edits: [] };
    if (args.edits) {
      edits = validateEdits(readJson(args.edits, 'edits'));
      if (!edits.ok) throw new InputError(edits.issues.map((i) => i.message).join('\n'));
    }
    const t0 = performance.now();
    const plan = allocate(snapshot, policy.policy, edits.ok ? edits.edits : [], { mode: args.mode });
    const ms = performance.now() - t0;
    writeFileSync(args.out, planToJson(plan, args.pretty));
    process.stdout.write(`${summaryTable(plan.summary)}\nallocated ${plan.lines.length} lines in ${ms.toFixed(0)} ms; plan written to ${args.out}\n`);
    return 0;
  } catch (err) {
    if (err instanceof InputError || err instanceof SnapshotInputError || err instanceof EditRejectedError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

process.exitCode = run(process.argv.slice(2));
