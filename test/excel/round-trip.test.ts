// Round trips: export -> edit like a planner in another spreadsheet program -> import -> exactly the expected
// edits, with every problem located by sheet, row, column, found and expected.
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import type { OrderLine, Snapshot } from '../../shared/domain';
import { allocate, defaultPolicy } from '../../shared/engine';
import type { Edit } from '../../shared/engine';
import { exportPlanCsv, exportPlanWorkbook, importPlanWorkbook, snapshotFingerprint } from '../../shared/excel';
import type { ImportDiff } from '../../shared/excel';
import { columnOf, editPlanCells, rowsOf, setCell, sheetRows, viaSheetJs } from './edit-workbook';
import { codec, exportSmall, smallWorld } from './fixtures';

async function diffOf(bytes: Uint8Array, edits: readonly Edit[] = [], snapshot: Snapshot = smallWorld().snapshot): Promise<ImportDiff> {
  const outcome = await importPlanWorkbook({ bytes, snapshot, plan: smallWorld().plan, edits }, codec);
  if (!outcome.ok) throw new Error(`refused: ${outcome.refusal.message}`);
  return outcome.diff;
}

/** Same edits in any order (the import lists them in sheet row order, which depends on the file's sort). */
function expectSameEdits(actual: readonly Edit[], expected: readonly Edit[]): void {
  expect(actual).toHaveLength(expected.length);
  expect(actual).toEqual(expect.arrayContaining([...expected]));
}

/** Lines of the small world picked for what each test needs. */
function pick() {
  const { snapshot, plan } = smallWorld();
  const planned = new Set(plan.lines.map((l) => l.orderLineId));
  const customers = new Map(snapshot.customers.map((c) => [c.id, c]));
  const items = new Map(snapshot.items.map((i) => [i.id, i]));
  const rules = new Map<string, string[]>();
  for (const r of snapshot.substitutionRules) rules.set(r.itemId, [...(rules.get(r.itemId) ?? []), r.substituteItemId]);
  const open = snapshot.orderLines.filter((l) => planned.has(l.id));
  const free = open.filter((l) => l.holdCode === 'none');
  const find = (what: string, f: (l: OrderLine) => boolean): OrderLine => {
    const l = free.find(f);
    if (!l) throw new Error(`the small world has no ${what}`);
    return l;
  };
  const packed = find('line with a pack size over 1 and room', (l) => (items.get(l.itemId)?.packSize ?? 1) > 1 && l.orderedQty - l.shippedQty > (items.get(l.itemId)?.packSize ?? 1));
  const substitutable = find('substitutable line', (l) => l.allowSubstitution && customers.get(l.customerId)!.substitutionAllowed && (rules.get(l.itemId)?.length ?? 0) > 0);
  const noSubstitution = find('line that forbids substitution', (l) => !l.allowSubstitution && (rules.get(l.itemId)?.length ?? 0) > 0);
  const held = open.find((l) => l.holdCode !== 'none');
  if (!held) throw new Error('the small world has no held line');
  const others = free.filter((l) => l !== packed && l !== substitutable && l !== noSubstitution);
  const warehouse = snapshot.warehouses.find((w) => w.id !== others[0]!.warehouseId)!.id;
  const multi = plan.lines.find((l) => l.allocations.length > 1 && snapshot.orderLines.find((o) => o.id === l.orderLineId)!.holdCode === 'none');
  return { packed, pack: items.get(packed.itemId)!.packSize, substitutable, substitute: rules.get(substitutable.itemId)![0]!, noSubstitution, held, others, warehouse, multi, snapshot, plan };
}

describe('plan workbook export', { timeout: 120_000 }, () => {
  it('writes numbers as numbers, dates as formatted dates, a header, widths, an autofilter and a hidden fingerprint column', async () => {
    const wb = XLSX.read(await exportSmall(), { type: 'array', cellStyles: true, cellNF: true });
    expect(wb.SheetNames).toEqual(['Plan', 'Exceptions', 'Inventory', 'Summary', 'About']);
    const ws = wb.Sheets.Plan!;
    const r = rowsOf(ws, 'Order line', pick().others[0]!.id)[0]!;
    const qty = ws[XLSX.utils.encode_cell({ r, c: columnOf(ws, 'Ordered qty') })] as XLSX.CellObject;
    expect(qty.t).toBe('n');
    const promised = ws[XLSX.utils.encode_cell({ r, c: columnOf(ws, 'Promised date') })] as XLSX.CellObject;
    expect(promised.t).toBe('n');
    expect(promised.z).toBe('yyyy\\-mm\\-dd');
    expect(XLSX.SSF.format(promised.z as string, promised.v as number)).toBe(pick().others[0]!.promisedDate);
    expect(ws['!autofilter']?.ref).toMatch(/^A1:AE\d+$/);
    const cols = ws['!cols']!;
    expect(cols[columnOf(ws, 'Customer name')]!.wch ?? cols[columnOf(ws, 'Customer name')]!.width).toBeGreaterThan(20);
    expect(cols[columnOf(ws, 'Row fingerprint')]!.hidden).toBe(true);
  });

  it('is byte-for-byte deterministic', async () => {
    const { snapshot, plan } = smallWorld();
    const once = () => exportPlanWorkbook({ snapshot, plan, exportedAt: '2026-11-27T08:00:00.000Z' }, codec);
    expect(Buffer.from(await once()).equals(Buffer.from(await once()))).toBe(true);
  });

  it('puts the snapshot fingerprint and the allowed values in the About sheet', async () => {
    const wb = XLSX.read(await exportSmall(), { type: 'array' });
    const about = sheetRows(wb.Sheets.About!);
    const row = about.find((r) => r[0] === 'Snapshot fingerprint')!;
    expect(row[1]).toBe(snapshotFingerprint(smallWorld().snapshot));
    expect(about.find((r) => r[0] === 'Override source')![1]).toContain(smallWorld().snapshot.warehouses[0]!.id);
  });

  it('exports a filtered set of lines and one sheet as CSV, neutralising formula-like text', () => {
    const { snapshot, plan } = smallWorld();
    const ids = plan.lines.slice(0, 3).map((l) => l.orderLineId);
    const csv = exportPlanCsv({ snapshot, plan, lineIds: ids, comments: new Map([[ids[0]!, '=HYPERLINK("http://x")']]) });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]!.startsWith('Order line,Order,Slice')).toBe(true);
    const dataIds = new Set(lines.slice(1).map((l) => l.split(',')[0]));
    expect([...dataIds].sort()).toEqual([...ids].sort());
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});

// SheetJS plays the other spreadsheet program and is slow on a loaded 2-core machine: generous timeouts.
describe('plan workbook import', { timeout: 180_000 }, () => {
  it('finds no change in an untouched file, nor after another program re-saves it', async () => {
    const bytes = await exportSmall();
    for (const file of [bytes, viaSheetJs(bytes, () => undefined)]) {
      const d = await diffOf(file);
      expect(d.changed).toEqual([]);
      expect(d.problems).toEqual([]);
      expect(d.changes).toEqual([]);
      expect(d.snapshotFingerprint.file).toBe(d.snapshotFingerprint.current);
      expect(d.unchangedRows).toBeGreaterThan(1000);
    }
  });

  it('turns each editable column into the matching what-if edit', async () => {
    const p = pick();
    const [a, b, c] = p.others;
    const file = editPlanCells(await exportSmall(), [
      { orderLineId: p.packed.id, column: 'Override qty', value: p.pack },
      { orderLineId: a!.id, column: 'Override source', value: p.warehouse.toLowerCase() },
      { orderLineId: p.substitutable.id, column: 'Override substitute', value: p.substitute },
      { orderLineId: b!.id, column: 'Lock', value: 'yes' },
      { orderLineId: c!.id, column: 'Priority override', value: 3 },
      { orderLineId: c!.id, column: 'Comment', value: 'customer escalated' },
    ]);
    const d = await diffOf(file);
    expect(d.problems).toEqual([]);
    expectSameEdits(d.changes, [
      { kind: 'quantity', orderLineId: p.packed.id, qty: p.pack },
      { kind: 'source', orderLineId: a!.id, warehouseId: p.warehouse },
      { kind: 'substitute', orderLineId: p.substitutable.id, itemId: p.substitute },
      { kind: 'lock', orderLineId: b!.id, locked: true },
      { kind: 'priority-override', orderLineId: c!.id, priority: 3 },
    ]);
    expect(d.comments[c!.id]).toBe('customer escalated');
    const lock = d.changed.find((r) => r.key === b!.id)!;
    expect(lock.changes).toEqual([{ column: 'Lock', before: '', after: 'Yes' }]);
    const prio = d.changed.find((r) => r.key === c!.id)!;
    expect(prio.changes).toEqual([{ column: 'Priority override', before: '', after: '3' }, { column: 'Comment', before: '', after: 'customer escalated' }]);
    // The edits are ones the engine accepts: the new scenario allocates.
    expect(() => allocate(p.snapshot, defaultPolicy, d.scenarioEdits)).not.toThrow();
  });

  it('matches rows by id whatever another program did to the layout', async () => {
    const p = pick();
    const [a, b] = p.others;
    const file = viaSheetJs(await exportSmall(), (wb) => {
      const ws = wb.Sheets.Plan!;
      const rows = sheetRows(ws);
      const header = rows[0] as string[];
      const qtyAt = header.indexOf('Override qty');
      const prioAt = header.indexOf('Priority override');
      const idAt = header.indexOf('Order line');
      const body = rows.slice(1).reverse(); // re-sorted
      for (const r of body) {
        if (r[idAt] === a!.id) r[qtyAt] = { f: '2*0', v: 0 }; // a formula with its computed value
        if (r[idAt] === b!.id) r[prioAt] = ' 7 '; // a number typed as text
      }
      // Columns re-ordered (the editable ones first), a new column, blank rows between the data.
      const order = [qtyAt, prioAt, ...header.map((_, i) => i).filter((i) => i !== qtyAt && i !== prioAt)];
      const out: unknown[][] = [[...order.map((i) => header[i]), 'My notes']];
      body.forEach((r, k) => {
        out.push([...order.map((i) => r[i]), k % 50 === 0 ? 'check' : null]);
        if (k % 97 === 0) out.push([]);
      });
      const nws = XLSX.utils.aoa_to_sheet(out.map((r) => r.map((v) => (v && typeof v === 'object' && 'f' in v ? null : v))));
      out.forEach((r, ri) => r.forEach((v, ci) => {
        if (v && typeof v === 'object' && 'f' in v) setCell(nws, ri, ci, { formula: (v as unknown as { f: string }).f, value: (v as unknown as { v: number }).v });
      }));
      nws['!cols'] = [{ hidden: true }];
      wb.Sheets.Plan = nws;
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['my pivot']]), 'Scratch');
    });
    const d = await diffOf(file);
    expect(d.problems).toEqual([]);
    expectSameEdits(d.changes, [
      { kind: 'quantity', orderLineId: a!.id, qty: 0 },
      { kind: 'priority-override', orderLineId: b!.id, priority: 7 },
    ]);
  });

  it('reads supply dates typed as text in common formats and refuses ambiguous ones', async () => {
    const { snapshot } = smallWorld();
    const [b1, b2, b3] = snapshot.inventoryBalances;
    const file = viaSheetJs(await exportSmall(), (wb) => {
      const ws = wb.Sheets.Inventory!;
      const q = columnOf(ws, 'Add supply qty');
      const dc = columnOf(ws, 'Supply date');
      const set = (id: string, qty: number, date: string) => {
        const r = rowsOf(ws, 'Balance', id)[0]!;
        setCell(ws, r, q, qty);
        setCell(ws, r, dc, date);
      };
      set(b1!.id, 40, '01.12.2026');
      set(b2!.id, 12, '2-Dec-2026');
      set(b3!.id, 5, '03/04/2027');
    });
    const d = await diffOf(file);
    expect(d.changes).toEqual([
      { kind: 'supply', itemId: b1!.itemId, warehouseId: b1!.warehouseId, qty: 40, date: '2026-12-01' },
      { kind: 'supply', itemId: b2!.itemId, warehouseId: b2!.warehouseId, qty: 12, date: '2026-12-02' },
    ]);
    expect(d.problems).toHaveLength(1);
    expect(d.problems[0]).toMatchObject({ sheet: 'Inventory', column: 'Supply date', key: b3!.id, found: '"03/04/2027"' });
    expect(d.problems[0]!.expected).toContain('ambiguous');
  });

  it('validates every editable cell like a grid edit and rejects the whole line, naming sheet, row, column, found and expected', async () => {
    const p = pick();
    const [a, b, c, e, f] = p.others;
    const bytes = await exportSmall();
    const file = editPlanCells(bytes, [
      { orderLineId: a!.id, column: 'Override qty', value: -4 },
      { orderLineId: b!.id, column: 'Override qty', value: 2.5 },
      { orderLineId: p.packed.id, column: 'Override qty', value: p.pack + 1 },
      { orderLineId: c!.id, column: 'Override source', value: 'WH-MOON-9' },
      { orderLineId: p.noSubstitution.id, column: 'Override substitute', value: 'SKU-10001' },
      { orderLineId: p.held.id, column: 'Lock', value: 'Yes' },
      { orderLineId: e!.id, column: 'Priority override', value: 0 },
      { orderLineId: f!.id, column: 'Lock', value: 'perhaps' },
    ]);
    const d = await diffOf(file);
    expect(d.changes).toEqual([]);
    expect(d.changed).toEqual([]);
    const byLine = new Map(d.rejected.map((r) => [r.key, r]));
    const first = (id: string) => byLine.get(id)!.problems[0]!;
    expect(first(a!.id)).toMatchObject({ sheet: 'Plan', column: 'Override qty', found: '-4' });
    expect(first(a!.id).expected).toContain('whole number of units from 0');
    expect(first(b!.id)).toMatchObject({ column: 'Override qty', found: '2.5' });
    expect(first(p.packed.id).expected).toContain(`packs of ${p.pack}`);
    expect(first(c!.id)).toMatchObject({ column: 'Override source', found: '"WH-MOON-9"' });
    expect(first(c!.id).expected).toContain(p.snapshot.warehouses[0]!.id);
    expect(first(p.noSubstitution.id).expected).toContain('does not allow substitution');
    expect(first(p.held.id).expected).toContain('hold');
    expect(first(e!.id)).toMatchObject({ column: 'Priority override', found: '0' });
    expect(first(f!.id)).toMatchObject({ column: 'Lock', found: '"perhaps"', expected: 'Yes or No (or blank)' });
    // Row numbers are the spreadsheet's: the row where that line is in the file.
    const ws = XLSX.read(file, { type: 'array' }).Sheets.Plan!;
    expect(first(a!.id).row).toBe(rowsOf(ws, 'Order line', a!.id)[0]! + 1);
    expect(first(a!.id).cell).toMatch(new RegExp(`^[A-Z]+${first(a!.id).row}$`));
    expect(first(a!.id).message).toContain(`Plan row ${first(a!.id).row}, column "Override qty"`);
  });

  it('refuses edits to a line that changed in the ERP since the export, and unknown lines', async () => {
    const p = pick();
    const [a, b] = p.others;
    const file = editPlanCells(await exportSmall(), [
      { orderLineId: a!.id, column: 'Priority override', value: 2 },
      { orderLineId: b!.id, column: 'Priority override', value: 2 },
    ]);
    const moved: Snapshot = { ...p.snapshot, orderLines: p.snapshot.orderLines.map((l) => (l.id === a!.id ? { ...l, version: l.version + 1 } : l)) };
    const d = await diffOf(file, [], moved);
    expect(d.changes).toEqual([{ kind: 'priority-override', orderLineId: b!.id, priority: 2 }]);
    const stale = d.rejected.find((r) => r.key === a!.id)!;
    expect(stale.problems[0]).toMatchObject({ column: 'Row fingerprint' });
    expect(stale.problems[0]!.expected).toContain('changed in the ERP since the export');
    expect(d.snapshotFingerprint.file).not.toBe(d.snapshotFingerprint.current);

    const renamed = viaSheetJs(file, (wb) => {
      const ws = wb.Sheets.Plan!;
      setCell(ws, rowsOf(ws, 'Order line', b!.id)[0]!, columnOf(ws, 'Order line'), 'OL-NOPE-1');
    });
    const d2 = await diffOf(renamed);
    expect(d2.rejected.some((r) => r.key === 'OL-NOPE-1' && r.problems[0]!.column === 'Order line')).toBe(true);
  });

  it('clears overrides a planner blanks, and keeps a multi-row line consistent', async () => {
    const p = pick();
    const a = p.others[0]!;
    const current: Edit[] = [
      { kind: 'quantity', orderLineId: a.id, qty: 0 },
      { kind: 'substitute', orderLineId: p.substitutable.id, itemId: null },
    ];
    const exported = await exportPlanWorkbook({ snapshot: p.snapshot, plan: allocate(p.snapshot, defaultPolicy, current), edits: current }, codec);
    const file = editPlanCells(exported, [
      { orderLineId: a.id, column: 'Override qty', value: null },
      { orderLineId: p.substitutable.id, column: 'Override substitute', value: null },
    ]);
    const d = await diffOf(file, current);
    expect(d.changes).toEqual([{ kind: 'quantity', orderLineId: a.id, qty: null }]);
    expect(d.scenarioEdits).toEqual([{ kind: 'quantity', orderLineId: a.id, qty: null }]);
    expect(d.changed.find((r) => r.key === p.substitutable.id)!.changes).toEqual([{ column: 'Override substitute', before: 'none', after: '' }]);

    if (p.multi) {
      const rows = p.multi.allocations.length;
      expect(rows).toBeGreaterThan(1);
      const conflicting = viaSheetJs(await exportSmall(), (wb) => {
        const ws = wb.Sheets.Plan!;
        const rs = rowsOf(ws, 'Order line', p.multi!.orderLineId);
        setCell(ws, rs[0]!, columnOf(ws, 'Priority override'), 4);
        setCell(ws, rs[1]!, columnOf(ws, 'Priority override'), 5);
      });
      const d3 = await diffOf(conflicting);
      expect(d3.rejected.find((r) => r.key === p.multi!.orderLineId)!.problems[0]!.expected).toContain('must agree on all its rows');
      // One edited row of a multi-row line is enough.
      const single = editPlanCells(await exportSmall(), [{ orderLineId: p.multi.orderLineId, column: 'Priority override', value: 4, firstRowOnly: true }]);
      expect((await diffOf(single)).changes).toEqual([{ kind: 'priority-override', orderLineId: p.multi.orderLineId, priority: 4 }]);
    }
  });

  it('reports a formula that was never calculated, and an error value, instead of guessing', async () => {
    const [a, b] = pick().others;
    const file = editPlanCells(await exportSmall(), [
      { orderLineId: a!.id, column: 'Override qty', value: { formula: 'SUM(Z2:Z3)' } },
      { orderLineId: b!.id, column: 'Override qty', value: { formula: '1/0', value: '#DIV/0!' } },
    ]);
    const d = await diffOf(file);
    const pa = d.rejected.find((r) => r.key === a!.id)!.problems[0]!;
    expect(pa.found).toContain('=SUM(Z2:Z3)');
    expect(pa.expected).toContain('no computed result');
    expect(d.rejected.find((r) => r.key === b!.id)).toBeDefined();
  });
});
