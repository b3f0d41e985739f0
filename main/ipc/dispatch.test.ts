import { describe, expect, it, vi } from 'vitest';
import { createIpcDispatcher, type MainHandlers } from './dispatch';

function handlers(): MainHandlers {
  return {
    'app:info': vi.fn(async () => ({ name: 'x', version: '1', platform: 'desktop' as const, erp: { baseUrl: 'http://e', embedded: true, label: 'e' } })),
    'erp:fetch': vi.fn(async () => ({ status: 200, headers: {}, body: '' })),
    'session:sign-in': vi.fn(async () => ({ ok: false as const, status: 401, message: 'no' })),
    'session:sign-out': vi.fn(async () => null),
    'session:current': vi.fn(async () => null),
    'file:save': vi.fn(async () => ({ saved: true })),
    'file:open': vi.fn(async () => null),
    'external:open': vi.fn(async () => ({ opened: false })),
  };
}

const app = { frameUrl: 'app://workbench/index.html' };

describe('IPC gate', () => {
  it('runs the handler for a known channel, a trusted sender and a valid argument', async () => {
    const h = handlers();
    const dispatch = createIpcDispatcher(h);
    await expect(dispatch(app, 'erp:fetch', { method: 'GET', path: '/api/v1/items' })).resolves.toMatchObject({ status: 200 });
    expect(h['erp:fetch']).toHaveBeenCalledWith({ method: 'GET', path: '/api/v1/items' });
  });

  it('rejects unknown channels before any handler runs', async () => {
    const dispatch = createIpcDispatcher(handlers());
    await expect(dispatch(app, 'fs:read', '/etc/passwd')).rejects.toThrow('unknown channel "fs:read"');
    await expect(dispatch(app, '__proto__', {})).rejects.toThrow('unknown channel');
  });

  it('rejects calls from pages other than the app', async () => {
    const h = handlers();
    const dispatch = createIpcDispatcher(h);
    await expect(dispatch({ frameUrl: 'https://evil.example/' }, 'app:info', undefined)).rejects.toThrow('untrusted page (https://evil.example/)');
    await expect(dispatch({ frameUrl: undefined }, 'app:info', undefined)).rejects.toThrow('untrusted');
    expect(h['app:info']).not.toHaveBeenCalled();
  });

  it('rejects malformed arguments and names the field', async () => {
    const h = handlers();
    const dispatch = createIpcDispatcher(h);
    await expect(dispatch(app, 'erp:fetch', { method: 'GET', path: 'http://evil.example/x' })).rejects.toThrow('field "path"');
    await expect(dispatch(app, 'erp:fetch', { method: 'TRACE', path: '/x' })).rejects.toThrow('field "method"');
    await expect(dispatch(app, 'file:save', { suggestedName: '../../x', mimeType: 'a', bytes: new Uint8Array() })).rejects.toThrow('field "suggestedName"');
    await expect(dispatch(app, 'session:sign-in', { baseUrl: 'javascript:alert(1)', username: 'a', password: 'b' })).rejects.toThrow('field "baseUrl"');
    await expect(dispatch(app, 'erp:fetch', { method: 'GET', path: '/x', extra: 1 })).rejects.toThrow();
    expect(h['erp:fetch']).not.toHaveBeenCalled();
  });
});
