// The reference ERP: a Fastify server for the canonical API over a generated distributor, kept in a data
// folder across restarts. `startReferenceErp` is the one entry point for the app shell, the CLI and tests.
import cors from '@fastify/cors';
import Fastify from 'fastify';
import { PROBLEM_TYPES } from '../../../shared/erp';
import { advanceWorld } from '../events/live-events';
import type { EventResult } from '../events/live-events';
import { Faults, NO_FAULTS, parseFaults } from '../faults/faults';
import type { FaultSpec } from '../faults/faults';
import { DEFAULT_AS_OF } from '../generator';
import type { Scale } from '../generator';
import { openDataDir } from '../store/data-dir';
import type { DataDir } from '../store/data-dir';
import { lockDataDir } from '../store/data-dir-lock';
import type { ErpStore } from '../store/store';
import { TokenIssuer } from './auth';
import { bootStore } from './boot';
import { installGuard } from './guard';
import { sendProblem } from './http';
import { DEFAULT_RATE_LIMIT, RateLimiter } from './rate-limit';
import type { RateLimitOptions } from './rate-limit';
import { holdRepliesUntilDurable } from './durable-replies';
import { registerDecisionRoutes } from './routes-decisions';
import { registerEntityRoutes } from './routes-entities';
import { registerMiscRoutes } from './routes-misc';
import type { ErpRuntime } from './runtime';
import { principalOf } from './runtime';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { registerGovernanceRoutes } from '../../governance/routes';
import { seedPolicyVersions } from '../../governance/seed';
import { createGovernanceStore } from '../../governance/store';

export type { FaultSpec } from '../faults/faults';
export type { LiveEvent, EventResult } from '../events/live-events';

export interface ReferenceErpOptions {
  /** Interface to listen on (default 127.0.0.1: loopback only). */
  readonly host?: string;
  /** Port (default 4010; 0 = any free port). */
  readonly port?: number;
  /** World size used when the data folder is empty (default 'small'). */
  readonly scale?: Scale;
  /** World seed used when the data folder is empty (default 7). */
  readonly seed?: number;
  /** The world's business day used when the data folder is empty (default 2026-11-27). */
  readonly asOf?: string;
  /** Where state is kept across restarts. Without it the ERP runs in memory and forgets everything on close. */
  readonly dataDir?: string;
  /** Wipe the data folder first. */
  readonly reset?: boolean;
  /** Faults at start: a spec string like "latency=50,error5xx=0.1,burst429=5,dropAfterCommit=0.05" or an object. */
  readonly faults?: string | Partial<FaultSpec>;
  /** Per-caller rate limit (default 200/s, burst 400); false to disable. */
  readonly rateLimit?: RateLimitOptions | false;
  /** Receives one line per notable event (start-up, resets). */
  readonly logger?: (line: string) => void;
  /** Compact the journal at start-up when it holds more entries than this (default 5000). */
  readonly compactAbove?: number;
}

export interface ReferenceErp {
  /** Origin, e.g. http://127.0.0.1:4010 (the API is under /api/v1). */
  readonly url: string;
  readonly port: number;
  /** Display name ("Reference ERP (small world, seed 7)"). */
  readonly name: string;
  /** How the start-up went: world, whether it resumed from the data folder, journal entries replayed, ms. */
  readonly startup: { readonly scale: string; readonly seed: number; readonly asOf: string; readonly resumed: boolean; readonly replayed: number; readonly ms: number };
  close(): Promise<void>;
  /** Replaces the fault settings (a spec string or object; an empty string clears them). */
  setFaults(spec: string | Partial<FaultSpec>): FaultSpec;
  /** Applies a live event (demand spike, cycle count, supplier confirm, credit hold...). */
  advance(event: unknown): EventResult;
  /** Direct access to the state, for tests and tools in main/. */
  readonly store: () => ErpStore;
  /** Compacts the journal now (also: POST /admin/compact); resolves with the lines it holds afterwards. */
  compact(): Promise<number>;
}

/** Starts the reference ERP and resolves once it is listening and ready (GET /health answers). */
export async function startReferenceErp(options: ReferenceErpOptions = {}): Promise<ReferenceErp> {
  const log = options.logger ?? (() => {});
  const dataDir = options.dataDir === undefined ? null : openDataDir(options.dataDir);
  const unlock = dataDir === null ? () => {} : lockDataDir(dataDir.path);
  try {
    return await startOn(dataDir, unlock, options, log);
  } catch (e) {
    unlock();
    throw e;
  }
}

async function startOn(dataDir: DataDir | null, unlock: () => void, options: ReferenceErpOptions, log: (line: string) => void): Promise<ReferenceErp> {
  if (options.reset) dataDir?.reset();
  const bootOptions = { scale: options.scale ?? 'small', seed: options.seed ?? 7, asOf: options.asOf ?? DEFAULT_AS_OF, ...(options.compactAbove === undefined ? {} : { compactAbove: options.compactAbove }) } as const;
  const boot = bootStore(dataDir, bootOptions);
  if (boot.resumed && (boot.meta.scale !== bootOptions.scale || boot.meta.seed !== bootOptions.seed) && (options.scale !== undefined || options.seed !== undefined)) {
    log(`data folder ${dataDir?.path} already holds the ${boot.meta.scale} world of seed ${boot.meta.seed}; keeping it (reset to start over)`);
  }
  if (boot.tornTail) log('journal had a torn last line (a crash mid-write, never acknowledged); it was cut off');
  if (boot.compacted) log(`journal compacted at start-up: ${boot.replayed} entries -> 1`);

  // Governance (policy versions, audit log) lives beside the ERP's own state, in a sub-folder of the data folder.
  const governance = createGovernanceStore({
    ...(dataDir === null ? {} : { dir: join(dataDir.path, 'governance') }),
    seed: () => seedPolicyVersions(boot.meta.asOf),
  });
  if (options.reset) governance.reset();
  const faults = new Faults(options.faults === undefined ? NO_FAULTS : parseFaults(options.faults));
  const rt: ErpRuntime = {
    store: boot.store,
    dataDir,
    tokens: new TokenIssuer(dataDir?.secret() ?? randomBytes(32)),
    faults,
    limiter: options.rateLimit === false ? null : new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT),
    erpName: () => `Reference ERP (${rt.store.world.scale} world, seed ${rt.store.world.seed})`,
    reset() {
      rt.store.close();
      dataDir?.reset();
      rt.store = bootStore(dataDir, { ...bootOptions, scale: rt.store.world.scale as Scale, seed: rt.store.world.seed, asOf: rt.store.world.asOf }).store;
      governance.reset();
      log(`reset: regenerated the ${rt.store.world.scale} world of seed ${rt.store.world.seed}`);
    },
  };

  const app = Fastify({ logger: false, bodyLimit: 5 * 1024 * 1024 });
  await app.register(cors, {
    // Browser mode runs the workbench from a loopback origin; nothing else may call from a browser.
    origin: (origin, cb) => cb(null, origin === undefined || /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(origin)),
    methods: ['GET', 'POST', 'PATCH', 'PUT', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type', 'if-match', 'idempotency-key'],
    exposedHeaders: ['etag', 'retry-after'],
  });
  app.setErrorHandler((err: { statusCode?: number; message: string }, _request, reply) => {
    const status = err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    return sendProblem(reply, {
      type: status === 500 ? PROBLEM_TYPES.serverError : PROBLEM_TYPES.validation,
      title: status === 500 ? 'Internal error' : 'Bad request',
      status,
      detail: status === 500 ? 'The ERP failed to handle the request; nothing was acknowledged' : `request body: ${err.message}`,
      ...(status === 500 ? {} : { field: '(body)' }),
    });
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, { type: PROBLEM_TYPES.notFound, title: 'Not found', status: 404, detail: `no route ${request.method} ${request.url.split('?')[0]}` }));

  installGuard(app, rt);
  holdRepliesUntilDurable(app, rt);
  let url = '';
  const drop = () => rt.faults.rollDrop();
  registerEntityRoutes(app, rt, drop);
  registerDecisionRoutes(app, rt, drop);
  registerMiscRoutes(app, rt, () => url);
  // The guard has already authenticated every /api/v1 request, so governance routes see a principal.
  registerGovernanceRoutes(app, {
    store: governance,
    authenticate: (request) => {
      try {
        return principalOf(request);
      } catch {
        return null;
      }
    },
  });

  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 4010 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 4010);
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const startup = { scale: boot.meta.scale, seed: boot.meta.seed, asOf: boot.meta.asOf, resumed: boot.resumed, replayed: boot.replayed, ms: Math.round(boot.ms) };
  log(`${rt.erpName()} listening on ${url} (asOf ${startup.asOf}; ${boot.resumed ? `resumed, ${boot.replayed} journal entries replayed` : 'fresh world'}; ready in ${startup.ms} ms)`);

  return {
    url,
    port,
    name: rt.erpName(),
    startup,
    async close() {
      await app.close();
      rt.store.close();
      unlock();
    },
    setFaults(spec) {
      const parsed = parseFaults(spec);
      faults.set(parsed);
      return parsed;
    },
    advance: (event) => advanceWorld(rt.store, event),
    store: () => rt.store,
    compact: async () => {
      await rt.store.flushed();
      return rt.store.compactJournal();
    },
  };
}
