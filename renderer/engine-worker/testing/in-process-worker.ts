// A WorkerLike that runs the engine handler in the same thread, speaking the same messages asynchronously as a
// real worker would. Lets Node tests drive client + handler + slice together.
import type { EngineHandler } from '../engine-handler';
import type { WorkerLike } from '../engine-client';
import type { EngineRequestMessage, EngineResponseMessage } from '../protocol';

export function inProcessWorker(handler: EngineHandler): WorkerLike & { readonly sent: EngineRequestMessage[] } {
  const listeners: ((event: MessageEvent<EngineResponseMessage>) => void)[] = [];
  const sent: EngineRequestMessage[] = [];
  let queue: Promise<void> = Promise.resolve();
  let stopped = false;
  return {
    sent,
    postMessage(message) {
      if (stopped) throw new Error('worker terminated');
      // Structured clone, as postMessage does: nothing shared by reference crosses the boundary.
      const copy = structuredClone(message);
      sent.push(copy);
      queue = queue.then(async () => {
        const reply = await handler.handle(copy.name, copy.args);
        const data = structuredClone({ id: copy.id, ...reply }) as EngineResponseMessage;
        if (!stopped) for (const l of listeners) l({ data } as MessageEvent<EngineResponseMessage>);
      });
    },
    addEventListener(type: 'message' | 'error', listener: (event: never) => void) {
      if (type === 'message') listeners.push(listener as (event: MessageEvent<EngineResponseMessage>) => void);
    },
    terminate() {
      stopped = true;
    },
  };
}
