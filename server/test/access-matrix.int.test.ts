import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission } from '../../contracts/permissions.js';
import { SITE_HEADER } from '../../contracts/types.js';
import { siteIdOf } from '../src/modules/equipment/testing.js';
import { type Actor, hasPermission } from '../src/platform/access/actor.js';
import { actorFromSession } from '../src/platform/auth/sessions.js';
import { type RouteInfo, routeTable } from './access-matrix.routes.js';
import { type Client, createTestApp, login, type TestApp } from './harness.js';

/**
 * The access matrix of issue 5: every /api/v1 route × one demo user per seeded role,
 * generated from the route table. Hook-level answers (401 without a session, 403 without
 * the route's permission anywhere) are checked on every route; record-level answers
 * (a record of another site is 404) on every `GET <list>/:id…` whose list yields a
 * record on 长春店 (CC) and on 沈阳店 (SY), and on every mutation of such a record by a
 * user who holds nothing on its site. Mutations are sent only where they must be refused,
 * so the matrix never changes the demo data it reads (unless access is broken).
 */

// 15 sign-ins stay under the login limit of 20 a minute per address
const USERS = [
  'admin',
  'head',
  'dispatcher',
  'tech',
  'tech_sy',
  'property',
  'security',
  'cleaner',
  'purchaser',
  'storekeeper',
  'finance',
  'chef',
  'vendor',
  'leader',
  'requester',
] as const;

const PLACEHOLDER_ID = '00000000000000000000000000';
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Signed {
  client: Client;
  actor: Actor;
}

let t: TestApp;
let routes: RouteInfo[];
const users = new Map<string, Signed>();
const sites: Record<'CC' | 'SY', string> = { CC: '', SY: '' };

/**
 * A URL for a route with placeholder ids in the path. The access hook answers before the
 * schema is checked, so refusals need nothing valid; a month is filled in because record-level
 * checks (404 for another site's record) run in the handler, after validation.
 */
function fill(url: string, id = PLACEHOLDER_ID): string {
  return url.replace(/:[A-Za-z]+/g, (param) => (param === ':month' ? '2026-03' : id));
}

/** An action each `…/:id/actions/:action` route knows, so the schema lets the request through. */
const ACTIONS: Record<string, string> = {
  '/api/v1/work-orders': 'accept',
  '/api/v1/complaints': 'assign',
  '/api/v1/projects': 'start',
  '/api/v1/counter-notices': 'cancel',
  '/api/v1/hazards': 'cancel',
};

/** Valid bodies for the record mutations whose schema would otherwise answer 400 before the site check. */
const BODIES: Record<string, unknown> = {
  'PUT /api/v1/work-orders/:id/checklist': { answers: [], submit: false, version: 1 },
  'POST /api/v1/assets/:id/meter-readings': { meterName: '运行小时', value: 1 },
  'POST /api/v1/work-orders/:id/labour': {
    kind: 'effective',
    startedAt: '2026-03-15T01:00:00.000Z',
    endedAt: '2026-03-15T01:30:00.000Z',
  },
  'POST /api/v1/work-orders/:id/materials': {
    name: '灯管',
    quantity: 1,
    unit: '支',
    unitPrice: 1000,
    suppliedBy: 'department',
  },
  'POST /api/v1/work-orders/:id/return-visits': { visitedAt: null, method: 'phone', result: 'satisfied', comment: null },
  'POST /api/v1/projects/:id/updates': { version: 1, progress: 10, note: null },
  'POST /api/v1/counters/:id/members': { userIds: [] },
  'POST /api/v1/findings/:id/resolve': { resolution: 'fixed_on_spot', note: '已当场整改', version: 1 },
  'PUT /api/v1/reading-points/:id': {
    siteId: PLACEHOLDER_ID,
    code: 'X-1',
    name: '温度',
    targetType: 'location',
    targetId: PLACEHOLDER_ID,
    kind: 'instant',
    quantity: '温度',
    unit: '°C',
    windowMinutes: 60,
    recheckMinutes: 60,
    version: 1,
  },
  'POST /api/v1/reading-points/:id/active': { active: false, version: 1 },
  'POST /api/v1/reading-points/:id/readings': { value: 1 },
  'POST /api/v1/reading-deviations/:id/correct': { note: '调整', version: 1 },
  'PUT /api/v1/drill-plans/:id': {
    siteId: PLACEHOLDER_ID,
    name: '消防疏散演练',
    type: 'fire_evacuation',
    scenario: '起火疏散',
    recurrence: { freq: 'weekly', interval: 1, weekdays: [2], times: ['15:00'], startDate: '2026-03-15', anchor: 'calendar' },
    windowHours: 24,
    leadDays: 3,
    version: 1,
  },
  'POST /api/v1/drill-plans/:id/active': { active: false, version: 1 },
  'PUT /api/v1/drills/:id': {
    type: 'fire_evacuation',
    title: '消防疏散演练',
    scenario: '起火疏散',
    plannedAt: '2026-03-20T07:00:00.000Z',
    version: 1,
  },
  'POST /api/v1/drills/:id/record': {
    startedAt: '2026-03-15T01:00:00.000Z',
    endedAt: '2026-03-15T01:30:00.000Z',
    commanderId: PLACEHOLDER_ID,
    participants: [{ group: '保安部', count: 10 }],
    version: 1,
  },
  'PUT /api/v1/drills/:id/report': { purpose: '检验疏散能力', course: '按预案疏散', version: 1 },
  'POST /api/v1/drills/:id/cancel': { reason: '改期', version: 1 },
};

/** The list route of a `<list>/:id…` route, when it has one. */
function listOf(r: RouteInfo, routes: RouteInfo[]): string | null {
  const list = r.url.match(/^(\/api\/v1\/[a-z-]+)\/:id(\/.*)?$/)?.[1];
  return list && routes.some((x) => x.method === 'GET' && x.url === list) ? list : null;
}

type Listed = { id: string; siteId?: string | null; version?: number };
const recordCache = new Map<string, Listed | null>();

/** A record of the list on one site, found by the administrator with the site switcher set. */
async function recordOf(list: string, code: 'CC' | 'SY'): Promise<Listed | null> {
  const key = `${list} ${code}`;
  if (!recordCache.has(key)) {
    const siteId = sites[code];
    const admin = users.get('admin') as Signed;
    const page = await admin.client.get<{ items?: Listed[] }>(`${list}?limit=50`, { [SITE_HEADER]: siteId });
    const items = page.body.items ?? [];
    recordCache.set(key, items.find((i) => (list === '/api/v1/sites' ? i.id === siteId : i.siteId === siteId)) ?? null);
  }
  return recordCache.get(key) ?? null;
}

function recordUrl(url: string, list: string, id: string): string {
  return fill(url.replace(':action', ACTIONS[list] ?? ':action'), id);
}

function errorCode(body: unknown): string | undefined {
  return (body as { error?: { code?: string } } | null)?.error?.code;
}

beforeAll(async () => {
  t = await createTestApp();
  routes = await routeTable(t.app.deps);
  sites.CC = await siteIdOf(t.db, 'CC');
  sites.SY = await siteIdOf(t.db, 'SY');
  for (const username of USERS) {
    const client = await login(t.app, username);
    const token = decodeURIComponent(client.cookie.split('=').slice(1).join('='));
    const actor = await actorFromSession(t.db, t.clock, token);
    if (!actor) throw new Error(`no session for ${username}`);
    users.set(username, { client, actor });
  }
}, 60_000);
afterAll(() => t.close());

describe('access matrix', () => {
  it('every /api/v1 route declares its access', () => {
    expect(routes.length).toBeGreaterThan(100);
    expect(routes.filter((r) => !r.access).map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it('answers 401 without a session on every non-public route, before looking at the input', async () => {
    const wrong: string[] = [];
    for (const r of routes.filter((x) => x.access !== 'public')) {
      // an empty body and placeholder parameters are invalid for most routes: the answer must still be 401
      const res = await t.app.inject({ method: r.method as 'GET', url: fill(r.url), ...(MUTATING.has(r.method) && { payload: {} }) });
      if (res.statusCode !== 401 || errorCode(res.json()) !== 'UNAUTHENTICATED') wrong.push(`${r.method} ${r.url} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 403 to every role without the route permission, and lets the others past the check', async () => {
    const wrong: string[] = [];
    let cells = 0;
    for (const r of routes) {
      if (r.access === 'public' || r.access === 'authenticated' || !r.access) continue;
      const perm = r.access as Permission;
      for (const [username, { client, actor }] of users) {
        const allowed = hasPermission(actor, perm);
        if (MUTATING.has(r.method)) {
          // an allowed mutation would change the data the matrix reads: only refusals are sent
          if (allowed) continue;
          const res = await client.req(r.method, fill(r.url), {});
          cells++;
          if (res.status !== 403 || errorCode(res.body) !== 'FORBIDDEN') wrong.push(`${username} ${r.method} ${r.url} → ${res.status}`);
          continue;
        }
        const res = await client.get(fill(r.url));
        cells++;
        if (!allowed && res.status !== 403) wrong.push(`${username} GET ${r.url} → ${res.status}, expected 403`);
        // with a placeholder id the allowed answer is 404 (or a 2xx for lists)
        if (allowed && (res.status === 403 || res.status === 401 || res.status >= 500)) {
          wrong.push(`${username} GET ${r.url} → ${res.status}, expected to pass the check`);
        }
      }
    }
    expect(cells).toBeGreaterThan(1000);
    expect(wrong).toEqual([]);
  });

  it('answers 2xx to every role on parameterless GET routes it holds the permission for', async () => {
    const wrong: string[] = [];
    let cells = 0;
    for (const r of routes) {
      // routes with path parameters or a required query answer 400/404 without real values
      if (r.method !== 'GET' || r.url.includes(':') || r.requiredQuery || r.access === 'public') continue;
      for (const [username, { client, actor }] of users) {
        // 'authenticated' routes decide in the handler (own records, site scope): they may refuse, never fail
        const declared = r.access !== 'authenticated';
        if (declared && !hasPermission(actor, r.access as Permission)) continue;
        const res = await client.get(r.url);
        cells++;
        const ok = declared ? res.status < 300 : res.status < 300 || res.status === 403 || res.status === 404;
        if (!ok) wrong.push(`${username} GET ${r.url} → ${res.status} ${errorCode(res.body) ?? ''}`);
      }
    }
    expect(cells).toBeGreaterThan(300);
    expect(wrong).toEqual([]);
  });

  it('answers 404 for a record of a site the user cannot see, and 2xx where it can', async () => {
    const wrong: string[] = [];
    const covered = new Set<string>();
    for (const r of routes) {
      const list = r.method === 'GET' && r.access !== 'public' ? listOf(r, routes) : null;
      if (!list) continue;
      for (const code of ['CC', 'SY'] as const) {
        const siteId = sites[code];
        const record = await recordOf(list, code);
        if (!record) continue;
        covered.add(`${r.url} ${code}`);
        for (const [username, { client, actor }] of users) {
          const seesSite = actor.grants.some((g) => g.siteId === null || g.siteId === siteId);
          const declared = r.access !== 'authenticated';
          if (declared && !hasPermission(actor, r.access as Permission)) continue;
          const res = await client.get(recordUrl(r.url, list, record.id));
          const key = `${username} GET ${r.url} ${code}`;
          if (declared && hasPermission(actor, r.access as Permission, siteId) && !r.url.includes(':id/')) {
            if (res.status >= 300) wrong.push(`${key} → ${res.status}, expected 2xx`);
          } else if (!seesSite || (declared && !hasPermission(actor, r.access as Permission, siteId))) {
            if (res.status !== 404) wrong.push(`${key} → ${res.status}, expected 404`);
          } else if (res.status >= 500 || res.status === 401) {
            wrong.push(`${key} → ${res.status}`);
          }
        }
      }
    }
    console.info(`record-level GET routes covered: ${[...covered].sort().join(', ')}`);
    expect(covered.size).toBeGreaterThan(10);
    expect(wrong).toEqual([]);
    // every record route × both sites × every role, PDFs included: minutes on a busy machine
  }, 300_000);

  it('refuses a mutation of a record on another site with 404, never acting on it', async () => {
    const wrong: string[] = [];
    const covered = new Set<string>();
    let cells = 0;
    for (const r of routes) {
      const list = MUTATING.has(r.method) && r.access !== 'public' ? listOf(r, routes) : null;
      if (!list) continue;
      for (const code of ['CC', 'SY'] as const) {
        const siteId = sites[code];
        const record = await recordOf(list, code);
        if (!record) continue;
        for (const [username, { client, actor }] of users) {
          // only users who may call the route somewhere, but hold nothing on this site
          if (actor.grants.some((g) => g.siteId === null || g.siteId === siteId)) continue;
          if (r.access !== 'authenticated' && !hasPermission(actor, r.access as Permission)) continue;
          const version = record.version ?? 1;
          // deletions carry the version in the query, everything else in the body
          const res =
            r.method === 'DELETE'
              ? await client.req('DELETE', `${recordUrl(r.url, list, record.id)}?version=${version}`)
              : await client.req(r.method, recordUrl(r.url, list, record.id), BODIES[`${r.method} ${r.url}`] ?? { version });
          cells++;
          covered.add(`${r.method} ${r.url} ${code}`);
          if (res.status !== 404) wrong.push(`${username} ${r.method} ${r.url} ${code} → ${res.status} ${errorCode(res.body) ?? ''}`);
        }
      }
    }
    console.info(`record-level mutations covered: ${[...covered].sort().join(', ')}`);
    expect(cells).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
  }, 300_000);
});
