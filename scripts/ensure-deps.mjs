// Makes `npm start`, `npm run web` and `npm test` work on a fresh machine by themselves: installs the npm packages
// when node_modules is missing or older than package-lock.json, and (with --browser) Debian's Chromium and a font for
// the end-to-end tests when they are missing and this user may install them. Uses nothing but Node's own modules.
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const wantBrowser = process.argv.includes('--browser');

function run(cmd, args) {
  console.log(`> ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.status !== 0) {
    console.error(`${cmd} ${args.join(' ')} failed with exit code ${r.status}`);
    process.exit(r.status ?? 1);
  }
}

const installedMarker = 'node_modules/.package-lock.json';
const stale = !existsSync(installedMarker) || (existsSync('package-lock.json') && statSync('package-lock.json').mtimeMs > statSync(installedMarker).mtimeMs + 1000);
if (stale) run('npm', existsSync('package-lock.json') ? ['ci'] : ['install']);

if (wantBrowser) {
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  const fonts = existsSync('/usr/share/fonts/truetype/dejavu');
  if (!chromium || !fonts) {
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (isRoot && existsSync('/usr/bin/apt-get')) {
      run('apt-get', ['update', '-qq']);
      run('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-dejavu-core']);
    } else {
      console.error('The end-to-end tests need Chromium at /usr/bin/chromium and a font package.');
      console.error('Install them with: sudo apt-get install -y chromium fonts-dejavu-core');
      process.exit(1);
    }
  }
}
