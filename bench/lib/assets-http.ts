import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { freePort } from './child.js';

export { percentile, signIn } from './load.js';

/**
 * The asset-list benchmark's HTTP side: Houqin's own `server/src/main.ts` in a child
 * process on an already loaded database, and a plain keep-alive HTTP client that times
 * each request with sub-millisecond resolution (autocannon rounds to whole ms and has no
 * p95).
 */

export interface Houqin {
  baseUrl: string;
  pid: number;
  /** CPU time (user + system) the server has used so far, in seconds */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** utime + stime from /proc/<pid>/stat (fields 14 and 15), at USER_HZ = 100 */
function cpuSecondsOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** `node --import tsx server/src/main.ts` on `dataDir` (SQLite) or `databaseUrl`, on 127.0.0.1. */
export async function startHouqin(root: string, opts: { dataDir: string; databaseUrl: string | null }): Promise<Houqin> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: opts.dataDir,
      DATABASE_URL: opts.databaseUrl ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      HOUQIN_DEMO: '1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server: Houqin = {
    baseUrl,
    pid: child.pid ?? 0,
    cpuSeconds: () => cpuSecondsOf(server.pid),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const kill = setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(kill);
    },
  };
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`Houqin exited during start-up:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await server.stop();
  throw new Error(`Houqin did not answer /api/health within 180 s:\n${output}`);
}

export interface Answer {
  status: number;
  body: string;
  ms: number;
}

/** GETs over keep-alive connections (one socket per concurrent caller). */
export class Client {
  private readonly agent: http.Agent;
  private readonly url: URL;

  constructor(
    baseUrl: string,
    private readonly headers: Record<string, string>,
    sockets: number,
  ) {
    this.url = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  get(pathAndQuery: string): Promise<Answer> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: this.url.hostname, port: this.url.port, path: pathAndQuery, method: 'GET', agent: this.agent, headers: this.headers },
        (res) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8'), ms: performance.now() - started }),
          );
          res.on('error', reject);
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error(`GET ${pathAndQuery} timed out`)));
      req.on('error', reject);
      req.end();
    });
  }

  async json<T>(pathAndQuery: string): Promise<T> {
    const a = await this.get(pathAndQuery);
    if (a.status !== 200) throw new Error(`GET ${pathAndQuery}: ${a.status} ${a.body.slice(0, 500)}`);
    return JSON.parse(a.body) as T;
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface Run {
  latencies: number[];
  seconds: number;
  failures: number;
  statuses: Map<number, number>;
}

/**
 * `connections` callers each send the next request as soon as the previous one is
 * answered, for `seconds` (and at most `maxRequests` in all).
 */
export async function load(client: Client, urls: string[], connections: number, seconds: number, maxRequests = Infinity): Promise<Run> {
  const run: Run = { latencies: [], seconds: 0, failures: 0, statuses: new Map() };
  const started = performance.now();
  const until = started + seconds * 1000;
  let sent = 0;
  const caller = async () => {
    while (performance.now() < until && sent < maxRequests) {
      const url = urls[sent++ % urls.length] as string;
      try {
        const a = await client.get(url);
        run.statuses.set(a.status, (run.statuses.get(a.status) ?? 0) + 1);
        if (a.status === 200) run.latencies.push(a.ms);
        else run.failures += 1;
      } catch {
        run.failures += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, caller));
  run.seconds = (performance.now() - started) / 1000;
  return run;
}
