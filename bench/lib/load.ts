import http from 'node:http';

/**
 * The load side of the benchmarks: a keep-alive JSON client that times every request
 * with performance.now() (sub-millisecond, and from when the request was due, so that
 * queueing in the client counts), and the two ways of driving it — closed loop (N
 * callers, each sends the next request when the last is answered: the maximum load)
 * and open loop (requests start on a schedule whatever the answers do: latency at a
 * given rate, queueing included).
 */

export interface Answer {
  status: number;
  body: string;
  /** from `startedAt` (default: when send was called) to the last byte of the answer */
  ms: number;
}

export class JsonClient {
  private readonly agent: http.Agent;
  private readonly url: URL;

  /**
   * `sockets`: the most connections open at once. FIFO reuse cycles through every idle
   * connection, so that behind a round-robin proxy both upstreams get work even at low
   * rates (LIFO, Node's default, would keep reusing the last one).
   */
  constructor(
    baseUrl: string,
    private readonly headers: Record<string, string> = {},
    sockets = 256,
  ) {
    this.url = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets, scheduling: 'fifo' });
  }

  send(
    method: string,
    urlPath: string,
    body?: unknown,
    opts: { headers?: Record<string, string>; startedAt?: number } = {},
  ): Promise<Answer> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const started = opts.startedAt ?? performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: this.url.hostname,
          port: this.url.port,
          path: urlPath,
          method,
          agent: this.agent,
          headers: {
            ...this.headers,
            ...opts.headers,
            ...(payload && { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          },
        },
        (res) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8'), ms: performance.now() - started }),
          );
          res.on('error', reject);
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${urlPath} timed out`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** GET that must answer 200, parsed */
  async json<T>(urlPath: string, headers?: Record<string, string>): Promise<T> {
    const a = await this.send('GET', urlPath, undefined, headers && { headers });
    if (a.status !== 200) throw new Error(`GET ${urlPath}: ${a.status} ${a.body.slice(0, 300)}`);
    return JSON.parse(a.body) as T;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** A whole number ≥ 1 from the environment, or `fallback` when unset. */
export function positiveInt(key: string, fallback: number): number {
  const raw = process.env[key];
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${key} must be a positive integer, got "${raw}"`);
  return n;
}

/** Signs in as a demo user (password `houqin`): the session cookie and CSRF token every request then sends. */
export async function signIn(baseUrl: string, login: string): Promise<Record<string, string>> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: 'houqin' }),
    signal: AbortSignal.timeout(30_000),
  });
  if (res.status !== 200) throw new Error(`login as ${login} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken };
}

/** What one unit of work (one request, or several in sequence) reports. */
export interface Unit {
  latencies: number[];
  failed: number;
  statuses: number[];
  /** request kind, for per-kind percentiles (units without one count under `''`) */
  kind?: string;
}

export interface Run {
  latencies: number[];
  byKind: Map<string, number[]>;
  /** units that completed without failure */
  units: number;
  failures: number;
  /** failures per kind */
  failedByKind: Map<string, number>;
  /** answers outside 2xx, by status (0 = no answer: connection error or timeout) */
  badStatuses: Map<number, number>;
  seconds: number;
  /** open loop: how late the generator started the latest-started unit, in ms (its own backlog, not the server's) */
  maxLagMs: number;
  /** open loop: the run stopped early because too many units were outstanding */
  overloaded: boolean;
  /** open loop: units scheduled (started) */
  started: number;
}

function emptyRun(): Run {
  return {
    latencies: [],
    byKind: new Map(),
    units: 0,
    failures: 0,
    failedByKind: new Map(),
    badStatuses: new Map(),
    seconds: 0,
    maxLagMs: 0,
    overloaded: false,
    started: 0,
  };
}

const failedUnit = (): Unit => ({ latencies: [], failed: 1, statuses: [0] });

function record(run: Run, u: Unit): void {
  const kind = u.kind ?? '';
  run.latencies.push(...u.latencies);
  const list = run.byKind.get(kind);
  if (list) list.push(...u.latencies);
  else run.byKind.set(kind, [...u.latencies]);
  run.units += u.failed ? 0 : 1;
  run.failures += u.failed;
  if (u.failed) run.failedByKind.set(kind, (run.failedByKind.get(kind) ?? 0) + u.failed);
  for (const s of u.statuses) if (s < 200 || s >= 300) run.badStatuses.set(s, (run.badStatuses.get(s) ?? 0) + 1);
}

/** A unit of work; `startedAt` is when it was due (performance.now() time), to time it from there. */
export type Work = (startedAt: number) => Promise<Unit>;

/** Closed loop: `connections` callers each start the next unit when the last one ends. */
export async function closedLoop(work: Work, connections: number, seconds: number): Promise<Run> {
  const run = emptyRun();
  const started = performance.now();
  const until = started + seconds * 1000;
  const caller = async () => {
    while (performance.now() < until) {
      run.started += 1;
      record(run, await work(performance.now()).catch(failedUnit));
    }
  };
  await Promise.all(Array.from({ length: connections }, caller));
  run.seconds = (performance.now() - started) / 1000;
  return run;
}

export interface OpenLoopOptions {
  /**
   * `poisson`: exponential gaps, as many independent users make (default `fixed`: evenly
   * spaced). `random` draws them (a seeded generator keeps runs comparable).
   */
  arrivals?: { kind: 'poisson'; random: () => number } | { kind: 'fixed' };
  /**
   * Stop starting units once this many are outstanding: the server is not keeping up,
   * and an unbounded backlog would only make the run longer, not say more.
   */
  maxOutstanding?: number;
}

/**
 * Open loop: units start at `perSecond` on average whatever the answers do, so queueing
 * shows in the latency (timed from when each unit was due, so a late generator counts
 * against the figures too; `maxLagMs` says how late it was).
 */
export async function openLoop(work: Work, perSecond: number, seconds: number, opts: OpenLoopOptions = {}): Promise<Run> {
  const run = emptyRun();
  const started = performance.now();
  const end = started + seconds * 1000;
  const arrivals = opts.arrivals ?? { kind: 'fixed' };
  const gap = () => (arrivals.kind === 'poisson' ? -Math.log(1 - arrivals.random()) : 1) * (1000 / perSecond);
  const maxOutstanding = opts.maxOutstanding ?? Number.POSITIVE_INFINITY;
  let outstanding = 0;
  let drained: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    drained = resolve;
  });
  let at = started;
  let finishedStarting = false;
  const settle = (u: Unit) => {
    record(run, u);
    outstanding -= 1;
    if (finishedStarting && outstanding === 0) drained();
  };
  while (at < end) {
    const wait = at - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    // every unit already due starts now: timers fire in batches of a millisecond or more
    const now = performance.now();
    while (at <= now && at < end) {
      if (outstanding >= maxOutstanding) {
        run.overloaded = true;
        break;
      }
      run.maxLagMs = Math.max(run.maxLagMs, now - at);
      outstanding += 1;
      run.started += 1;
      work(at).then(settle, () => settle(failedUnit()));
      at += gap();
    }
    if (run.overloaded) break;
  }
  finishedStarting = true;
  if (outstanding > 0) await done;
  // to the last answer: a server that falls behind shows as a lower achieved rate
  run.seconds = (performance.now() - started) / 1000;
  return run;
}

function rank(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/** nearest-rank percentile of a list of milliseconds */
export function percentile(values: number[], q: number): number {
  return values.length ? rank(Float64Array.from(values).sort(), q) : Number.NaN;
}

/** p50, p95, p99 at once (one sort) */
export function percentiles(values: number[]): { p50: number; p95: number; p99: number } {
  if (!values.length) return { p50: Number.NaN, p95: Number.NaN, p99: Number.NaN };
  const sorted = Float64Array.from(values).sort();
  return { p50: rank(sorted, 0.5), p95: rank(sorted, 0.95), p99: rank(sorted, 0.99) };
}
