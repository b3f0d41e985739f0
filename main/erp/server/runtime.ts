// What every route reads: the current store (replaced on reset), tokens, faults, the rate limiter.
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../../shared/domain';
import type { Faults } from '../faults/faults';
import type { DataDir } from '../store/data-dir';
import type { ErpStore } from '../store/store';
import type { Principal, TokenIssuer } from './auth';
import type { RateLimiter } from './rate-limit';

export interface ErpRuntime {
  store: ErpStore;
  readonly dataDir: DataDir | null;
  readonly tokens: TokenIssuer;
  readonly faults: Faults;
  readonly limiter: RateLimiter | null;
  /** Who this ERP is, for the workbench's status bar. */
  erpName(): string;
  /** Wipes the data folder and regenerates the world. */
  reset(): void;
}

const principals = new WeakMap<FastifyRequest, Principal>();

export function setPrincipal(request: FastifyRequest, p: Principal): void {
  principals.set(request, p);
}

/** The authenticated caller (the auth hook has run for every /api/v1 route but the token route). */
export function principalOf(request: FastifyRequest): Principal {
  const p = principals.get(request);
  if (p === undefined) throw new Error('internal: route reached without authentication');
  return p;
}

export function hasRole(request: FastifyRequest, roles: readonly Role[]): boolean {
  return roles.includes(principalOf(request).role);
}
