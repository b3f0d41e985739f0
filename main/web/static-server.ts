/**
 * Serves the built renderer over HTTP for the browser mode, with `runtime-config.json` telling the page which ERP to
 * talk to, and the same CSP as the desktop window. Loopback only: the browser mode is for trying the app and for
 * tests, not for serving a network.
 */
import http from 'node:http';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolveRendererPath } from '../shell/app-protocol';
import { contentSecurityPolicy, originOf } from '../shell/csp';

export interface RuntimeConfig {
  erpBaseUrl: string;
  embedded: boolean;
  label: string;
  version: string;
}

export interface StaticServerOptions {
  rendererRoot: string;
  runtimeConfig: RuntimeConfig;
  host?: string;
  port: number;
}

/** Starts the server; resolves once it listens. */
export async function startStaticServer(options: StaticServerOptions): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const csp = contentSecurityPolicy([originOf(options.runtimeConfig.erpBaseUrl)]);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (url.pathname === '/runtime-config.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(options.runtimeConfig));
      return;
    }
    const resolved = resolveRendererPath(url.pathname, options.rendererRoot);
    if (!resolved.ok) {
      res.writeHead(resolved.status, { 'content-type': 'text/plain' }).end(resolved.reason);
      return;
    }
    fs.stat(resolved.filePath, (err, stat) => {
      if (err || !stat.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${url.pathname}`);
        return;
      }
      const headers: Record<string, string | number> = {
        'content-type': resolved.mimeType,
        'content-length': stat.size,
        'x-content-type-options': 'nosniff',
        // Hashed asset names never change; index.html must always be fresh.
        'cache-control': resolved.filePath.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
      };
      if (resolved.mimeType.startsWith('text/html')) headers['content-security-policy'] = csp;
      res.writeHead(200, headers);
      if (req.method === 'HEAD') res.end();
      else fs.createReadStream(resolved.filePath).pipe(res);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
