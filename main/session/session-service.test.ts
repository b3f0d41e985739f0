import { describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSessionService, type SecretStore, type SessionFile } from './session-service';

/** A tiny ERP stand-in over real HTTP: issues tokens, and expires the first one it issued after `expireFirstAfter` requests. */
async function tokenServer() {
  let issued = 0;
  const seenAuth: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.url === '/api/v1/auth/token') {
        const { username, password } = JSON.parse(body) as { username: string; password: string };
        if (username !== password) return res.writeHead(401, { 'content-type': 'application/problem+json' }).end('{"title":"bad"}');
        issued++;
        return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: `tok-${issued}`, token_type: 'Bearer', expires_in: 60, role: 'supervisor' }));
      }
      seenAuth.push(req.headers.authorization ?? '');
      if (req.headers.authorization === 'Bearer tok-1' && seenAuth.length > 1) return res.writeHead(401).end();
      res.writeHead(200, { 'content-type': 'application/json', etag: '"3"' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seenAuth, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A reversible stand-in for the OS keychain that makes the sealed text visibly different from the plain text. */
const keychain: SecretStore = {
  isEncryptionAvailable: () => true,
  encryptString: (s) => new TextEncoder().encode([...s].reverse().join('')),
  decryptString: (b) => [...new TextDecoder().decode(b)].reverse().join(''),
};

function memoryFile(): SessionFile & { contents: string | null } {
  const f = {
    contents: null as string | null,
    read: async () => f.contents,
    write: async (c: string) => {
      f.contents = c;
    },
    remove: async () => {
      f.contents = null;
    },
  };
  return f;
}

describe('session service', () => {
  it('signs in, adds the bearer token to ERP requests, and never stores the token in plain text', async () => {
    const erp = await tokenServer();
    const file = memoryFile();
    const service = createSessionService({ fetch, secrets: keychain, file, now: () => Date.parse('2026-11-27T08:00:00Z'), defaultBaseUrl: erp.url });
    const result = await service.signIn(erp.url, 'supervisor', 'supervisor');
    expect(result).toMatchObject({ ok: true, session: { username: 'supervisor', role: 'supervisor', hasToken: true } });
    const answer = await service.erpFetch({ method: 'GET', path: '/api/v1/items', headers: { authorization: 'Bearer forged' } });
    expect(answer).toMatchObject({ status: 200, body: '{"ok":true}' });
    expect(answer.headers.etag).toBe('"3"');
    expect(erp.seenAuth).toEqual(['Bearer tok-1']);
    expect(file.contents).not.toContain('tok-1');
    expect(file.contents).not.toContain('"password"');
    await erp.close();
  });

  it('renews an expired token once with the kept credentials and retries the request', async () => {
    const erp = await tokenServer();
    const service = createSessionService({ fetch, secrets: keychain, file: memoryFile(), now: () => 0, defaultBaseUrl: erp.url });
    await service.signIn(erp.url, 'planner', 'planner');
    await service.erpFetch({ method: 'GET', path: '/a' });
    const second = await service.erpFetch({ method: 'GET', path: '/b' });
    expect(second.status).toBe(200);
    expect(erp.seenAuth).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']);
    await erp.close();
  });

  it('remembers the identity across restarts so the planner can work offline', async () => {
    const erp = await tokenServer();
    const file = memoryFile();
    const first = createSessionService({ fetch, secrets: keychain, file, now: () => 0, defaultBaseUrl: erp.url });
    await first.signIn(erp.url, 'planner', 'planner');
    const restarted = createSessionService({ fetch, secrets: keychain, file, now: () => 0, defaultBaseUrl: erp.url });
    await restarted.restore();
    expect(await restarted.current()).toMatchObject({ username: 'planner', role: 'supervisor', hasToken: true });
    await erp.close();
  });

  it('keeps secrets only in memory when no keychain is available', async () => {
    const erp = await tokenServer();
    const file = memoryFile();
    const noKeychain: SecretStore = { ...keychain, isEncryptionAvailable: () => false };
    const first = createSessionService({ fetch, secrets: noKeychain, file, now: () => 0, defaultBaseUrl: erp.url });
    await first.signIn(erp.url, 'planner', 'planner');
    expect(JSON.parse(file.contents!)).not.toHaveProperty('sealed');
    const restarted = createSessionService({ fetch, secrets: noKeychain, file, now: () => 0, defaultBaseUrl: erp.url });
    await restarted.restore();
    expect(await restarted.current()).toMatchObject({ username: 'planner', hasToken: false });
    await erp.close();
  });

  it('explains a refused sign-in and an unreachable ERP', async () => {
    const erp = await tokenServer();
    const service = createSessionService({ fetch, secrets: keychain, file: memoryFile(), now: () => 0, defaultBaseUrl: erp.url });
    expect(await service.signIn(erp.url, 'planner', 'wrong')).toMatchObject({ ok: false, status: 401, message: expect.stringContaining('not accepted') });
    await erp.close();
    expect(await service.signIn(erp.url, 'planner', 'planner')).toMatchObject({ ok: false, status: 0, message: expect.stringContaining('Cannot reach the ERP') });
  });
});
