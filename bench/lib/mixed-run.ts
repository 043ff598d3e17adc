import path from 'node:path';
import { postgresCpuSeconds, type ServerProcess, startServer } from './child.js';
import { closedLoop, JsonClient, openLoop, type Run, type Unit, type Work } from './load.js';
import type { PreparedDb } from './mixed-data.js';
import { type Draw, MIX, MixedWorkload } from './mixed-workload.js';

/**
 * One topology of the mixed benchmark — Houqin on SQLite or PostgreSQL, one process or
 * two behind the round-robin proxy — or the ceiling, measured as: an open-loop ladder
 * (N simulated users ≈ N/10 requests per second, each step for a fixed time, stopping
 * at the first step the server cannot keep up with), then a closed loop on a fixed
 * number of connections (the maximum throughput).
 */

export interface MixedSettings {
  /** simulated users of each open-loop step (each sends one request per 10 s on average) */
  users: number[];
  stepSeconds: number;
  closedSeconds: number;
  /** callers of the closed loop */
  connections: number;
  /** the client's most open connections (open loop; the closed loop uses `connections`) */
  sockets: number;
  warmUpSeconds: number;
  seed: number;
  /** write a V8 CPU profile of every Houqin process into this folder (`node --cpu-prof`) */
  cpuProfDir: string | null;
}

/** one measured phase */
export interface Phase {
  /** open loop: simulated users; closed loop: null */
  users: number | null;
  targetPerSecond: number | null;
  connections: number | null;
  run: Run;
  achievedPerSecond: number;
  /** Houqin (or ceiling) processes' CPU time per answered request, ms */
  serverCpuMsPerReq: number;
  /** PostgreSQL's CPU time per answered request, ms (null on SQLite) */
  dbCpuMsPerReq: number | null;
  /** the proxy's CPU time per answered request, ms (null without one) */
  proxyCpuMsPerReq: number | null;
  /** this process's (load generator's) CPU time per request, ms */
  clientCpuMsPerReq: number;
  /** per Houqin process: VmRSS and VmHWM (peak so far) after the phase, MiB */
  memory: { rssMiB: number; peakMiB: number }[];
}

export interface TopologyResult {
  name: string;
  engine: 'sqlite' | 'postgres' | 'ceiling';
  processes: number;
  ladder: Phase[];
  closed: Phase;
  /** CPU seconds each Houqin process used over the whole measurement (balance behind the proxy) */
  cpuSecondsByProcess: number[];
  /** connections the proxy gave each upstream */
  proxyConnections: string | null;
  startSeconds: number;
  /** orders finished, technician requests that found nothing to move */
  finished: number;
  idleTechnician: number;
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

interface Measured {
  servers: ServerProcess[];
  proxy: ServerProcess | null;
  pgPort: number | null;
}

function cpuNow(m: Measured) {
  return {
    servers: m.servers.reduce((a, s) => a + s.cpuSeconds(), 0),
    db: m.pgPort ? postgresCpuSeconds(m.pgPort) : 0,
    proxy: m.proxy ? m.proxy.cpuSeconds() : 0,
    client: process.cpuUsage(),
  };
}

async function phase(
  m: Measured,
  users: number | null,
  target: number | null,
  connections: number | null,
  go: () => Promise<Run>,
): Promise<Phase> {
  const before = cpuNow(m);
  const run = await go();
  const after = cpuNow(m);
  const answered = Math.max(1, run.units + run.failures);
  const per = (seconds: number) => (seconds * 1000) / answered;
  const client = process.cpuUsage(before.client);
  return {
    users,
    targetPerSecond: target,
    connections,
    run,
    achievedPerSecond: run.units / run.seconds,
    serverCpuMsPerReq: per(after.servers - before.servers),
    dbCpuMsPerReq: m.pgPort ? per(after.db - before.db) : null,
    proxyCpuMsPerReq: m.proxy ? per(after.proxy - before.proxy) : null,
    clientCpuMsPerReq: per((client.user + client.system) / 1e6),
    memory: m.servers.map((s) => s.memory()),
  };
}

function progress(label: string, p: Phase): void {
  const lat = [...p.run.latencies].sort((a, b) => a - b);
  const p99 = lat.length ? (lat[Math.ceil(0.99 * lat.length) - 1] as number) : Number.NaN;
  const bad = p.run.failures ? `, ${p.run.failures} failed` : '';
  const over = p.run.overloaded ? ' — overloaded, ladder stops' : '';
  const cpu = `${p.serverCpuMsPerReq.toFixed(2)}${p.dbCpuMsPerReq === null ? '' : ` + db ${p.dbCpuMsPerReq.toFixed(2)}`} ms CPU/req`;
  console.log(`    ${label.padEnd(22)} ${p.achievedPerSecond.toFixed(0).padStart(5)} req/s, p99 ${p99.toFixed(1)} ms, ${cpu}${bad}${over}`);
}

/** Ladder then closed loop of one unit of work (`work`) against what `m` measures. */
async function measureLoad(m: Measured, work: Work, settings: MixedSettings, rngSeed: number): Promise<{ ladder: Phase[]; closed: Phase }> {
  const ladder: Phase[] = [];
  let state = rngSeed >>> 0 || 1;
  // xorshift32: arrival gaps independent of the workload's own draws
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  for (const users of settings.users) {
    const rate = users / 10;
    const p = await phase(m, users, rate, null, () =>
      openLoop(work, rate, settings.stepSeconds, { arrivals: { kind: 'poisson', random }, maxOutstanding: Math.max(200, rate) }),
    );
    ladder.push(p);
    progress(`${users.toLocaleString('en')} users (${rate}/s)`, p);
    // higher steps would only queue more: the ladder ends where the server stopped keeping up
    if (p.run.overloaded || p.achievedPerSecond < rate * 0.9) break;
  }
  const closed = await phase(m, null, null, settings.connections, () => closedLoop(work, settings.connections, settings.closedSeconds));
  progress(`max, ${settings.connections} connections`, closed);
  return { ladder, closed };
}

/** The bare ceiling (bench/servers/ceiling.ts): Fastify + one better-sqlite3 insert, through the same client and ladder. */
export async function runCeiling(settings: MixedSettings): Promise<TopologyResult> {
  const started = performance.now();
  const server = await startServer({ name: 'ceiling', script: path.join(root, 'bench/servers/ceiling.ts'), readyPath: '/health' });
  const client = new JsonClient(server.baseUrl, {}, settings.sockets);
  const tag = Date.now().toString(36);
  let n = 0;
  const work: Work = async (startedAt) => {
    const a = await client.send('POST', '/items', { code: `MX-${tag}-${++n}`, name: '压测', kind: 'room' }, { startedAt });
    const ok = a.status === 201;
    return { kind: 'insert', latencies: ok ? [a.ms] : [], failed: ok ? 0 : 1, statuses: [a.status] } satisfies Unit;
  };
  try {
    const startSeconds = (performance.now() - started) / 1000;
    await closedLoop(work, 8, Math.min(3, settings.warmUpSeconds));
    const m: Measured = { servers: [server], proxy: null, pgPort: null };
    const { ladder, closed } = await measureLoad(m, work, settings, settings.seed);
    return {
      name: 'ceiling',
      engine: 'ceiling',
      processes: 1,
      ladder,
      closed,
      cpuSecondsByProcess: [server.cpuSeconds()],
      proxyConnections: null,
      startSeconds,
      finished: 0,
      idleTechnician: 0,
    };
  } finally {
    client.close();
    await server.stop();
  }
}

export interface TopologyOptions {
  db: PreparedDb;
  processes: 1 | 2;
  /** the PostgreSQL cluster's port, to count its CPU */
  pgPort: number | null;
}

export function topologyName(engine: string, processes: number): string {
  return processes === 1 ? `${engine}, 1 process` : `${engine}, ${processes} processes + proxy`;
}

interface Started {
  m: Measured;
  workload: MixedWorkload;
  startSeconds: number;
}

/**
 * Houqin (server/src/main.ts) on a prepared database — one process, or two behind
 * bench/servers/proxy.ts — signed in and warmed up; `measure` runs against it, then
 * everything is stopped.
 */
async function withTopology<T>(opts: TopologyOptions, settings: MixedSettings, measure: (s: Started) => Promise<T>): Promise<T> {
  const { db, processes } = opts;
  const started = performance.now();
  const servers: ServerProcess[] = [];
  let proxy: ServerProcess | null = null;
  let client: JsonClient | null = null;
  try {
    // one after the other: the second finds the organisation (and migrations) the first checked
    for (let i = 0; i < processes; i++) {
      servers.push(
        await startServer({
          name: `houqin-${db.engine}-${i + 1}`,
          script: path.join(root, 'server/src/main.ts'),
          readyPath: '/api/health',
          env: { HOUQIN_DEMO: '1', LOG_LEVEL: 'warn', DATABASE_URL: db.databaseUrl ?? '' },
          // SQLite: the prepared database; PostgreSQL: a fresh folder each for attachments
          ...(db.dataDir && { dataDir: db.dataDir }),
          ...(settings.cpuProfDir && { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${settings.cpuProfDir}`] }),
          timeoutMs: 180_000,
        }),
      );
    }
    if (processes > 1) {
      proxy = await startServer({
        name: 'proxy',
        script: path.join(root, 'bench/servers/proxy.ts'),
        readyPath: '/api/health',
        env: { UPSTREAMS: servers.map((s) => new URL(s.baseUrl).host).join(',') },
      });
    }
    const baseUrl = (proxy ?? (servers[0] as ServerProcess)).baseUrl;
    const startSeconds = (performance.now() - started) / 1000;
    client = new JsonClient(baseUrl, {}, settings.sockets);
    const workload = await MixedWorkload.setUp(baseUrl, client, settings.seed);
    // JIT, caches and a stock of orders for the technicians to move
    const warm = await closedLoop(workload.request, 8, settings.warmUpSeconds);
    if (warm.failures)
      console.log(`    warm-up: ${warm.failures} failed (${[...warm.badStatuses].map(([s, n]) => `${s}×${n}`).join(' ')})`);
    const result = await measure({ m: { servers, proxy, pgPort: opts.pgPort }, workload, startSeconds });
    for (const s of servers) if (!s.alive()) throw new Error(`${s.name} exited during the run:\n${s.output()}`);
    return result;
  } finally {
    client?.close();
    await proxy?.stop();
    for (const s of servers) await s.stop();
  }
}

/** The mixed workload on one topology: the open-loop ladder, then the closed loop. */
export function runTopology(opts: TopologyOptions, settings: MixedSettings): Promise<TopologyResult> {
  return withTopology(opts, settings, async ({ m, workload, startSeconds }) => {
    const cpuBefore = m.servers.map((s) => s.cpuSeconds());
    const { ladder, closed } = await measureLoad(m, workload.request, settings, settings.seed + 1);
    const result: TopologyResult = {
      name: topologyName(opts.db.engine, opts.processes),
      engine: opts.db.engine,
      processes: opts.processes,
      ladder,
      closed,
      cpuSecondsByProcess: m.servers.map((s, i) => s.cpuSeconds() - (cpuBefore[i] as number)),
      proxyConnections: null,
      startSeconds,
      finished: workload.finished,
      idleTechnician: workload.idleTechnician,
    };
    if (m.proxy) {
      await m.proxy.stop();
      result.proxyConnections = m.proxy.output().match(/connections per upstream: ([\d, ]+)/)?.[1] ?? null;
    }
    if ([...ladder, closed].some((p) => p.run.failures > 0)) {
      for (const s of m.servers) console.log(`    ${s.name} output:\n${s.output().slice(-1500)}`);
    }
    return result;
  });
}

export interface KindCost {
  topology: string;
  kind: Draw;
  phase: Phase;
}

/**
 * What each kind of request costs on its own: every draw of the mix alone, closed loop
 * on 4 connections for `closedSeconds` — server (and database) CPU per request is the
 * figure to read; it says where the mixed workload's CPU goes.
 */
export function runCosts(opts: TopologyOptions, settings: MixedSettings): Promise<KindCost[]> {
  return withTopology(opts, settings, async ({ m, workload }) => {
    const out: KindCost[] = [];
    for (const [kind] of MIX) {
      const p = await phase(m, null, null, 4, () => closedLoop(workload.requestOf(kind), 4, settings.closedSeconds));
      progress(kind, p);
      out.push({ topology: topologyName(opts.db.engine, opts.processes), kind, phase: p });
    }
    return out;
  });
}
