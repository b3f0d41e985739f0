// `npm run plan -- export --snapshot snap.json [--policy p.json] --out plan.xlsx` writes a plan workbook;
// `npm run plan -- check plan.xlsx --snapshot snap.json [--json]` prints the import diff and every row error.
// Exit codes: 0 valid, 1 row errors, 2 not a usable workbook or bad input (nothing is written then).
import { readFileSync, writeFileSync } from 'node:fs';
import type { Snapshot } from '../../shared/domain';
import { allocate } from '../../shared/engine';
import type { Edit, Plan } from '../../shared/engine';
import { SHEETS, exportPlanCsv, exportPlanWorkbook, importPlanWorkbook } from '../../shared/excel';
import { USAGE, parsePlanArgs } from './plan/args';
import type { CommonArgs } from './plan/args';
import { nodeDeflateCodec } from './plan/node-codec';
import { renderDiff } from './plan/print-diff';
import { InputError, isInputError, loadInputs, parseCommandLine } from './inputs';

/** Loads and checks the snapshot, policy and edits, and allocates the current plan. */
function load(args: CommonArgs): { snapshot: Snapshot; plan: Plan; edits: Edit[] } {
  const { snapshot, policy, edits } = loadInputs(args);
  return { snapshot, plan: allocate(snapshot, policy, edits, { mode: args.mode }), edits };
}

async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandLine(parsePlanArgs, argv, USAGE);
  if ('exit' in parsed) return parsed.exit;
  const { args } = parsed;
  const codec = nodeDeflateCodec();
  try {
    if (args.command === 'export') {
      const sheets = Object.values(SHEETS) as string[];
      if (!sheets.includes(args.sheet)) throw new InputError(`flag --sheet expected one of ${sheets.join(', ')}, found ${JSON.stringify(args.sheet)}`);
      const t0 = performance.now();
      const { snapshot, plan, edits } = load(args);
      const input = { snapshot, plan, edits, exportedAt: new Date().toISOString() };
      if (args.out.toLowerCase().endsWith('.csv')) writeFileSync(args.out, exportPlanCsv(input, args.sheet as (typeof SHEETS)[keyof typeof SHEETS]));
      else writeFileSync(args.out, await exportPlanWorkbook(input, codec));
      process.stdout.write(`exported ${plan.lines.length} lines to ${args.out} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
      return 0;
    }
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(args.file);
    } catch (err) {
      throw new InputError(`workbook ${args.file}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    const { snapshot, plan, edits } = load(args);
    const outcome = await importPlanWorkbook({ bytes, snapshot, plan, edits }, codec);
    if (!outcome.ok) {
      if (args.json) process.stdout.write(`${JSON.stringify({ ok: false, refusal: outcome.refusal })}\n`);
      else process.stderr.write(`${args.file}: not usable (${outcome.refusal.code}): ${outcome.refusal.message}\n`);
      return 2;
    }
    const d = outcome.diff;
    if (args.json) process.stdout.write(`${JSON.stringify({ ok: true, ...d })}\n`);
    else process.stdout.write(`${renderDiff(args.file, d)}\n`);
    return d.problems.length > 0 ? 1 : 0;
  } catch (err) {
    if (isInputError(err)) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

process.exitCode = await run(process.argv.slice(2));
