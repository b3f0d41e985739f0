import { describe, expect, it } from 'vitest';
import { EXTERNAL_LINK_ALLOW_LIST, externalLinkDecision, isAppUrl, mayGrantPermission, mayNavigate } from './security';
import { contentSecurityPolicy } from './csp';
import { resolveAppRequest } from './app-protocol';
import path from 'node:path';

describe('window security decisions', () => {
  it('lets the window navigate only within app://workbench', () => {
    expect(mayNavigate('app://workbench/index.html#/decisions')).toBe(true);
    expect(mayNavigate('https://evil.example/')).toBe(false);
    expect(mayNavigate('file:///etc/passwd')).toBe(false);
    expect(mayNavigate('app://other/index.html')).toBe(false);
    expect(mayNavigate('not a url')).toBe(false);
  });

  it('treats only app pages as trusted IPC senders', () => {
    expect(isAppUrl('app://workbench/')).toBe(true);
    expect(isAppUrl('http://127.0.0.1:5317/')).toBe(false);
  });

  it('denies every permission request', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      expect(mayGrantPermission(p, 'app://workbench/')).toBe(false);
    }
  });

  it('opens only https links to allow-listed hosts, and says why it refuses the rest', () => {
    expect(externalLinkDecision('https://github.com/acme/erp', EXTERNAL_LINK_ALLOW_LIST)).toEqual({ open: true });
    expect(externalLinkDecision('https://docs.github.com/x', EXTERNAL_LINK_ALLOW_LIST).open).toBe(true);
    expect(externalLinkDecision('http://github.com/', EXTERNAL_LINK_ALLOW_LIST)).toMatchObject({ open: false, reason: expect.stringContaining('http:') });
    expect(externalLinkDecision('https://github.com.evil.example/', EXTERNAL_LINK_ALLOW_LIST)).toMatchObject({ open: false, reason: expect.stringContaining('not on the list') });
    expect(externalLinkDecision('https://user:pw@github.com/', EXTERNAL_LINK_ALLOW_LIST).open).toBe(false);
    expect(externalLinkDecision('file:///etc/passwd', EXTERNAL_LINK_ALLOW_LIST).open).toBe(false);
  });
});

describe('content security policy', () => {
  it('allows scripts only from the app and connections only to the app and the ERP', () => {
    const csp = contentSecurityPolicy(['http://127.0.0.1:4010']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:4010");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  });
});

describe('app:// protocol', () => {
  const root = path.resolve('/srv/app/renderer');

  it('serves index.html for the root and files below the renderer folder', () => {
    expect(resolveAppRequest('app://workbench/', root)).toMatchObject({ ok: true, filePath: path.join(root, 'index.html'), mimeType: expect.stringContaining('text/html') });
    expect(resolveAppRequest('app://workbench/assets/main-abc.js', root)).toMatchObject({ ok: true, filePath: path.join(root, 'assets', 'main-abc.js') });
  });

  it('refuses paths that escape the renderer folder, even percent-encoded', () => {
    expect(resolveAppRequest('app://workbench/..%2F..%2Fetc%2Fpasswd', root)).toMatchObject({ ok: false, status: 404 });
    // The URL parser folds %2e%2e segments away, so this one stays inside the folder.
    expect(resolveAppRequest('app://workbench/%2e%2e/secret', root)).toMatchObject({ ok: true, filePath: path.join(root, 'secret') });
    expect(resolveAppRequest('app://workbench/a%00b', root)).toMatchObject({ ok: false, status: 400 });
  });

  it('refuses other schemes and hosts', () => {
    expect(resolveAppRequest('file:///etc/passwd', root)).toMatchObject({ ok: false, status: 400 });
    expect(resolveAppRequest('app://elsewhere/index.html', root)).toMatchObject({ ok: false, status: 400 });
  });
});
