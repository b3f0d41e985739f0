// `npm run plan -- export|check`: real processes over real files; exit 0 valid, 1 row errors, 2 unusable.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateWorld } from '../../main/erp/generator';
import { editPlanCells } from './edit-workbook';

const dir = mkdtempSync(join(tmpdir(), 'plan-cli-'));
const snap = join(dir, 'snap.json');
const plan = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'main/cli/plan.ts', ...args], { encoding: 'utf8', timeout: 120_000 });

describe('plan command line', () => {
  let lineIds: string[] = [];
  beforeAll(() => {
    const world = generateWorld({ scale: 'small', seed: 11 });
    writeFileSync(snap, JSON.stringify(world));
    lineIds = world.orderLines.filter((l) => l.holdCode === 'none' && l.status !== 'shipped' && l.status !== 'cancelled').map((l) => l.id);
  });

  it('exports a workbook, then checks edits: 0 when valid, 1 with row errors, 2 when unusable', () => {
    const out = join(dir, 'plan.xlsx');
    const exp = plan('export', '--snapshot', snap, '--out', out);
    expect(exp.stderr).toBe('');
    expect(exp.status).toBe(0);
    const bytes = new Uint8Array(readFileSync(out));

    const good = join(dir, 'good.xlsx');
    writeFileSync(good, editPlanCells(bytes, [{ orderLineId: lineIds[0]!, column: 'Priority override', value: 2 }]));
    const ok = plan('check', good, '--snapshot', snap, '--json');
    expect(ok.status).toBe(0);
    const diff = JSON.parse(ok.stdout) as { changes: unknown[]; problems: unknown[] };
    expect(diff.changes).toEqual([{ kind: 'priority-override', orderLineId: lineIds[0], priority: 2 }]);
    expect(diff.problems).toEqual([]);

    const bad = join(dir, 'bad.xlsx');
    writeFileSync(bad, editPlanCells(bytes, [{ orderLineId: lineIds[1]!, column: 'Override qty', value: -3 }]));
    const errs = plan('check', bad, '--snapshot', snap);
    expect(errs.status).toBe(1);
    expect(errs.stdout).toMatch(new RegExp(`Plan row \\d+, column "Override qty" \\([A-Z]+\\d+\\): expected .*whole number.*; found -3`));

    const junk = join(dir, 'junk.xlsx');
    writeFileSync(junk, 'Order line,Override qty\n');
    const refused = plan('check', junk, '--snapshot', snap);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('not an Excel workbook');
  }, 240_000);

  it('refuses bad arguments with exit 2 and the usage', () => {
    const r = plan('check', '--snapshot', snap);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('check needs the workbook');
  }, 60_000);
});
