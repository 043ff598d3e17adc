import type { Recurrence } from '../../../../contracts/occurrences.js';
import type { PatrolPlanDto, PatrolPlanInput, PatrolPointDto } from '../../../../contracts/patrols.js';
import type { Page } from '../../../../contracts/types.js';
import { hasPermission, siteScope } from '../../platform/access/actor.js';
import { assertCan, assertReadable } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { recurrenceProblems } from '../../platform/occurrences/recurrence.js';
import { findTemplate } from '../checklists/index.js';
import { usersWithPermission } from '../identity/index.js';
import { activeDictionaryPairs } from '../system/index.js';
import {
  findPlan,
  listPlans,
  nextDue,
  type PlanFilter,
  type PlanListRow,
  type PointRow,
  pointsOf,
  roleNames,
  templateNames,
} from './plans.repository.js';
import { type PlanRow, savePlanSchedule, stopPlanSchedule, timesWhileOpen } from './schedule.js';
import { describeTargets, targetKey } from './targets.js';

const text = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);
/** a round longer than a week is not a round */
const MAX_WINDOW_MINUTES = 7 * 1440;
const MAX_POINTS = 200;

function stored(r: PlanListRow): PlanRow {
  const {
    site_name: _s,
    site_timezone: _z,
    site_opening_hours: _o,
    assignee_user_name: _u,
    assignee_team_name: _t,
    supervisor_name: _sv,
    recurrence: _r,
    ...row
  } = r;
  return row;
}

const ruleOf = (r: PlanListRow): Recurrence | null => (r.recurrence ? (JSON.parse(r.recurrence) as Recurrence | null) : null);

/** How an assignee is shown: the person's or team's name, or the role's name. */
export function assigneeNameOf(
  r: Pick<PlanRow, 'assignee_type' | 'assignee_role'> & { assignee_user_name: string | null; assignee_team_name: string | null },
  roles: Map<string, string>,
): string {
  if (r.assignee_type === 'user') return r.assignee_user_name ?? '';
  if (r.assignee_type === 'team') return r.assignee_team_name ?? '';
  return r.assignee_role ? (roles.get(r.assignee_role) ?? r.assignee_role) : '';
}

/** The DTOs of a page of plans: their points with names, next due times and assignees in a few queries. */
async function toDtos(db: Db | Tx, orgId: string, rows: PlanListRow[], now: Date): Promise<PatrolPlanDto[]> {
  const ids = rows.map((r) => r.id);
  const [points, next, roles] = await Promise.all([pointsOf(db, ids), nextDue(db, ids, now.toISOString()), roleNames(db, orgId)]);
  const [targets, templates] = await Promise.all([
    describeTargets(db, orgId, points),
    templateNames(
      db,
      points.map((p) => p.checklist_template_id).filter((v): v is string => v !== null),
    ),
  ]);
  const templateName = new Map(templates.map((t) => [t.id, t.name]));
  const byPlan = new Map<string, PatrolPointDto[]>();
  for (const p of points) {
    const info = targets.get(targetKey(p.target_type, p.target_id));
    const list = byPlan.get(p.plan_id) ?? [];
    list.push({
      id: p.id,
      seq: p.seq,
      targetType: p.target_type,
      targetId: p.target_id,
      targetName: info?.name ?? '',
      targetPath: info?.path ?? null,
      checklistTemplateId: p.checklist_template_id,
      checklistTemplateName: p.checklist_template_id ? (templateName.get(p.checklist_template_id) ?? null) : null,
    });
    byPlan.set(p.plan_id, list);
  }
  return rows.map(
    (r): PatrolPlanDto => ({
      id: r.id,
      siteId: r.site_id,
      siteName: r.site_name,
      name: r.name,
      description: r.description,
      level: r.level,
      kind: r.kind,
      points: byPlan.get(r.id) ?? [],
      randomCount: r.random_count === null ? null : Number(r.random_count),
      recurrence: ruleOf(r) as Recurrence,
      everyHoursWhileOpen: r.every_hours_while_open === null ? null : Number(r.every_hours_while_open),
      windowMinutes: Number(r.window_minutes),
      assigneeType: r.assignee_type,
      assigneeId: r.assignee_id,
      assigneeRole: r.assignee_role,
      assigneeName: assigneeNameOf(r, roles),
      supervisorId: r.supervisor_id,
      supervisorName: r.supervisor_name,
      active: r.active === 1,
      nextDueAt: r.active === 1 ? (next.get(r.id) ?? null) : null,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: Number(r.version),
    }),
  );
}

/** A plan of a site where the actor reads patrols; 404 otherwise (also for other sites' ids). */
export async function readablePlan(ctx: Ctx, id: string): Promise<PlanListRow> {
  const row = await findPlan(ctx.db, ctx.actor.orgId, id);
  if (!row) throw notFound('巡检计划');
  assertReadable(ctx, 'patrols:read', row.site_id, '巡检计划');
  return row;
}

export async function getPlan(ctx: Ctx, id: string): Promise<PatrolPlanDto> {
  const row = await readablePlan(ctx, id);
  const [dto] = await toDtos(ctx.db, ctx.actor.orgId, [row], ctx.clock.now());
  return dto as PatrolPlanDto;
}

export async function searchPlans(ctx: Ctx, filter: PlanFilter): Promise<Page<PatrolPlanDto>> {
  const page = await listPlans(ctx.db, ctx.actor.orgId, siteScope(ctx.actor, 'patrols:read'), filter);
  return { items: await toDtos(ctx.db, ctx.actor.orgId, page.items, ctx.clock.now()), nextCursor: page.nextCursor };
}

type PlanFields = Omit<PlanRow, 'id' | 'org_id' | 'active' | 'created_by' | 'created_at' | 'updated_at' | 'version'>;
type PointFields = Pick<PointRow, 'seq' | 'target_type' | 'target_id' | 'checklist_template_id'>;

/** The input as it will be stored: fields the kind or assignee type does not use are cleared. */
function fieldsOf(input: PatrolPlanInput): { plan: PlanFields; points: PointFields[] } {
  return {
    plan: {
      site_id: input.siteId,
      name: input.name.trim(),
      description: text(input.description),
      level: input.level,
      kind: input.kind,
      random_count: input.kind === 'random' ? (input.randomCount ?? null) : null,
      every_hours_while_open: input.everyHoursWhileOpen ?? null,
      window_minutes: input.windowMinutes,
      assignee_type: input.assigneeType,
      assignee_id: input.assigneeType === 'role' ? null : (input.assigneeId ?? null),
      assignee_role: input.assigneeType === 'role' ? text(input.assigneeRole) : null,
      supervisor_id: input.supervisorId ?? null,
    },
    points: input.points.map((p, i) => ({
      seq: i + 1,
      target_type: p.targetType,
      target_id: p.targetId,
      checklist_template_id: p.checklistTemplateId ?? null,
    })),
  };
}

const int = (v: number | null, min: number, max: number) => v !== null && Number.isInteger(v) && v >= min && v <= max;

/**
 * Every problem with the plan, in Chinese, field by field; answers the recurrence the
 * schedule will hold (its times generated from the site's opening hours when the plan
 * runs every N hours while open).
 */
async function checkPlan(ctx: Ctx, f: PlanFields, points: PointFields[], recurrence: Recurrence): Promise<Recurrence> {
  const check = new FieldCheck();
  const db = ctx.db;
  const orgId = ctx.actor.orgId;
  const site = await db
    .selectFrom('sites')
    .select(['id', 'opening_hours'])
    .where('org_id', '=', orgId)
    .where('id', '=', f.site_id)
    .executeTakeFirst();
  const siteOk = site !== undefined && hasPermission(ctx.actor, 'patrols:manage', site.id);
  if (!siteOk) check.add('siteId', '场所不存在，或您无权在该场所管理巡检计划');
  if (!f.name) check.add('name', '请填写计划名称');
  else if (f.name.length > 200) check.add('name', '计划名称不能超过 200 个字');
  const levels = await activeDictionaryPairs(db, orgId, [{ type: 'patrol_level', code: f.level }]);
  if (!levels.has(`patrol_level:${f.level}`)) check.add('level', '请选择有效的巡检层级');

  if (points.length === 0) check.add('points', '请至少设置一个巡检点位');
  else if (points.length > MAX_POINTS) check.add('points', `巡检点位最多 ${MAX_POINTS} 个`);
  const keys = points.map((p) => targetKey(p.target_type, p.target_id));
  if (new Set(keys).size !== keys.length) check.add('points', '同一位置或设备不能在路线中出现两次');
  const targets = await describeTargets(db, orgId, points);
  points.forEach((p, i) => {
    const info = targets.get(targetKey(p.target_type, p.target_id));
    if (!info || info.siteId !== f.site_id) check.add(`points.${i}.targetId`, '位置或设备不存在，或不属于所选场所');
    else if (!info.usable)
      check.add(`points.${i}.targetId`, p.target_type === 'asset' ? '设备已报废，不能作为巡检点位' : '位置已停用，不能作为巡检点位');
  });
  const templateIds = [...new Set(points.map((p) => p.checklist_template_id).filter((v): v is string => v !== null))];
  for (const id of templateIds) {
    const t = await findTemplate(db, orgId, id);
    if (!t?.active) {
      points.forEach((p, i) => {
        if (p.checklist_template_id === id) check.add(`points.${i}.checklistTemplateId`, '检查表模板不存在或已停用');
      });
    }
  }

  if (f.kind === 'random') {
    if (!int(f.random_count, 1, Math.max(points.length, 1)))
      check.add('randomCount', `抽查点位数须为 1–${Math.max(points.length, 1)} 的整数`);
  }
  if (!int(f.window_minutes, 5, MAX_WINDOW_MINUTES)) check.add('windowMinutes', `完成时限须为 5–${MAX_WINDOW_MINUTES} 分钟的整数`);

  if (f.assignee_type === 'user') {
    if (!f.assignee_id) check.add('assigneeId', '请选择巡检人');
    else if (siteOk) {
      const doers = await usersWithPermission(db, orgId, 'patrols:do', f.site_id);
      if (!doers.some((u) => u.id === f.assignee_id)) check.add('assigneeId', '巡检人不在该场所或没有执行巡检的权限');
    }
  } else if (f.assignee_type === 'team') {
    if (!f.assignee_id) check.add('assigneeId', '请选择巡检班组');
    else {
      const team = await db
        .selectFrom('teams')
        .select(['site_id', 'active'])
        .where('org_id', '=', orgId)
        .where('id', '=', f.assignee_id)
        .executeTakeFirst();
      if (team?.active !== 1 || (team.site_id !== null && team.site_id !== f.site_id))
        check.add('assigneeId', '班组不存在、已停用或不属于所选场所');
    }
  } else if (!f.assignee_role) check.add('assigneeRole', '请选择巡检角色');
  else {
    const role = await db
      .selectFrom('roles')
      .select(['permissions', 'active'])
      .where('org_id', '=', orgId)
      .where('code', '=', f.assignee_role)
      .executeTakeFirst();
    if (role?.active !== 1) check.add('assigneeRole', '角色不存在或已停用');
    else if (!(JSON.parse(role.permissions) as string[]).includes('patrols:do')) check.add('assigneeRole', '该角色没有执行巡检的权限');
  }
  if (f.supervisor_id && siteOk) {
    const readers = await usersWithPermission(db, orgId, 'patrols:read', f.site_id);
    if (!readers.some((u) => u.id === f.supervisor_id)) check.add('supervisorId', '督导人不在该场所或没有查看巡检的权限');
  }

  let rule = recurrence;
  if (f.every_hours_while_open !== null) {
    if (!int(f.every_hours_while_open, 1, 12)) check.add('everyHoursWhileOpen', '间隔须为 1–12 小时的整数');
    else if (site) {
      const times = timesWhileOpen(site.opening_hours, f.every_hours_while_open);
      if (!times) check.add('everyHoursWhileOpen', '该场所未设置营业时间（如 09:00-21:00），不能按营业时间每隔几小时巡检');
      else rule = { ...recurrence, times };
    }
  }
  if (rule.anchor !== 'calendar') check.add('recurrence.anchor', '巡检按日历安排（固定日期和时间），不能按上次完成时间顺延');
  for (const p of recurrenceProblems(rule)) check.add(p.field, p.message);
  check.throwIfAny();
  return rule;
}

const auditRow = (row: PlanRow, recurrence: Recurrence | null, points: PointFields[]) => ({ ...row, recurrence, points });

async function writePoints(tx: Tx, orgId: string, planId: string, points: PointFields[]): Promise<void> {
  await tx.deleteFrom('patrol_points').where('plan_id', '=', planId).execute();
  if (!points.length) return;
  await tx
    .insertInto('patrol_points')
    .values(points.map((p) => ({ ...p, id: newId(), org_id: orgId, plan_id: planId })))
    .execute();
}

export async function createPlan(ctx: Ctx, input: PatrolPlanInput): Promise<PatrolPlanDto> {
  const { plan, points } = fieldsOf(input);
  const recurrence = await checkPlan(ctx, plan, points, input.recurrence);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const row: PlanRow = {
    ...plan,
    id: newId(),
    org_id: ctx.actor.orgId,
    active: 1,
    created_by: ctx.actor.userId,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('patrol_plans').values(row).execute();
    await writePoints(tx, row.org_id, row.id, points);
    await savePlanSchedule(tx, row, recurrence, now);
    await writeAudit(ctx, tx, {
      entity: 'patrol_plan',
      entityId: row.id,
      siteId: row.site_id,
      action: 'create',
      after: auditRow(row, recurrence, points),
    });
  });
  return getPlan(ctx, row.id);
}

/**
 * Replaces a plan (a stale version answers 409). Its schedule follows in the same
 * transaction: future occurrences without a round are made again by the new rule; rounds
 * already raised keep the points and assignee they were raised with.
 */
export async function updatePlan(ctx: Ctx, id: string, input: PatrolPlanInput & { version: number }): Promise<PatrolPlanDto> {
  const before = await readablePlan(ctx, id);
  assertCan(ctx, 'patrols:manage', before.site_id);
  const { plan, points } = fieldsOf(input);
  const recurrence = await checkPlan(ctx, plan, points, input.recurrence);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const old = stored(before);
  const oldPoints = await pointsOf(ctx.db, [id]);
  const after: PlanRow = { ...old, ...plan, updated_at: at, version: Number(before.version) + 1 };
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'patrol_plans', id, input.version, plan, at);
    await writePoints(tx, after.org_id, id, points);
    await savePlanSchedule(tx, after, recurrence, now);
    await writeAudit(ctx, tx, {
      entity: 'patrol_plan',
      entityId: id,
      siteId: after.site_id,
      action: 'update',
      before: auditRow(old, ruleOf(before), oldPoints),
      after: auditRow(after, recurrence, points),
    });
  });
  return getPlan(ctx, id);
}

/** Stops or restarts a plan: stopping drops its future occurrences without a round, restarting generates them again. */
export async function setPlanActive(ctx: Ctx, id: string, version: number, active: boolean): Promise<PatrolPlanDto> {
  const before = await readablePlan(ctx, id);
  assertCan(ctx, 'patrols:manage', before.site_id);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const after: PlanRow = { ...stored(before), active: active ? 1 : 0, updated_at: at, version: Number(before.version) + 1 };
  const rule = ruleOf(before);
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'patrol_plans', id, version, { active: after.active }, at);
    if (active && rule) await savePlanSchedule(tx, after, rule, now);
    else if (!active) await stopPlanSchedule(tx, id, now);
    await writeAudit(ctx, tx, {
      entity: 'patrol_plan',
      entityId: id,
      siteId: before.site_id,
      action: active ? 'activate' : 'deactivate',
      before: { active: before.active },
      after: { active: after.active },
    });
  });
  return getPlan(ctx, id);
}
