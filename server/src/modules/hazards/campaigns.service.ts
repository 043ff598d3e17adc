import { type SqlBool, sql } from 'kysely';
import type { CampaignDto, CampaignInput, CampaignSiteResult } from '../../../../contracts/hazards.js';
import type { Page } from '../../../../contracts/types.js';
import { hasPermission, inScope, type SiteScope, siteScope } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import type { Row } from '../../platform/db/schema.js';
import { AppError, notFound, staleVersion } from '../../platform/http/errors.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { DEFAULT_TIME_ZONE } from '../../platform/numbering/time.js';
import { activeDictionaryPairs } from '../system/index.js';
import { siteTimezones, text } from './common.js';
import { isCalendarDate, localDate, siteTodaySql } from './dates.js';
import { onTimeSql, overdueSql } from './hazards.repository.js';
import './schema.js';

/**
 * 专项检查: a scope of sites and hazard categories over a span of dates, carried out by
 * teams. Findings and hazards recorded under a campaign carry its id; the results per
 * site are counted from them. Campaigns are read with patrols:read and managed with
 * patrols:manage on every site they cover; a campaign is visible where the actor reads
 * patrols on at least one of its sites, with results for those sites only.
 */

type CampaignRow = Row<'inspection_campaigns'>;

export interface CampaignFilter extends PageQuery {
  siteId?: string;
  phase?: CampaignDto['phase'];
  /** the campaign's dates overlap the year */
  year?: number;
}

const SORT: SortSpec = {
  columns: { startDate: 'c.start_date', name: 'c.name', createdAt: 'c.created_at', id: 'c.id' },
  default: '-startDate',
  id: 'c.id',
};
const SORT_VALUE: Record<string, (r: CampaignRow) => unknown> = {
  startDate: (r) => r.start_date,
  name: (r) => r.name,
  createdAt: (r) => r.created_at,
  id: (r) => r.id,
};

function scopeOf(ctx: Ctx): SiteScope {
  return siteScope(ctx.actor, 'patrols:read');
}

/** The organisation's "today" for a campaign's phase: the zone of its sites (they share one in practice). */
async function todayOf(db: Db, orgId: string, now: Date): Promise<string> {
  const [zone] = await siteTimezones(db, orgId);
  return localDate(now, zone ?? DEFAULT_TIME_ZONE);
}

export function phaseOf(c: Pick<CampaignRow, 'start_date' | 'end_date'>, today: string): CampaignDto['phase'] {
  if (today < c.start_date) return 'planned';
  return today > c.end_date ? 'ended' : 'active';
}

/** Findings and hazards under the campaigns at each site, counted in a query per table. */
async function results(
  db: Db,
  orgId: string,
  campaignIds: string[],
  now: Date,
): Promise<Map<string, Omit<CampaignSiteResult, 'siteName'>>> {
  const out = new Map<string, Omit<CampaignSiteResult, 'siteName'>>();
  if (!campaignIds.length) return out;
  const entry = (campaignId: string, siteId: string) => {
    const key = `${campaignId}:${siteId}`;
    let e = out.get(key);
    if (!e) {
      e = { siteId, findings: 0, hazards: 0, rectified: 0, onTime: 0, open: 0, overdue: 0 };
      out.set(key, e);
    }
    return e;
  };
  const findings = await db
    .selectFrom('findings')
    .select(['campaign_id', 'site_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('org_id', '=', orgId)
    .where('campaign_id', 'in', campaignIds)
    .groupBy(['campaign_id', 'site_id'])
    .execute();
  for (const f of findings) entry(f.campaign_id as string, f.site_id).findings = Number(f.n);
  const today = siteTodaySql(await siteTimezones(db, orgId), now);
  const count = (cond: ReturnType<typeof sql<SqlBool>>) => sql<number>`coalesce(sum(case when ${cond} then 1 else 0 end), 0)`;
  const hazards = await db
    .selectFrom('hazards as h')
    .innerJoin('sites as s', 's.id', 'h.site_id')
    .select([
      'h.campaign_id',
      'h.site_id',
      (eb) => eb.fn.countAll<number>().as('n'),
      count(sql<SqlBool>`h.status = 'closed'`).as('rectified'),
      count(onTimeSql() as ReturnType<typeof sql<SqlBool>>).as('on_time'),
      count(sql<SqlBool>`h.status in ('registered', 'rectifying', 'submitted', 'pending_signoff')`).as('open'),
      count(overdueSql(today) as ReturnType<typeof sql<SqlBool>>).as('overdue'),
    ])
    .where('h.org_id', '=', orgId)
    .where('h.campaign_id', 'in', campaignIds)
    .where('h.status', '<>', 'cancelled')
    .groupBy(['h.campaign_id', 'h.site_id'])
    .execute();
  for (const h of hazards) {
    const e = entry(h.campaign_id as string, h.site_id);
    Object.assign(e, {
      hazards: Number(h.n),
      rectified: Number(h.rectified),
      onTime: Number(h.on_time),
      open: Number(h.open),
      overdue: Number(h.overdue),
    });
  }
  return out;
}

async function toCampaignDtos(ctx: Ctx, rows: CampaignRow[]): Promise<CampaignDto[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const db = ctx.db;
  const now = ctx.clock.now();
  const [sites, teams, counted, today] = await Promise.all([
    db
      .selectFrom('inspection_campaign_sites as cs')
      .innerJoin('sites as s', 's.id', 'cs.site_id')
      .select(['cs.campaign_id', 's.id', 's.name'])
      .where('cs.campaign_id', 'in', ids)
      .orderBy('s.code')
      .execute(),
    db
      .selectFrom('inspection_campaign_teams as ct')
      .innerJoin('teams as t', 't.id', 'ct.team_id')
      .select(['ct.campaign_id', 't.id', 't.name'])
      .where('ct.campaign_id', 'in', ids)
      .orderBy('t.code')
      .execute(),
    results(db, ctx.actor.orgId, ids, now),
    todayOf(db, ctx.actor.orgId, now),
  ]);
  const scope = scopeOf(ctx);
  return rows.map((r) => {
    const mySites = sites.filter((s) => s.campaign_id === r.id);
    const myTeams = teams.filter((t) => t.campaign_id === r.id);
    return {
      id: r.id,
      name: r.name,
      description: r.description,
      siteIds: mySites.map((s) => s.id),
      siteNames: mySites.map((s) => s.name),
      categories: JSON.parse(r.categories) as string[],
      teamIds: myTeams.map((t) => t.id),
      teamNames: myTeams.map((t) => t.name),
      startDate: r.start_date,
      endDate: r.end_date,
      phase: phaseOf(r, today),
      results: mySites
        .filter((s) => inScope(scope, s.id))
        .map((s) => ({
          ...(counted.get(`${r.id}:${s.id}`) ?? { siteId: s.id, findings: 0, hazards: 0, rectified: 0, onTime: 0, open: 0, overdue: 0 }),
          siteName: s.name,
        })),
      canManage: mySites.every((s) => hasPermission(ctx.actor, 'patrols:manage', s.id)),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: Number(r.version),
    };
  });
}

function visible(ctx: Ctx, siteId?: string) {
  const scope = scopeOf(ctx);
  return ctx.db
    .selectFrom('inspection_campaigns as c')
    .selectAll('c')
    .where('c.org_id', '=', ctx.actor.orgId)
    .where((eb) => {
      const sub = eb.selectFrom('inspection_campaign_sites as cs').select('cs.site_id').whereRef('cs.campaign_id', '=', 'c.id');
      const scoped = scope === 'all' ? sub : scope.length ? sub.where('cs.site_id', 'in', scope) : sub.where(sql<SqlBool>`1 = 0`);
      return eb.exists(siteId ? scoped.where('cs.site_id', '=', siteId) : scoped);
    });
}

export async function searchCampaigns(ctx: Ctx, f: CampaignFilter): Promise<Page<CampaignDto>> {
  let q = visible(ctx, f.siteId);
  if (f.year) q = q.where('c.start_date', '<=', `${f.year}-12-31`).where('c.end_date', '>=', `${f.year}-01-01`);
  if (f.phase) {
    const today = await todayOf(ctx.db, ctx.actor.orgId, ctx.clock.now());
    if (f.phase === 'planned') q = q.where('c.start_date', '>', today);
    if (f.phase === 'ended') q = q.where('c.end_date', '<', today);
    if (f.phase === 'active') q = q.where('c.start_date', '<=', today).where('c.end_date', '>=', today);
  }
  const page = await keysetPage<CampaignRow>(q, SORT, f, (row, key) => SORT_VALUE[key]?.(row) ?? row.id);
  return { items: await toCampaignDtos(ctx, page.items), nextCursor: page.nextCursor };
}

async function readableCampaign(ctx: Ctx, id: string): Promise<CampaignRow> {
  const row = await visible(ctx).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('专项检查');
  return row;
}

export async function getCampaign(ctx: Ctx, id: string): Promise<CampaignDto> {
  const [dto] = await toCampaignDtos(ctx, [await readableCampaign(ctx, id)]);
  return dto as CampaignDto;
}

interface CheckedCampaign {
  name: string;
  description: string | null;
  siteIds: string[];
  categories: string[];
  teamIds: string[];
  startDate: string;
  endDate: string;
}

async function checkCampaignInput(ctx: Ctx, input: CampaignInput): Promise<CheckedCampaign> {
  const check = new FieldCheck();
  const orgId = ctx.actor.orgId;
  const siteIds = [...new Set(input.siteIds)];
  const categories = [...new Set(input.categories)];
  const teamIds = [...new Set(input.teamIds)];
  const name = input.name.trim();
  if (!name) check.add('name', '请填写专项检查名称');
  if (!siteIds.length) check.add('siteIds', '请选择至少一个场所');
  else {
    const found = await ctx.db
      .selectFrom('sites')
      .select('id')
      .where('org_id', '=', orgId)
      .where('id', 'in', siteIds)
      .where('active', '=', 1)
      .execute();
    if (found.length !== siteIds.length || !siteIds.every((s) => hasPermission(ctx.actor, 'patrols:manage', s))) {
      check.add('siteIds', '场所不存在、已停用或您无权在该场所管理专项检查');
    }
  }
  if (categories.length) {
    const active = await activeDictionaryPairs(
      ctx.db,
      orgId,
      categories.map((code) => ({ type: 'hazard_category', code })),
    );
    if (active.size !== categories.length) check.add('categories', '请选择有效的隐患类别');
  }
  if (teamIds.length) {
    const found = await ctx.db
      .selectFrom('teams')
      .select(['id', 'site_id'])
      .where('org_id', '=', orgId)
      .where('id', 'in', teamIds)
      .where('active', '=', 1)
      .execute();
    if (found.length !== teamIds.length || found.some((t) => t.site_id !== null && !siteIds.includes(t.site_id))) {
      check.add('teamIds', '班组不存在、已停用或不属于所选场所');
    }
  }
  const startOk = isCalendarDate(input.startDate);
  const endOk = isCalendarDate(input.endDate);
  if (!startOk) check.add('startDate', '开始日期格式应为 YYYY-MM-DD');
  if (!endOk) check.add('endDate', '结束日期格式应为 YYYY-MM-DD');
  if (startOk && endOk && input.endDate < input.startDate) check.add('endDate', '结束日期不能早于开始日期');
  check.throwIfAny();
  return { name, description: text(input.description), siteIds, categories, teamIds, startDate: input.startDate, endDate: input.endDate };
}

async function writeLinks(tx: Tx, campaignId: string, c: CheckedCampaign): Promise<void> {
  await tx.deleteFrom('inspection_campaign_sites').where('campaign_id', '=', campaignId).execute();
  await tx.deleteFrom('inspection_campaign_teams').where('campaign_id', '=', campaignId).execute();
  if (c.siteIds.length) {
    await tx
      .insertInto('inspection_campaign_sites')
      .values(c.siteIds.map((site_id) => ({ campaign_id: campaignId, site_id })))
      .execute();
  }
  if (c.teamIds.length) {
    await tx
      .insertInto('inspection_campaign_teams')
      .values(c.teamIds.map((team_id) => ({ campaign_id: campaignId, team_id })))
      .execute();
  }
}

const auditView = (row: Omit<CampaignRow, 'version'>, c: CheckedCampaign) => ({ ...row, site_ids: c.siteIds, team_ids: c.teamIds });

export async function createCampaign(ctx: Ctx, input: CampaignInput): Promise<CampaignDto> {
  const c = await checkCampaignInput(ctx, input);
  const at = ctx.clock.now().toISOString();
  const row: CampaignRow = {
    id: newId(),
    org_id: ctx.actor.orgId,
    name: c.name,
    description: c.description,
    categories: JSON.stringify(c.categories),
    start_date: c.startDate,
    end_date: c.endDate,
    created_by: ctx.actor.userId,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('inspection_campaigns').values(row).execute();
    await writeLinks(tx, row.id, c);
    await writeAudit(ctx, tx, { entity: 'inspection_campaign', entityId: row.id, action: 'create', after: auditView(row, c) });
  });
  return getCampaign(ctx, row.id);
}

async function managedCampaign(ctx: Ctx, id: string): Promise<{ row: CampaignRow; siteIds: string[]; teamIds: string[] }> {
  const row = await readableCampaign(ctx, id);
  const [sites, teams] = await Promise.all([
    ctx.db.selectFrom('inspection_campaign_sites').select('site_id').where('campaign_id', '=', id).execute(),
    ctx.db.selectFrom('inspection_campaign_teams').select('team_id').where('campaign_id', '=', id).execute(),
  ]);
  const siteIds = sites.map((s) => s.site_id);
  if (!siteIds.every((s) => hasPermission(ctx.actor, 'patrols:manage', s))) {
    throw new AppError('FORBIDDEN', '专项检查涉及您无权管理的场所');
  }
  return { row, siteIds, teamIds: teams.map((t) => t.team_id) };
}

/**
 * Changes a campaign. A site that already has findings or hazards under it stays in
 * the scope: its results would otherwise vanish from the campaign.
 */
export async function updateCampaign(ctx: Ctx, id: string, input: CampaignInput & { version: number }): Promise<CampaignDto> {
  const before = await managedCampaign(ctx, id);
  const c = await checkCampaignInput(ctx, input);
  const dropped = before.siteIds.filter((s) => !c.siteIds.includes(s));
  if (dropped.length && (await recordsUnder(ctx.db, id, dropped)) > 0) {
    throw new AppError('VALIDATION', '已有检查记录的场所不能移出专项检查', {
      fields: [{ field: 'siteIds', message: '已有发现问题或隐患记录的场所不能移出' }],
    });
  }
  const changes = {
    name: c.name,
    description: c.description,
    categories: JSON.stringify(c.categories),
    start_date: c.startDate,
    end_date: c.endDate,
  };
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'inspection_campaigns', id, input.version, changes, at);
    await writeLinks(tx, id, c);
    await writeAudit(ctx, tx, {
      entity: 'inspection_campaign',
      entityId: id,
      action: 'update',
      before: { ...before.row, site_ids: before.siteIds, team_ids: before.teamIds },
      after: auditView({ ...before.row, ...changes }, c),
    });
  });
  return getCampaign(ctx, id);
}

async function recordsUnder(db: Db, campaignId: string, siteIds?: string[]): Promise<number> {
  let f = db
    .selectFrom('findings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', '=', campaignId);
  let h = db
    .selectFrom('hazards')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', '=', campaignId);
  if (siteIds) {
    f = f.where('site_id', 'in', siteIds);
    h = h.where('site_id', 'in', siteIds);
  }
  const [a, b] = await Promise.all([f.executeTakeFirst(), h.executeTakeFirst()]);
  return Number(a?.n ?? 0) + Number(b?.n ?? 0);
}

/** Deletes a campaign nothing was recorded under yet (one with records keeps them: 409). */
export async function deleteCampaign(ctx: Ctx, id: string, version: number): Promise<{ ok: true }> {
  const before = await managedCampaign(ctx, id);
  if ((await recordsUnder(ctx.db, id)) > 0) throw new AppError('CONFLICT', '专项检查已有发现问题或隐患记录，不能删除');
  await ctx.db.transaction().execute(async (tx) => {
    // the links first (they reference the campaign); a stale version rolls them back
    await tx.deleteFrom('inspection_campaign_sites').where('campaign_id', '=', id).execute();
    await tx.deleteFrom('inspection_campaign_teams').where('campaign_id', '=', id).execute();
    const res = await tx.deleteFrom('inspection_campaigns').where('id', '=', id).where('version', '=', version).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw staleVersion();
    await writeAudit(ctx, tx, {
      entity: 'inspection_campaign',
      entityId: id,
      action: 'delete',
      before: { ...before.row, site_ids: before.siteIds, team_ids: before.teamIds },
    });
  });
  return { ok: true };
}
