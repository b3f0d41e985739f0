// `npm start`, after the build: launches the desktop app with the Electron binary. Resolving 'electron' downloads the
// binary on first use; where that is impossible (no network but the package registry) it says so and points to the
// browser mode instead of failing obscurely.
import { spawn, spawnSync } from 'node:child_process';

const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { encoding: 'utf8' });
const binary = probe.status === 0 ? probe.stdout.trim() : '';
if (!binary) {
  console.error('\nThe Electron binary is not available on this machine and could not be downloaded.');
  console.error('Run the same app in your browser instead:  npm run web   (then open http://127.0.0.1:5317)\n');
  process.exit(1);
}
const child = spawn(binary, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
