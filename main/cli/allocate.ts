// `npm run allocate -- --snapshot snap.json [--policy p.json] [--edits e.json] [--mode priority|optimal] --out plan.json`
// The headless batch run (what a scheduled overnight run uses): validates every input, allocates, writes the plan
// and prints the summary. Bad input: a message naming the record and field, exit code 2, nothing written.
import { writeFileSync } from 'node:fs';
import { allocate, planToJson } from '../../shared/engine';
import { USAGE, parseAllocateArgs } from './allocate/args';
import { summaryTable } from './allocate/summary-table';
import { isInputError, loadInputs, parseCommandLine } from './inputs';

function run(argv: readonly string[]): number {
  const parsed = parseCommandLine(parseAllocateArgs, argv, USAGE);
  if ('exit' in parsed) return parsed.exit;
  const { args } = parsed;
  try {
    const { snapshot, policy, edits } = loadInputs(args);
    const t0 = performance.now();
    const plan = allocate(snapshot, policy, edits, { mode: args.mode });
    const ms = performance.now() - t0;
    writeFileSync(args.out, planToJson(plan, args.pretty));
    process.stdout.write(`${summaryTable(plan.summary)}\nallocated ${plan.lines.length} lines in ${ms.toFixed(0)} ms; plan written to ${args.out}\n`);
    return 0;
  } catch (err) {
    if (isInputError(err)) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

process.exitCode = run(process.argv.slice(2));
