import fs from 'node:fs/promises';
import path from 'node:path';
import type { SessionFile } from './session-service';

/** The session file in the user's data folder, written atomically (temp file + rename) so a crash never half-writes it. */
export function createFileSessionStore(file: string): SessionFile {
  return {
    async read() {
      try {
        return await fs.readFile(file, 'utf8');
      } catch {
        return null;
      }
    },
    async write(contents) {
      await fs.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, contents, { mode: 0o600 });
      await fs.rename(tmp, file);
    },
    async remove() {
      await fs.rm(file, { force: true });
    },
  };
}
