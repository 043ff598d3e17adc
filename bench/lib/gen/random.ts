import { prng } from '../assets-data.js';

/**
 * The generator's one source of randomness: mulberry32 (bench/lib/assets-data.ts) behind
 * the draws a simulation needs. Everything — ids and tracking tokens included — comes from
 * it, so the same seed gives the same database, row for row.
 */
export class Rng {
  readonly next: () => number;
  private spare: number | null = null;

  constructor(seed: number) {
    this.next = prng(seed);
  }

  /** a float in [lo, hi) */
  between(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  /** an integer in [lo, hi] */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** a value by weight, `[[value, weight], …]` */
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of pairs) total += w;
    let r = this.next() * total;
    for (const [v, w] of pairs) {
      r -= w;
      if (r < 0) return v;
    }
    return (pairs[pairs.length - 1] as readonly [T, number])[0];
  }

  /** standard normal (Box–Muller, the second value kept for the next call) */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    const u = 1 - this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** a duration with this median and spread: most near the median, a long tail of slow ones */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** a count of events with this mean (Knuth below 30, a rounded normal above) */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** 32 random bits as 8 hex digits */
  private hex8(): string {
    const v = (this.next() * 4294967296) >>> 0;
    return `${HEX[v >>> 24]}${HEX[(v >>> 16) & 0xff]}${HEX[(v >>> 8) & 0xff]}${HEX[v & 0xff]}`;
  }

  /**
   * A UUIDv7 (RFC 9562, the format of server/src/platform/db/ids.ts) for the instant `ms`:
   * rows made for a past moment carry that moment in their id, as the service's newId()
   * would have given them then, so id order is creation order here too.
   */
  uuidAt(ms: number): string {
    const t = Math.floor(ms);
    const hi = Math.floor(t / 65536);
    const lo = t % 65536;
    const time = `${HEX[(hi / 16777216) & 0xff]}${HEX[(hi >>> 16) & 0xff]}${HEX[(hi >>> 8) & 0xff]}${HEX[hi & 0xff]}`;
    const a = this.hex8();
    const b = this.hex8();
    const c = this.hex8();
    const variant = VARIANT[Number.parseInt(b[0] as string, 16) & 3];
    return `${time}-${HEX[lo >>> 8]}${HEX[lo & 0xff]}-7${a.slice(0, 3)}-${variant}${b.slice(1, 4)}-${b.slice(4, 8)}${c}`;
  }

  /** 18 random bytes in base64url, the shape of a work order's tracking_token */
  token(): string {
    const bytes = Buffer.allocUnsafe(18);
    for (let i = 0; i < 18; i += 3) {
      const v = (this.next() * 16777216) >>> 0;
      bytes[i] = v >>> 16;
      bytes[i + 1] = (v >>> 8) & 0xff;
      bytes[i + 2] = v & 0xff;
    }
    return bytes.toString('base64url');
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const VARIANT = ['8', '9', 'a', 'b'];

/** A table of weights drawn from many times: cumulative sums and a binary search. */
export class WeightedTable<T> {
  private readonly values: T[];
  private readonly cumulative: number[];
  readonly total: number;

  constructor(pairs: readonly (readonly [T, number])[]) {
    this.values = [];
    this.cumulative = [];
    let sum = 0;
    for (const [v, w] of pairs) {
      if (w <= 0) continue;
      sum += w;
      this.values.push(v);
      this.cumulative.push(sum);
    }
    this.total = sum;
  }

  get size(): number {
    return this.values.length;
  }

  draw(rng: Rng): T {
    const r = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] as number) > r) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo] as T;
  }
}
