import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { newId } from '../src/platform/db/ids.js';
import { channelAdapters } from '../src/platform/notify/channels.js';
import { type RouteInfo, routeTable } from './access-matrix.routes.js';
import { REQUIRED_ROUTES_FILE } from './audit-global.js';
import { assertAudited, WriteRecorder, watchAudit } from './audit-instrument.js';
import { type Client, createTestApp, login, type TestApp } from './harness.js';

/**
 * Issue 5 point 9, "every mutating route writes an audit row". The harness checks each
 * request every integration test makes (audit-instrument.ts); this file makes sure that
 * check reaches every mutating route: it hands the route table to the run's teardown
 * (audit-global.ts), which fails a full run in which one of them never answered 2xx.
 */

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Mutating routes no integration test can call successfully; each with the reason. */
const NOT_EXERCISED: Record<string, string> = {};

let t: TestApp;
let routes: RouteInfo[];

beforeAll(async () => {
  // with the real channel adapters, so that a notification channel can be created
  t = await createTestApp({ adapters: channelAdapters(loadConfig({})) });
  routes = await routeTable(t.app.deps);
});
afterAll(() => t.close());

describe('route coverage', () => {
  it('hands every mutating route outside the allowlist to the run’s coverage check', () => {
    const mutating = routes.filter((r) => MUTATING.has(r.method)).map((r) => `${r.method} ${r.url}`);
    expect(mutating.length).toBeGreaterThan(0);
    // a stale allowlist entry would hide nothing, but it would mislead the reader
    expect(Object.keys(NOT_EXERCISED).filter((route) => !mutating.includes(route))).toEqual([]);
    const required = mutating.filter((route) => !(route in NOT_EXERCISED)).sort();
    const dir = inject('auditLedgerDir');
    if (dir) fs.writeFileSync(path.join(dir, REQUIRED_ROUTES_FILE), JSON.stringify(required));
  });
});

/** Tables behind `/<prefix>/:id/(de)activate` whose name is not the prefix with `_` for `-`. */
const TABLE_OF_PREFIX: Record<string, string> = { 'fire-rules': 'fire_equipment_rules' };

/** A record to switch off and on, for the types the demo data has none of. */
async function createBody(prefix: string): Promise<unknown> {
  const site = await t.db.selectFrom('sites').select('id').where('code', '=', 'CC').executeTakeFirstOrThrow();
  const team = await t.db.selectFrom('teams').select('id').where('site_id', '=', site.id).where('active', '=', 1).executeTakeFirstOrThrow();
  const bodies: Record<string, unknown> = {
    // port 9 (discard) refuses at once: nothing leaves the machine should a message be queued
    'notification-channels': { kind: 'wecom', name: '维修群', config: { url: 'http://127.0.0.1:9/cgi-bin/webhook/send?key=x' } },
    'dispatch-rules': { siteId: site.id, teamId: team.id },
    'work-standards': { category: 'plumbing', name: '给排水维修', standardMinutes: 60 },
  };
  return bodies[prefix.slice('/api/v1/'.length)];
}

describe('routes no module test calls successfully', () => {
  let admin: Client;
  beforeAll(async () => {
    admin = await login(t.app, 'admin');
  });

  /**
   * Every record type that can be switched off and on: one of its active records is
   * deactivated and activated again (the first one the service lets go — some, like a
   * category in use, are refused for good reasons), which also leaves the data as it was.
   */
  it('deactivates and reactivates a record of every type that has the pair of routes', async () => {
    const prefixes = routes
      .filter((r) => r.method === 'POST' && r.url.endsWith('/:id/deactivate'))
      .map((r) => r.url.slice(0, -'/:id/deactivate'.length))
      .filter((prefix) => routes.some((r) => r.method === 'POST' && r.url === `${prefix}/:id/activate`));
    expect(prefixes.length).toBeGreaterThan(0);
    const refused: string[] = [];
    for (const prefix of prefixes) {
      const segment = prefix.slice('/api/v1/'.length);
      const table = TABLE_OF_PREFIX[segment] ?? segment.replace(/-/g, '_');
      const rows = (
        await sql<{ id: string; version: number }>`select id, version from ${sql.table(table)} where active = 1 order by id`.execute(t.db)
      ).rows;
      const body = rows.length === 0 ? await createBody(prefix) : undefined;
      if (body) {
        const created = await admin.post<{ id: string; version: number }>(prefix, body);
        expect(created.status, `${prefix} ${JSON.stringify(created.body)}`).toBe(201);
        rows.push({ id: created.body.id, version: created.body.version });
      }
      let done = false;
      for (const row of rows) {
        const off = await admin.post<{ version: number; active: boolean }>(`${prefix}/${row.id}/deactivate`, { version: row.version });
        if (off.status !== 200) continue;
        expect(off.body.active, prefix).toBe(false);
        const on = await admin.post<{ active: boolean }>(`${prefix}/${row.id}/activate`, { version: off.body.version });
        expect(on.status, `${prefix} activate`).toBe(200);
        expect(on.body.active, prefix).toBe(true);
        done = true;
        break;
      }
      if (!done) refused.push(`${prefix} (${rows.length} active records)`);
    }
    expect(refused).toEqual([]);
  });

  it('signs out: the session ends and the audit log says so', async () => {
    const head = await login(t.app, 'head');
    expect((await head.post('/api/v1/auth/logout')).status).toBe(200);
    expect((await head.get('/api/v1/auth/me')).status).toBe(401);
    const entry = await t.db
      .selectFrom('audit_log')
      .select(['entity', 'action'])
      .where('entity_id', '=', head.userId)
      .where('action', '=', 'logout')
      .executeTakeFirst();
    expect(entry).toEqual({ entity: 'user', action: 'logout' });
  });
});

/**
 * The instrument itself, on a bare app over the test database: if it stopped seeing
 * writes (a lost async context, a Kysely upgrade renaming nodes), every check above
 * would pass without checking anything.
 */
describe('the audit instrument', () => {
  let bare: FastifyInstance;
  let siteId: string;

  beforeAll(async () => {
    const db = t.db.withPlugin(new WriteRecorder());
    const site = await t.db.selectFrom('sites').select(['id', 'org_id']).where('code', '=', 'CC').executeTakeFirstOrThrow();
    siteId = site.id;
    bare = Fastify();
    watchAudit(bare, null);
    const rename = (name: string) => db.updateTable('sites').set({ name }).where('id', '=', siteId).execute();
    const audit = (tx: typeof db) =>
      tx
        .insertInto('audit_log')
        .values({
          id: newId(),
          org_id: site.org_id,
          site_id: siteId,
          actor_id: null,
          actor_name: 'test',
          at: t.clock.now().toISOString(),
          entity: 'site',
          entity_id: siteId,
          action: 'update',
          diff: '{}',
          request_id: null,
        })
        .execute();
    bare.post('/api/v1/unaudited', async () => {
      await rename('长春店 1');
      return { ok: true };
    });
    bare.post('/api/v1/audited', async () => {
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('sites').set({ name: '长春店 2' }).where('id', '=', siteId).execute();
        await audit(tx as unknown as typeof db);
      });
      return { ok: true };
    });
    bare.post('/api/v1/refused', async (_req, reply) => {
      await rename('长春店 3');
      return reply.status(409).send({ ok: false });
    });
    bare.post('/api/v1/missed', async () => {
      await db.updateTable('sites').set({ name: 'x' }).where('id', '=', 'no-such-site').execute();
      return { ok: true };
    });
    const rule = await t.db.selectFrom('numbering_rules').select('id').executeTakeFirstOrThrow();
    const user = await t.db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    bare.post('/api/v1/bookkeeping', async () => {
      const now = t.clock.now().toISOString();
      const sessionId = newId();
      await db
        .insertInto('sessions')
        .values({ id: sessionId, user_id: user.id, csrf_token: 'x', created_at: now, expires_at: now, ip: null, user_agent: null })
        .execute();
      await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
      await db.insertInto('numbering_counters').values({ rule_id: rule.id, scope_key: newId(), value: 1 }).execute();
      return { ok: true };
    });
    await bare.ready();
  });
  afterAll(() => bare.close());

  it('fails a 2xx mutation that changed a business table without an audit row', async () => {
    expect((await bare.inject({ method: 'POST', url: '/api/v1/unaudited', payload: {} })).statusCode).toBe(200);
    expect(() => assertAudited()).toThrow(/POST \/api\/v1\/unaudited .*changed sites/);
    // the failure is reported once
    expect(() => assertAudited()).not.toThrow();
  });

  it('passes a mutation audited in its transaction, a refused one, and one that changed no row', async () => {
    for (const url of ['/api/v1/audited', '/api/v1/refused', '/api/v1/missed', '/api/v1/bookkeeping']) {
      await bare.inject({ method: 'POST', url, payload: {} });
    }
    expect(() => assertAudited()).not.toThrow();
  });
});
