import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

/**
 * vitest globalSetup of the e2e project: builds what is stale (like `npm start`), starts
 * the built server on a free 127.0.0.1 port with a fresh data folder and the demo
 * organisation, and hands its base URL to the tests (`inject('baseUrl')`). A browser
 * suite that cannot run here fails loudly instead of skipping.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export const CHROMIUM = '/usr/bin/chromium';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverEntry = path.join(root, 'dist/node/server/src/main.js');

let server: ChildProcess | null = null;
let dataDir: string | null = null;

function loud(message: string): Error {
  const text = `\n${'!'.repeat(78)}\n!!! e2e suite cannot run: ${message}\n${'!'.repeat(78)}\n`;
  console.error(text);
  return new Error(text);
}

function newestMtime(entries: string[]): number {
  let latest = 0;
  const walk = (p: string): void => {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(p)) if (e !== 'node_modules') walk(path.join(p, e));
    } else latest = Math.max(latest, st.mtimeMs);
  };
  for (const e of entries) walk(path.join(root, e));
  return latest;
}

/** Same rule as scripts/start.mjs: an output older than any of its inputs is rebuilt. */
function isStale(output: string, inputs: string[]): boolean {
  const st = fs.statSync(path.join(root, output), { throwIfNoEntry: false });
  return !st || st.mtimeMs < newestMtime(inputs);
}

/**
 * The environment without what vitest sets for itself: NODE_ENV=test would make Vite
 * bundle React's development build and the server believe it runs under a test.
 */
function productionEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key === 'NODE_ENV' || key === 'MODE' || key === 'TEST' || key === 'VITEST' || key.startsWith('VITEST_')) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

function npmRun(script: string): void {
  const started = Date.now();
  console.log(`[e2e] npm run ${script}`);
  const r = spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit', env: productionEnv() });
  if (r.status !== 0) throw loud(`npm run ${script} failed (exit ${r.status ?? r.signal})`);
  console.log(`[e2e] npm run ${script}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function buildIfStale(): void {
  const common = ['contracts', 'package.json'];
  if (isStale('dist/node/server/src/main.js', ['server/src', 'tsconfig.server.json', ...common])) npmRun('build:server');
  if (isStale('dist/web/index.html', ['web', ...common])) npmRun('build:web');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no free port'))));
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw loud(`the server exited (${child.exitCode ?? child.signalCode}) before answering /api/health:\n${output()}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
      last = `${res.status} ${await res.text()}`;
      if (res.ok) return;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw loud(`GET ${baseUrl}/api/health did not answer 200 within ${timeoutMs / 1000} s (last: ${last}):\n${output()}`);
}

export async function setup(project: TestProject): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) {
    throw loud(
      process.env.CI === 'true'
        ? `${CHROMIUM} is missing and CI=true: a skipped browser suite is a failure. Run .ci/run (it installs chromium and fonts-noto-cjk).`
        : `${CHROMIUM} is missing. Install it with \`apt-get install -y chromium fonts-noto-cjk\` (or run .ci/run), then rerun; playwright-core never downloads a browser.`,
    );
  }
  buildIfStale();
  if (!fs.existsSync(serverEntry)) throw loud(`${serverEntry} is missing after the build`);

  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(process.execPath, [serverEntry], {
    cwd: root,
    // a tick every 2 s: a maintenance plan's work order appears seconds after the plan is saved
    env: productionEnv({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      HOUQIN_DEMO: '1',
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      SCHEDULER_INTERVAL_SECONDS: '2',
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;
  // keep the last output so that a server that dies explains why
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  try {
    await waitForHealth(baseUrl, child, () => log, 60_000);
  } catch (err) {
    await teardown();
    throw err;
  }
  console.log(`[e2e] server pid ${child.pid} on ${baseUrl}, data ${dataDir}`);
  project.provide('baseUrl', baseUrl);
}

export async function teardown(): Promise<void> {
  const child = server;
  server = null;
  if (child?.pid && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(child.pid, 'SIGTERM');
    const timer = setTimeout(() => child.pid && child.exitCode === null && process.kill(child.pid, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  dataDir = null;
}
