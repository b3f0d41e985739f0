/**
 * Maps `app://workbench/<path>` requests (desktop) and `http://127.0.0.1:5317/<path>` requests (browser mode) to
 * files of the built renderer. The renderer is never loaded from file:// (which would give the page the whole disk's
 * origin); the resolver refuses anything that escapes the renderer folder and serves index.html for the root.
 */
import path from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export type Resolved = { ok: true; filePath: string; mimeType: string } | { ok: false; status: 400 | 404; reason: string };

/** Resolves a URL path (still percent-encoded) to a file under `rendererRoot`, or says why not. */
export function resolveRendererPath(encodedPathname: string, rendererRoot: string): Resolved {
  let pathname: string;
  try {
    pathname = decodeURIComponent(encodedPathname);
  } catch {
    return { ok: false, status: 400, reason: 'bad percent-encoding' };
  }
  if (pathname.includes('\0')) return { ok: false, status: 400, reason: 'NUL in path' };
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = path.resolve(rendererRoot);
  const filePath = path.resolve(root, relative);
  if (filePath !== root && !filePath.startsWith(root + path.sep)) return { ok: false, status: 404, reason: 'outside the renderer folder' };
  return { ok: true, filePath, mimeType: MIME[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream' };
}

/** Resolves an `app://workbench/...` request URL to a file under `rendererRoot`, or says why not. */
export function resolveAppRequest(requestUrl: string, rendererRoot: string): Resolved {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (url.protocol !== 'app:' || url.host !== 'workbench') return { ok: false, status: 400, reason: 'not an app://workbench URL' };
  return resolveRendererPath(url.pathname, rendererRoot);
}
