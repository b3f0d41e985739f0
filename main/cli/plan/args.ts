// Arguments of `npm run plan -- export|check ...`. Unknown flags and missing values are errors naming the flag.

export const USAGE = `usage:
  npm run plan -- export --snapshot snap.json [--policy p.json] [--edits e.json] [--mode priority|optimal] --out plan.xlsx
      (--out *.csv writes one sheet as CSV: --sheet Plan|Exceptions|Inventory|Summary|About, default Plan)
  npm run plan -- check plan.xlsx --snapshot snap.json [--policy p.json] [--edits e.json] [--mode priority|optimal] [--json]
      prints the diff and every row error; exit 0 = valid, 1 = row errors, 2 = not a usable workbook or bad input`;

export interface CommonArgs {
  readonly snapshot: string;
  readonly policy?: string;
  readonly edits?: string;
  readonly mode: 'priority' | 'optimal';
}
export interface ExportArgs extends CommonArgs {
  readonly command: 'export';
  readonly out: string;
  readonly sheet: string;
}
export interface CheckArgs extends CommonArgs {
  readonly command: 'check';
  readonly file: string;
  readonly json: boolean;
}

const VALUE_FLAGS = new Set(['snapshot', 'policy', 'edits', 'mode', 'out', 'sheet']);
const BOOL_FLAGS = new Set(['json', 'help']);

/** Parses argv; 'help' for --help; throws Error naming the problem. */
export function parsePlanArgs(argv: readonly string[]): ExportArgs | CheckArgs | 'help' {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === 'help') return 'help';
  if (command !== 'export' && command !== 'check') throw new Error(`unknown command ${JSON.stringify(command)}; expected export or check`);
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    if (BOOL_FLAGS.has(name)) flags.set(name, true);
    else if (VALUE_FLAGS.has(name)) {
      const v = eq < 0 ? rest[++i] : arg.slice(eq + 1);
      if (v === undefined || v.startsWith('--')) throw new Error(`flag --${name} expects a value`);
      flags.set(name, v);
    } else throw new Error(`unknown flag --${name}`);
  }
  if (flags.has('help')) return 'help';
  const str = (name: string): string | undefined => {
    const v = flags.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const snapshot = str('snapshot');
  if (!snapshot) throw new Error('flag --snapshot is required (a snapshot JSON file, e.g. from npm run erp:snapshot)');
  const mode = str('mode') ?? 'priority';
  if (mode !== 'priority' && mode !== 'optimal') throw new Error(`flag --mode expected priority or optimal, found ${JSON.stringify(mode)}`);
  const common: CommonArgs = { snapshot, mode, ...(str('policy') ? { policy: str('policy')! } : {}), ...(str('edits') ? { edits: str('edits')! } : {}) };
  if (command === 'export') {
    if (positional.length > 0) throw new Error(`unexpected argument ${JSON.stringify(positional[0])}`);
    const out = str('out');
    if (!out) throw new Error('flag --out is required (plan.xlsx, or a .csv file for one sheet)');
    return { ...common, command, out, sheet: str('sheet') ?? 'Plan' };
  }
  if (positional.length !== 1) throw new Error(positional.length === 0 ? 'check needs the workbook to check: npm run plan -- check plan.xlsx --snapshot snap.json' : `unexpected argument ${JSON.stringify(positional[1])}`);
  return { ...common, command, file: positional[0]!, json: flags.get('json') === true };
}
