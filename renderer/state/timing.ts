/**
 * Names the store's slow steps in the browser's performance timeline (`workbench:…` measures), so the UI benchmark
 * and a profiler can say where opening time goes. A no-op where there is no timeline (Node tests).
 */
export async function timed<T>(name: string, run: () => Promise<T>): Promise<T> {
  const perf = (globalThis as { performance?: Performance }).performance;
  if (!perf || typeof perf.measure !== 'function') return run();
  const start = perf.now();
  try {
    return await run();
  } finally {
    try {
      perf.measure(`workbench:${name}`, { start, end: perf.now() });
    } catch {
      // An old timeline without the options form: timings are diagnostics only.
    }
  }
}

/** Resolves after the browser has painted what was just set (next frame, then a task); a plain task elsewhere. */
export function afterPaint(): Promise<void> {
  const raf = (globalThis as { requestAnimationFrame?: (cb: () => void) => number }).requestAnimationFrame;
  return new Promise((resolve) => (raf ? raf(() => setTimeout(resolve, 0)) : setTimeout(resolve, 0)));
}
