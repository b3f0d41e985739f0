// `npm run bench:engine` — the allocation engine on the generated large world (~100k open lines):
//   full priority allocation (median of several runs; also on a fresh snapshot copy, compile included), composing
//   every plan line, decision and exception on first read, what-if session build and single-edit latency (p50/p95
//   over 1,000 random edits), optimal mode (as a batch run, and mid-session), and the same LP solved by HiGHS.
//   Prints a table and, last, one JSON line.
// The engine is loaded as one esbuild bundle, the way the renderer's worker ships it (tsx's per-module transform
// adds getter calls on every cross-module access); `--unbundled` measures the tsx-loaded modules instead.
// Flags: --seed N (default 7), --runs N (default 7), --edits N (default 1000), --skip-highs, --unbundled.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import highsLoader from 'highs';
import { generateWorld } from '../../main/erp/generator';
import type { Snapshot } from '../../shared/domain';
import type * as Entry from './engine/entry';
import type { NetworkLp } from './engine/highs-lp';
import { solveWithHighs, toLp } from './engine/highs-lp';
import { randomEdits } from './engine/random-edits';

type Engine = typeof Entry;

const argv = process.argv.slice(2);
const flag = (name: string): boolean => argv.includes(`--${name}`);
const num = (name: string, dflt: number): number => {
  const k = argv.indexOf(`--${name}`);
  return k >= 0 && argv[k + 1] !== undefined ? Number(argv[k + 1]) : dflt;
};

async function loadEngine(): Promise<Engine> {
  if (flag('unbundled')) return (await import('./engine/entry')) as Engine;
  const out = await build({ entryPoints: [join(import.meta.dirname, 'engine/entry.ts')], bundle: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'warning' });
  const file = join(mkdtempSync(join(tmpdir(), 'engine-bench-')), 'engine.mjs');
  writeFileSync(file, out.outputFiles[0]!.text);
  return (await import(pathToFileURL(file).href)) as Engine;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

/** Wall and CPU milliseconds of one call, without its result (so timed runs do not keep plans and snapshot copies alive). */
function timedOnly(fn: () => unknown): { ms: number; cpuMs: number } {
  const { ms, cpuMs } = timed(fn);
  return { ms, cpuMs };
}

/** Wall and CPU milliseconds of one call. */
function timed<T>(fn: () => T): { value: T; ms: number; cpuMs: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, ms, cpuMs: (c.user + c.system) / 1000 };
}

async function main(): Promise<void> {
  const seed = num('seed', 7);
  const runs = num('runs', 7);
  const editCount = num('edits', 1000);
  const engine = await loadEngine();
  const gen = timed(() => generateWorld({ scale: 'large', seed }));
  const world: Snapshot = gen.value;
  const policy = engine.defaultPolicy;
  const open = world.orderLines.filter((l) => l.status === 'open' || l.status === 'backordered').length;
  console.log(`large world (seed ${seed}): ${world.orderLines.length} order lines (${open} open/backordered), ${world.items.length} items, ${world.warehouses.length} warehouses, generated in ${gen.ms.toFixed(0)} ms`);

  // Full priority allocation of the same snapshot object (its compiled model is reused): every line allocated, the
  // summary, and the decisions and exceptions decided and counted; their objects, the plan lines and explanations are
  // composed on first read (timed separately below, as `compose`).
  for (let k = 0; k < 2; k++) engine.allocate(world, policy);
  const full = Array.from({ length: runs }, () => timedOnly(() => engine.allocate(world, policy)));
  // Optimal mode as the overnight batch run uses it (`npm run allocate -- --mode optimal`, its own process): timed
  // while the heap holds the snapshot and not yet what the measures below build (sessions, plans, copies).
  engine.allocate(world, policy, [], { mode: 'optimal' });
  const optimal = Array.from({ length: Math.max(5, runs) }, () => timedOnly(() => engine.allocate(world, policy, [], { mode: 'optimal' })));
  const optimalObjective = engine.allocate(world, policy, [], { mode: 'optimal' }).summary.objective;
  const plan = engine.allocate(world, policy);
  // Reading everything a plan holds: 100k plan lines with score breakdowns and explanations, decisions, exceptions.
  const compose = Array.from({ length: Math.max(3, Math.floor(runs / 2)) }, () => {
    const p = engine.allocate(world, policy);
    return timedOnly(() => p.lines.length + p.decisions.length + p.exceptions.length);
  });
  // What-if: one session, 1,000 random edits; each timed from apply() to deltas + summary.
  const session = timed(() => engine.createWhatIfSession(world, policy));
  // As the engine worker does on opening the grid: read the plan's lines. The plan is then handed out, so each
  // edit first composes the decisions and exceptions of the group it changes (once per group), inside its time.
  const opened = timedOnly(() => session.value.plan().lines.length);
  const edits = randomEdits(world, editCount, seed);
  const editMs: number[] = [];
  let groups = 0;
  let deltas = 0;
  for (const e of edits) {
    const t = timed(() => session.value.apply(e));
    editMs.push(t.ms);
    groups += t.value.groupsRecomputed;
    deltas += t.value.deltas.length;
  }
  const undo = timed(() => session.value.undo());
  const weights = timed(() => session.value.apply({ kind: 'policy-weights', weights: { margin: 25 } }));
  // Incremental must equal full: compare the session's plan with a full allocation of the same edits.
  const same = engine.planToJson(session.value.plan()) === engine.planToJson(engine.allocate(world, policy, session.value.edits()));

  // Full allocation and session build on a snapshot the engine has not seen (a fresh structured copy, as the worker
  // reads one from the cache): compile included. Measured after the runs on `world`, since a copy takes the
  // compiled-model slot.
  const fresh = Array.from({ length: Math.max(3, Math.floor(runs / 2)) }, () => {
    const copy = structuredClone(world);
    return timedOnly(() => engine.allocate(copy, policy));
  });
  const sessionFresh = Array.from({ length: 3 }, () => {
    const copy = structuredClone(world);
    return timedOnly(() => engine.createWhatIfSession(copy, policy));
  });

  // Optimal mode again, now with everything above alive (session, undo history, plans, copies): what a planner's
  // app pays when it asks for an optimal run mid-session (a larger heap makes its collections slower).
  const optimalBusy = Array.from({ length: 3 }, () => timedOnly(() => engine.allocate(world, policy, [], { mode: 'optimal' })));
  // One extra run collects the networks for HiGHS.
  const lps: NetworkLp[] = [];
  engine.observeNetworks((net, profit) => lps.push(toLp(net, profit)));
  engine.allocate(world, policy, [], { mode: 'optimal' });
  engine.observeNetworks(null);
  const flowObjective = lps.reduce((s, lp) => s + lp.engineProfit, 0);
  const columns = lps.reduce((s, lp) => s + lp.arcProfit.length, 0);
  const rows = lps.reduce((s, lp) => s + lp.supplyCap.length + lp.lineCap.length, 0);

  let highsMs = NaN;
  let highsObjective = NaN;
  let highsNote = 'skipped';
  if (!flag('skip-highs')) {
    const highs = await highsLoader();
    const h = timed(() => solveWithHighs(highs, lps));
    highsMs = h.ms;
    highsObjective = h.value;
    highsNote = `one LP: ${columns} columns, ${rows} rows (the ${lps.length} SKU-group networks, block-diagonal)`;
  }
  const objectiveGap = Math.abs(flowObjective - highsObjective) / Math.max(1, Math.abs(highsObjective));

  const fullMs = median(full.map((r) => r.ms));
  const optimalMs = median(optimal.map((r) => r.ms));
  const rowsOut: [string, string][] = [
    ['full priority allocation, median wall', `${fullMs.toFixed(1)} ms (cpu ${median(full.map((r) => r.cpuMs)).toFixed(1)} ms; runs ${full.map((r) => r.ms.toFixed(0)).join(', ')})`],
    ['full allocation of a fresh snapshot copy (compile included), median wall', `${median(fresh.map((r) => r.ms)).toFixed(1)} ms (cpu ${median(fresh.map((r) => r.cpuMs)).toFixed(1)} ms)`],
    ['composing all plan lines, decisions, exceptions (first read), median wall', `${median(compose.map((r) => r.ms)).toFixed(1)} ms (cpu ${median(compose.map((r) => r.cpuMs)).toFixed(1)} ms)`],
    ['lines / decisions / exceptions', `${plan.lines.length} / ${plan.decisions.length} / ${plan.exceptions.length}`],
    ['what-if session build (same snapshot / fresh copy, median)', `${session.ms.toFixed(1)} ms (cpu ${session.cpuMs.toFixed(1)}) / ${median(sessionFresh.map((r) => r.ms)).toFixed(1)} ms (cpu ${median(sessionFresh.map((r) => r.cpuMs)).toFixed(1)} ms)`],
    ['single edit p50 / p95 / max', `${pct(editMs, 50).toFixed(2)} / ${pct(editMs, 95).toFixed(2)} / ${Math.max(...editMs).toFixed(2)} ms over ${editMs.length} edits (avg ${(groups / editMs.length).toFixed(2)} groups, ${(deltas / editMs.length).toFixed(1)} line deltas per edit)`],
    ['session plan lines read (grid open)', `${opened.ms.toFixed(1)} ms (cpu ${opened.cpuMs.toFixed(1)} ms)`],
    ['undo', `${undo.ms.toFixed(2)} ms`],
    ['policy-weights edit (all groups)', `${weights.ms.toFixed(1)} ms`],
    ['incremental == full after the edits', String(same)],
    ['optimal mode, median wall', `${optimalMs.toFixed(1)} ms (cpu ${median(optimal.map((r) => r.cpuMs)).toFixed(1)} ms; runs ${optimal.map((r) => r.ms.toFixed(0)).join(', ')})`],
    ['HiGHS on the same LP', Number.isNaN(highsMs) ? highsNote : `${highsMs.toFixed(0)} ms — ${highsNote}`],
    ['objective: engine flow / HiGHS', `${flowObjective} / ${highsObjective}`],
    ['optimal mode mid-session (session, plans and copies alive), median of 3', `${median(optimalBusy.map((r) => r.ms)).toFixed(1)} ms (runs ${optimalBusy.map((r) => r.ms.toFixed(0)).join(', ')})`],
    ['speed-up vs HiGHS', Number.isNaN(highsMs) ? '-' : `${(highsMs / optimalMs).toFixed(1)}x`],
    ['plan objective priority / optimal', `${plan.summary.objective} / ${optimalObjective}`],
  ];
  const w = Math.max(...rowsOut.map((r) => r[0].length));
  for (const [k, v] of rowsOut) console.log(`${k.padEnd(w)}  ${v}`);
  console.log(
    JSON.stringify({
      full_ms_median: Number(fullMs.toFixed(1)),
      edit_ms_p50: Number(pct(editMs, 50).toFixed(3)),
      edit_ms_p95: Number(pct(editMs, 95).toFixed(3)),
      optimal_ms: Number(optimalMs.toFixed(1)),
      highs_ms: Number.isNaN(highsMs) ? null : Number(highsMs.toFixed(1)),
      objective_gap: Number.isNaN(objectiveGap) ? null : objectiveGap,
      full_cpu_ms_median: Number(median(full.map((r) => r.cpuMs)).toFixed(1)),
      full_fresh_ms_median: Number(median(fresh.map((r) => r.ms)).toFixed(1)),
      compose_ms_median: Number(median(compose.map((r) => r.ms)).toFixed(1)),
      session_build_ms: Number(session.ms.toFixed(1)),
      session_lines_ms: Number(opened.ms.toFixed(1)),
      optimal_cpu_ms_median: Number(median(optimal.map((r) => r.cpuMs)).toFixed(1)),
      optimal_mid_session_ms: Number(median(optimalBusy.map((r) => r.ms)).toFixed(1)),
      session_build_fresh_ms_median: Number(median(sessionFresh.map((r) => r.ms)).toFixed(1)),
      weights_edit_ms: Number(weights.ms.toFixed(1)),
      incremental_equals_full: same,
      lines: plan.lines.length,
      bundled: !flag('unbundled'),
    }),
  );
}

await main();
