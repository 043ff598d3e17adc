import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Request } from 'autocannon';
import { type ServerProcess, startServer, stopAll } from './lib/child.js';
import { type LoadSettings, type Measurement, measure, type Scenario, warmUp } from './lib/load.js';
import { appendResults, consoleTable, machine } from './lib/report.js';

/**
 * `npm run bench`: in one run, the ceiling (bare Fastify + one better-sqlite3 insert)
 * and Houqin's authenticated create + list of locations on SQLite, each server a child
 * process on 127.0.0.1. Prints the table and appends it to bench/RESULTS.md.
 * See bench/README.md.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const settings: LoadSettings = {
  durationSec: positiveInt('BENCH_DURATION', 10),
  connections: positiveInt('BENCH_CONNECTIONS', 10),
};
const WARM_UP_SEC = 3;
const WATCHDOG_MS = 10 * 60_000;

function positiveInt(key: string, fallback: number): number {
  const raw = process.env[key];
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${key} must be a positive integer, got "${raw}"`);
  return n;
}

const runTag = Date.now().toString(36).toUpperCase();
let sequence = 0;
/** a code no request has used yet — unique across every connection of the run */
function nextCode(): string {
  sequence += 1;
  return `BENCH-${runTag}-${sequence}`;
}

function jsonPost(urlPath: string, body: () => Record<string, unknown>): Request {
  return {
    method: 'POST',
    path: urlPath,
    headers: { 'content-type': 'application/json' },
    setupRequest: (req) => ({ ...req, body: JSON.stringify(body()) }),
  };
}

async function fetchJson<T>(url: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

function expectStatus(what: string, got: { status: number; body: unknown }, want: number): void {
  if (got.status !== want) throw new Error(`${what}: expected ${want}, got ${got.status} ${JSON.stringify(got.body)}`);
}

async function ceilingScenarios(server: ServerProcess): Promise<Scenario[]> {
  const create = jsonPost('/items', () => ({ code: nextCode(), name: '压测房间', kind: 'room' }));
  const headers = { 'content-type': 'application/json' };
  const probe = await fetchJson(`${server.baseUrl}/items`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ code: nextCode(), name: 'probe', kind: 'room' }),
  });
  expectStatus('ceiling probe insert', probe, 201);
  return [
    { name: 'ceiling insert', ceiling: 'ceiling insert', server, requests: [create] },
    { name: 'ceiling list', ceiling: 'ceiling list', server, requests: [{ method: 'GET', path: '/items?limit=50' }] },
  ];
}

interface Target {
  /** what the Houqin scenarios create and list */
  resource: string;
  create: () => Record<string, unknown>;
  createPath: string;
  listPath: string;
}

/** Locations when the org module serves them, otherwise sites (org-wide, so only a stand-in). */
async function houqinTarget(baseUrl: string, headers: Record<string, string>): Promise<Target> {
  const spec = await fetchJson<{ paths?: Record<string, { post?: unknown; get?: unknown }> }>(`${baseUrl}/api/openapi.json`);
  const locations = spec.body.paths?.['/api/v1/locations'];
  if (!locations?.post || !locations.get) {
    return {
      resource: 'sites (fallback: POST /api/v1/locations does not exist yet)',
      create: () => ({ code: nextCode(), name: `压测场所 ${sequence}`, kind: 'store' }),
      createPath: '/api/v1/sites',
      listPath: '/api/v1/sites?limit=50',
    };
  }
  const sites = await fetchJson<{ items: { id: string; code: string }[] }>(`${baseUrl}/api/v1/sites?limit=200`, { headers });
  expectStatus('GET /api/v1/sites', sites, 200);
  const site = sites.body.items.find((s) => s.code === 'CC') ?? sites.body.items[0];
  if (!site) throw new Error('the demo organisation has no site');
  const existing = await fetchJson<{ items: { id: string; kind: string }[] }>(`${baseUrl}/api/v1/locations?siteId=${site.id}&limit=200`, {
    headers,
  });
  expectStatus('GET /api/v1/locations', existing, 200);
  // rooms under a demo floor, as people create them: the tree path and sort order are part of the cost
  const floor = existing.body.items.find((l) => l.kind === 'floor');
  return {
    resource: `locations (rooms under ${floor ? 'a floor' : 'the site root'} of demo site ${site.code})`,
    create: () => ({ siteId: site.id, ...(floor && { parentId: floor.id }), code: nextCode(), name: `压测房间 ${sequence}`, kind: 'room' }),
    createPath: '/api/v1/locations',
    listPath: `/api/v1/locations?siteId=${site.id}&limit=50`,
  };
}

async function houqinScenarios(server: ServerProcess): Promise<{ scenarios: Scenario[]; resource: string }> {
  const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password: 'houqin' }),
  });
  if (login.status !== 200) throw new Error(`login as admin failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken };
  const jsonHeaders = { ...headers, 'content-type': 'application/json' };

  const target = await houqinTarget(server.baseUrl, headers);
  const probe = await fetchJson(`${server.baseUrl}${target.createPath}`, {
    method: 'POST',
    headers: jsonHeaders,
    body: JSON.stringify(target.create()),
  });
  expectStatus(`probe POST ${target.createPath}`, probe, 201);
  const listed = await fetchJson<{ items: unknown[] }>(`${server.baseUrl}${target.listPath}`, { headers });
  expectStatus(`probe GET ${target.listPath}`, listed, 200);
  if (!Array.isArray(listed.body.items) || listed.body.items.length === 0) throw new Error(`GET ${target.listPath} listed nothing`);

  const create = jsonPost(target.createPath, target.create);
  const list: Request = { method: 'GET', path: target.listPath };
  return {
    resource: target.resource,
    scenarios: [
      { name: 'houqin create', ceiling: 'ceiling insert', server, headers, requests: [create] },
      { name: 'houqin list', ceiling: 'ceiling list', server, headers, requests: [list] },
      // people read far more than they write: one create for three lists
      { name: 'houqin mixed 1 create : 3 list', ceiling: 'ceiling insert', server, headers, requests: [create, list, list, list] },
    ],
  };
}

async function runAll(scenarios: Scenario[], results: Measurement[]): Promise<void> {
  const first = scenarios[0];
  // every kind of request once warm, so that no scenario pays for compiling another's code path
  if (first) await warmUp({ ...first, requests: [...new Set(scenarios.flatMap((s) => s.requests))] }, WARM_UP_SEC);
  for (const s of scenarios) results.push(await measure(s, settings));
}

async function main(): Promise<void> {
  const m = machine();
  console.log(`Houqin benchmark — ${m.cpu} × ${m.cores} cores, Node ${m.node}`);
  console.log(`${settings.durationSec} s per scenario, ${settings.connections} connections, load generator in this process`);
  const [load1] = os.loadavg();
  console.log(`load average ${load1!.toFixed(2)}${load1! > m.cores / 2 ? ' — the machine is busy, figures will be low and noisy' : ''}\n`);
  const results: Measurement[] = [];

  console.log('ceiling: bare Fastify + one better-sqlite3 insert (WAL)');
  const ceiling = await startServer({ name: 'ceiling', script: path.join(root, 'bench/servers/ceiling.ts'), readyPath: '/health' });
  try {
    await runAll(await ceilingScenarios(ceiling), results);
  } finally {
    await ceiling.stop();
  }

  console.log('houqin: server/src/main.ts (buildApp, demo organisation, fresh SQLite), signed in as admin');
  const houqin = await startServer({
    name: 'houqin',
    script: path.join(root, 'server/src/main.ts'),
    readyPath: '/api/health',
    env: { HOUQIN_DEMO: '1', LOG_LEVEL: 'warn', DATABASE_URL: '' },
    timeoutMs: 120_000,
  });
  let resource = '';
  try {
    const houqinRun = await houqinScenarios(houqin);
    resource = houqinRun.resource;
    console.log(`  target: ${resource}`);
    await runAll(houqinRun.scenarios, results);
  } finally {
    await houqin.stop();
  }

  console.log(`\n${consoleTable(results)}\n`);
  const failures = results.filter((r) => r.errors > 0 || r.non2xx > 0);
  for (const f of failures) console.log(`!! ${f.scenario}: ${f.errors} errors, ${f.non2xx} non-2xx (status codes: ${f.statusCodes})`);

  const created = results.find((r) => r.scenario === 'houqin create')?.total ?? 0;
  const notes = [
    `Houqin scenarios create and list ${resource}, signed in as admin (session cookie + CSRF token); the list ran over the ${created} records the create scenario had just added (and those of the warm-up).`,
    'Servers run one at a time as child processes (`node --import tsx`); RSS from /proc/<pid>/status after each scenario, peak = VmHWM.',
    'Houqin runs with LOG_LEVEL=warn; the load generator (autocannon) shares the machine, so on few cores it takes CPU from the server.',
  ];
  if (failures.length) notes.push(`Failed requests: ${failures.map((f) => `${f.scenario} (${f.statusCodes})`).join('; ')}.`);
  const file = path.join(root, 'bench/RESULTS.md');
  appendResults(file, results, settings, notes);
  console.log(`appended to ${path.relative(root, file)}`);
  if (failures.length) process.exitCode = 1;
}

const watchdog = setTimeout(() => {
  console.error(`benchmark still running after ${WATCHDOG_MS / 60_000} min: stopping it`);
  void stopAll().finally(() => process.exit(2));
}, WATCHDOG_MS);
watchdog.unref();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stopAll().finally(() => process.exit(130));
  });
}

main()
  .catch(async (err: unknown) => {
    console.error(err);
    await stopAll();
    process.exitCode = 1;
  })
  .finally(() => clearTimeout(watchdog));
