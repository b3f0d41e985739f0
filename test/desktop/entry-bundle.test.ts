/**
 * The desktop entry exactly as packaged (dist/main/entry.cjs, bundled by scripts/build-main.mjs) driven in plain Node
 * with a recording stand-in for Electron: the Electron binary cannot be downloaded here, but the wiring — window
 * options, app:// protocol, CSP, IPC gate, session, the embedded reference ERP — is ours and is checked for real.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
// The child prints a loose JSON report; the assertions below give it shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let result: Record<string, any>;

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-main.mjs'], { cwd: root, stdio: 'pipe' });
  // The protocol handler serves the built renderer; a minimal page stands in when the renderer has not been built.
  const rendererIndex = path.join(root, 'dist', 'renderer', 'index.html');
  if (!fs.existsSync(rendererIndex)) {
    fs.mkdirSync(path.dirname(rendererIndex), { recursive: true });
    fs.writeFileSync(rendererIndex, '<!doctype html><title>Allocation Workbench</title>');
  }
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-entry-home-'));
  const stdout = execFileSync(process.execPath, ['-r', path.join(root, 'test/desktop/fake-electron.cjs'), path.join(root, 'dist/main/entry.cjs')], {
    cwd: root,
    env: { ...process.env, HOME: home, WORKBENCH_ERP_URL: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const last = stdout.trim().split('\n').pop()!;
  result = JSON.parse(last);
}, 90_000);

describe('the packaged desktop entry', () => {
  it('opens one hardened window on app://workbench', () => {
    expect(result.error).toBeUndefined();
    expect(result.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(result.webPreferences.preload).toMatch(/preload\.cjs$/);
    expect(result.loadedUrl).toBe('app://workbench/index.html');
    expect(result.schemes).toEqual(['app']);
  });

  it('serves the renderer from the app protocol with a strict CSP, and nothing outside it', () => {
    expect(result.page.status).toBe(200);
    expect(result.page.type).toContain('text/html');
    expect(result.page.csp).toContain("script-src 'self'");
    expect(result.page.csp).toMatch(/connect-src 'self' http:\/\/127\.0\.0\.1:\d+/);
    expect(result.escapeStatus).toBe(404);
  });

  it('registers exactly the contract channels and gates them', () => {
    expect(result.channels).toEqual(['app:info', 'erp:fetch', 'external:open', 'file:open', 'file:save', 'session:current', 'session:sign-in', 'session:sign-out']);
    expect(result.untrusted).toMatchObject({ ok: false, message: expect.stringContaining('untrusted page') });
    expect(result.badArgs).toMatchObject({ ok: false, message: expect.stringContaining('field "path"') });
  });

  it('starts the built-in reference ERP when none is configured and proxies requests with the token', () => {
    expect(result.appInfo.v).toMatchObject({ platform: 'desktop', erp: { embedded: true, label: 'Built-in reference ERP' } });
    expect(result.health.v.status).toBe(200);
    expect(result.signIn.v).toMatchObject({ ok: true, session: { username: 'planner', role: 'planner' } });
    expect(result.itemsStatus).toBe(200);
  });

  it('blocks navigation away, new windows and permission requests', () => {
    expect(result.navigationPrevented).toBe(true);
    expect(result.windowOpen).toBe('deny');
    expect(result.permissionGranted).toBe(false);
  });
});
