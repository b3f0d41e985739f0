/**
 * The signed-in identity and the ERP bearer token, held by main. The renderer sees who is signed in and their role,
 * never the token: every ERP request goes through `erpFetch`, which adds it. The token and the password (needed to
 * renew an expired token without interrupting the outbox) are encrypted with the OS keychain (Electron's
 * safeStorage, injected as `secrets`); where no keychain is available they are kept in memory only.
 */
import type { ErpHttpRequest, ErpHttpResponse, SessionInfo, SignInResult } from '../../shared/ipc';
import { parseTokenResponse, signInFailureMessage } from '../../shared/ipc';

/** The subset of Electron's safeStorage the service uses. */
export interface SecretStore {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Uint8Array;
  decryptString(encrypted: Uint8Array): string;
}

/** Where the remembered identity and the encrypted secrets live (a file in the user's data folder). */
export interface SessionFile {
  read(): Promise<string | null>;
  write(contents: string): Promise<void>;
  remove(): Promise<void>;
}

export interface SessionServiceDeps {
  fetch: typeof fetch;
  secrets: SecretStore;
  file: SessionFile;
  now: () => number;
  /** The ERP used when nobody has signed in yet (the configured or built-in one). */
  defaultBaseUrl: string;
}

interface Secrets {
  token: string;
  password: string;
}

interface StoredSession {
  baseUrl: string;
  username: string;
  role: SessionInfo['role'];
  expiresAt: string;
  /** base64 of the keychain-encrypted JSON of Secrets; absent when no keychain is available. */
  sealed?: string;
}

/** Creates the service; call `restore()` once at start. */
export function createSessionService(deps: SessionServiceDeps) {
  let stored: StoredSession | null = null;
  let secrets: Secrets | null = null;

  async function persist(): Promise<void> {
    if (!stored) return deps.file.remove();
    const out: StoredSession = { ...stored };
    if (secrets && deps.secrets.isEncryptionAvailable()) {
      out.sealed = toBase64(deps.secrets.encryptString(JSON.stringify(secrets)));
    } else {
      delete out.sealed;
    }
    await deps.file.write(JSON.stringify(out));
  }

  function info(): SessionInfo | null {
    if (!stored) return null;
    const valid = secrets !== null && Date.parse(stored.expiresAt) > deps.now();
    return { baseUrl: stored.baseUrl, username: stored.username, role: stored.role, expiresAt: stored.expiresAt, hasToken: valid };
  }

  async function signIn(baseUrl: string, username: string, password: string): Promise<SignInResult> {
    const base = baseUrl.replace(/\/$/, '');
    let response: Response;
    try {
      response = await deps.fetch(`${base}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
    } catch {
      return { ok: false, status: 0, message: `Cannot reach the ERP at ${base}. Check the address, or work offline with your last identity.` };
    }
    const body = await response.text();
    if (!response.ok) return { ok: false, status: response.status, message: signInFailureMessage(response.status, body) };
    const parsed = parseTokenResponse(body);
    if (!parsed.ok) return { ok: false, status: response.status, message: parsed.message };
    stored = { baseUrl: base, username, role: parsed.role, expiresAt: new Date(deps.now() + parsed.expiresInSeconds * 1000).toISOString() };
    secrets = { token: parsed.token, password };
    await persist();
    return { ok: true, session: info()! };
  }

  async function erpFetch(request: ErpHttpRequest, renewed = false): Promise<ErpHttpResponse> {
    const base = stored?.baseUrl ?? deps.defaultBaseUrl;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.headers ?? {})) if (k.toLowerCase() !== 'authorization') headers[k] = v;
    if (secrets) headers.authorization = `Bearer ${secrets.token}`;
    const response = await deps.fetch(`${base}${request.path}`, { method: request.method, headers, body: request.body });
    // An expired token is renewed once with the kept credentials, so a long offline shift ends with the outbox draining.
    if (response.status === 401 && stored && secrets && !renewed) {
      const again = await signIn(stored.baseUrl, stored.username, secrets.password);
      if (again.ok) return erpFetch(request, true);
    }
    const out: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      out[key] = value;
    });
    return { status: response.status, headers: out, body: await response.text() };
  }

  return {
    /** Reads the remembered identity (and, with a keychain, the token) from the previous run. */
    async restore(): Promise<void> {
      const raw = await deps.file.read();
      if (!raw) return;
      try {
        const parsed = JSON.parse(raw) as StoredSession;
        stored = { baseUrl: parsed.baseUrl, username: parsed.username, role: parsed.role, expiresAt: parsed.expiresAt };
        if (parsed.sealed && deps.secrets.isEncryptionAvailable()) {
          secrets = JSON.parse(deps.secrets.decryptString(fromBase64(parsed.sealed))) as Secrets;
        }
      } catch {
        // A damaged session file only costs a sign-in; the outbox lives in the renderer's database, not here.
        stored = null;
        secrets = null;
      }
    },
    signIn,
    async signOut(): Promise<null> {
      stored = null;
      secrets = null;
      await persist();
      return null;
    },
    current: async (): Promise<SessionInfo | null> => info(),
    erpFetch: (request: ErpHttpRequest) => erpFetch(request),
  };
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}
