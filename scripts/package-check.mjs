// `npm run package:check`: runs electron-builder on the built app to check the packaging config and lists what goes
// into app.asar. Machines here cannot download the Electron zip, so `electronDist` points at a stub folder (a file
// named 'electron'): the packed Electron runtime is then a stub, but app.asar — our part — is real. The check fails
// unless the archive holds only build output (dist/main, dist/renderer) and package.json.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, chmodSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const stub = mkdtempSync(path.join(tmpdir(), 'electron-stub-'));
writeFileSync(path.join(stub, 'electron'), '#!/bin/sh\necho "stub electron: the real binary was not available when this was packed"\n');
chmodSync(path.join(stub, 'electron'), 0o755);
console.log(`electronDist -> ${stub} (a stub: the Electron binary cannot be downloaded on this machine)`);

rmSync('release', { recursive: true, force: true });
const builder = spawnSync('npx', ['electron-builder', '--linux', 'dir', '--publish', 'never', `-c.electronDist=${stub}`, '-c.npmRebuild=false'], {
  stdio: 'inherit',
  env: { ...process.env, ELECTRON_BUILDER_OFFLINE: '1' },
});
if (builder.status !== 0) process.exit(builder.status ?? 1);

const asarPath = path.join('release', 'linux-unpacked', 'resources', 'app.asar');
if (!existsSync(asarPath)) {
  console.error(`electron-builder did not produce ${asarPath}`);
  process.exit(1);
}
const asar = require('@electron/asar');
const listing = asar.listPackage(asarPath, { isPack: false }).map((p) => p.replaceAll('\\', '/'));
console.log(`\n${asarPath} holds ${listing.length} entries:`);
for (const entry of listing) console.log(`  ${entry}`);

const allowed = (p) => p === '/package.json' || p === '/dist' || p === '/dist/main' || p === '/dist/renderer' || p.startsWith('/dist/main/') || p.startsWith('/dist/renderer/');
const unexpected = listing.filter((p) => !allowed(p));
const required = ['/package.json', '/dist/main/entry.cjs', '/dist/main/preload.cjs', '/dist/renderer/index.html'];
const missing = required.filter((p) => !listing.includes(p));
if (unexpected.length || missing.length) {
  if (unexpected.length) console.error(`\nNot build output, must not be packed:\n  ${unexpected.join('\n  ')}`);
  if (missing.length) console.error(`\nMissing from the archive:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
console.log('\npackage:check passed: app.asar holds only build output and package.json.');
