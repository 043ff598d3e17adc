import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import pg from 'pg';
import { afterEach, inject } from 'vitest';
import { buildApp } from '../src/app.js';
import { type Config, loadConfig } from '../src/config.js';
import { ensureOrganization } from '../src/modules/setup/bootstrap.js';
import type { Clock } from '../src/platform/context.js';
import { connect, connectSqlite, type DbHandle } from '../src/platform/db/connect.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { localStore } from '../src/platform/files/store.js';
import { type ChannelAdapter, createNotifier } from '../src/platform/notify/notifier.js';
import { assertAudited, fileLedger, WriteRecorder, watchAudit } from './audit-instrument.js';
import { TEST_EPOCH } from './db-templates.js';

export const ENGINE = (process.env.HOUQIN_TEST_ENGINE ?? 'sqlite') as 'sqlite' | 'postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** set by audit-global.ts in the integration projects */
    auditLedgerDir: string;
  }
}

// the run's list of exercised mutating routes (audit-global.ts); absent in projects without that setup
const ledger = fileLedger(inject('auditLedgerDir'));
// the migrated and bootstrapped databases test apps start from (db-templates.ts)
const templates = inject('dbTemplates');
// a test fails when one of its requests changed business data without an audit row (audit-instrument.ts)
afterEach(() => assertAudited());

/** A clock tests can set and move. */
export class TestClock implements Clock {
  constructor(private t = new Date(TEST_EPOCH)) {}
  now(): Date {
    return new Date(this.t);
  }
  set(iso: string): void {
    this.t = new Date(iso);
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}

/**
 * A fresh database on the engine under test (SQLite file in a temp dir, or a new PostgreSQL
 * database): empty, or a copy of a template from db-templates.ts — migrated, with the demo
 * organisation or an empty one.
 */
export async function freshDatabase(from?: 'demo' | 'empty'): Promise<DbHandle & { dataDir: string; url: string | null }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-test-'));
  const template = from ? templates?.[from] : undefined;
  if (ENGINE === 'sqlite') {
    const file = path.join(dataDir, 'houqin.db');
    if (template) fs.copyFileSync(template, file);
    return { ...connectSqlite(file), dataDir, url: null };
  }
  const base = process.env.HOUQIN_TEST_PG_URL;
  if (!base) throw new Error('HOUQIN_TEST_PG_URL is not set: the postgres project must run its globalSetup');
  const name = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  try {
    await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = `${base}/${name}`;
  return { ...connect({ databaseUrl: url, dataDir, poolSize: 5 }), dataDir, url };
}

export interface TestApp {
  app: FastifyInstance;
  db: DbHandle['db'];
  clock: TestClock;
  config: Config;
  close(): Promise<void>;
}

export async function createTestApp(
  opts: { demo?: boolean; env?: Record<string, string>; adapters?: ChannelAdapter[] } = {},
): Promise<TestApp> {
  const demo = opts.demo !== false;
  const handle = await freshDatabase(demo ? 'demo' : 'empty');
  const clock = new TestClock();
  const config = loadConfig({ DATA_DIR: handle.dataDir, HOUQIN_DEMO: demo ? '1' : '0', ...opts.env });
  if (!templates) {
    // a project without db-templates.ts: build the database here
    await migrateToLatest(handle.db);
    await ensureOrganization(handle.db, config, clock);
  }
  const app = await buildApp(
    {
      // requests see a handle that notes what they write; the test's own `db` is the plain one
      db: handle.db.withPlugin(new WriteRecorder()),
      engine: handle.engine,
      config,
      clock,
      files: localStore(path.join(handle.dataDir, 'files')),
      notifier: createNotifier(opts.adapters ?? [], () => clock.now()),
    },
    { webDir: null },
  );
  watchAudit(app, ledger);
  await app.ready();
  return {
    app,
    db: handle.db,
    clock,
    config,
    async close() {
      await app.close();
      await handle.close();
      fs.rmSync(handle.dataDir, { recursive: true, force: true });
      // requests made outside a test (beforeAll, afterAll) are checked here
      assertAudited();
    },
  };
}

/** A signed-in client: keeps the session cookie and sends the CSRF token on mutations. */
export interface Client {
  userId: string;
  csrf: string;
  cookie: string;
  req<T = unknown>(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: T; raw: Awaited<ReturnType<FastifyInstance['inject']>> }>;
  get<T = unknown>(url: string, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
  post<T = unknown>(url: string, body?: unknown): Promise<{ status: number; body: T }>;
  patch<T = unknown>(url: string, body?: unknown): Promise<{ status: number; body: T }>;
}

/**
 * Signs in. A new or reset account must replace its initial password before anything
 * else; unless `firstSignIn` is set (tests of exactly that), the helper does the change
 * to the same password so tests about other things can go on.
 */
export async function login(
  app: FastifyInstance,
  username: string,
  password = 'houqin',
  opts: { firstSignIn?: boolean } = {},
): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)?.split(';')[0] ?? '';
  const me = res.json() as { csrfToken: string; user: { id: string; mustChangePassword: boolean } };
  if (me.user.mustChangePassword && !opts.firstSignIn) {
    const changed = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie, 'x-csrf-token': me.csrfToken },
      payload: { currentPassword: password, newPassword: password },
    });
    if (changed.statusCode !== 200) throw new Error(`password change for ${username} failed: ${changed.body}`);
  }
  const client: Client = {
    userId: me.user.id,
    csrf: me.csrfToken,
    cookie,
    async req(method, url, body, headers = {}) {
      const raw = await app.inject({
        method,
        url,
        headers: { cookie, 'x-csrf-token': me.csrfToken, ...headers },
        ...(body !== undefined && { payload: body as InjectOptions['payload'] }),
      });
      const type = String(raw.headers['content-type'] ?? '');
      return { status: raw.statusCode, body: (type.includes('json') ? raw.json() : raw.body) as never, raw };
    },
    get: (url, headers) => client.req('GET', url, undefined, headers),
    post: (url, body) => client.req('POST', url, body ?? {}),
    patch: (url, body) => client.req('PATCH', url, body ?? {}),
  };
  return client;
}
