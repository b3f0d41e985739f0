// The import diff: what the file changes (cells before -> after), what it gets wrong (sheet, row, column, found,
// expected), and a confirm that creates a new scenario. Cancel (or Escape) leaves everything as it was.
import { useEffect, useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import type { PendingImport } from './excel-slice';

const SHOWN = 300;
const show = (v: string) => (v === '' ? '(blank)' : v);

export interface ImportDiffDialogProps {
  readonly pending: PendingImport;
  readonly defaultName: string;
  readonly busy: boolean;
  onConfirm(name: string): void;
  onCancel(): void;
}

export function ImportDiffDialog({ pending, defaultName, busy, onConfirm, onCancel }: ImportDiffDialogProps) {
  const { diff, fileName } = pending;
  const [name, setName] = useState(defaultName);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const stale = diff.snapshotFingerprint.file !== null && diff.snapshotFingerprint.file !== diff.snapshotFingerprint.current;
  const cellChanges = diff.changed.reduce((n, r) => n + r.changes.length, 0);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (name.trim() !== '' && diff.changes.length + diff.changed.length > 0) onConfirm(name.trim());
  }
  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onCancel();
    }
  }

  return (
    <div className="excel-backdrop">
      <form className="excel-dialog" role="dialog" aria-modal="true" aria-labelledby="excel-diff-title" data-testid="excel-diff" onSubmit={submit} onKeyDown={onKeyDown}>
        <h2 id="excel-diff-title">Import {fileName}</h2>
        <p data-testid="excel-diff-summary">
          {diff.rowsRead.toLocaleString()} rows read from {diff.sheetsRead.join(' and ')}: <strong data-testid="excel-diff-changed-count">{diff.changed.length}</strong> changed ({cellChanges} cells),{' '}
          <strong data-testid="excel-diff-rejected-count">{diff.rejected.length}</strong> rejected, {diff.unchangedRows.toLocaleString()} unchanged.
        </p>
        {stale ? <p className="excel-note">The ERP data changed since this file was exported; rows whose order lines changed are rejected.</p> : null}
        {diff.snapshotFingerprint.file === null ? <p className="excel-note">The file's About sheet is gone, so the snapshot it came from is unknown; each row is still checked.</p> : null}

        {diff.changed.length > 0 ? (
          <section aria-label="Changed rows">
            <h3>Changed</h3>
            <table className="excel-table" data-testid="excel-diff-changed">
              <thead>
                <tr>
                  <th scope="col">Sheet</th>
                  <th scope="col">Row</th>
                  <th scope="col">Line / balance</th>
                  <th scope="col">Column</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {diff.changed.slice(0, SHOWN).flatMap((r) =>
                  r.changes.map((c, i) => (
                    <tr key={`${r.sheet}-${r.row}-${c.column}`} data-key={r.key}>
                      <td>{i === 0 ? r.sheet : ''}</td>
                      <td className="num">{i === 0 ? r.row : ''}</td>
                      <td>{i === 0 ? r.key : ''}</td>
                      <td>{c.column}</td>
                      <td>{show(c.before)}</td>
                      <td>{show(c.after)}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
            {diff.changed.length > SHOWN ? <p className="excel-note">…and {diff.changed.length - SHOWN} more changed rows.</p> : null}
          </section>
        ) : null}

        {diff.rejected.length > 0 ? (
          <section aria-label="Rejected rows">
            <h3>Rejected — none of these rows is applied</h3>
            <table className="excel-table" data-testid="excel-diff-rejected">
              <thead>
                <tr>
                  <th scope="col">Sheet</th>
                  <th scope="col">Row</th>
                  <th scope="col">Column</th>
                  <th scope="col">Found</th>
                  <th scope="col">Expected</th>
                </tr>
              </thead>
              <tbody>
                {diff.problems.slice(0, SHOWN).map((p) => (
                  <tr key={`${p.sheet}-${p.cell}-${p.message}`} data-key={p.key}>
                    <td>{p.sheet}</td>
                    <td className="num">{p.row}</td>
                    <td>
                      {p.column} <span className="excel-cell">{p.cell}</span>
                    </td>
                    <td>{p.found}</td>
                    <td>{p.expected}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {diff.problems.length > SHOWN ? <p className="excel-note">…and {diff.problems.length - SHOWN} more problems (run `npm run plan -- check` for the full list).</p> : null}
          </section>
        ) : null}

        {diff.changed.length === 0 ? <p data-testid="excel-diff-empty">The file changes nothing that can be applied{diff.rejected.length ? ' (fix the rejected rows and import again)' : ''}.</p> : null}

        <div className="excel-dialog-actions">
          <label>
            New scenario{' '}
            <input ref={first} value={name} onChange={(e) => setName(e.target.value)} maxLength={80} aria-label="New scenario name" data-testid="excel-scenario-name" />
          </label>
          <button type="submit" disabled={busy || diff.changed.length === 0 || name.trim() === ''} data-testid="excel-confirm">
            Create scenario with {diff.changed.length} changed row{diff.changed.length === 1 ? '' : 's'}
          </button>
          <button type="button" onClick={onCancel} disabled={busy} data-testid="excel-cancel">
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
