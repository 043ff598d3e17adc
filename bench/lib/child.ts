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

/** utime + stime of a process, from /proc/<pid>/stat (fields 14 and 15, counted after the `(comm)` field) */
function readCpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicks();
}

/**
 * Starts `node --import tsx <script>` with a fresh DATA_DIR and a free PORT on 127.0.0.1,
 * and waits until `readyPath` answers 200.
 */
export async function startServer(opts: {
  name: string;
  script: string;
  readyPath: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<ServerProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `houqin-bench-${opts.name}-`));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', opts.script], {
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
    async stop() {
      running.delete(server);
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(server.pid, 'SIGTERM');
        const kill = setTimeout(() => child.exitCode === null && process.kill(server.pid, 'SIGKILL'), 5000);
        await exited;
        clearTimeout(kill);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
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
