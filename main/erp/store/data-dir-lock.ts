// One reference ERP per data folder: two processes appending to the same journal would interleave their lines and
// replay into a state neither acknowledged. The lock is a file holding the owner's pid, created exclusively; a lock
// left by a process that no longer runs (a crash) is taken over.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Folders this process holds (a second ERP in the same process is refused too). */
const heldHere = new Set<string>();

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else, so it still runs.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the folder's lock or throws a message saying who holds it; returns the release function. */
export function lockDataDir(dir: string): () => void {
  const path = join(dir, 'erp.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      heldHere.add(path);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldHere.delete(path);
        rmSync(path, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let owner = Number.NaN;
    try {
      owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
    } catch {
      // Vanished meanwhile: try again.
    }
    const inUse = Number.isInteger(owner) && (owner === process.pid ? heldHere.has(path) : running(owner));
    if (inUse) {
      throw new Error(
        `data folder ${dir} is in use by ${owner === process.pid ? 'another reference ERP in this process' : `process ${owner}`}: stop it or choose another --data-dir (if no such ERP runs, delete ${path})`,
      );
    }
    rmSync(path, { force: true }); // left by a process that crashed
  }
  throw new Error(`data folder ${dir}: could not take the lock ${path}`);
}
