// The gate every /api/v1 request passes, in order: injected latency, injected 429 burst, the rate limiter,
// injected 5xx, then bearer authentication (except the token route). Health, OpenAPI and admin are exempt.
import type { FastifyInstance } from 'fastify';
import { API_PREFIX, PROBLEM_TYPES } from '../../../shared/erp';
import { sendProblem } from './http';
import type { ErpRuntime } from './runtime';
import { setPrincipal } from './runtime';

const EXEMPT = new Set([`${API_PREFIX}/openapi.json`, `${API_PREFIX}/health`]);
const NO_AUTH = new Set([`${API_PREFIX}/auth/token`]);

export function installGuard(app: FastifyInstance, rt: ErpRuntime): void {
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith(`${API_PREFIX}/`) || EXEMPT.has(path) || request.method === 'OPTIONS') return;

    const latency = rt.faults.latency();
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));

    const injected = rt.faults.take429();
    const auth = request.headers.authorization;
    const limited = injected ?? rt.limiter?.take(auth ?? request.socket.remoteAddress ?? 'unknown') ?? null;
    if (limited !== null) {
      reply.header('retry-after', String(limited));
      return sendProblem(reply, {
        type: PROBLEM_TYPES.rateLimited,
        title: 'Too many requests',
        status: 429,
        detail: `Retry after ${limited} s${injected !== null ? ' (injected fault burst429)' : ''}`,
        retryAfterSeconds: limited,
      });
    }
    if (rt.faults.roll5xx()) {
      return sendProblem(reply, { type: PROBLEM_TYPES.serverError, title: 'Service unavailable', status: 503, detail: 'Injected fault (error5xx); nothing was changed' });
    }

    if (NO_AUTH.has(path)) return;
    if (auth === undefined || !auth.startsWith('Bearer ')) {
      reply.header('www-authenticate', 'Bearer');
      return sendProblem(reply, {
        type: PROBLEM_TYPES.unauthorized,
        title: 'Authentication required',
        status: 401,
        detail: 'Send Authorization: Bearer <token> from POST /api/v1/auth/token',
        field: 'Authorization',
      });
    }
    const p = rt.tokens.verify(auth.slice('Bearer '.length).trim());
    if (typeof p === 'string') {
      reply.header('www-authenticate', 'Bearer error="invalid_token"');
      return sendProblem(reply, { type: PROBLEM_TYPES.unauthorized, title: 'Invalid token', status: 401, detail: `${p}; log in again`, field: 'Authorization' });
    }
    setPrincipal(request, p);
  });
}
