// Minimal `--name value` / `--flag` parser for the ERP commands: unknown flags are errors, not silently ignored.

export interface FlagSpec {
  readonly [name: string]: { readonly takesValue: boolean; readonly help: string };
}

export type ParsedFlags = Record<string, string | true>;

/** Parses argv against the allowed flags; throws Error with a message naming the bad flag. */
export function parseFlags(argv: readonly string[], spec: FlagSpec): ParsedFlags {
  const out: ParsedFlags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${JSON.stringify(arg)}; flags look like --name value`);
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const def = spec[name];
    if (def === undefined) throw new Error(`unknown flag --${name}; known: ${Object.keys(spec).map((k) => `--${k}`).join(', ')}`);
    if (!def.takesValue) {
      out[name] = true;
      continue;
    }
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || (eq === -1 && value.startsWith('--'))) throw new Error(`flag --${name} expects a value`);
    out[name] = value;
  }
  return out;
}

/** Renders the flag list for --help. */
export function usage(command: string, spec: FlagSpec): string {
  const lines = Object.entries(spec).map(([k, v]) => `  --${k}${v.takesValue ? ' <value>' : ''}  ${v.help}`);
  return `usage: ${command} [flags]\n${lines.join('\n')}`;
}

/** Parses an integer flag or throws naming it. */
export function intFlag(flags: ParsedFlags, name: string, fallback: number): number {
  const v = flags[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (v === true || !Number.isSafeInteger(n)) throw new Error(`flag --${name} expected an integer, found ${JSON.stringify(v)}`);
  return n;
}
