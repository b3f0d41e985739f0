import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from './journal';
import { Journal } from './journal';

const entry = (seq: number): JournalEntry => ({ seq, at: `2026-11-27T00:00:00.${String(seq).padStart(3, '0')}Z`, rows: [] });

describe('journal group commit', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), 'aw-journal-'));
    dirs.push(dir);
    return join(dir, 'journal.ndjson');
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('entries appended in one turn share one fsync, and flushed() resolves only after it', async () => {
    const path = fresh();
    const j = new Journal(path);
    for (let i = 1; i <= 40; i++) j.append(entry(i));
    // Written in commit order at once, not yet known to be on disk.
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(40);
    expect(j.pending).toBe(true);
    expect(j.fsyncCount).toBe(0);
    await j.flushed();
    expect(j.pending).toBe(false);
    expect(j.fsyncCount).toBe(1);
    j.close();
    expect(new Journal(path).readAll().entries.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('an entry appended while an fsync runs waits for the next one; flushed() covers both', async () => {
    const j = new Journal(fresh());
    j.append(entry(1));
    const first = j.flushed();
    await new Promise((r) => setImmediate(r)); // the first fsync has started
    j.append(entry(2));
    const second = j.flushed();
    await Promise.all([first, second]);
    expect(j.fsyncCount).toBe(2);
    expect(j.pending).toBe(false);
    j.close();
  });

  it('flushed() resolves at once when nothing is pending', async () => {
    const j = new Journal(fresh());
    await expect(j.flushed()).resolves.toBeUndefined();
    expect(j.fsyncCount).toBe(0);
  });

  it('close() flushes what is pending and answers every waiter', async () => {
    const path = fresh();
    const j = new Journal(path);
    j.append(entry(1));
    j.append(entry(2));
    const waiting = j.flushed();
    j.close();
    await waiting;
    expect(new Journal(path).readAll().entries).toHaveLength(2);
  });
});
