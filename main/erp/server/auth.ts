// Bearer tokens for the demo users. Tokens are HMAC-signed (secret kept in the data folder), so they survive
// a restart of the server, and carry the role; nothing is stored per token.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ROLES } from '../../../shared/domain';
import type { Role } from '../../../shared/domain';

export const TOKEN_TTL_SECONDS = 8 * 3600;

/** Demo users: user name = role = password. */
export const DEMO_USERS: Readonly<Record<string, Role>> = { planner: 'planner', supervisor: 'supervisor', finance: 'finance' };

export interface Principal {
  readonly user: string;
  readonly role: Role;
}

export class TokenIssuer {
  constructor(private readonly secret: Buffer) {}

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }

  /** Checks demo credentials; null when they do not match. */
  login(username: string, password: string): { token: string; role: Role } | null {
    const role = DEMO_USERS[username];
    if (role === undefined || password !== username) return null;
    const payload = Buffer.from(JSON.stringify({ sub: username, role, exp: Math.floor(Date.now() / 1000) + TOKEN_TTL_SECONDS })).toString('base64url');
    return { token: `${payload}.${this.sign(payload)}`, role };
  }

  /** The principal of a valid, unexpired token; a reason string otherwise. */
  verify(token: string): Principal | string {
    const dot = token.indexOf('.');
    if (dot <= 0) return 'malformed token';
    const payload = token.slice(0, dot);
    const sig = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(this.sign(payload));
    if (sig.length !== expected.length || !timingSafeEqual(sig, expected)) return 'bad signature';
    try {
      const p = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown; role?: unknown; exp?: unknown };
      if (typeof p.exp !== 'number' || p.exp * 1000 < Date.now()) return 'token expired';
      if (typeof p.sub !== 'string' || !(ROLES as readonly unknown[]).includes(p.role)) return 'malformed token';
      return { user: p.sub, role: p.role as Role };
    } catch {
      return 'malformed token';
    }
  }
}
