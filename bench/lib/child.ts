import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A server under test, run as a child process so that its memory is its own:
 * RSS is read from /proc/<pid>/status, not guessed from the load generator's heap.
 */
export interface ServerProcess {
  name: string;
  pid: number;
  baseUrl: string;
  dataDir: string;
  /** resident set size now and its peak so far, in MiB (from /proc/<pid>/status) */
  memory(): { rssMiB: number; peakMiB: number };
  /** CPU time the process has used so far (user + system), in seconds */
  cpuSeconds(): number;
  /** the last 4,000 characters the process wrote (stdout and stderr) */
  output(): string;
  /** still running */
  alive(): boolean;
  stop(): Promise<void>;
}

const running = new Set<ServerProcess>();

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no free port'))));
    });
  });
}

function readStatusKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return match ? Number(match[1]) : Number.NaN;
}

/** clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux almost everywhere) */
let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** /proc/<pid>/stat after the `(comm)` field: [0] state, [1] ppid, … [11] utime, [12] stime, [13] cutime, [14] cstime */
function statFields(pid: number): string[] {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** utime + stime of a process (fields 14 and 15 of /proc/<pid>/stat) */
export function readCpuSeconds(pid: number): number {
  const fields = statFields(pid);
  return (Number(fields[11]) + Number(fields[12])) / clockTicks();
}

/**
 * CPU time of a PostgreSQL cluster: the postmaster listening on `port`, its live
 * children (backends, writers) and the children it has reaped (cutime + cstime), so a
 * backend that exits during a run still counts. 0 when no such cluster is found.
 */
export function postgresCpuSeconds(port: number): number {
  const pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  const postmaster = pids.find((pid) => {
    try {
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return path.basename(args[0] ?? '') === 'postgres' && args.includes('-p') && args[args.indexOf('-p') + 1] === String(port);
    } catch {
      return false; // exited while we looked
    }
  });
  if (!postmaster) return 0;
  let ticks = 0;
  for (const pid of pids) {
    try {
      const f = statFields(Number(pid));
      if (pid === postmaster) ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
      else if (f[1] === postmaster) ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // exited while we looked: its time is in the postmaster's cutime now
    }
  }
  return ticks / clockTicks();
}

/**
 * Starts `node [nodeArgs] --import tsx <script>` with a free PORT on 127.0.0.1 and a
 * fresh DATA_DIR (removed on stop) or the given one (left in place), and waits until
 * `readyPath` answers 200.
 */
export async function startServer(opts: {
  name: string;
  script: string;
  readyPath: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** a prepared data folder (e.g. a generated SQLite database); the caller removes it */
  dataDir?: string;
  /** node options before the script, e.g. `--cpu-prof` */
  nodeArgs?: string[];
}): Promise<ServerProcess> {
  const ownData = !opts.dataDir;
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), `houqin-bench-${opts.name}-`));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', opts.script], {
    env: { ...process.env, ...opts.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const server: ServerProcess = {
    name: opts.name,
    pid: child.pid ?? 0,
    baseUrl,
    dataDir,
    memory() {
      return { rssMiB: readStatusKiB(server.pid, 'VmRSS') / 1024, peakMiB: readStatusKiB(server.pid, 'VmHWM') / 1024 };
    },
    cpuSeconds: () => readCpuSeconds(server.pid),
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      running.delete(server);
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(server.pid, 'SIGTERM');
        const kill = setTimeout(() => child.exitCode === null && process.kill(server.pid, 'SIGKILL'), 15_000);
        await exited;
        clearTimeout(kill);
      }
      if (ownData) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  running.add(server);

  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await server.stop();
      throw new Error(`${opts.name} exited (${child.exitCode ?? child.signalCode}) during start-up:\n${output}`);
    }
    try {
      const res = await fetch(`${baseUrl}${opts.readyPath}`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await server.stop();
  throw new Error(`${opts.name} did not answer ${opts.readyPath} within ${(opts.timeoutMs ?? 60_000) / 1000} s:\n${output}`);
}

/** Stops every server still running (used on errors, Ctrl-C and the watchdog). */
export async function stopAll(): Promise<void> {
  await Promise.allSettled([...running].map((s) => s.stop()));
}
