/**
 * The draw of a quiz: which questions of the bank, in what order. Seeded from the
 * attempt id (as patrols seed a random round from its occurrence id), so the draw can be
 * recomputed and checked, and two people of one spot check get different quizzes.
 * Options are never shuffled: an answer stays an index into the bank's options.
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

/** `count` distinct indexes of `total` questions, in the order they are asked. */
export function drawQuestions(seed: string, total: number, count: number): number[] {
  const next = generator(seedOf(seed));
  const pool = Array.from({ length: total }, (_, i) => i);
  const n = Math.max(0, Math.min(count, total));
  // partial Fisher–Yates: the first n of the shuffled pool, kept in draw order
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(next() * (total - i));
    [pool[i], pool[j]] = [pool[j] as number, pool[i] as number];
  }
  return pool.slice(0, n);
}
