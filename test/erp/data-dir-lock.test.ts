// One reference ERP per data folder: a second one is refused with a message naming the holder; the lock goes with
// close(), and a lock left by a process that no longer runs is taken over.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startReferenceErp } from '../../main/erp/server';

const dirs: string[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'erp-lock-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('data folder lock', () => {
  it('refuses a second ERP on the same folder while the first runs, and allows one after close()', async () => {
    const dir = fresh();
    const first = await startReferenceErp({ port: 0, dataDir: dir, rateLimit: false });
    await expect(startReferenceErp({ port: 0, dataDir: dir, rateLimit: false })).rejects.toThrow(/is in use by another reference ERP in this process/);
    expect((await fetch(`${first.url}/health`)).status).toBe(200);
    await first.close();
    expect(existsSync(join(dir, 'erp.lock'))).toBe(false);
    const second = await startReferenceErp({ port: 0, dataDir: dir, rateLimit: false });
    expect(second.startup.resumed).toBe(true);
    await second.close();
  });

  it('names another live process holding the folder, and takes over a lock whose process is gone', async () => {
    const dir = fresh();
    // The parent of this process is alive and is not an ERP of this process: a lock in its name is respected.
    writeFileSync(join(dir, 'erp.lock'), `${process.ppid}\n`);
    await expect(startReferenceErp({ port: 0, dataDir: dir, rateLimit: false })).rejects.toThrow(new RegExp(`in use by process ${process.ppid}.*delete .*erp\\.lock`));
    // A finished child's pid: nobody runs under it any more.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(join(dir, 'erp.lock'), `${gone}\n`);
    const erp = await startReferenceErp({ port: 0, dataDir: dir, rateLimit: false });
    expect((await fetch(`${erp.url}/health`)).status).toBe(200);
    await erp.close();
  });
});
