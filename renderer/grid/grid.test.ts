import { describe, expect, it } from 'vitest';
import type { ColumnSpec } from './column-spec';
import { formatByKind, formatDate, formatMoney, formatQuantity } from './format';
import { parseByKind, parseLocaleDate, parseLocaleNumber } from './parse';
import { parseClipboardText, planPaste } from './paste';
import { checkCellInput } from './validate-cell';

interface Line {
  id: string;
  qty: number;
  ordered: number;
  locked: boolean;
}

const qty: ColumnSpec<Line> = {
  id: 'qty',
  header: 'Allocated',
  kind: 'quantity',
  editable: (r) => !r.locked,
  validate: (v, r) => ((v as number) > r.ordered ? `no more than the ordered ${r.ordered}` : null),
};

describe('locale formatting', () => {
  it('groups quantities and money by locale', () => {
    expect(formatQuantity(12345, 'en-US')).toBe('12,345');
    expect(formatQuantity(12345, 'de-DE')).toBe('12.345');
    expect(formatMoney(1234.5, 'USD', 'en-US')).toBe('$1,234.50');
  });
  it('reads a bare ISO day as that calendar day, not UTC midnight', () => {
    expect(formatDate('2026-03-31', 'en-US')).toBe('Mar 31, 2026');
  });
  it('formats empty values as empty text', () => {
    expect(formatByKind('quantity', null)).toBe('');
  });
});

describe('parsing typed input strictly', () => {
  it('accepts locale grouping and refuses junk', () => {
    expect(parseLocaleNumber('12,345', 'en-US')).toBe(12345);
    expect(parseLocaleNumber('12.345,5', 'de-DE')).toBe(12345.5);
    expect(parseLocaleNumber('12abc', 'en-US')).toBeNull();
    expect(parseLocaleNumber('1,2,3', 'en-US')).toBeNull();
    expect(parseLocaleNumber('', 'en-US')).toBeNull();
  });
  it('refuses negative and fractional quantities with what was expected', () => {
    expect(parseByKind('quantity', '-3', { locale: 'en-US' })).toEqual({ ok: false, expected: 'a whole number of 0 or more' });
    expect(parseByKind('quantity', '1.5', { locale: 'en-US' }).ok).toBe(false);
    expect(parseByKind('quantity', ' 40 ', { locale: 'en-US' })).toEqual({ ok: true, value: 40 });
  });
  it('reads money with its currency sign but not with trailing junk', () => {
    expect(parseByKind('money', '$1,200.50', { locale: 'en-US' })).toEqual({ ok: true, value: 1200.5 });
    expect(parseByKind('money', '1200x', { locale: 'en-US' }).ok).toBe(false);
  });
  it('reads ISO and locale-ordered dates and refuses impossible ones', () => {
    expect(parseLocaleDate('2026-02-28', 'en-US')).toBe('2026-02-28');
    expect(parseLocaleDate('3/31/2026', 'en-US')).toBe('2026-03-31');
    expect(parseLocaleDate('31.03.2026', 'de-DE')).toBe('2026-03-31');
    expect(parseLocaleDate('2026-02-30', 'en-US')).toBeNull();
  });
  it('matches enum options ignoring case and keeps the canonical spelling', () => {
    expect(parseByKind('enum', 'wh-east', { options: ['WH-EAST', 'WH-WEST'] })).toEqual({ ok: true, value: 'WH-EAST' });
    expect(parseByKind('enum', 'WH-NORTH', { options: ['WH-EAST', 'WH-WEST'] })).toEqual({ ok: false, expected: 'one of WH-EAST, WH-WEST' });
  });
});

describe('cell checks name row, column, expected and found', () => {
  const row: Line = { id: 'L1', qty: 5, ordered: 10, locked: false };
  it('refuses a negative quantity', () => {
    const r = checkCellInput(qty, row, '-4', 'SO-1 line 1');
    expect(r).toEqual({ ok: false, message: 'Row SO-1 line 1, Allocated: expected a whole number of 0 or more, found "-4".' });
  });
  it('applies the row rule after parsing', () => {
    const r = checkCellInput(qty, row, '11', 'SO-1 line 1');
    expect(r).toEqual({ ok: false, message: 'Row SO-1 line 1, Allocated: expected no more than the ordered 10, found "11".' });
  });
  it('refuses a locked row', () => {
    expect(checkCellInput(qty, { ...row, locked: true }, '3', 'L1').ok).toBe(false);
  });
});

describe('paste from Excel', () => {
  it('splits CRLF rows and tab cells, dropping the trailing newline, keeping quoted tabs', () => {
    expect(parseClipboardText('1\r\n2\r\n3\r\n')).toEqual([['1'], ['2'], ['3']]);
    expect(parseClipboardText('a\tb\n"x\ty"\t"say ""hi"""\n')).toEqual([['a', 'b'], ['x\ty', 'say "hi"']]);
  });
  it('fills from the focused row down, refusing invalid values one by one and counting overflow', () => {
    const targets = ['A', 'B', 'C'].map((id) => ({ id, row: { id, qty: 0, ordered: 10, locked: id === 'C' } }));
    const plan = planPaste(parseClipboardText('4\n-1\n2\n7\n'), targets, [qty], (_r, id) => id);
    expect(plan.edits.map((e) => [e.rowId, e.value])).toEqual([['A', 4]]);
    expect(plan.refusals.map((r) => r.rowId)).toEqual(['B', 'C']);
    expect(plan.refusals[0]!.message).toContain('found "-1"');
    expect(plan.beyondLastRow).toBe(1);
  });
});
