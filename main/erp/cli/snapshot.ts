// `npm run erp:snapshot -- --scale large --seed 7 --out snap.json`: writes the generated world as one canonical
// JSON snapshot (the format the engine's command line reads).
import { writeFileSync } from 'node:fs';
import { DEFAULT_AS_OF, generateWorld, isScale } from '../generator';
import { intFlag, parseFlags, usage } from './args';

const FLAGS = {
  scale: { takesValue: true, help: 'small | medium | large (default small)' },
  seed: { takesValue: true, help: 'integer seed (default 7)' },
  'as-of': { takesValue: true, help: `the world's today, YYYY-MM-DD (default ${DEFAULT_AS_OF})` },
  out: { takesValue: true, help: 'output file (default: stdout)' },
  help: { takesValue: false, help: 'show this help' },
} as const;

function main(): number {
  let flags;
  try {
    flags = parseFlags(process.argv.slice(2), FLAGS);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${usage('erp:snapshot', FLAGS)}\n`);
    return 2;
  }
  if (flags.help) {
    process.stdout.write(`${usage('erp:snapshot', FLAGS)}\n`);
    return 0;
  }
  const scale = flags.scale ?? 'small';
  if (!isScale(scale)) {
    process.stderr.write(`flag --scale expected small, medium or large, found ${JSON.stringify(scale)}\n`);
    return 2;
  }
  try {
    const seed = intFlag(flags, 'seed', 7);
    const asOf = typeof flags['as-of'] === 'string' ? flags['as-of'] : undefined;
    const t0 = performance.now();
    const world = generateWorld({ scale, seed, ...(asOf === undefined ? {} : { asOf }) });
    const json = JSON.stringify(world);
    if (typeof flags.out === 'string') {
      writeFileSync(flags.out, json);
      process.stderr.write(
        `wrote ${flags.out}: scale ${scale}, seed ${seed}, asOf ${world.asOf}, ${world.orderLines.length} order lines, ${world.items.length} items, ` +
          `${world.inventoryBalances.length} balances, ${world.exceptions.length} exceptions, ${(json.length / 1e6).toFixed(1)} MB in ${Math.round(performance.now() - t0)} ms\n`,
      );
    } else {
      process.stdout.write(json);
    }
    return 0;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
}

process.exitCode = main();
