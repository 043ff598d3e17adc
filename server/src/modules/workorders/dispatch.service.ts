import { sql } from 'kysely';
import type { Page } from '../../../../contracts/types.js';
import type { DispatchRuleDto } from '../../../../contracts/workorders.js';
import { inScope, type SiteScope, siteScope } from '../../platform/access/actor.js';
import { assertCan } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import type { Row } from '../../platform/db/schema.js';
import { notFound } from '../../platform/http/errors.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { usersWithPermission } from '../identity/index.js';
import { locationPathNames } from '../org/index.js';
import { dictionaryLabels, isActiveDictionaryCode } from '../system/index.js';
import './schema.js';

/**
 * Automatic dispatch rules (派单规则), one site each: a category (or any), a location
 * subtree (or all), and either a person or a team whose members take turns. Managed with
 * workorders:manage on the rule's site; rules of other sites answer 404.
 */
export type DispatchRuleRow = Row<'dispatch_rules'>;
type ListRow = DispatchRuleRow & {
  site_name: string;
  location_name: string | null;
  location_path: string | null;
  team_name: string | null;
  assignee_name: string | null;
  last_assignee_name: string | null;
};

export type { DispatchRuleDto };

export interface DispatchRuleInput {
  siteId: string;
  category?: string | null;
  locationId?: string | null;
  teamId?: string | null;
  assigneeId?: string | null;
  sort?: number;
}

export interface DispatchRuleFilter extends PageQuery {
  q?: string;
  siteId?: string;
  category?: string;
  teamId?: string;
  assigneeId?: string;
  active?: boolean;
}

const SORT: SortSpec = { columns: { sort: 'r.sort', createdAt: 'r.created_at', id: 'r.id' }, default: 'sort', id: 'r.id' };

function baseQuery(db: Db) {
  return db
    .selectFrom('dispatch_rules as r')
    .innerJoin('sites as s', 's.id', 'r.site_id')
    .leftJoin('locations as l', 'l.id', 'r.location_id')
    .leftJoin('teams as t', 't.id', 'r.team_id')
    .leftJoin('users as ua', 'ua.id', 'r.assignee_id')
    .leftJoin('users as ul', 'ul.id', 'r.last_assignee_id')
    .selectAll('r')
    .select([
      's.name as site_name',
      'l.name as location_name',
      'l.path as location_path',
      't.name as team_name',
      'ua.name as assignee_name',
      'ul.name as last_assignee_name',
    ]);
}

function scoped(db: Db, orgId: string, scope: SiteScope) {
  let qb = baseQuery(db).where('r.org_id', '=', orgId);
  if (scope !== 'all') qb = scope.length ? qb.where('r.site_id', 'in', scope) : qb.where(sql<boolean>`1 = 0`);
  return qb;
}

async function toDtos(ctx: Ctx, rows: ListRow[]): Promise<DispatchRuleDto[]> {
  const categories = await dictionaryLabels(ctx.db, ctx.actor.orgId, 'repair_category');
  const paths = await locationPathNames(
    ctx.db,
    ctx.actor.orgId,
    rows
      .filter((r) => r.location_id && r.location_path)
      .map((r) => ({
        id: r.location_id as string,
        site_id: r.site_id,
        path: r.location_path as string,
        name: r.location_name as string,
        parent_id: null,
      })),
  );
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    siteName: r.site_name,
    category: r.category,
    categoryName: r.category ? (categories.get(r.category)?.zh ?? r.category) : null,
    locationId: r.location_id,
    locationPath: r.location_id ? (paths.get(r.location_id) ?? r.location_name) : null,
    teamId: r.team_id,
    teamName: r.team_name,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    sort: Number(r.sort),
    lastAssigneeName: r.last_assignee_name,
    active: r.active === 1,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export async function searchDispatchRules(ctx: Ctx, f: DispatchRuleFilter): Promise<Page<DispatchRuleDto>> {
  let qb = scoped(ctx.db, ctx.actor.orgId, siteScope(ctx.actor, 'workorders:manage'));
  if (f.siteId) qb = qb.where('r.site_id', '=', f.siteId);
  if (f.category) qb = qb.where('r.category', '=', f.category);
  if (f.teamId) qb = qb.where('r.team_id', '=', f.teamId);
  if (f.assigneeId) qb = qb.where('r.assignee_id', '=', f.assigneeId);
  if (f.active !== undefined) qb = qb.where('r.active', '=', f.active ? 1 : 0);
  if (f.q) qb = qb.where(matchesAny(ctx.db, ['t.name', 'ua.name', 'l.name', 'r.category'], f.q));
  const page = await keysetPage<ListRow>(qb, SORT, f, (r, key) => (key === 'sort' ? r.sort : key === 'createdAt' ? r.created_at : r.id));
  return { items: await toDtos(ctx, page.items), nextCursor: page.nextCursor };
}

async function findRule(ctx: Ctx, id: string): Promise<ListRow> {
  const row = (await scoped(ctx.db, ctx.actor.orgId, 'all').where('r.id', '=', id).executeTakeFirst()) as ListRow | undefined;
  if (!row || !inScope(siteScope(ctx.actor, 'workorders:manage'), row.site_id)) throw notFound('派单规则');
  return row;
}

export async function getDispatchRule(ctx: Ctx, id: string): Promise<DispatchRuleDto> {
  const [dto] = await toDtos(ctx, [await findRule(ctx, id)]);
  return dto as DispatchRuleDto;
}

/** Every reference is checked against the rule's site; all problems are reported at once. */
async function checkInput(ctx: Ctx, v: Required<DispatchRuleInput>): Promise<void> {
  const check = new FieldCheck();
  const orgId = ctx.actor.orgId;
  const site = await ctx.db.selectFrom('sites').select('id').where('org_id', '=', orgId).where('id', '=', v.siteId).executeTakeFirst();
  if (!site || !inScope(siteScope(ctx.actor, 'workorders:manage'), v.siteId)) check.add('siteId', '场所不存在或不在您的管理范围内');
  if (v.category !== null && !(await isActiveDictionaryCode(ctx.db, orgId, 'repair_category', v.category))) {
    check.add('category', '请选择有效的报修类别（或留空表示全部类别）');
  }
  if (v.locationId !== null) {
    const loc = await ctx.db
      .selectFrom('locations')
      .select('site_id')
      .where('org_id', '=', orgId)
      .where('id', '=', v.locationId)
      .executeTakeFirst();
    if (!loc || loc.site_id !== v.siteId) check.add('locationId', '位置不存在或不属于该场所');
  }
  if ((v.teamId === null) === (v.assigneeId === null)) {
    check.add(v.teamId === null ? 'teamId' : 'assigneeId', '请在班组和维修人员中选择且只选择一项');
  }
  if (v.teamId !== null) {
    const team = await ctx.db
      .selectFrom('teams')
      .select(['site_id', 'active'])
      .where('org_id', '=', orgId)
      .where('id', '=', v.teamId)
      .executeTakeFirst();
    if (!team || (team.site_id !== null && team.site_id !== v.siteId)) check.add('teamId', '班组不存在或不属于该场所');
    else if (team.active !== 1) check.add('teamId', '该班组已停用');
  }
  if (v.assigneeId !== null) {
    const workers = await usersWithPermission(ctx.db, orgId, 'workorders:work', v.siteId);
    if (!workers.some((u) => u.id === v.assigneeId)) check.add('assigneeId', '维修人员不在该场所或没有维修权限');
  }
  if (!Number.isInteger(v.sort) || v.sort < 0 || v.sort > 9999) check.add('sort', '排序须为 0–9999 的整数');
  check.throwIfAny();
}

export async function createDispatchRule(ctx: Ctx, input: DispatchRuleInput): Promise<DispatchRuleDto> {
  const v = {
    siteId: input.siteId,
    category: input.category || null,
    locationId: input.locationId || null,
    teamId: input.teamId || null,
    assigneeId: input.assigneeId || null,
    sort: input.sort ?? 0,
  };
  await checkInput(ctx, v);
  assertCan(ctx, 'workorders:manage', v.siteId);
  const now = ctx.clock.now().toISOString();
  const row: DispatchRuleRow = {
    id: newId(),
    org_id: ctx.actor.orgId,
    site_id: v.siteId,
    category: v.category,
    location_id: v.locationId,
    team_id: v.teamId,
    assignee_id: v.assigneeId,
    sort: v.sort,
    last_assignee_id: null,
    active: 1,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('dispatch_rules').values(row).execute();
    await writeAudit(ctx, tx, { entity: 'dispatch_rule', entityId: row.id, siteId: row.site_id, action: 'create', after: row });
  });
  return getDispatchRule(ctx, row.id);
}

export async function updateDispatchRule(
  ctx: Ctx,
  id: string,
  version: number,
  input: Partial<DispatchRuleInput>,
): Promise<DispatchRuleDto> {
  const before = await findRule(ctx, id);
  const pick = <K extends keyof DispatchRuleInput>(k: K, current: DispatchRuleInput[K]) => (input[k] === undefined ? current : input[k]);
  const v = {
    siteId: pick('siteId', before.site_id) as string,
    category: pick('category', before.category) || null,
    locationId: pick('locationId', before.location_id) || null,
    teamId: pick('teamId', before.team_id) || null,
    assigneeId: pick('assigneeId', before.assignee_id) || null,
    sort: pick('sort', Number(before.sort)) as number,
  };
  await checkInput(ctx, v);
  const patch = {
    site_id: v.siteId,
    category: v.category,
    location_id: v.locationId,
    team_id: v.teamId,
    assignee_id: v.assigneeId,
    sort: v.sort,
    // another team (or a person instead) starts a new rotation
    last_assignee_id: v.teamId === before.team_id ? before.last_assignee_id : null,
  };
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'dispatch_rules', id, version, patch, now);
    await writeAudit(ctx, tx, {
      entity: 'dispatch_rule',
      entityId: id,
      siteId: v.siteId,
      action: 'update',
      before,
      after: { ...before, ...patch },
    });
  });
  return getDispatchRule(ctx, id);
}

export async function setDispatchRuleActive(ctx: Ctx, id: string, version: number, active: boolean): Promise<DispatchRuleDto> {
  const before = await findRule(ctx, id);
  // a rule switched back on must still point at an active person or team of its site
  if (active) {
    await checkInput(ctx, {
      siteId: before.site_id,
      category: before.category,
      locationId: before.location_id,
      teamId: before.team_id,
      assigneeId: before.assignee_id,
      sort: Number(before.sort),
    });
  }
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'dispatch_rules', id, version, { active: active ? 1 : 0 }, now);
    await writeAudit(ctx, tx, {
      entity: 'dispatch_rule',
      entityId: id,
      siteId: before.site_id,
      action: active ? 'activate' : 'deactivate',
      before: { active: before.active },
      after: { active: active ? 1 : 0 },
    });
  });
  return getDispatchRule(ctx, id);
}
