// `npm run erp:serve -- --port 4010 --scale small --seed 7 --data-dir <dir> [--faults <spec>]`
// Starts the reference ERP and prints the settings in effect and the URL. While it runs, type an event name
// (demand-spike, cycle-count, supplier-confirm, credit-hold) and Enter to advance the world.
// `npm run erp:serve -- --event demand-spike [--port 4010]` sends one event to a running ERP and exits.
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { DEFAULT_AS_OF, isScale } from '../generator';
import { startReferenceErp } from '../server';
import { intFlag, parseFlags, usage } from './args';

const FLAGS = {
  port: { takesValue: true, help: 'port (default 4010; 0 = any free port)' },
  host: { takesValue: true, help: 'interface (default 127.0.0.1)' },
  scale: { takesValue: true, help: 'small | medium | large, used when the data folder is empty (default small)' },
  seed: { takesValue: true, help: 'world seed, used when the data folder is empty (default 7)' },
  'as-of': { takesValue: true, help: `the world's today (default ${DEFAULT_AS_OF})` },
  'data-dir': { takesValue: true, help: 'state folder kept across restarts (default .data/erp)' },
  reset: { takesValue: false, help: 'wipe the data folder and regenerate the world' },
  faults: { takesValue: true, help: 'e.g. "latency=50,error5xx=0.1,burst429=5,dropAfterCommit=0.05"' },
  'no-rate-limit': { takesValue: false, help: 'disable the per-caller rate limit (200/s, burst 400)' },
  event: { takesValue: true, help: 'send one live event to a running ERP and exit: demand-spike | cycle-count | supplier-confirm | credit-hold | JSON' },
  help: { takesValue: false, help: 'show this help' },
} as const;

const EVENT_NAMES = ['demand-spike', 'cycle-count', 'supplier-confirm', 'credit-hold'];

function toEvent(text: string): unknown {
  const t = text.trim();
  return t.startsWith('{') ? (JSON.parse(t) as unknown) : { type: t };
}

async function main(): Promise<number> {
  let flags;
  try {
    flags = parseFlags(process.argv.slice(2), FLAGS);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${usage('erp:serve', FLAGS)}\n`);
    return 2;
  }
  if (flags.help) {
    process.stdout.write(`${usage('erp:serve', FLAGS)}\n`);
    return 0;
  }
  const port = intFlag(flags, 'port', 4010);
  const host = typeof flags.host === 'string' ? flags.host : '127.0.0.1';

  if (typeof flags.event === 'string') {
    const res = await fetch(`http://${host}:${port}/admin/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(toEvent(flags.event)) });
    const body = (await res.json()) as { summary?: string; detail?: string };
    process.stdout.write(`${res.status} ${body.summary ?? body.detail ?? ''}\n`);
    return res.ok ? 0 : 1;
  }

  const scale = flags.scale ?? 'small';
  if (!isScale(scale)) {
    process.stderr.write(`flag --scale expected small, medium or large, found ${JSON.stringify(scale)}\n`);
    return 2;
  }
  const seed = intFlag(flags, 'seed', 7);
  const dataDir = resolve(typeof flags['data-dir'] === 'string' ? flags['data-dir'] : '.data/erp');
  const faults = typeof flags.faults === 'string' ? flags.faults : '';
  const asOf = typeof flags['as-of'] === 'string' ? flags['as-of'] : DEFAULT_AS_OF;
  process.stdout.write(
    `reference ERP settings: --port ${port} --host ${host} --scale ${scale} --seed ${seed} --as-of ${asOf} --data-dir ${dataDir}` +
      `${flags.reset ? ' --reset' : ''} --faults "${faults || 'none'}"${flags['no-rate-limit'] ? ' --no-rate-limit' : ''}\n`,
  );
  const erp = await startReferenceErp({
    port,
    host,
    scale,
    seed,
    asOf,
    dataDir,
    reset: flags.reset === true,
    faults,
    ...(flags['no-rate-limit'] ? { rateLimit: false as const } : {}),
    logger: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`API: ${erp.url}/api/v1  OpenAPI: ${erp.url}/api/v1/openapi.json  health: ${erp.url}/health\n`);
  process.stdout.write(`demo users: planner / supervisor / finance (password = user name). Type an event (${EVENT_NAMES.join(', ')}) + Enter to advance the world.\n`);

  const rl = createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    if (line.trim() === '') return;
    try {
      process.stdout.write(`${erp.advance(toEvent(line)).summary}\n`);
    } catch (err) {
      process.stdout.write(`event refused: ${(err as Error).message}\n`);
    }
  });
  const stop = async () => {
    rl.close();
    await erp.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  return 0;
}

main().then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
