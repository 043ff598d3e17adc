import type { FastifyInstance } from 'fastify';
import { createUser } from '../../src/modules/identity/users.service.js';
import { type Actor, systemActor } from '../../src/platform/access/actor.js';
import { loadGrants } from '../../src/platform/access/grants.js';
import type { Ctx, Db } from '../../src/platform/context.js';
import type { AppDeps } from '../../src/platform/http/types.js';
import { zonedDate, zonedInstant } from '../../src/platform/numbering/time.js';
import type { Rng } from './random.js';
import type { SettableClock, Timeline } from './timeline.js';

/**
 * What the generator works with: the app's dependencies (its database, files, notifier),
 * the clock it moves, the demo organisation's two stores with their people, places and
 * equipment, and one service context per person — the generator calls the services as
 * those people would through the API.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The password of the people the generator adds (a new account must pass the strength rules). */
export const YEAR_PASSWORD = 'Houqin#2024';

export type StoreCode = 'CC' | 'SY';

/** Who does what at a store (usernames). */
export interface StorePeople {
  /** reports through the web form */
  requester: string;
  /** records phone / hotline / walk-in requests, dispatches, accepts work after a return call */
  clerk: string;
  technician: string;
  /** manages hazards, verifies rectification and action items, plans maintenance */
  manager: string;
  /** patrols, security log */
  guard: string;
  /** training participants besides the above */
  staff: string[];
}

export interface Store {
  code: StoreCode;
  id: string;
  name: string;
  timezone: string;
  people: StorePeople;
  teamId: string;
  /** location code → id */
  locations: Map<string, string>;
  /** rooms and areas (where requests come from), with codes */
  places: { id: string; code: string; name: string }[];
  assets: { id: string; name: string; category: string; locationId: string | null }[];
  /** location id → QR code */
  qr: Map<string, string>;
}

export interface World {
  deps: AppDeps;
  /** the app's clock, which the generator moves */
  clock: SettableClock;
  db: Db;
  orgId: string;
  rng: Rng;
  tl: Timeline;
  year: number;
  /** the year's instants [from, to) in Asia/Shanghai */
  from: number;
  to: number;
  stores: Record<StoreCode, Store>;
  users: Map<string, { id: string; name: string }>;
  ctx(username: string): Promise<Ctx>;
  system(): Ctx;
  /** a local instant of a store */
  local(store: Store, date: string, time: string): number;
  /** the local dates of the year, in order */
  days: string[];
  /** bookkeeping of what the generator made and how, for the report and the test */
  tally: Map<string, number>;
  count(what: string, n?: number): void;
}

export const ZONE = 'Asia/Shanghai';

const pad = (n: number) => String(n).padStart(2, '0');

export function localDates(year: number): string[] {
  const out: string[] = [];
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d = new Date(d.getTime() + DAY)) {
    out.push(`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`);
  }
  return out;
}

export const hhmm = (minutes: number) => `${pad(Math.floor(minutes / 60) % 24)}:${pad(minutes % 60)}`;

/** The stores' people: the demo's, and three the generator adds to 沈阳店 (see `addPeople`). */
const PEOPLE: Record<StoreCode, StorePeople> = {
  CC: { requester: 'requester', clerk: 'dispatcher', technician: 'tech', manager: 'property', guard: 'security', staff: ['storekeeper'] },
  SY: {
    requester: 'cleaner',
    clerk: 'sy_property',
    technician: 'tech_sy',
    manager: 'sy_property',
    guard: 'sy_security',
    staff: ['sy_clerk'],
  },
};

/** 沈阳店 has no clerk, property administrator or guard among the demo users: the year's people there. */
const ADDED: { username: string; name: string; role: string; dept: string }[] = [
  { username: 'sy_property', name: '孙物业', role: 'property', dept: 'HQ' },
  { username: 'sy_security', name: '吴保安', role: 'security', dept: 'BA' },
  { username: 'sy_clerk', name: '郑客服', role: 'dispatcher', dept: 'KF' },
];

export async function buildWorld(
  app: FastifyInstance,
  clock: SettableClock,
  opts: { rng: Rng; tl: Timeline; year: number },
): Promise<World> {
  const deps = app.deps;
  const db = deps.db;
  const org = await db.selectFrom('organizations').select('id').executeTakeFirstOrThrow();
  const orgId = org.id;
  const actors = new Map<string, Actor>();
  const users = new Map<string, { id: string; name: string }>();
  const loadUsers = async () => {
    for (const u of await db.selectFrom('users').select(['id', 'username', 'name']).where('org_id', '=', orgId).execute()) {
      users.set(u.username, { id: u.id, name: u.name });
    }
  };
  await loadUsers();
  const ctxOf = (actor: Actor): Ctx => ({ db, actor, requestId: null, clock: deps.clock, config: deps.config, notifier: deps.notifier });
  const ctx = async (username: string): Promise<Ctx> => {
    let actor = actors.get(username);
    if (!actor) {
      const u = users.get(username);
      if (!u) throw new Error(`no user ${username}`);
      actor = { kind: 'user', userId: u.id, name: u.name, orgId, grants: await loadGrants(db, u.id), selectedSiteId: null };
      actors.set(username, actor);
    }
    return ctxOf(actor);
  };

  const siteRows = await db.selectFrom('sites').select(['id', 'code', 'name', 'timezone']).where('org_id', '=', orgId).execute();
  const siteId = (code: string) => {
    const s = siteRows.find((r) => r.code === code);
    if (!s) throw new Error(`the demo organisation has no site ${code}`);
    return s.id;
  };

  // the people 沈阳店 lacks, added by the administrator as on the users page
  clock.set(new Date(zonedInstant(`${opts.year}-01-01`, '08:00', ZONE).getTime() - 7 * DAY).toISOString());
  const roles = new Map(
    (await db.selectFrom('roles').select(['id', 'code']).where('org_id', '=', orgId).execute()).map((r) => [r.code, r.id]),
  );
  const depts = new Map(
    (await db.selectFrom('departments').select(['id', 'code']).where('org_id', '=', orgId).execute()).map((r) => [r.code, r.id]),
  );
  const admin = await ctx('admin');
  for (const [i, p] of ADDED.entries()) {
    if (users.has(p.username)) continue;
    await createUser(admin, {
      username: p.username,
      name: p.name,
      phone: `1390000${String(i + 1).padStart(4, '0')}`,
      employeeNo: `Y${String(i + 1).padStart(4, '0')}`,
      departmentId: depts.get(p.dept) ?? null,
      password: YEAR_PASSWORD,
      memberships: [{ roleId: roles.get(p.role) as string, siteId: siteId('SY') }],
    });
  }
  await loadUsers();

  const teams = await db.selectFrom('teams').select(['id', 'code']).where('org_id', '=', orgId).execute();
  const locations = await db
    .selectFrom('locations')
    .select(['id', 'code', 'name', 'kind', 'site_id'])
    .where('org_id', '=', orgId)
    .execute();
  const assets = await db
    .selectFrom('assets as a')
    .innerJoin('asset_categories as c', 'c.id', 'a.category_id')
    .select(['a.id', 'a.name', 'a.site_id', 'a.location_id', 'c.code as category'])
    .where('a.org_id', '=', orgId)
    .orderBy('a.code')
    .execute();
  const qrRows = await db.selectFrom('qr_codes').select(['code', 'target_id']).where('target_type', '=', 'location').execute();
  const store = (code: StoreCode): Store => {
    const s = siteRows.find((r) => r.code === code);
    if (!s) throw new Error(`the demo organisation has no site ${code}`);
    const locs = locations.filter((l) => l.site_id === s.id);
    return {
      code,
      id: s.id,
      name: s.name,
      timezone: s.timezone,
      people: PEOPLE[code],
      teamId: teams.find((t) => t.code === `${code}-WX`)?.id ?? '',
      locations: new Map(locs.map((l) => [l.code, l.id])),
      places: locs.filter((l) => l.kind === 'room' || l.kind === 'area').map((l) => ({ id: l.id, code: l.code, name: l.name })),
      assets: assets
        .filter((a) => a.site_id === s.id)
        .map((a) => ({ id: a.id, name: a.name, category: a.category, locationId: a.location_id })),
      qr: new Map(qrRows.filter((q) => locs.some((l) => l.id === q.target_id)).map((q) => [q.target_id, q.code])),
    };
  };

  const tally = new Map<string, number>();
  return {
    deps,
    clock,
    db,
    orgId,
    rng: opts.rng,
    tl: opts.tl,
    year: opts.year,
    from: zonedInstant(`${opts.year}-01-01`, '00:00', ZONE).getTime(),
    to: zonedInstant(`${opts.year + 1}-01-01`, '00:00', ZONE).getTime(),
    stores: { CC: store('CC'), SY: store('SY') },
    users,
    ctx,
    system: () => ctxOf(systemActor(orgId)),
    local: (s, date, time) => zonedInstant(date, time, s.timezone).getTime(),
    days: localDates(opts.year),
    tally,
    count(what, n = 1) {
      tally.set(what, (tally.get(what) ?? 0) + n);
    },
  };
}

/** The local date of an instant at a store. */
export const dateAt = (store: Store, ms: number) => zonedDate(new Date(ms), store.timezone);
