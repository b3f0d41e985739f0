// HTTP helpers shared by the routes: problem+json replies, opaque cursors, loopback checks.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_TYPES } from '../../../shared/erp';
import type { Problem } from '../../../shared/erp';

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(JSON.stringify(problem));
}

export function badRequest(field: string, detail: string): Problem {
  return { type: PROBLEM_TYPES.validation, title: 'Bad request', status: 400, detail, field };
}

export function notFound(detail: string): Problem {
  return { type: PROBLEM_TYPES.notFound, title: 'Not found', status: 404, detail };
}

/** Cursor = base64url JSON of the entity and the last (modifiedAt, id) served: opaque to clients, never an offset. */
export function encodeCursor(entity: string, m: string, id: string): string {
  return Buffer.from(JSON.stringify({ e: entity, m, i: id })).toString('base64url');
}

export function decodeCursor(entity: string, cursor: string): { m: string; id: string } | null {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { e?: unknown; m?: unknown; i?: unknown };
    if (v.e !== entity || typeof v.m !== 'string' || typeof v.i !== 'string') return null;
    return { m: v.m, id: v.i };
  } catch {
    return null;
  }
}

/** Parses `limit` (1..max, default `fallback`); a Problem when it is not one. */
export function parseLimit(raw: unknown, fallback: number, max: number): number | Problem {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (typeof raw !== 'string' || !Number.isInteger(n) || n < 1 || n > max) {
    return badRequest('limit', `query parameter "limit" expected an integer from 1 to ${max}, found ${JSON.stringify(raw)}`);
  }
  return n;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
export function isLoopback(request: FastifyRequest): boolean {
  return LOOPBACK.has(request.socket.remoteAddress ?? '');
}

export function isProblem(v: unknown): v is Problem {
  return typeof v === 'object' && v !== null && 'status' in v && 'title' in v && 'type' in v;
}
