// The batch command end to end: a real snapshot file in, a plan file out; bad input names the record and field,
// exits 2 and writes nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateWorld } from '../../main/erp/generator';

const dir = mkdtempSync(join(tmpdir(), 'allocate-cli-'));
const snap = join(dir, 'snap.json');
const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'main/cli/allocate.ts', ...args], { encoding: 'utf8', cwd: process.cwd() });

beforeAll(() => {
  writeFileSync(snap, JSON.stringify(generateWorld({ scale: 'small', seed: 11 })));
});

describe('npm run allocate', () => {
  it('writes the plan file and prints the before/after summary', () => {
    const out = join(dir, 'plan.json');
    const edits = join(dir, 'edits.json');
    const s = JSON.parse(readFileSync(snap, 'utf8')) as { orderLines: { id: string; status: string }[] };
    const open = s.orderLines.find((l) => l.status === 'open')!;
    writeFileSync(edits, JSON.stringify([{ kind: 'priority-override', orderLineId: open.id, priority: 1 }]));
    const r = run('--snapshot', snap, '--edits', edits, '--mode', 'priority', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('fill rate (units)');
    const plan = JSON.parse(readFileSync(out, 'utf8')) as { lines: { orderLineId: string; rank: number; score: number; allocations: unknown[]; shortQty: number; priorityOverride: number | null }[]; summary: object; decisions: unknown[]; exceptions: unknown[] };
    expect(plan.lines.length).toBeGreaterThan(500);
    expect(Object.keys(plan)).toEqual(expect.arrayContaining(['lines', 'summary', 'decisions', 'exceptions']));
    expect(plan.lines.find((l) => l.orderLineId === open.id)!.priorityOverride).toBe(1);
  });

  it('in optimal mode prints the priority-mode objective and the value gap the plan file reports', () => {
    const out = join(dir, 'plan-optimal.json');
    const r = run('--snapshot', snap, '--mode', 'optimal', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    const summary = (JSON.parse(readFileSync(out, 'utf8')) as { summary: { mode: string; valueGap: number; priorityObjective: number } }).summary;
    expect(summary.mode).toBe('optimal');
    const money = (c: number): string => (c / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(r.stdout).toMatch(new RegExp(`priority-mode objective +${money(summary.priorityObjective).replace(/[.]/g, '\\.')}`));
    expect(r.stdout).toMatch(new RegExp(`value gap \\(optimal - priority\\) +${money(summary.valueGap).replace(/[.]/g, '\\.')}`));
  });

  it('exits 2 naming the record and field of a bad snapshot, and writes nothing', () => {
    const s = JSON.parse(readFileSync(snap, 'utf8')) as { orderLines: Record<string, unknown>[] };
    s.orderLines[2]!.orderedQty = -4;
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(s));
    const out = join(dir, 'never.json');
    const r = run('--snapshot', bad, '--out', out);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`order-lines "${String(s.orderLines[2]!.id)}": field "orderedQty" expected a non-negative integer, found -4`);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 naming the policy field', () => {
    const p = join(dir, 'policy.json');
    writeFileSync(p, JSON.stringify({ holds: { credit: 'ignore' } }));
    const r = run('--snapshot', snap, '--policy', p, '--out', join(dir, 'x.json'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('policy: field "holds.credit" expected one of "keep", "release", "allocate", found "ignore"');
  });
});
