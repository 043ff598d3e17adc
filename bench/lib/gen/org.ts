import { sql } from 'kysely';
import type { Permission } from '../../../contracts/permissions.js';
import { attributeDefsFor } from '../../../server/src/modules/equipment/attributes.service.js';
import { QR_ALPHABET, QR_CODE_LENGTH } from '../../../server/src/modules/equipment/qr.codes.js';
import { ASSET_NUMBERING } from '../../../server/src/modules/equipment/seed.defaults.js';
import { usernameProblem } from '../../../server/src/modules/identity/identity.rules.js';
import { DEMO_PASSWORD } from '../../../server/src/modules/setup/demo.js';
import type { SiteHours } from '../../../server/src/modules/workorders/sla.calc.js';
import type { SlaPolicyRow } from '../../../server/src/modules/workorders/sla.repository.js';
import { hashPassword } from '../../../server/src/platform/auth/secrets.js';
import type { Db } from '../../../server/src/platform/context.js';
import { formatNumber, ruleSpec, scopeKey } from '../../../server/src/platform/numbering/numbering.js';
import { DEFAULT_TIME_ZONE } from '../../../server/src/platform/numbering/time.js';
import { childPath } from '../../../server/src/platform/tree.js';
import { type AssetContext, siteAssets } from './assets.js';
import { GIVEN, KINDS, type KindProfile, type SiteKind, STANDARD_MINUTES, SURNAMES } from './catalog.js';
import { buildingsFor, tagsOf } from './places.js';
import type { SitePlan } from './plan.js';
import type { Rng } from './random.js';
import type { BulkWriter } from './writer.js';

/**
 * The organisation the orders are generated for: the demo stores extended, new sites
 * with their buildings, staff and assets, written through the bulk writer. Returns what
 * the order simulation needs of each site (people by job, places by repair category,
 * deadline policies).
 */
export interface Person {
  id: string;
  name: string;
  phone: string | null;
}

export interface Leaf {
  id: string;
  name: string;
  tags: string[];
  weight: number;
}

export interface SiteRuntime {
  id: string;
  code: string;
  name: string;
  kind: SiteKind;
  city: string;
  profile: KindProfile;
  hours: SiteHours;
  ordersPerDay: number;
  clerks: Person[];
  techs: Person[];
  requesters: Person[];
  patrollers: Person[];
  teamId: string;
  leaderId: string | null;
  leaves: Leaf[];
  /** assets by asset-category code */
  assets: Map<string, { id: string; locationId: string | null }[]>;
  policies: SlaPolicyRow[];
  /** who hears of a warning when nobody works on an order: the site's clerks and everyone dispatching on every site */
  dispatchers: string[];
  /** who hears of a breach besides the team leader: whoever manages work orders on the site */
  managers: string[];
}

export interface OrgSummary {
  orgId: string;
  sites: SiteRuntime[];
  newSites: number;
  autoAcceptDays: number;
  /** demo users given the generated sites of their city */
  sharedUsers: string[];
}

interface BuildOptions {
  plans: SitePlan[];
  /** when the group set the sites up: before the first generated order */
  setupAt: number;
}

const H = 3_600_000;

export async function buildOrganisation(db: Db, writer: BulkWriter, rng: Rng, opts: BuildOptions): Promise<OrgSummary> {
  const org = await db.selectFrom('organizations').select('id').orderBy('created_at').executeTakeFirstOrThrow();
  const orgId = org.id;
  const setupIso = new Date(opts.setupAt).toISOString();
  const [sites, roles, memberships, users, teams, members, departments, categories, fireRules, policies, settings, qrTaken, locations] =
    await Promise.all([
      // ordered by what the seed does not decide (codes, names), so a rerun on another demo database draws the same
      db.selectFrom('sites').selectAll().where('org_id', '=', orgId).orderBy('code').execute(),
      db.selectFrom('roles').select(['id', 'code', 'permissions']).where('org_id', '=', orgId).orderBy('code').execute(),
      db
        .selectFrom('memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['m.user_id', 'm.role_id', 'm.site_id'])
        .where('m.org_id', '=', orgId)
        .orderBy('u.username')
        .orderBy('m.site_id')
        .execute(),
      db
        .selectFrom('users')
        .select(['id', 'username', 'name', 'phone', 'employee_no', 'active'])
        .where('org_id', '=', orgId)
        .orderBy('username')
        .execute(),
      db.selectFrom('teams').select(['id', 'code', 'site_id', 'leader_id']).where('org_id', '=', orgId).orderBy('code').execute(),
      db.selectFrom('team_members').select(['team_id', 'user_id']).execute(),
      db.selectFrom('departments').select(['id', 'code']).where('org_id', '=', orgId).where('active', '=', 1).orderBy('code').execute(),
      db.selectFrom('asset_categories').selectAll().where('org_id', '=', orgId).orderBy('code').execute(),
      db.selectFrom('fire_equipment_rules').select(['id', 'code']).where('org_id', '=', orgId).orderBy('code').execute(),
      db.selectFrom('sla_policies').selectAll().where('org_id', '=', orgId).where('active', '=', 1).orderBy('name').execute(),
      db.selectFrom('work_order_settings').select('auto_accept_days').where('org_id', '=', orgId).executeTakeFirst(),
      db
        .selectFrom('qr_codes')
        .select('code')
        .execute()
        .then((r) => new Set(r.map((q) => q.code))),
      db
        .selectFrom('locations')
        .select(['id', 'site_id', 'code', 'name', 'kind', 'path', 'depth'])
        .where('org_id', '=', orgId)
        .orderBy('site_id')
        .orderBy('code')
        .execute(),
    ]);
  const taken = [...opts.plans.filter((p) => !p.reuse).map((p) => p.code)].filter((c) => sites.some((s) => s.code === c));
  if (taken.length)
    throw new Error(`sites ${taken.join(', ')} exist already: this database holds generated data (generate into a fresh one)`);

  const roleByCode = new Map(roles.map((r) => [r.code, r]));
  const roleId = (code: string) => {
    const r = roleByCode.get(code);
    if (!r) throw new Error(`built-in role ${code} is missing`);
    return r.id;
  };
  const permsOf = new Map(roles.map((r) => [r.id, new Set(JSON.parse(r.permissions) as Permission[])]));
  const globalHolders = (perm: Permission) =>
    [...new Set(memberships.filter((m) => m.site_id === null && permsOf.get(m.role_id)?.has(perm)).map((m) => m.user_id))].filter((id) =>
      users.some((u) => u.id === id && u.active === 1),
    );
  const globalDispatch = globalHolders('workorders:dispatch');
  const globalManage = globalHolders('workorders:manage');
  const userById = new Map(users.map((u) => [u.id, u]));
  const userByName = new Map(users.map((u) => [u.username, u]));
  const person = (u: { id: string; name: string; phone: string | null }): Person => ({ id: u.id, name: u.name, phone: u.phone });

  // identities of new people: unique usernames, phones and employee numbers
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const phones = new Set(users.map((u) => u.phone).filter(Boolean));
  const employeeNos = new Set(users.map((u) => u.employee_no).filter(Boolean));
  let phoneSeq = 0;
  let employeeSeq = 0;
  const departmentIds = new Map(departments.map((d) => [d.code, d.id]));
  const nameOf = () => {
    const given = rng.chance(0.6) ? `${rng.pick([...GIVEN])}${rng.pick([...GIVEN])}` : rng.pick([...GIVEN]);
    return `${rng.pick([...SURNAMES])}${given}`;
  };
  const newUser = (username: string, role: string, siteId: string, dept: string): Person => {
    const problem = usernameProblem(username);
    if (problem || userByName.has(username)) throw new Error(`username ${username}: ${problem ?? 'exists already'}`);
    let phone: string;
    do phone = `139${String(10_000_000 + phoneSeq++).padStart(8, '0')}`;
    while (phones.has(phone));
    phones.add(phone);
    let employeeNo: string;
    do employeeNo = `B${String(++employeeSeq).padStart(6, '0')}`;
    while (employeeNos.has(employeeNo));
    employeeNos.add(employeeNo);
    const id = rng.uuidAt(opts.setupAt);
    const name = nameOf();
    writer.add('users', {
      id,
      org_id: orgId,
      username,
      name,
      phone,
      employee_no: employeeNo,
      department_id: departmentIds.get(dept) ?? null,
      email: `${username}@bench.houqin.local`,
      password_hash: passwordHash,
      locale: 'zh-CN',
      active: 1,
      must_change_password: 0,
      failed_logins: 0,
      locked_until: null,
      created_at: setupIso,
      updated_at: setupIso,
      version: 1,
    });
    userByName.set(username, { id, username, name, phone, employee_no: employeeNo, active: 1 });
    grant(id, role, siteId);
    return { id, name, phone };
  };
  const granted = new Set(memberships.map((m) => `${m.user_id}:${m.role_id}:${m.site_id ?? ''}`));
  const grant = (userId: string, role: string, siteId: string) => {
    const key = `${userId}:${roleId(role)}:${siteId}`;
    if (granted.has(key)) return;
    granted.add(key);
    writer.add('memberships', {
      id: rng.uuidAt(opts.setupAt),
      org_id: orgId,
      user_id: userId,
      role_id: roleId(role),
      site_id: siteId,
      created_at: setupIso,
    });
  };

  const qrCode = () => {
    for (;;) {
      let code = '';
      for (let i = 0; i < QR_CODE_LENGTH; i++) code += QR_ALPHABET[Math.floor(rng.next() * QR_ALPHABET.length)];
      if (!qrTaken.has(code)) {
        qrTaken.add(code);
        return code;
      }
    }
  };
  const qr = (siteId: string, type: 'asset' | 'location', id: string) =>
    writer.add('qr_codes', { code: qrCode(), org_id: orgId, site_id: siteId, target_type: type, target_id: id, created_at: setupIso });

  // asset codes of rule ZC: the whole range taken from its counter at once, as nextNumber would one by one
  const assetCounts = opts.plans.map((p) => Math.round(KINDS[p.kind].assets * p.size));
  const assetTotal = assetCounts.reduce((a, n) => a + n, 0);
  const zc = await db
    .selectFrom('numbering_rules')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('code', '=', ASSET_NUMBERING.code)
    .executeTakeFirstOrThrow();
  const zcSpec = ruleSpec(zc);
  const zcNow = new Date();
  const counter = await db
    .insertInto('numbering_counters')
    .values({ rule_id: zc.id, scope_key: scopeKey(zcSpec, null, zcNow, DEFAULT_TIME_ZONE), value: assetTotal })
    .onConflict((oc) => oc.columns(['rule_id', 'scope_key']).doUpdateSet({ value: sql<number>`numbering_counters.value + ${assetTotal}` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  let zcSeq = Number(counter.value) - assetTotal;
  const nextAssetCode = () => formatNumber(zcSpec, ++zcSeq, zcNow, DEFAULT_TIME_ZONE);

  const categoryByCode = new Map(categories.map((c) => [c.code, c]));
  const assetCtx: AssetContext = {
    orgId,
    categories: new Map(),
    fireRules: new Map(fireRules.map((r) => [r.code, r.id])),
    departments: ['GW', 'HQ', 'BA', 'YY'].map((c) => departmentIds.get(c)).filter((id): id is string => Boolean(id)),
  };
  for (const code of [
    'office',
    'hvac',
    'low_voltage',
    'power',
    'extinguisher',
    'plumbing',
    'emergency_light',
    'fire_alarm',
    'hydrant',
    'kitchen',
    'elevator',
  ]) {
    const c = categoryByCode.get(code);
    if (c) assetCtx.categories.set(code, { id: c.id, code, defs: await attributeDefsFor(db, c) });
  }

  const runtimes: SiteRuntime[] = [];
  const sharedUsers = new Set<string>();
  for (const [index, plan] of opts.plans.entries()) {
    const profile = KINDS[plan.kind];
    let siteId: string;
    let hours: SiteHours;
    let siteName = plan.name;
    if (plan.reuse) {
      const s = sites.find((x) => x.code === plan.reuse);
      if (!s) throw new Error(`the demo organisation has no site ${plan.reuse}: run on a database created with HOUQIN_DEMO=1`);
      siteId = s.id;
      siteName = s.name;
      hours = { timeZone: s.timezone, openingHours: s.opening_hours };
    } else {
      siteId = rng.uuidAt(opts.setupAt);
      hours = { timeZone: DEFAULT_TIME_ZONE, openingHours: profile.openingHours };
      writer.add('sites', {
        id: siteId,
        org_id: orgId,
        code: plan.code,
        name: plan.name,
        kind: plan.kind,
        timezone: hours.timeZone,
        address: plan.address,
        opening_hours: hours.openingHours,
        active: 1,
        created_at: setupIso,
        updated_at: setupIso,
        version: 1,
      });
    }

    // buildings, floors and rooms: new ones next to what a demo store already has
    const existing = locations.filter((l) => l.site_id === siteId);
    const leaves: Leaf[] = existing
      .filter((l) => l.kind === 'room' || l.kind === 'area')
      .map((l) => ({ id: l.id, name: l.name, tags: tagsOf(l.name), weight: 1 }));
    const usedLetters = new Set(existing.filter((l) => l.depth === 0).map((l) => l.code.slice(plan.code.length + 1)));
    const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ'.split('').filter((c) => !usedLetters.has(c));
    const placed: { id: string; tags: string[]; weight: number }[] = [];
    const place = (parent: { id: string; path: string; depth: number } | null, code: string, name: string, kind: string, sort: number) => {
      const id = rng.uuidAt(opts.setupAt);
      const path = childPath(parent?.path ?? null, id);
      const depth = parent ? parent.depth + 1 : 0;
      writer.add('locations', {
        id,
        org_id: orgId,
        site_id: siteId,
        parent_id: parent?.id ?? null,
        path,
        depth,
        code,
        name,
        kind,
        sort,
        active: 1,
        created_at: setupIso,
        updated_at: setupIso,
        version: 1,
      });
      qr(siteId, 'location', id);
      return { id, path, depth };
    };
    for (const [b, building] of buildingsFor(plan.kind, plan.size, rng).entries()) {
      const letter = letters[b] as string;
      const bCode = `${plan.code}-${letter}`;
      const bRow = place(null, bCode, plan.reuse ? `${letter}座${building.name}` : building.name, 'building', 100 + b * 10);
      for (const [f, fl] of building.floors.entries()) {
        const fCode = `${bCode}-${fl.code}`;
        const fRow = place(bRow, fCode, fl.name, 'floor', f * 10);
        placed.push({ id: fRow.id, tags: ['fire', 'building'], weight: 0.3 });
        for (const [r, rm] of fl.rooms.entries()) {
          const rRow = place(fRow, `${fCode}-${String(r + 1).padStart(2, '0')}`, rm.name, rm.kind, (r + 1) * 10);
          leaves.push({ id: rRow.id, name: rm.name, tags: rm.tags, weight: rm.weight });
          placed.push({ id: rRow.id, tags: rm.tags, weight: rm.weight });
        }
      }
    }

    // staff: the demo people of a demo store, then as many new ones as the site's workload needs
    const onSite = (roleCodes: string[]) =>
      memberships
        .filter((m) => m.site_id === siteId && roleCodes.some((c) => roleByCode.get(c)?.id === m.role_id))
        .map((m) => userById.get(m.user_id))
        .filter((u): u is NonNullable<typeof u> => u !== undefined && u.active === 1)
        .map(person);
    const clerks = onSite(['dispatcher']);
    const techs = onSite(['technician']);
    const requesters = onSite(['requester', 'cleaning']);
    const patrollers = onSite(['property', 'security']);
    const prefix = plan.code.toLowerCase();
    const wantClerks = plan.ordersPerDay > 60 ? 3 : plan.ordersPerDay > 25 ? 2 : 1;
    const wantTechs = Math.min(16, Math.max(2, Math.round(plan.ordersPerDay / 5)));
    const wantRequesters = Math.max(3, Math.round(profile.requesters * plan.size));
    const fill = (list: Person[], want: number, tag: string, role: string, dept: string) => {
      for (let n = 1; list.length < want; n++) {
        const username = `${prefix}_${tag}${n}`;
        if (userByName.has(username)) continue;
        list.push(newUser(username, role, siteId, dept));
      }
    };
    fill(clerks, wantClerks, 'disp', 'dispatcher', 'KF');
    fill(techs, wantTechs, 'tech', 'technician', 'GW');
    fill(requesters, wantRequesters, 'req', 'requester', plan.kind === 'store' ? 'YY' : 'HQ');
    fill(patrollers, 1, 'guard', 'security', 'BA');

    // the demo staff of 长春店 (and 沈阳店's technician) also serve the group's other sites in their city
    const shared: [string, string, Person[]][] =
      plan.reuse === null && plan.city === 'CC'
        ? [
            ['dispatcher', 'dispatcher', clerks],
            ['tech', 'technician', techs],
            ['requester', 'requester', requesters],
          ]
        : plan.reuse === null && plan.city === 'SY'
          ? [['tech_sy', 'technician', techs]]
          : [];
    for (const [username, role, list] of shared) {
      const u = userByName.get(username);
      if (u?.active !== 1) continue;
      grant(u.id, role, siteId);
      list.push(person(u));
      sharedUsers.add(username);
    }
    // the site's maintenance team: the demo store's own, or a new one led by the first technician
    let team = teams.find((t) => t.code === `${plan.code}-WX`);
    if (!team) {
      const id = rng.uuidAt(opts.setupAt);
      // led by one of the site's own technicians (the shared demo ones come last)
      team = { id, code: `${plan.code}-WX`, site_id: siteId, leader_id: techs[0]?.id ?? null };
      writer.add('teams', {
        id,
        org_id: orgId,
        site_id: siteId,
        code: team.code,
        name: `${siteName}维修班`,
        leader_id: team.leader_id,
        active: 1,
        created_at: setupIso,
        updated_at: setupIso,
        version: 1,
      });
      teams.push(team);
    }
    const inTeam = new Set(members.filter((m) => m.team_id === team.id).map((m) => m.user_id));
    for (const t of techs) {
      if (inTeam.has(t.id)) continue;
      inTeam.add(t.id);
      writer.add('team_members', { team_id: team.id, user_id: t.id });
      members.push({ team_id: team.id, user_id: t.id });
    }

    // assets in the new rooms
    const assetRows = siteAssets(
      rng,
      assetCtx,
      { id: siteId, kind: plan.kind, custodians: [...techs, ...clerks].map((p) => p.id) },
      placed,
      assetCounts[index] as number,
      nextAssetCode,
      opts.setupAt - 2 * H,
    );
    const assets = new Map<string, { id: string; locationId: string | null }[]>();
    const codeOfCategory = new Map([...assetCtx.categories.values()].map((c) => [c.id, c.code]));
    for (const a of assetRows) {
      writer.add('assets', a as unknown as Record<string, unknown>);
      qr(siteId, 'asset', a.id);
      if (a.status === 'scrapped' || a.status === 'disabled') continue;
      const code = codeOfCategory.get(a.category_id) as string;
      const list = assets.get(code) ?? [];
      list.push({ id: a.id, locationId: a.location_id });
      assets.set(code, list);
    }

    runtimes.push({
      id: siteId,
      code: plan.code,
      name: siteName,
      kind: plan.kind,
      city: plan.city,
      profile,
      hours,
      ordersPerDay: plan.ordersPerDay,
      clerks,
      techs,
      requesters,
      patrollers,
      teamId: team.id,
      leaderId: team.leader_id,
      leaves,
      assets,
      policies: policies.filter((p) => p.site_id === null || p.site_id === siteId),
      dispatchers: [...new Set([...clerks.map((c) => c.id), ...globalDispatch])],
      managers: globalManage,
    });
    await writer.maybeFlush();
  }

  // standard hours per repair category, where the organisation has not set one
  const standards = new Set(
    (await db.selectFrom('work_standards').select('category').where('org_id', '=', orgId).execute()).map((s) => s.category),
  );
  for (const [category, [name, minutes]] of Object.entries(STANDARD_MINUTES)) {
    if (standards.has(category)) continue;
    writer.add('work_standards', {
      id: rng.uuidAt(opts.setupAt),
      org_id: orgId,
      category,
      name,
      standard_minutes: minutes,
      active: 1,
      created_at: setupIso,
      updated_at: setupIso,
      version: 1,
    });
  }
  await writer.drain();
  return {
    orgId,
    sites: runtimes,
    newSites: opts.plans.filter((p) => !p.reuse).length,
    autoAcceptDays: settings?.auto_accept_days ?? 3,
    sharedUsers: [...sharedUsers],
  };
}
