import { useEffect, useState } from 'react';

/** The current time, re-read every `everyMs` (SLA countdowns). */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const handle = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(handle);
  }, [everyMs]);
  return now;
}

const seen = new WeakMap<object, number>();

/**
 * When an answer object was first rendered: the moment its `remainingMs` values were
 * true. react-query hands out a new object on every fetch, so each fetch starts afresh.
 */
export function receivedAt(record: object): number {
  let at = seen.get(record);
  if (at === undefined) {
    at = Date.now();
    seen.set(record, at);
  }
  return at;
}
