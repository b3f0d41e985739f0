/**
 * The browser implementation of the bridge, so the same renderer runs in a plain tab (browser mode and the
 * end-to-end tests). The ERP address comes from `runtime-config.json`, written by the web server that serves the
 * renderer; the bearer token lives only in this object's memory, never in storage.
 */
import type { AppInfo, ArgsOf, Channel, ErpHttpResponse, ResultOf, SessionInfo, SignInResult, WorkbenchBridge } from '../../shared/ipc';
import { checkArgs } from '../../shared/ipc';
import { parseTokenResponse, signInFailureMessage } from '../../shared/ipc/sign-in';

interface BrowserBridgeDeps {
  fetch: typeof fetch;
  location: { origin: string; href: string };
  /** Where to save and open files; defaults to a download link and a file input. */
  files?: BrowserFiles;
}

export interface BrowserFiles {
  save(name: string, mimeType: string, bytes: Uint8Array): Promise<boolean>;
  open(extensions: string[]): Promise<{ name: string; bytes: Uint8Array } | null>;
}

interface RuntimeConfig {
  erpBaseUrl: string;
  embedded: boolean;
  label?: string;
  version?: string;
}

const REMEMBERED_IDENTITY_KEY = 'workbench.lastIdentity';

/** Creates the in-page bridge. */
export function createBrowserBridge(deps: BrowserBridgeDeps): WorkbenchBridge {
  let configPromise: Promise<RuntimeConfig> | undefined;
  let token: { value: string; expiresAt: number } | undefined;
  let credentials: { baseUrl: string; username: string; password: string } | undefined;
  let session: SessionInfo | null = readRememberedIdentity();
  const files = deps.files ?? domFiles();

  const config = () => {
    configPromise ??= deps
      .fetch(new URL('runtime-config.json', deps.location.href).toString(), { cache: 'no-store' })
      .then((r) => (r.ok ? (r.json() as Promise<RuntimeConfig>) : defaultConfig()))
      .catch(() => defaultConfig());
    return configPromise;
  };

  async function signIn(baseUrl: string, username: string, password: string): Promise<SignInResult> {
    let response: Response;
    try {
      response = await deps.fetch(`${baseUrl.replace(/\/$/, '')}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
    } catch {
      return { ok: false, status: 0, message: `Cannot reach the ERP at ${baseUrl}. Check the address, or work offline with your last identity.` };
    }
    const text = await response.text();
    if (!response.ok) return { ok: false, status: response.status, message: signInFailureMessage(response.status, text) };
    const parsed = parseTokenResponse(text);
    if (!parsed.ok) return { ok: false, status: response.status, message: parsed.message };
    token = { value: parsed.token, expiresAt: Date.now() + parsed.expiresInSeconds * 1000 };
    credentials = { baseUrl, username, password };
    session = { baseUrl, username, role: parsed.role, expiresAt: new Date(token.expiresAt).toISOString(), hasToken: true };
    rememberIdentity(session);
    return { ok: true, session };
  }

  async function erpFetch(args: ArgsOf<'erp:fetch'>, retried = false): Promise<ErpHttpResponse> {
    const base = credentials?.baseUrl ?? (await config()).erpBaseUrl;
    const headers: Record<string, string> = { ...(args.headers ?? {}) };
    if (token) headers.authorization = `Bearer ${token.value}`;
    const response = await deps.fetch(`${base.replace(/\/$/, '')}${args.path}`, { method: args.method, headers, body: args.body });
    // An expired token is renewed with the credentials held in memory, once, so the outbox keeps draining.
    if (response.status === 401 && credentials && !retried) {
      const again = await signIn(credentials.baseUrl, credentials.username, credentials.password);
      if (again.ok) return erpFetch(args, true);
    }
    const outHeaders: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      outHeaders[key] = value;
    });
    return { status: response.status, headers: outHeaders, body: await response.text() };
  }

  const handlers: { [K in Channel]: (args: ArgsOf<K>) => Promise<ResultOf<K>> } = {
    'app:info': async (): Promise<AppInfo> => {
      const c = await config();
      return {
        name: 'Allocation Workbench',
        version: c.version ?? '0.0.0',
        platform: 'browser',
        erp: { baseUrl: c.erpBaseUrl, embedded: c.embedded, label: c.label ?? (c.embedded ? 'Built-in reference ERP' : c.erpBaseUrl) },
      };
    },
    'erp:fetch': (args) => erpFetch(args),
    'session:sign-in': (args) => signIn(args.baseUrl, args.username, args.password),
    'session:sign-out': async () => {
      token = undefined;
      credentials = undefined;
      session = null;
      localStorage.removeItem(REMEMBERED_IDENTITY_KEY);
      return null;
    },
    'session:current': async () => (session ? { ...session, hasToken: Boolean(token && token.expiresAt > Date.now()) } : null),
    'file:save': async (args) => ({ saved: await files.save(args.suggestedName, args.mimeType, args.bytes) }),
    'file:open': (args) => files.open(args.extensions),
    'external:open': async (args) => {
      window.open(args.url, '_blank', 'noopener,noreferrer');
      return { opened: true };
    },
  };

  return {
    platform: 'browser',
    invoke: (async (channel: Channel, arg?: unknown) => {
      // The browser bridge checks arguments exactly as main does, so a bad call fails the same way in both modes.
      const checked = checkArgs(channel, arg);
      if (!checked.ok) throw new Error(checked.message);
      return (handlers[channel] as (a: unknown) => Promise<unknown>)(checked.value);
    }) as WorkbenchBridge['invoke'],
  };

  function defaultConfig(): RuntimeConfig {
    return { erpBaseUrl: 'http://127.0.0.1:4010', embedded: false, label: 'ERP at http://127.0.0.1:4010' };
  }
}

function readRememberedIdentity(): SessionInfo | null {
  try {
    const raw = localStorage.getItem(REMEMBERED_IDENTITY_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as SessionInfo;
    return { ...parsed, hasToken: false };
  } catch {
    return null;
  }
}

function rememberIdentity(session: SessionInfo): void {
  // Only who signed in and their role: enough to keep working offline, nothing that grants access.
  const { baseUrl, username, role, expiresAt } = session;
  localStorage.setItem(REMEMBERED_IDENTITY_KEY, JSON.stringify({ baseUrl, username, role, expiresAt }));
}

function domFiles(): BrowserFiles {
  return {
    async save(name, mimeType, bytes) {
      const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mimeType }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return true;
    },
    open(extensions) {
      return new Promise((resolve) => {
        const input = document.createElement('input');
        input.type = 'file';
        input.accept = extensions.map((e) => `.${e}`).join(',');
        input.style.display = 'none';
        input.setAttribute('data-testid', 'file-open-input');
        input.addEventListener('change', async () => {
          const file = input.files?.[0];
          input.remove();
          resolve(file ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null);
        });
        input.addEventListener('cancel', () => {
          input.remove();
          resolve(null);
        });
        document.body.appendChild(input);
        input.click();
      });
    },
  };
}
