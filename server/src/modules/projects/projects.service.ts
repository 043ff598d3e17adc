import type { ProjectDetailDto, ProjectDto, ProjectType } from '../../../../contracts/projects.js';
import { hasPermission, siteScope } from '../../platform/access/actor.js';
import { assertCan, assertReadable } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import { locationPathNames } from '../org/index.js';
import { isCalendarDate, isOverdue, localDate } from './projects.dates.js';
import {
  findActiveUser,
  findLocationRows,
  findProject,
  findSiteRow,
  insertProject,
  insertUpdate,
  listProjects,
  type ProjectFilter,
  type ProjectListRow,
  type ProjectRow,
} from './projects.repository.js';
import { PROJECT_NUMBERING } from './projects.seed.js';
import { assertEditable, projectActions } from './projects.state.js';

export interface ProjectInput {
  siteId: string;
  locationId?: string | null;
  name: string;
  type: ProjectType;
  description?: string | null;
  budget?: number;
  contractor?: string | null;
  contractorContact?: string | null;
  managerId?: string | null;
  plannedStart?: string | null;
  plannedEnd?: string | null;
}

export interface ProjectPatch extends Partial<ProjectInput> {
  version: number;
  actualStart?: string | null;
  actualEnd?: string | null;
  actualCost?: number | null;
  progress?: number;
}

export function toProjectDto(r: ProjectListRow, locationPath: string | null, now: Date): ProjectDto {
  return {
    id: r.id,
    number: r.number,
    siteId: r.site_id,
    siteName: r.site_name,
    locationId: r.location_id,
    locationPath,
    name: r.name,
    type: r.type,
    description: r.description,
    budget: Number(r.budget),
    contractor: r.contractor,
    contractorContact: r.contractor_contact,
    managerId: r.manager_id,
    managerName: r.manager_name,
    plannedStart: r.planned_start,
    plannedEnd: r.planned_end,
    actualStart: r.actual_start,
    actualEnd: r.actual_end,
    progress: r.progress,
    status: r.status,
    overdue: isOverdue(r, localDate(now, r.site_timezone)),
    acceptanceNote: r.acceptance_note,
    acceptedBy: r.accepted_by,
    acceptedByName: r.accepted_by_name,
    acceptedAt: r.accepted_at,
    acceptedOn: r.accepted_on,
    actualCost: r.actual_cost === null ? null : Number(r.actual_cost),
    cancelReason: r.cancel_reason,
    cancelledAt: r.cancelled_at,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

export type { ProjectDetailDto, ProjectDto };

async function pathNames(db: Db, orgId: string, ids: (string | null)[]): Promise<Map<string, string>> {
  return locationPathNames(db, orgId, await findLocationRows(db, orgId, ids));
}

/** A project of a site where the actor reads projects; 404 otherwise (also for other sites' ids). */
export async function readableProject(ctx: Ctx, id: string): Promise<ProjectListRow> {
  const row = await findProject(ctx.db, ctx.actor.orgId, id);
  if (!row) throw notFound('项目');
  assertReadable(ctx, 'projects:read', row.site_id, '项目');
  return row;
}

/** Progress is reported by project managers (projects:manage) and by the project's own 负责人. */
export function mayReport(ctx: Ctx, row: Pick<ProjectRow, 'site_id' | 'manager_id'>): boolean {
  return hasPermission(ctx.actor, 'projects:manage', row.site_id) || (ctx.actor.userId !== null && row.manager_id === ctx.actor.userId);
}

export async function getProject(ctx: Ctx, id: string): Promise<ProjectDetailDto> {
  const row = await readableProject(ctx, id);
  const paths = await pathNames(ctx.db, ctx.actor.orgId, [row.location_id]);
  const manage = hasPermission(ctx.actor, 'projects:manage', row.site_id);
  return {
    ...toProjectDto(row, row.location_id ? (paths.get(row.location_id) ?? null) : null, ctx.clock.now()),
    actions: manage ? projectActions(row.status) : [],
    canEdit: manage && row.status !== 'accepted' && row.status !== 'cancelled',
    canReport: mayReport(ctx, row) && (row.status === 'in_progress' || row.status === 'suspended'),
  };
}

export async function searchProjects(ctx: Ctx, filter: ProjectFilter) {
  const now = ctx.clock.now();
  const page = await listProjects(ctx.db, ctx.actor.orgId, siteScope(ctx.actor, 'projects:read'), filter, now);
  const paths = await pathNames(
    ctx.db,
    ctx.actor.orgId,
    page.items.map((r) => r.location_id),
  );
  return {
    items: page.items.map((r) => toProjectDto(r, r.location_id ? (paths.get(r.location_id) ?? null) : null, now)),
    nextCursor: page.nextCursor,
  };
}

const text = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** The fields after the change, as they will be stored, checked together so every problem is listed. */
async function checkFields(ctx: Ctx, db: Db | Tx, row: Omit<ProjectRow, 'id' | 'number' | 'created_at' | 'updated_at' | 'version'>) {
  const check = new FieldCheck();
  const orgId = ctx.actor.orgId;
  const site = await findSiteRow(db, orgId, row.site_id);
  const siteOk = site !== undefined && hasPermission(ctx.actor, 'projects:manage', site.id);
  if (!siteOk) check.add('siteId', '场所不存在，或您无权在该场所管理项目');
  if (row.location_id) {
    const [loc] = await findLocationRows(db, orgId, [row.location_id]);
    if (!loc || loc.site_id !== row.site_id) check.add('locationId', '位置不存在或不属于所选场所');
  }
  if (!row.name.trim()) check.add('name', '请填写项目名称');
  if (row.manager_id && !(await findActiveUser(db, orgId, row.manager_id))) check.add('managerId', '负责人不存在或已停用');
  if (!Number.isInteger(row.budget) || row.budget < 0) check.add('budget', '预算金额不能为负数');
  if (row.actual_cost !== null && (!Number.isInteger(row.actual_cost) || row.actual_cost < 0))
    check.add('actualCost', '实际费用不能为负数');
  if (!Number.isInteger(row.progress) || row.progress < 0 || row.progress > 100) check.add('progress', '进度应为 0 到 100 之间的整数');
  const dates = [
    ['plannedStart', row.planned_start],
    ['plannedEnd', row.planned_end],
    ['actualStart', row.actual_start],
    ['actualEnd', row.actual_end],
  ] as const;
  const bad = new Set<string>();
  for (const [field, value] of dates) {
    if (value !== null && !isCalendarDate(value)) {
      check.add(field, '日期格式应为 YYYY-MM-DD');
      bad.add(field);
    }
  }
  const ordered = (a: string | null, b: string | null, fa: string, fb: string) =>
    a !== null && b !== null && !bad.has(fa) && !bad.has(fb) && b < a;
  if (ordered(row.planned_start, row.planned_end, 'plannedStart', 'plannedEnd'))
    check.add('plannedEnd', '计划完工日期不能早于计划开工日期');
  if (ordered(row.actual_start, row.actual_end, 'actualStart', 'actualEnd')) check.add('actualEnd', '实际完工日期不能早于实际开工日期');
  if (row.status === 'planned') {
    if (row.actual_start) check.add('actualStart', '项目尚未开工，不能填写实际开工日期');
    if (row.actual_end) check.add('actualEnd', '项目尚未开工，不能填写实际完工日期');
    if (row.progress > 0 && row.progress <= 100) check.add('progress', '项目尚未开工，进度应为 0');
  } else if (row.actual_end && !row.actual_start) {
    check.add('actualStart', '填写实际完工日期时，请同时填写实际开工日期');
  }
  if (site && row.actual_start && !bad.has('actualStart') && row.actual_start > localDate(ctx.clock.now(), site.timezone)) {
    check.add('actualStart', '实际开工日期不能晚于今天');
  }
  check.throwIfAny();
}

export async function createProject(ctx: Ctx, input: ProjectInput) {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const base = {
    org_id: ctx.actor.orgId,
    site_id: input.siteId,
    location_id: input.locationId ?? null,
    name: input.name.trim(),
    type: input.type,
    description: text(input.description),
    budget: input.budget ?? 0,
    contractor: text(input.contractor),
    contractor_contact: text(input.contractorContact),
    manager_id: input.managerId ?? null,
    planned_start: input.plannedStart ?? null,
    planned_end: input.plannedEnd ?? null,
    actual_start: null,
    actual_end: null,
    progress: 0,
    status: 'planned' as const,
    acceptance_note: null,
    accepted_by: null,
    accepted_at: null,
    accepted_on: null,
    actual_cost: null,
    cancel_reason: null,
    cancelled_at: null,
    created_by: ctx.actor.userId,
  };
  await checkFields(ctx, ctx.db, base);
  const id = newId();
  await ctx.db.transaction().execute(async (tx) => {
    const number = await nextNumber(tx, { orgId: ctx.actor.orgId, ruleCode: PROJECT_NUMBERING.code, siteId: input.siteId, at: now });
    const row: ProjectRow = { ...base, id, number, created_at: at, updated_at: at, version: 1 };
    await insertProject(tx, row);
    await logUpdate(ctx, tx, row, { kind: 'create', from: null, to: 'planned', progress: 0, note: null });
    await writeAudit(ctx, tx, { entity: 'project', entityId: id, siteId: row.site_id, action: 'create', after: row });
  });
  return getProject(ctx, id);
}

const has = (o: object, k: string) => Object.hasOwn(o, k);

export async function updateProject(ctx: Ctx, id: string, patch: ProjectPatch) {
  const before = await readableProject(ctx, id);
  assertCan(ctx, 'projects:manage', before.site_id);
  assertEditable(before.status, 'update');
  const pick = <T>(key: keyof ProjectPatch, current: T, map: (v: never) => T = (v) => v as T): T =>
    has(patch, key) && patch[key] !== undefined ? map(patch[key] as never) : current;
  const changes = {
    site_id: pick('siteId', before.site_id),
    location_id: pick('locationId', before.location_id),
    name: pick('name', before.name, (v: string) => v.trim()),
    type: pick('type', before.type),
    description: pick('description', before.description, text),
    budget: pick('budget', Number(before.budget)),
    contractor: pick('contractor', before.contractor, text),
    contractor_contact: pick('contractorContact', before.contractor_contact, text),
    manager_id: pick('managerId', before.manager_id),
    planned_start: pick('plannedStart', before.planned_start),
    planned_end: pick('plannedEnd', before.planned_end),
    actual_start: pick('actualStart', before.actual_start),
    actual_end: pick('actualEnd', before.actual_end),
    actual_cost: pick('actualCost', before.actual_cost === null ? null : Number(before.actual_cost)),
    progress: pick('progress', before.progress),
  };
  // a location belongs to one site: moving the project elsewhere drops a location not given anew
  if (changes.site_id !== before.site_id && changes.location_id === before.location_id) changes.location_id = null;
  await checkFields(ctx, ctx.db, { ...before, ...changes });
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'projects', id, patch.version, changes, at);
    if (changes.progress !== before.progress) {
      await logUpdate(
        ctx,
        tx,
        { ...before, ...changes },
        { kind: 'progress', from: null, to: null, progress: changes.progress, note: null },
      );
    }
    await writeAudit(ctx, tx, {
      entity: 'project',
      entityId: id,
      siteId: changes.site_id,
      action: 'update',
      before: stored(before),
      after: { ...stored(before), ...changes },
    });
  });
  return getProject(ctx, id);
}

/** The stored columns of a list row (without the joined names), for audit diffs. */
export function stored(r: ProjectListRow): ProjectRow {
  const { site_name: _s, site_timezone: _t, manager_name: _m, accepted_by_name: _a, ...row } = r;
  return row;
}

export interface LogEntry {
  kind: string;
  from: ProjectRow['status'] | null;
  to: ProjectRow['status'] | null;
  progress: number | null;
  note: string | null;
}

export async function logUpdate(ctx: Ctx, tx: Tx, project: Pick<ProjectRow, 'id' | 'org_id'>, e: LogEntry): Promise<void> {
  await insertUpdate(tx, {
    id: newId(),
    org_id: project.org_id,
    project_id: project.id,
    at: ctx.clock.now().toISOString(),
    author_id: ctx.actor.userId,
    author_name: ctx.actor.name,
    kind: e.kind,
    from_status: e.from,
    to_status: e.to,
    progress: e.progress,
    note: e.note,
  });
}
