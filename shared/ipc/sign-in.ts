/**
 * Reading the ERP's token answer and turning a failed sign-in into a sentence the planner can act on. Shared by
 * main's session service and the browser bridge so both modes say the same thing.
 */
import { ROLES } from '../domain';
import type { Role } from '../domain';

export type TokenAnswer = { ok: true; token: string; role: Role; expiresInSeconds: number } | { ok: false; message: string };

/** Parses `{ access_token, token_type, expires_in, role }` from the ERP's token endpoint. */
export function parseTokenResponse(body: string): TokenAnswer {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, message: 'The ERP answered the sign-in with something that is not JSON. Check the ERP address.' };
  }
  const o = json as Record<string, unknown>;
  if (typeof o.access_token !== 'string' || o.access_token.length === 0) {
    return { ok: false, message: 'The ERP sign-in answer has no "access_token". Check the ERP address.' };
  }
  if (typeof o.role !== 'string' || !(ROLES as readonly string[]).includes(o.role)) {
    return { ok: false, message: `The ERP sign-in answer has role ${JSON.stringify(o.role)}; expected one of ${ROLES.join(', ')}.` };
  }
  const expires = typeof o.expires_in === 'number' && o.expires_in > 0 ? o.expires_in : 3600;
  return { ok: true, token: o.access_token, role: o.role as Role, expiresInSeconds: expires };
}

/** A sentence for a failed sign-in, by HTTP status. */
export function signInFailureMessage(status: number, body: string): string {
  if (status === 401 || status === 403) return 'User name or password not accepted by the ERP. Check them and try again.';
  if (status === 429) return 'The ERP is limiting sign-ins right now. Wait a moment and try again.';
  let detail = '';
  try {
    const p = JSON.parse(body) as { detail?: unknown; title?: unknown };
    detail = typeof p.detail === 'string' ? p.detail : typeof p.title === 'string' ? p.title : '';
  } catch {
    /* not problem+json: keep the status only */
  }
  return `The ERP refused the sign-in (HTTP ${status})${detail ? `: ${detail}` : ''}. Try again, or work offline with your last identity.`;
}
