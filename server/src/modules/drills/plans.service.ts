import type { DrillPlanDto, DrillPlanInput } from '../../../../contracts/drills.js';
import type { Recurrence } from '../../../../contracts/occurrences.js';
import type { Page } from '../../../../contracts/types.js';
import { hasPermission, type SiteScope, siteScope } from '../../platform/access/actor.js';
import { assertCan, assertReadable } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { notFound } from '../../platform/http/errors.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { deactivateSchedule, generateFor, saveSchedule } from '../../platform/occurrences/engine.js';
import { recurrenceProblems } from '../../platform/occurrences/recurrence.js';
import { checkCommander, checkLocation, checkType, int, locationPaths, PLAN_OWNER, text } from './common.js';
import type { DrillPlanRow } from './schema.js';
import './schema.js';

/**
 * Drill plans (演练计划): a recurring drill of a site on the occurrence engine. Each
 * occurrence is raised as a planned drill `leadDays` ahead (handler.ts) and is missed when
 * no drill is recorded within `windowHours` after its planned time.
 */

const MAX_WINDOW_HOURS = 30 * 24;
const MAX_LEAD_DAYS = 60;

type PlanListRow = DrillPlanRow & { site_name: string; commander_name: string | null; recurrence: string | null };

export interface PlanFilter extends PageQuery {
  siteId?: string | string[];
  type?: string;
  active?: boolean;
  q?: string;
}

const SORT: SortSpec = {
  columns: { name: 'p.name', createdAt: 'p.created_at', updatedAt: 'p.updated_at', id: 'p.id' },
  default: 'name',
  id: 'p.id',
};
const SORT_VALUE: Record<string, (r: PlanListRow) => unknown> = {
  name: (r) => r.name,
  createdAt: (r) => r.created_at,
  updatedAt: (r) => r.updated_at,
  id: (r) => r.id,
};

function baseQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('drill_plans as p')
    .innerJoin('sites as s', 's.id', 'p.site_id')
    .leftJoin('users as c', 'c.id', 'p.commander_id')
    .leftJoin('schedules as sc', (j) => j.onRef('sc.owner_id', '=', 'p.id').on('sc.owner_type', '=', PLAN_OWNER))
    .selectAll('p')
    .select(['s.name as site_name', 'c.name as commander_name', 'sc.recurrence as recurrence'])
    .where('p.org_id', '=', orgId);
}

function listPlanRows(db: Db, orgId: string, scope: SiteScope, f: PlanFilter): Promise<Page<PlanListRow>> {
  let q = baseQuery(db, orgId);
  if (scope !== 'all') q = scope.length ? q.where('p.site_id', 'in', scope) : q.where('p.id', '=', '');
  if (typeof f.siteId === 'string') q = q.where('p.site_id', '=', f.siteId);
  else if (f.siteId?.length) q = q.where('p.site_id', 'in', f.siteId);
  if (f.type) q = q.where('p.type', '=', f.type);
  if (f.active !== undefined) q = q.where('p.active', '=', f.active ? 1 : 0);
  if (f.q) q = q.where(matchesAny(db, ['p.name', 'p.scenario', 'p.place'], f.q));
  return keysetPage<PlanListRow>(q, SORT, f, (row, key) => SORT_VALUE[key]?.(row) ?? row.id);
}

/** The next open occurrence of each plan from `now` on. */
async function nextDue(db: Db | Tx, planIds: string[], now: string): Promise<Map<string, string>> {
  if (!planIds.length) return new Map();
  const rows = await db
    .selectFrom('occurrences')
    .select(['owner_id', (eb) => eb.fn.min('due_at').as('next')])
    .where('owner_type', '=', PLAN_OWNER)
    .where('owner_id', 'in', planIds)
    .where('status', '=', 'open')
    .where('due_at', '>=', now)
    .groupBy('owner_id')
    .execute();
  return new Map(rows.map((r) => [r.owner_id, String(r.next)]));
}

const ruleOf = (r: PlanListRow): Recurrence | null => (r.recurrence ? (JSON.parse(r.recurrence) as Recurrence | null) : null);

function stored(r: PlanListRow): DrillPlanRow {
  const { site_name: _s, commander_name: _c, recurrence: _r, ...row } = r;
  return row;
}

async function toDtos(db: Db, orgId: string, rows: PlanListRow[], now: Date): Promise<DrillPlanDto[]> {
  const [next, paths] = await Promise.all([
    nextDue(
      db,
      rows.map((r) => r.id),
      now.toISOString(),
    ),
    locationPaths(
      db,
      orgId,
      rows.map((r) => r.location_id),
    ),
  ]);
  return rows.map(
    (r): DrillPlanDto => ({
      id: r.id,
      siteId: r.site_id,
      siteName: r.site_name,
      name: r.name,
      type: r.type,
      scenario: r.scenario,
      locationId: r.location_id,
      locationPath: r.location_id ? (paths.get(r.location_id) ?? null) : null,
      place: r.place,
      commanderId: r.commander_id,
      commanderName: r.commander_name,
      recurrence: ruleOf(r) as Recurrence,
      windowHours: Number(r.window_hours),
      leadDays: Number(r.lead_days),
      active: r.active === 1,
      nextDueAt: r.active === 1 ? (next.get(r.id) ?? null) : null,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: Number(r.version),
    }),
  );
}

/** A plan of a site where the actor reads safety records; 404 otherwise (also for other sites' ids). */
async function readablePlan(ctx: Ctx, id: string): Promise<PlanListRow> {
  const row = await baseQuery(ctx.db, ctx.actor.orgId).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('演练计划');
  assertReadable(ctx, 'safety:read', row.site_id, '演练计划');
  return row;
}

export async function getPlan(ctx: Ctx, id: string): Promise<DrillPlanDto> {
  const row = await readablePlan(ctx, id);
  const [dto] = await toDtos(ctx.db, ctx.actor.orgId, [row], ctx.clock.now());
  return dto as DrillPlanDto;
}

export async function searchPlans(ctx: Ctx, filter: PlanFilter): Promise<Page<DrillPlanDto>> {
  const page = await listPlanRows(ctx.db, ctx.actor.orgId, siteScope(ctx.actor, 'safety:read'), filter);
  return { items: await toDtos(ctx.db, ctx.actor.orgId, page.items, ctx.clock.now()), nextCursor: page.nextCursor };
}

type PlanFields = Pick<
  DrillPlanRow,
  'site_id' | 'name' | 'type' | 'scenario' | 'location_id' | 'place' | 'commander_id' | 'window_hours' | 'lead_days'
>;

function fieldsOf(input: DrillPlanInput): PlanFields {
  return {
    site_id: input.siteId,
    name: input.name.trim(),
    type: input.type,
    scenario: input.scenario.trim(),
    location_id: input.locationId ?? null,
    place: text(input.place),
    commander_id: input.commanderId ?? null,
    window_hours: input.windowHours,
    lead_days: input.leadDays,
  };
}

/** Every problem with the plan, in Chinese, field by field. */
async function checkPlan(ctx: Ctx, f: PlanFields, recurrence: Recurrence): Promise<void> {
  const check = new FieldCheck();
  const site = await ctx.db
    .selectFrom('sites')
    .select('id')
    .where('org_id', '=', ctx.actor.orgId)
    .where('id', '=', f.site_id)
    .executeTakeFirst();
  const siteOk = site !== undefined && hasPermission(ctx.actor, 'drills:manage', site.id);
  if (!siteOk) check.add('siteId', '场所不存在，或您无权在该场所管理演练');
  if (!f.name) check.add('name', '请填写计划名称');
  else if (f.name.length > 200) check.add('name', '计划名称不能超过 200 个字');
  await checkType(ctx, f.type, check);
  if (!f.scenario) check.add('scenario', '请填写演练情景（模拟的事件及其发生地点）');
  else if (f.scenario.length > 2000) check.add('scenario', '演练情景不能超过 2000 个字');
  if (f.place && f.place.length > 200) check.add('place', '演练地点不能超过 200 个字');
  if (siteOk) {
    await checkLocation(ctx, f.site_id, f.location_id, check);
    await checkCommander(ctx, f.site_id, f.commander_id, check);
  }
  if (!int(f.window_hours, 1, MAX_WINDOW_HOURS)) check.add('windowHours', `完成时限须为 1–${MAX_WINDOW_HOURS} 小时的整数`);
  if (!int(f.lead_days, 0, MAX_LEAD_DAYS)) check.add('leadDays', `提前生成天数须为 0–${MAX_LEAD_DAYS} 的整数`);
  for (const p of recurrenceProblems(recurrence)) check.add(p.field, p.message);
  check.throwIfAny();
}

/**
 * Writes a plan's schedule in the caller's transaction and generates its occurrences at
 * once. The engine keeps the past: only future open occurrences without a drill follow a change.
 */
export async function savePlanSchedule(tx: Tx, plan: DrillPlanRow, recurrence: Recurrence, now: Date): Promise<void> {
  const schedule = await saveSchedule(
    tx,
    {
      orgId: plan.org_id,
      siteId: plan.site_id,
      ownerType: PLAN_OWNER,
      ownerId: plan.id,
      recurrence,
      windowMinutes: plan.window_hours * 60,
      leadMinutes: plan.lead_days * 1440,
      active: plan.active === 1,
    },
    now,
  );
  if (plan.active === 1) await generateFor(tx, schedule, now);
}

const auditRow = (row: DrillPlanRow, recurrence: Recurrence | null) => ({ ...row, recurrence });

export async function createPlan(ctx: Ctx, input: DrillPlanInput): Promise<DrillPlanDto> {
  const fields = fieldsOf(input);
  await checkPlan(ctx, fields, input.recurrence);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const row: DrillPlanRow = {
    ...fields,
    id: newId(),
    org_id: ctx.actor.orgId,
    active: 1,
    created_by: ctx.actor.userId,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('drill_plans').values(row).execute();
    await savePlanSchedule(tx, row, input.recurrence, now);
    await writeAudit(ctx, tx, {
      entity: 'drill_plan',
      entityId: row.id,
      siteId: row.site_id,
      action: 'create',
      after: auditRow(row, input.recurrence),
    });
  });
  return getPlan(ctx, row.id);
}

/**
 * Replaces a plan (a stale version answers 409); its schedule follows in the same
 * transaction. Drills already raised keep the details they were raised with.
 */
export async function updatePlan(ctx: Ctx, id: string, input: DrillPlanInput & { version: number }): Promise<DrillPlanDto> {
  const before = await readablePlan(ctx, id);
  assertCan(ctx, 'drills:manage', before.site_id);
  const fields = fieldsOf(input);
  await checkPlan(ctx, fields, input.recurrence);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const old = stored(before);
  const after: DrillPlanRow = { ...old, ...fields, updated_at: at, version: Number(before.version) + 1 };
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'drill_plans', id, input.version, fields, at);
    await savePlanSchedule(tx, after, input.recurrence, now);
    await writeAudit(ctx, tx, {
      entity: 'drill_plan',
      entityId: id,
      siteId: after.site_id,
      action: 'update',
      before: auditRow(old, ruleOf(before)),
      after: auditRow(after, input.recurrence),
    });
  });
  return getPlan(ctx, id);
}

/** Stops or restarts a plan: stopping drops its future occurrences without a drill, restarting generates them again. */
export async function setPlanActive(ctx: Ctx, id: string, version: number, active: boolean): Promise<DrillPlanDto> {
  const before = await readablePlan(ctx, id);
  assertCan(ctx, 'drills:manage', before.site_id);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const after: DrillPlanRow = { ...stored(before), active: active ? 1 : 0, updated_at: at, version: Number(before.version) + 1 };
  const rule = ruleOf(before);
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'drill_plans', id, version, { active: after.active }, at);
    if (active && rule) await savePlanSchedule(tx, after, rule, now);
    else if (!active) await deactivateSchedule(tx, PLAN_OWNER, id, now);
    await writeAudit(ctx, tx, {
      entity: 'drill_plan',
      entityId: id,
      siteId: before.site_id,
      action: active ? 'activate' : 'deactivate',
      before: { active: before.active },
      after: { active: after.active },
    });
  });
  return getPlan(ctx, id);
}
