import type { MaintenancePlanDto, MaintenancePlanInput, MaintenanceSettingsDto } from '../../../../contracts/maintenance.js';
import type { Recurrence } from '../../../../contracts/occurrences.js';
import type { Page } from '../../../../contracts/types.js';
import { hasPermission, siteScope } from '../../platform/access/actor.js';
import { assertCan, assertReadable } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { occurrencesBetween, recurrenceProblems } from '../../platform/occurrences/recurrence.js';
import { findTemplate } from '../checklists/index.js';
import { usersWithPermission } from '../identity/index.js';
import { locationPathNames } from '../org/index.js';
import { activeDictionaryPairs } from '../system/index.js';
import { graceDays } from './grace.js';
import {
  findPlan,
  latestReading,
  latestReadings,
  listPlans,
  locationRows,
  occurrenceFacts,
  type PlanFilter,
  type PlanListRow,
} from './plans.repository.js';
import { type PlanRow, savePlanSchedule, stopPlanSchedule } from './schedule.js';
import { maintenanceSettings } from './settings.js';

const DAY = 86_400_000;
/** how far ahead a plan without a generated occurrence (a yearly one) is projected for `nextDueAt` */
const PROJECT_DAYS = 800;

const text = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

function stored(r: PlanListRow): PlanRow {
  const {
    site_name: _s,
    site_timezone: _z,
    asset_code: _ac,
    asset_name: _an,
    category_name: _c,
    template_name: _t,
    team_name: _tm,
    assignee_name: _u,
    recurrence: _r,
    ...row
  } = r;
  return row;
}

const ruleOf = (r: PlanListRow): Recurrence | null => (r.recurrence ? (JSON.parse(r.recurrence) as Recurrence | null) : null);

/** The DTOs of a page of plans, with their names, next and last occurrences and meter readings read in a few queries. */
async function toDtos(db: Db | Tx, orgId: string, rows: PlanListRow[], settings: MaintenanceSettingsDto, now: Date) {
  const ids = rows.map((r) => r.id);
  const locIds = rows.flatMap((r) => JSON.parse(r.location_ids) as string[]);
  const [facts, locs, meters] = await Promise.all([
    occurrenceFacts(db, ids),
    locationRows(db, orgId, locIds),
    latestReadings(
      db,
      rows
        .filter((r) => r.trigger === 'meter' && r.asset_id && r.meter_name)
        .map((r) => ({ assetId: r.asset_id as string, meterName: r.meter_name as string })),
    ),
  ]);
  const names = await locationPathNames(db as Db, orgId, locs);
  return rows.map((r): MaintenancePlanDto => {
    const recurrence = ruleOf(r);
    const locationIds = JSON.parse(r.location_ids) as string[];
    let nextDueAt = facts.next.get(r.id) ?? null;
    if (!nextDueAt && r.active === 1 && r.trigger === 'time' && recurrence && recurrence.anchor === 'calendar') {
      // beyond the generation horizon (a yearly check): the rule's next day
      const [first] = occurrencesBetween(recurrence, {
        from: now,
        to: new Date(now.getTime() + PROJECT_DAYS * DAY),
        timeZone: r.site_timezone,
      });
      nextDueAt = first?.toISOString() ?? null;
    }
    return {
      id: r.id,
      siteId: r.site_id,
      siteName: r.site_name,
      name: r.name,
      description: r.description,
      system: r.system,
      target: r.target,
      assetId: r.asset_id,
      assetCode: r.asset_code,
      assetName: r.asset_name,
      categoryId: r.category_id,
      categoryName: r.category_name,
      locationIds,
      locationNames: locationIds.map((id) => names.get(id) ?? ''),
      checklistTemplateId: r.checklist_template_id,
      checklistTemplateName: r.template_name,
      teamId: r.team_id,
      teamName: r.team_name,
      assigneeId: r.assignee_id,
      assigneeName: r.assignee_name,
      workCategory: r.work_category,
      estimatedMinutes: Number(r.estimated_minutes),
      leadDays: Number(r.lead_days),
      trigger: r.trigger,
      recurrence: r.trigger === 'time' ? recurrence : null,
      meterName: r.meter_name,
      meterUnit: r.meter_unit,
      meterInterval: r.meter_interval === null ? null : Number(r.meter_interval),
      meterBaseline: r.meter_baseline === null ? null : Number(r.meter_baseline),
      meterLatest: r.asset_id && r.meter_name ? (meters.get(`${r.asset_id}\u0000${r.meter_name}`) ?? null) : null,
      graceDays: r.trigger === 'time' && recurrence ? graceDays(recurrence, settings) : settings.meterWindowDays,
      active: r.active === 1,
      nextDueAt,
      lastDoneAt: facts.lastDone.get(r.id) ?? null,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: Number(r.version),
    };
  });
}

/** A plan of a site where the actor reads maintenance; 404 otherwise (also for other sites' ids). */
export async function readablePlan(ctx: Ctx, id: string): Promise<PlanListRow> {
  const row = await findPlan(ctx.db, ctx.actor.orgId, id);
  if (!row) throw notFound('保养计划');
  assertReadable(ctx, 'maintenance:read', row.site_id, '保养计划');
  return row;
}

export async function getPlan(ctx: Ctx, id: string): Promise<MaintenancePlanDto> {
  const row = await readablePlan(ctx, id);
  const settings = await maintenanceSettings(ctx.db, ctx.actor.orgId);
  const [dto] = await toDtos(ctx.db, ctx.actor.orgId, [row], settings, ctx.clock.now());
  return dto as MaintenancePlanDto;
}

export async function searchPlans(ctx: Ctx, filter: PlanFilter): Promise<Page<MaintenancePlanDto>> {
  const page = await listPlans(ctx.db, ctx.actor.orgId, siteScope(ctx.actor, 'maintenance:read'), filter);
  const settings = await maintenanceSettings(ctx.db, ctx.actor.orgId);
  return { items: await toDtos(ctx.db, ctx.actor.orgId, page.items, settings, ctx.clock.now()), nextCursor: page.nextCursor };
}

type PlanFields = Omit<PlanRow, 'id' | 'org_id' | 'active' | 'created_by' | 'created_at' | 'updated_at' | 'version'>;

const METER_MAX = 1e12;

/** The input as it will be stored: fields the target or trigger does not use are cleared. */
function fieldsOf(input: MaintenancePlanInput): PlanFields {
  const asset = input.target === 'asset';
  const meter = input.trigger === 'meter';
  return {
    site_id: input.siteId,
    name: input.name.trim(),
    description: text(input.description),
    system: input.system,
    target: input.target,
    asset_id: asset ? (input.assetId ?? null) : null,
    category_id: asset ? null : (input.categoryId ?? null),
    location_ids: JSON.stringify(asset ? [] : [...new Set(input.locationIds ?? [])]),
    checklist_template_id: input.checklistTemplateId ?? null,
    team_id: input.teamId ?? null,
    assignee_id: input.assigneeId ?? null,
    work_category: input.workCategory,
    estimated_minutes: input.estimatedMinutes,
    lead_days: input.leadDays,
    trigger: input.trigger,
    meter_name: meter ? text(input.meterName) : null,
    meter_unit: meter ? text(input.meterUnit) : null,
    meter_interval: meter ? (input.meterInterval ?? null) : null,
    meter_baseline: meter ? (input.meterBaseline ?? null) : null,
  };
}

/** Every problem with the plan, in Chinese, field by field (the API's validation details). */
async function checkPlan(ctx: Ctx, f: PlanFields, recurrence: Recurrence | null | undefined): Promise<void> {
  const check = new FieldCheck();
  const db = ctx.db;
  const orgId = ctx.actor.orgId;
  const site = await db
    .selectFrom('sites')
    .select(['id', 'active'])
    .where('org_id', '=', orgId)
    .where('id', '=', f.site_id)
    .executeTakeFirst();
  const siteOk = site !== undefined && hasPermission(ctx.actor, 'maintenance:manage', site.id);
  if (!siteOk) check.add('siteId', '场所不存在，或您无权在该场所管理保养计划');
  if (!f.name) check.add('name', '请填写计划名称');
  if (f.target === 'asset') {
    if (!f.asset_id) check.add('assetId', '请选择要保养的设备');
    else {
      const asset = await db
        .selectFrom('assets')
        .select(['site_id', 'status'])
        .where('org_id', '=', orgId)
        .where('id', '=', f.asset_id)
        .executeTakeFirst();
      if (!asset || asset.site_id !== f.site_id) check.add('assetId', '设备不存在或不属于所选场所');
      else if (asset.status === 'scrapped') check.add('assetId', '设备已报废，不能再安排保养');
    }
  } else {
    if (!f.category_id) check.add('categoryId', '请选择设备类别');
    else {
      const cat = await db
        .selectFrom('asset_categories')
        .select('active')
        .where('org_id', '=', orgId)
        .where('id', '=', f.category_id)
        .executeTakeFirst();
      if (cat?.active !== 1) check.add('categoryId', '设备类别不存在或已停用');
    }
    const ids = JSON.parse(f.location_ids) as string[];
    if (ids.length > 50) check.add('locationIds', '位置最多选择 50 个');
    const found = await locationRows(db, orgId, ids);
    if (found.length !== ids.length || found.some((l) => l.site_id !== f.site_id)) check.add('locationIds', '位置不存在或不属于所选场所');
  }
  if (f.checklist_template_id) {
    const t = await findTemplate(db, orgId, f.checklist_template_id);
    if (!t?.active) check.add('checklistTemplateId', '检查表模板不存在或已停用');
  }
  if (f.team_id) {
    const team = await db
      .selectFrom('teams')
      .select(['site_id', 'active'])
      .where('org_id', '=', orgId)
      .where('id', '=', f.team_id)
      .executeTakeFirst();
    if (team?.active !== 1 || (team.site_id !== null && team.site_id !== f.site_id))
      check.add('teamId', '班组不存在、已停用或不属于所选场所');
  }
  if (f.assignee_id) {
    // the plan's orders are dispatched to this person: the dispatch rules of work orders apply
    const workers = siteOk ? await usersWithPermission(db, orgId, 'workorders:work', f.site_id) : [];
    if (!workers.some((u) => u.id === f.assignee_id)) check.add('assigneeId', '执行人不在该场所或没有维修权限');
    else if (f.team_id) {
      const member = await db
        .selectFrom('team_members')
        .select('user_id')
        .where('team_id', '=', f.team_id)
        .where('user_id', '=', f.assignee_id)
        .executeTakeFirst();
      if (!member) check.add('assigneeId', '执行人不是该班组成员');
    }
  }
  const active = await activeDictionaryPairs(db, orgId, [{ type: 'repair_category', code: f.work_category }]);
  if (!active.has(`repair_category:${f.work_category}`)) check.add('workCategory', '请选择有效的工单类别');
  const int = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;
  if (!int(f.estimated_minutes, 1, 100_000)) check.add('estimatedMinutes', '预计工时须为 1–100000 分钟的整数');
  if (!int(f.lead_days, 0, 365)) check.add('leadDays', '提前生成天数须为 0–365 的整数');
  if (f.trigger === 'time') {
    if (!recurrence) check.add('recurrence', '请设置保养周期');
    else for (const p of recurrenceProblems(recurrence)) check.add(p.field, p.message);
  } else {
    if (f.target !== 'asset') check.add('target', '按计量保养的计划只能针对单台设备');
    if (!f.meter_name) check.add('meterName', '请填写计量名称，如“运行小时”');
    else if (f.meter_name.length > 50) check.add('meterName', '计量名称不能超过 50 个字');
    const interval = f.meter_interval;
    if (interval === null || !Number.isFinite(interval) || interval <= 0 || interval > METER_MAX) {
      check.add('meterInterval', '保养间隔须为大于 0 的数值');
    }
    const base = f.meter_baseline;
    if (base !== null && (!Number.isFinite(base) || base < 0 || base > METER_MAX))
      check.add('meterBaseline', '起算读数须为不小于 0 的数值');
  }
  check.throwIfAny();
}

/** A meter plan without a given baseline counts from the meter's latest reading (0 before the first). */
async function withBaseline(db: Db, f: PlanFields, keep: number | null): Promise<PlanFields> {
  if (f.trigger !== 'meter' || f.meter_baseline !== null) return f;
  if (keep !== null) return { ...f, meter_baseline: keep };
  const latest = f.asset_id && f.meter_name ? await latestReading(db, f.asset_id, f.meter_name) : undefined;
  return { ...f, meter_baseline: latest ? Number(latest.value) : 0 };
}

const auditRow = (row: PlanRow, recurrence: Recurrence | null) => ({ ...row, recurrence });

export async function createPlan(ctx: Ctx, input: MaintenancePlanInput): Promise<MaintenancePlanDto> {
  const recurrence = input.trigger === 'time' ? (input.recurrence ?? null) : null;
  const fields = fieldsOf(input);
  await checkPlan(ctx, fields, recurrence);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const row: PlanRow = {
    ...(await withBaseline(ctx.db, fields, null)),
    id: newId(),
    org_id: ctx.actor.orgId,
    active: 1,
    created_by: ctx.actor.userId,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  const settings = await maintenanceSettings(ctx.db, ctx.actor.orgId);
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('maintenance_plans').values(row).execute();
    await savePlanSchedule(tx, row, recurrence, settings, now);
    await writeAudit(ctx, tx, {
      entity: 'maintenance_plan',
      entityId: row.id,
      siteId: row.site_id,
      action: 'create',
      after: auditRow(row, recurrence),
    });
  });
  return getPlan(ctx, row.id);
}

/**
 * Replaces a plan (a stale version answers 409). Its schedule follows in the same
 * transaction: future occurrences without a work order are made again by the new rule;
 * past, done and started ones stay as they were.
 */
export async function updatePlan(ctx: Ctx, id: string, input: MaintenancePlanInput & { version: number }): Promise<MaintenancePlanDto> {
  const before = await readablePlan(ctx, id);
  assertCan(ctx, 'maintenance:manage', before.site_id);
  const recurrence = input.trigger === 'time' ? (input.recurrence ?? null) : null;
  let fields = fieldsOf(input);
  await checkPlan(ctx, fields, recurrence);
  // the same meter keeps counting from where it was unless a new baseline is given
  const sameMeter = before.trigger === 'meter' && before.asset_id === fields.asset_id && before.meter_name === fields.meter_name;
  fields = await withBaseline(ctx.db, fields, sameMeter ? before.meter_baseline : null);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const settings = await maintenanceSettings(ctx.db, ctx.actor.orgId);
  const old = stored(before);
  const after: PlanRow = { ...old, ...fields, updated_at: at, version: Number(before.version) + 1 };
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'maintenance_plans', id, input.version, fields, at);
    await savePlanSchedule(tx, after, recurrence, settings, now);
    await writeAudit(ctx, tx, {
      entity: 'maintenance_plan',
      entityId: id,
      siteId: after.site_id,
      action: 'update',
      before: auditRow(old, ruleOf(before)),
      after: auditRow(after, recurrence),
    });
  });
  return getPlan(ctx, id);
}

/** Stops or restarts a plan: stopping drops its future occurrences without a work order, restarting generates them again. */
export async function setPlanActive(ctx: Ctx, id: string, version: number, active: boolean): Promise<MaintenancePlanDto> {
  const before = await readablePlan(ctx, id);
  assertCan(ctx, 'maintenance:manage', before.site_id);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const settings = await maintenanceSettings(ctx.db, ctx.actor.orgId);
  if (active && before.checklist_template_id) {
    const t = await findTemplate(ctx.db, ctx.actor.orgId, before.checklist_template_id);
    if (!t?.active) new FieldCheck().add('checklistTemplateId', '检查表模板已停用，请先为计划选择其他模板').throwIfAny();
  }
  const after: PlanRow = { ...stored(before), active: active ? 1 : 0, updated_at: at, version: Number(before.version) + 1 };
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'maintenance_plans', id, version, { active: after.active }, at);
    if (active) await savePlanSchedule(tx, after, ruleOf(before), settings, now);
    else await stopPlanSchedule(tx, id, now);
    await writeAudit(ctx, tx, {
      entity: 'maintenance_plan',
      entityId: id,
      siteId: before.site_id,
      action: active ? 'activate' : 'deactivate',
      before: { active: before.active },
      after: { active: after.active },
    });
  });
  return getPlan(ctx, id);
}
