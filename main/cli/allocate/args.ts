// Flag parsing for `npm run allocate`: --name value pairs, with a message naming the flag for anything wrong.

export interface AllocateArgs {
  readonly snapshot: string;
  readonly policy?: string;
  readonly edits?: string;
  readonly mode: 'priority' | 'optimal';
  readonly out: string;
  readonly pretty: boolean;
}

export const USAGE = `usage: npm run allocate -- --snapshot snap.json [--policy policy.json] [--edits edits.json] [--mode priority|optimal] --out plan.json [--pretty]
  --snapshot  canonical snapshot (as written by npm run erp:snapshot)
  --policy    policy JSON; fields left out keep their defaults
  --edits     JSON array of planner edits, applied in order
  --mode      priority (rule-based, default) or optimal (min-cost flow)
  --out       where to write the plan JSON
  --pretty    indent the plan file`;

const VALUED = new Set(['snapshot', 'policy', 'edits', 'mode', 'out']);

/** Parses argv; throws an Error whose message names the flag at fault. */
export function parseAllocateArgs(argv: readonly string[]): AllocateArgs | 'help' {
  const values: Record<string, string> = {};
  let pretty = false;
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    if (a === '--help' || a === '-h') return 'help';
    if (a === '--pretty') {
      pretty = true;
      continue;
    }
    if (!a.startsWith('--') || !VALUED.has(a.slice(2))) throw new Error(`unknown argument ${JSON.stringify(a)}`);
    const v = argv[k + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`flag ${a} expected a value, found nothing`);
    values[a.slice(2)] = v;
    k++;
  }
  if (!values.snapshot) throw new Error('flag --snapshot expected a snapshot file, found nothing');
  if (!values.out) throw new Error('flag --out expected an output file, found nothing');
  const mode = values.mode ?? 'priority';
  if (mode !== 'priority' && mode !== 'optimal') throw new Error(`flag --mode expected priority or optimal, found ${JSON.stringify(mode)}`);
  return { snapshot: values.snapshot, policy: values.policy, edits: values.edits, mode, out: values.out, pretty };
}
