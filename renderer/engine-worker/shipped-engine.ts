// The EnginePort over the real engine in shared/engine (the only file of the worker that imports its internals).
import { allocate } from '../../shared/engine';
import { createWhatIfSession } from '../../shared/engine/whatif';
import type { EnginePort } from './engine-port';

export const shippedEngine: EnginePort = {
  createSession: (snapshot, policy) => createWhatIfSession(snapshot, policy, { mode: 'priority' }),
  baseline: (snapshot, policy) => createWhatIfSession(snapshot, policy, { mode: 'priority' }).plan(),
  optimal: (snapshot, policy, edits) => allocate(snapshot, policy, edits, { mode: 'optimal' }),
};
