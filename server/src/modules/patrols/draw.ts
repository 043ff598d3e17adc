/**
 * The draw of a random spot check (抽查): which points and at what time. Seeded from the
 * occurrence id, so every process that raises the round (or re-reads why it was drawn)
 * gets the same points and time.
 */

/** FNV-1a of a string: the seed */
function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small, well-mixed 32-bit generator with numbers in [0, 1) */
function generator(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface Draw {
  /** indexes into the route's points, in route order */
  indexes: number[];
  /** minutes after the due time, in [0, window / 2] */
  offsetMinutes: number;
}

/** Draws `count` of `total` points and a time in the first half of the window. */
export function drawSpotCheck(seed: string, total: number, count: number, windowMinutes: number): Draw {
  const next = generator(seedOf(seed));
  const pool = Array.from({ length: total }, (_, i) => i);
  const n = Math.max(0, Math.min(count, total));
  // partial Fisher–Yates: the first n of the shuffled pool
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(next() * (total - i));
    [pool[i], pool[j]] = [pool[j] as number, pool[i] as number];
  }
  const indexes = pool.slice(0, n).sort((a, b) => a - b);
  const offsetMinutes = Math.floor(next() * (Math.floor(windowMinutes / 2) + 1));
  return { indexes, offsetMinutes };
}
