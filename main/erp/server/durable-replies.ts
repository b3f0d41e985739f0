// No answer leaves before the changes it could reflect are on disk. The journal commits in groups (one fsync per
// event-loop turn), so a change is visible to the server's logic a moment before it is durable; holding every
// reply until the journal is flushed keeps "acknowledged = durable" for all of them: the 201 of a decision, a
// replay of its stored answer, a GET showing its effect, a PATCH.
import type { FastifyInstance } from 'fastify';
import type { ErpRuntime } from './runtime';

export function holdRepliesUntilDurable(app: FastifyInstance, rt: ErpRuntime): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    // rt.store is read per request: a reset swaps the store.
    if (!rt.store.durable) return payload;
    try {
      await rt.store.flushed();
    } catch {
      // The disk refused the journal: the change may be lost, so nobody may hear it succeeded. Dropping the
      // connection makes the client ask for the outcome later (GET /decisions/{id}), which tells the truth.
      reply.raw.socket?.destroy();
    }
    return payload;
  });
}
