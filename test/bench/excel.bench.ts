// `npm run bench:excel`: export and import of a 100k-line plan (the generator's large world, allocated by the
// engine), against raw SheetJS writing and reading the same rows. Prints one JSON line last.
// Import = open + validate every editable cell + diff, on a copy where 1 % of the lines were edited.
import { execSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { nodeDeflateCodec } from '../../main/cli/plan/node-codec';
import { generateWorld } from '../../main/erp/generator';
import { allocate, defaultPolicy } from '../../shared/engine';
import { exportPlanWorkbook, importPlanWorkbook, planSheets } from '../../shared/excel';
import { rawSheetJs } from './excel/raw-sheetjs';

const gc = (globalThis as { gc?: () => void }).gc;
let peak = 0;
const sample = (): void => {
  peak = Math.max(peak, process.memoryUsage().rss);
};
const timer = setInterval(sample, 25);
const seconds = (t0: number): number => Math.round((performance.now() - t0) / 10) / 100;
// CPU seconds of this process (user + system): on a machine shared with other jobs, wall time includes waiting
// for a core; CPU time is what the same work costs on an idle machine (the work is single-threaded).
const cpu0 = (): NodeJS.CpuUsage => process.cpuUsage();
const cpuSeconds = (from: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(from);
  return Math.round((d.user + d.system) / 1e4) / 100;
};
const log = (s: string): void => void process.stderr.write(`${s}\n`);

const codec = nodeDeflateCodec();
let t = performance.now();
const snapshot = generateWorld({ scale: 'large', seed: 7 });
const plan = allocate(snapshot, defaultPolicy, [], { mode: 'priority' });
log(`world + plan: ${plan.lines.length} lines in ${seconds(t)} s`);
gc?.();
sample();

t = performance.now();
let c = cpu0();
const bytes = await exportPlanWorkbook({ snapshot, plan, exportedAt: new Date().toISOString() }, codec);
const exportS = seconds(t);
const exportCpuS = cpuSeconds(c);
sample();
log(`export: ${exportS} s, ${(bytes.length / 1e6).toFixed(1)} MB`);

// The edited file: 1 % of the lines carry a quantity override of 0 (always valid). It is written by the exporter
// with those edits (SheetJS would take ~40 s to rewrite 100k lines), and imported against the edit-free scenario,
// so every one of those cells is read, validated and reported as a change.
const editedLines = plan.lines.filter((_, i) => i % 100 === 0);
const edited = await exportPlanWorkbook({ snapshot, plan, edits: editedLines.map((l) => ({ kind: 'quantity' as const, orderLineId: l.orderLineId, qty: 0 })) }, codec);
gc?.();
t = performance.now();
c = cpu0();
const outcome = await importPlanWorkbook({ bytes: edited, snapshot, plan }, codec);
const importS = seconds(t);
const importCpuS = cpuSeconds(c);
sample();
if (!outcome.ok) throw new Error(`import refused: ${outcome.refusal.message}`);
log(`import: ${importS} s, ${outcome.diff.rowsRead} rows, ${outcome.diff.changed.length} changed, ${outcome.diff.problems.length} problems`);
gc?.();

// Our peak ends here; SheetJS's own (much larger) footprint is reported separately.
const ourPeak = peak;
const raw = rawSheetJs(planSheets({ snapshot, plan }).slice(0, 1));
sample();
log(`raw SheetJS (Plan sheet only): write ${raw.writeS.toFixed(2)} s, read ${raw.readS.toFixed(2)} s`);
clearInterval(timer);

let commit = 'unknown';
try {
  commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
} catch {
  // not a git checkout
}
const result = {
  lines: plan.lines.length,
  rows: outcome.diff.rowsRead,
  file_mb: Math.round(bytes.length / 1e5) / 10,
  export_s: exportS,
  import_s: importS,
  export_cpu_s: exportCpuS,
  import_cpu_s: importCpuS,
  raw_write_s: Math.round(raw.writeS * 100) / 100,
  raw_read_s: Math.round(raw.readS * 100) / 100,
  peak_mb: Math.round(ourPeak / 1e6),
  raw_peak_mb: Math.round(peak / 1e6),
  changed_lines: outcome.diff.changed.length,
  cores: cpus().length,
  load_avg_1m: Math.round(loadavg()[0]! * 10) / 10,
  node: process.version,
  commit,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
