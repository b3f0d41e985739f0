import type { Page } from '@playwright/test';

/** The last duration (ms) the page recorded under this performance-measure name, or null. */
export async function pageMeasure(page: Page, name: string): Promise<number | null> {
  return page.evaluate((n) => {
    const entries = performance.getEntriesByName(n);
    const last = entries[entries.length - 1];
    return last ? Math.round(last.duration) : null;
  }, name);
}

/** Waits until the page has recorded `count` measures of this name and returns the last one's duration. */
export async function waitForMeasureCount(page: Page, name: string, count: number, timeoutMs = 60_000): Promise<number> {
  const handle = await page.waitForFunction(
    ([n, c]) => {
      const entries = performance.getEntriesByName(n as string);
      return entries.length >= (c as number) ? entries[entries.length - 1]!.duration : null;
    },
    [name, count] as const,
    { timeout: timeoutMs },
  );
  return Math.round((await handle.jsonValue()) as number);
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

/**
 * The opening's timeline: paints, the store's `workbench:*` steps (name prefix dropped) and the UI thread's long tasks
 * (what a click has to wait behind), each as "name start+duration" in ms from navigation.
 */
export async function openingTimeline(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const out = [
          ...performance.getEntriesByType('paint').map((p) => `${p.name} ${Math.round(p.startTime)}`),
          ...performance
            .getEntriesByType('measure')
            .filter((m) => m.name.startsWith('workbench:'))
            .map((m) => `${m.name.slice('workbench:'.length)} ${Math.round(m.startTime)}+${Math.round(m.duration)}`),
        ];
        const po = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) out.push(`longtask ${Math.round(e.startTime)}+${Math.round(e.duration)}`);
        });
        po.observe({ type: 'longtask', buffered: true });
        setTimeout(() => {
          po.disconnect();
          resolve(out);
        }, 50);
      }),
  );
}
