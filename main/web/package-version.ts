import fs from 'node:fs';
import path from 'node:path';

/** The app's version from package.json, shown in the status bar. */
export function readPackageVersion(root: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}
