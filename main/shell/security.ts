/**
 * The desktop window's security decisions as pure functions, so they are unit-tested without Electron: what the
 * window may navigate to, which permission requests are granted (none), which links may open outside, and which
 * IPC senders are trusted. main/electron/entry.ts wires them into Electron's hooks.
 */

/** The origin the renderer is served from (see app-protocol.ts). */
export const APP_ORIGIN = 'app://workbench';

/** True when `url` is a page of the app itself, the only thing the window may show or that may call IPC. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'app:' && u.host === 'workbench';
  } catch {
    return false;
  }
}

/** In-window navigation: only within the app (a reload or a hash change); everything else is refused. */
export function mayNavigate(url: string): boolean {
  return isAppUrl(url);
}

/** Permission requests (camera, geolocation, notifications...): the workbench needs none, so all are denied. */
export function mayGrantPermission(_permission: string, _requestingUrl: string): boolean {
  return false;
}

/**
 * Links that may open in the user's browser: https only, and only to hosts on the allow-list (exact host or a
 * subdomain of it). Everything else, including http, file: and custom schemes, is refused with a reason.
 */
export function externalLinkDecision(url: string, allowedHosts: readonly string[]): { open: boolean; reason?: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { open: false, reason: `not a valid URL: ${url}` };
  }
  if (u.protocol !== 'https:') return { open: false, reason: `only https links open outside the app, found ${u.protocol}` };
  if (u.username || u.password) return { open: false, reason: 'links with credentials are refused' };
  const host = u.hostname.toLowerCase();
  const allowed = allowedHosts.some((h) => host === h || host.endsWith(`.${h}`));
  return allowed ? { open: true } : { open: false, reason: `${host} is not on the list of sites the workbench may open` };
}

/** Hosts the app may open in the system browser (documentation and support pages). */
export const EXTERNAL_LINK_ALLOW_LIST = ['github.com', 'learn.microsoft.com', 'help.sap.com', 'docs.oracle.com'] as const;
