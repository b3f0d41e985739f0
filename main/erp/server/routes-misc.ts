// Health, the token endpoint, the OpenAPI document, and the loopback-only admin routes (faults, live events,
// reset, snapshot) that tests and the erp:serve command use.
import type { FastifyInstance } from 'fastify';
import { API_PREFIX, PROBLEM_TYPES, buildOpenApiDocument, tokenRequestSchema } from '../../../shared/erp';
import type { Health, TokenResponse } from '../../../shared/erp';
import { makeIssue } from '../../../shared/domain';
import { EventError, advanceWorld } from '../events/live-events';
import { parseFaults } from '../faults/faults';
import { TOKEN_TTL_SECONDS } from './auth';
import { isLoopback, sendProblem } from './http';
import type { ErpRuntime } from './runtime';

export function registerMiscRoutes(app: FastifyInstance, rt: ErpRuntime, serverUrl: () => string): void {
  const health = async () => {
    const w = rt.store.world;
    const body: Health = { status: 'ok', erpName: rt.erpName(), apiVersion: 'v1', serverTime: new Date().toISOString() as Health['serverTime'], asOf: w.asOf, world: { scale: w.scale, seed: w.seed } };
    return body;
  };
  app.get('/health', health);
  app.get(`${API_PREFIX}/health`, health);

  let openapi: string | undefined;
  app.get(`${API_PREFIX}/openapi.json`, async (_request, reply) => {
    openapi ??= JSON.stringify(buildOpenApiDocument({ serverUrl: serverUrl() }));
    return reply.header('content-type', 'application/json; charset=utf-8').send(openapi);
  });

  app.post(`${API_PREFIX}/auth/token`, async (request, reply) => {
    const parsed = tokenRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0] ?? '(body)');
      const found = typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>)[field] : request.body;
      const issue = makeIssue('auth', '(request)', field, 'a non-empty string', found);
      return sendProblem(reply, { type: PROBLEM_TYPES.validation, title: 'Invalid login request', status: 422, detail: issue.message, field, errors: [issue] });
    }
    const ok = rt.tokens.login(parsed.data.username, parsed.data.password);
    if (ok === null) {
      return sendProblem(reply, { type: PROBLEM_TYPES.unauthorized, title: 'Wrong user name or password', status: 401, detail: 'Demo users: planner, supervisor, finance (password = user name)', field: 'password' });
    }
    const body: TokenResponse = { access_token: ok.token, token_type: 'Bearer', expires_in: TOKEN_TTL_SECONDS, role: ok.role };
    return body;
  });

  app.register(async (admin) => {
    admin.addHook('onRequest', async (request, reply) => {
      if (!isLoopback(request)) return sendProblem(reply, { type: PROBLEM_TYPES.forbidden, title: 'Admin routes are loopback-only', status: 403 });
    });
    admin.get('/admin/faults', async () => rt.faults.current());
    admin.put('/admin/faults', async (request, reply) => {
      const body = request.body as { spec?: unknown } | undefined;
      try {
        const spec = parseFaults(typeof body?.spec === 'string' ? body.spec : ((body ?? {}) as Record<string, unknown>));
        rt.faults.set(spec);
        return rt.faults.current();
      } catch (err) {
        return sendProblem(reply, { type: PROBLEM_TYPES.validation, title: 'Invalid fault spec', status: 422, detail: (err as Error).message, field: 'spec' });
      }
    });
    admin.post('/admin/events', async (request, reply) => {
      try {
        return advanceWorld(rt.store, request.body);
      } catch (err) {
        if (err instanceof EventError) return sendProblem(reply, { type: PROBLEM_TYPES.validation, title: 'Invalid event', status: 422, detail: err.message, field: err.field });
        throw err;
      }
    });
    admin.post('/admin/reset', async () => {
      rt.reset();
      return { status: 'reset', world: rt.store.world };
    });
    admin.post('/admin/compact', async () => {
      // Only lines already on disk may be folded into the compacted journal; compaction itself is synchronous.
      await rt.store.flushed();
      const rows = rt.store.compactedEntry().rows.length;
      return { status: 'compacted', journalLines: rt.store.compactJournal(), rows };
    });
    admin.get('/admin/snapshot', async (_request, reply) => reply.header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(rt.store.snapshot())));
  });
}
