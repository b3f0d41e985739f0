// The human-readable report of `plan check`: a summary line, each changed row with its cells before -> after,
// each rejected row with every problem (sheet, row, column, found, expected).
import type { ImportDiff } from '../../../shared/excel';

const show = (v: string): string => (v === '' ? '(blank)' : v);

/** Renders the diff as plain text lines. */
export function renderDiff(file: string, d: ImportDiff): string {
  const out: string[] = [];
  const stale = d.snapshotFingerprint.file !== null && d.snapshotFingerprint.file !== d.snapshotFingerprint.current;
  out.push(`${file}: ${d.rowsRead} rows read (${d.sheetsRead.join(', ')}); ${d.changed.length} changed, ${d.rejected.length} rejected, ${d.unchangedRows} unchanged; ${d.changes.length} edits to apply`);
  if (d.snapshotFingerprint.file === null) out.push('note: the About sheet is gone, so the snapshot the file came from is unknown (rows are still checked one by one)');
  else if (stale) out.push(`note: the ERP data changed since the export (snapshot ${d.snapshotFingerprint.file} -> ${d.snapshotFingerprint.current}); rows whose records changed are refused`);
  if (d.changed.length) out.push('', 'Changed:');
  for (const r of d.changed) out.push(`  ${r.sheet} row ${r.row}  ${r.key}: ${r.changes.map((c) => `${c.column} ${show(c.before)} -> ${show(c.after)}`).join('; ')}`);
  if (d.rejected.length) out.push('', 'Rejected (nothing of these rows is applied):');
  for (const r of d.rejected) {
    out.push(`  ${r.sheet} row ${r.row}  ${r.key || '(no id)'}`);
    for (const p of r.problems) out.push(`    ${p.sheet} row ${p.row}, column "${p.column}" (${p.cell}): expected ${p.expected}; found ${p.found}`);
  }
  return out.join('\n');
}
