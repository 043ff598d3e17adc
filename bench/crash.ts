import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { type PgCluster, startPgCluster } from '../server/test/pg-cluster.js';
import { freePort } from './lib/child.js';
import { signIn } from './lib/load.js';

/**
 * Crash safety (issue 5 point 5). Each round starts the compiled server on a fresh data
 * folder, signs in as the demo dispatcher, keeps ~8 work-order creates in flight, then
 * after a few seconds either SIGKILLs the server (crash) or SIGTERMs it (graceful).
 * Every create answered 201 must still be there after a restart on the same data;
 * SQLite must pass `pragma integrity_check`, PostgreSQL's numbering counters must not be
 * behind any number issued. A graceful stop must answer or refuse every request (none
 * cut mid-way) and exit 0. Exits 1 on any loss or failure.
 *
 *   npx tsc -p tsconfig.server.json --outDir /tmp/crash-dist
 *   npx tsx bench/crash.ts [sqlite|postgres] [rounds]
 */
const SERVER = process.env.CRASH_SERVER ?? '/tmp/crash-dist/server/src/main.js';
const ENGINE = (process.argv[2] ?? 'sqlite') as 'sqlite' | 'postgres';
const ROUNDS = Number(process.argv[3] ?? process.env.CRASH_ROUNDS ?? 3);
const IN_FLIGHT = 8;
const LOAD_MS = 3000;
const WATCHDOG_MS = 5 * 60_000;
/** marks the load's work orders (the demo data has others) */
const MARK = '崩溃测试报修';

interface Started {
  child: ChildProcess;
  baseUrl: string;
  exited: Promise<number | string>;
}

async function startHouqin(dataDir: string, port: number, databaseUrl: string): Promise<Started> {
  const child = spawn(process.execPath, [SERVER], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      HOUQIN_DEMO: '1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString()).slice(-2000);
  });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited during start-up (${child.exitCode}):\n${stderr}`);
    const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(1000) }).catch(() => null);
    if (res?.ok) return { child, baseUrl, exited };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not become ready:\n${stderr}`);
}

type Outcome = { kind: 'answer'; status: number; body: string } | { kind: 'refused' } | { kind: 'cut'; code: string };

/** One request on its own connection, so a refused connection and a cut one are told apart exactly. */
function send(baseUrl: string, method: string, urlPath: string, headers: Record<string, string>, body?: unknown): Promise<Outcome> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve) => {
    const req = http.request(`${baseUrl}${urlPath}`, {
      method,
      agent: false,
      headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
    });
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ kind: 'answer', status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }));
      res.on('error', (e: NodeJS.ErrnoException) => resolve({ kind: 'cut', code: e.code ?? e.message }));
    });
    req.on('error', (e: NodeJS.ErrnoException) =>
      resolve(e.code === 'ECONNREFUSED' ? { kind: 'refused' } : { kind: 'cut', code: e.code ?? e.message }),
    );
    req.end(payload);
  });
}

interface RoundResult {
  mode: 'SIGKILL' | 'SIGTERM';
  acked: number;
  missing: number;
  other: number;
  refused: number;
  cut: number;
  /** work orders of this load stored in the database: ≥ acknowledged; on SIGTERM equal (nothing written went unanswered) */
  written: number;
  cutCodes: string;
  exit: number | string;
  exitMs: number;
  check: string;
  ok: boolean;
}

async function round(mode: 'SIGKILL' | 'SIGTERM', databaseUrl: string): Promise<RoundResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-crash-'));
  const port = await freePort();
  try {
    let server = await startHouqin(dataDir, port, databaseUrl);
    const headers = await signIn(server.baseUrl, 'dispatcher');
    const sites = (await (await fetch(`${server.baseUrl}/api/v1/sites?limit=200`, { headers })).json()) as {
      items: { id: string; code: string }[];
    };
    const siteId = sites.items.find((s) => s.code === 'CC')?.id;
    if (!siteId) throw new Error('demo site CC not found');

    const acked: { id: string; number: string }[] = [];
    let other = 0;
    let refused = 0;
    let cut = 0;
    const cutCodes = new Set<string>();
    let down = false;
    let n = 0;
    const worker = async () => {
      while (!down) {
        n += 1;
        const o = await send(server.baseUrl, 'POST', '/api/v1/work-orders', headers, {
          siteId,
          category: 'plumbing',
          urgency: 'normal',
          description: `${MARK} ${n}：卫生间水龙头漏水`,
        });
        if (o.kind === 'answer' && o.status === 201) acked.push(JSON.parse(o.body) as { id: string; number: string });
        else if (o.kind === 'answer') other += 1;
        else if (o.kind === 'refused') {
          refused += 1;
          return; // the server is gone: stop this client
        } else {
          cut += 1;
          cutCodes.add(o.code);
        }
      }
    };
    const workers = Array.from({ length: IN_FLIGHT }, worker);
    await new Promise((r) => setTimeout(r, LOAD_MS));
    const signalled = performance.now();
    server.child.kill(mode);
    const exit = await Promise.race([server.exited, new Promise<string>((r) => setTimeout(() => r('timeout'), 15_000))]);
    const exitMs = performance.now() - signalled;
    if (exit === 'timeout') server.child.kill('SIGKILL');
    await Promise.all(workers);
    down = true;

    let check: string;
    let checkOk: boolean;
    let written: number;
    if (databaseUrl) {
      ({ check, ok: checkOk, written } = await checkPostgres(databaseUrl, acked));
    } else {
      const db = new Database(path.join(dataDir, 'houqin.db'));
      check = String(db.pragma('integrity_check', { simple: true }));
      written = (db.prepare(`select count(*) as n from work_orders where description like '${MARK}%'`).get() as { n: number }).n;
      db.close();
      checkOk = check === 'ok';
      check = `integrity_check ${check}`;
    }

    server = await startHouqin(dataDir, port, databaseUrl);
    const again = await signIn(server.baseUrl, 'dispatcher');
    let missing = 0;
    for (const a of acked) {
      const o = await send(server.baseUrl, 'GET', `/api/v1/work-orders/${a.id}`, again);
      if (!(o.kind === 'answer' && o.status === 200 && (JSON.parse(o.body) as { number: string }).number === a.number)) missing += 1;
    }
    server.child.kill('SIGTERM');
    await server.exited;

    // A graceful stop must answer every request it took in (written = acknowledged). A
    // connection the kernel accepted but whose request Node had not read yet is reset when
    // the listener closes: counted as `cut`, and harmless because nothing was written.
    const gracefulOk = mode === 'SIGKILL' || (written === acked.length && exit === 0 && exitMs < 5000);
    return {
      mode,
      acked: acked.length,
      missing,
      other,
      refused,
      cut,
      written,
      cutCodes: [...cutCodes].join(','),
      exit,
      exitMs,
      check,
      ok: missing === 0 && written >= acked.length && checkOk && gracefulOk,
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Every acknowledged order is a row, numbers are unique, and no counter is behind a number it issued. */
async function checkPostgres(
  url: string,
  acked: { id: string; number: string }[],
): Promise<{ check: string; ok: boolean; written: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = await client.query<{ id: string }>('select id from work_orders where id = any($1)', [acked.map((a) => a.id)]);
    const dup = await client.query<{ n: string }>(
      'select count(*) as n from (select number from work_orders where description like $1 group by number having count(*) > 1) d',
      [`${MARK}%`],
    );
    const top = await client.query<{ v: number | null }>(
      "select max(c.value) as v from numbering_counters c join numbering_rules r on r.id = c.rule_id where r.code = 'WX'",
    );
    const maxIssued = Math.max(0, ...acked.map((a) => Number(a.number.split('-').at(-1))));
    const counter = Number(top.rows[0]?.v ?? 0);
    const load = await client.query<{ n: string }>('select count(*) as n from work_orders where description like $1', [`${MARK}%`]);
    const written = Number(load.rows[0]?.n ?? 0);
    const ok = rows.rowCount === acked.length && dup.rows[0]?.n === '0' && counter >= maxIssued;
    return {
      check: `rows ${rows.rowCount}/${acked.length}, duplicate numbers ${dup.rows[0]?.n}, counter ${counter} ≥ issued ${maxIssued}`,
      ok,
      written,
    };
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  if (!fs.existsSync(SERVER)) {
    throw new Error(`${SERVER} not found: compile it first with npx tsc -p tsconfig.server.json --outDir /tmp/crash-dist`);
  }
  const cluster: PgCluster | null = ENGINE === 'postgres' ? await startPgCluster() : null;
  const results: RoundResult[] = [];
  try {
    // SIGKILL rounds, then one SIGTERM round for the graceful shutdown
    const modes: ('SIGKILL' | 'SIGTERM')[] = [...Array.from({ length: ROUNDS }, () => 'SIGKILL' as const), 'SIGTERM'];
    for (const [i, mode] of modes.entries()) {
      let databaseUrl = '';
      if (cluster) {
        const admin = new pg.Client({ connectionString: `${cluster.url}/postgres` });
        await admin.connect();
        await admin.query(`create database crash_${i}`);
        await admin.end();
        databaseUrl = `${cluster.url}/crash_${i}`;
      }
      const r = await round(mode, databaseUrl);
      results.push(r);
      console.log(
        `${ENGINE} round ${i + 1} ${r.mode}: acknowledged ${r.acked}, missing after restart ${r.missing}, other answers ${r.other}, ` +
          `stored ${r.written}, refused ${r.refused}, reset ${r.cut}${r.cutCodes ? ` (${r.cutCodes})` : ''}, exit ${r.exit} after ${r.exitMs.toFixed(0)} ms; ${r.check} → ${r.ok ? 'ok' : 'FAIL'}`,
      );
    }
  } finally {
    cluster?.stop();
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${ENGINE}: ${results.length} rounds, ${results.reduce((s, r) => s + r.acked, 0)} acknowledged creates, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

const watchdog = setTimeout(() => {
  console.error('crash bench: watchdog expired');
  process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
