import { useEffect, useState } from 'react';

/** The current time, refreshed every `periodMs`, so "2 min ago" stays true without re-rendering per second. */
export function useNow(periodMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(t);
  }, [periodMs]);
  return now;
}
