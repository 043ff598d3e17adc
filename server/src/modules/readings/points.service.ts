import type { Recurrence } from '../../../../contracts/occurrences.js';
import { METER_KINDS, READING_POINT_KINDS, type ReadingPointDto, type ReadingPointInput } from '../../../../contracts/readings.js';
import type { Page } from '../../../../contracts/types.js';
import { hasPermission, siteScope } from '../../platform/access/actor.js';
import { assertCan, assertReadable } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { deactivateSchedule, generateFor, saveSchedule } from '../../platform/occurrences/engine.js';
import { recurrenceProblems } from '../../platform/occurrences/recurrence.js';
import { findQrByCode } from '../equipment/index.js';
import { locationPathNames } from '../org/index.js';
import { patrolPlanSite } from '../patrols/index.js';
import { bandText } from './band.js';
import {
  findPoint,
  listPoints,
  nextDue,
  openDeviationCounts,
  POINT_OWNER,
  type PointFilter,
  type PointListRow,
  type PointRow,
  targetRows,
} from './points.repository.js';

const CODE_PATTERN = /^[A-Za-z0-9_.-]{1,40}$/;
const VALUE_MAX = 1e12;
/** a week: a reading later than that is not "for" the due time any more */
const WINDOW_MAX = 7 * 1440;
const RECHECK_MAX = 30 * 1440;

const num = (v: number | null) => (v === null ? null : Number(v));
const ruleOf = (r: Pick<PointListRow, 'recurrence'>): Recurrence | null =>
  r.recurrence ? (JSON.parse(r.recurrence) as Recurrence | null) : null;

/** The DTOs of a page of points: target names, next due times and open deviations in a few queries. */
export async function toPointDtos(db: Db | Tx, orgId: string, rows: PointListRow[]): Promise<ReadingPointDto[]> {
  const ids = rows.map((r) => r.id);
  const [next, open, targets] = await Promise.all([nextDue(db, ids), openDeviationCounts(db, ids), targetRows(db, orgId, rows)]);
  const locPaths = await locationPathNames(db as Db, orgId, targets.locations);
  const assetLocs = targets.assets
    .filter((a) => a.location_id && a.path)
    .map((a) => ({
      id: a.location_id as string,
      site_id: a.site_id,
      path: a.path as string,
      name: a.location_name as string,
      parent_id: a.parent_id,
    }));
  const assetPaths = await locationPathNames(db as Db, orgId, assetLocs);
  const locBy = new Map(targets.locations.map((l) => [l.id, l]));
  const assetBy = new Map(targets.assets.map((a) => [a.id, a]));
  return rows.map((r): ReadingPointDto => {
    let targetName = '';
    let targetPath: string | null = null;
    if (r.target_type === 'location') {
      const l = locBy.get(r.target_id);
      targetName = l?.name ?? '';
      targetPath = l ? (locPaths.get(l.id) ?? l.name) : null;
    } else {
      const a = assetBy.get(r.target_id);
      targetName = a ? `${a.code} ${a.name}` : '';
      targetPath = a?.location_id ? (assetPaths.get(a.location_id) ?? null) : null;
    }
    const band = { target: num(r.target), tolerance: num(r.tolerance), min: num(r.min), max: num(r.max) };
    return {
      id: r.id,
      siteId: r.site_id,
      siteName: r.site_name,
      code: r.code,
      name: r.name,
      targetType: r.target_type,
      targetId: r.target_id,
      targetName,
      targetPath,
      kind: r.kind,
      quantity: r.quantity,
      unit: r.unit,
      meterKind: r.meter_kind,
      ...band,
      bandText: bandText(band, r.unit),
      recurrence: ruleOf(r),
      windowMinutes: Number(r.window_minutes),
      recheckMinutes: Number(r.recheck_minutes),
      patrolPlanId: r.patrol_plan_id,
      patrolPlanName: r.patrol_plan_name,
      active: r.active === 1,
      lastValue: num(r.last_value),
      lastReadAt: r.last_read_at ? new Date(r.last_read_at).toISOString() : null,
      lastInBand: r.last_in_band === null ? null : r.last_in_band === 1,
      nextDueAt: next.get(r.id) ?? null,
      openDeviations: open.get(r.id) ?? 0,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: Number(r.version),
    };
  });
}

/** A point of a site where the actor reads readings; 404 otherwise (also for other sites' ids). */
export async function readablePoint(ctx: Ctx, id: string): Promise<PointListRow> {
  const row = await findPoint(ctx.db, ctx.actor.orgId, id);
  if (!row) throw notFound('读数点');
  assertReadable(ctx, 'readings:read', row.site_id, '读数点');
  return row;
}

export async function getPoint(ctx: Ctx, id: string): Promise<ReadingPointDto> {
  const row = await readablePoint(ctx, id);
  const [dto] = await toPointDtos(ctx.db, ctx.actor.orgId, [row]);
  return dto as ReadingPointDto;
}

/**
 * The target of a scanned QR: the code itself, or any text ending in `/q/<code>` (the URL
 * a label encodes). Null when the text holds no known code of the organisation.
 */
export async function qrTarget(db: Db, orgId: string, scanned: string): Promise<{ type: 'location' | 'asset'; id: string } | null> {
  const code = (scanned.trim().match(/\/q\/([^/?#\s]+)\/?(?:[?#].*)?$/)?.[1] ?? scanned.trim()).toUpperCase();
  if (!code || code.length > 40) return null;
  const row = await findQrByCode(db, code);
  if (!row || row.org_id !== orgId) return null;
  return { type: row.target_type, id: row.target_id };
}

export async function searchPoints(ctx: Ctx, filter: PointFilter & { qr?: string }): Promise<Page<ReadingPointDto>> {
  const { qr, ...rest } = filter;
  const f: PointFilter = { ...rest };
  if (qr !== undefined) {
    const target = await qrTarget(ctx.db, ctx.actor.orgId, qr);
    // an unknown code finds nothing rather than every point
    if (!target) return { items: [], nextCursor: null };
    f.targetType = target.type;
    f.targetId = target.id;
  }
  const page = await listPoints(ctx.db, ctx.actor.orgId, siteScope(ctx.actor, 'readings:read'), f);
  return { items: await toPointDtos(ctx.db, ctx.actor.orgId, page.items), nextCursor: page.nextCursor };
}

type PointFields = Pick<
  PointRow,
  | 'site_id'
  | 'code'
  | 'name'
  | 'target_type'
  | 'target_id'
  | 'kind'
  | 'quantity'
  | 'unit'
  | 'meter_kind'
  | 'target'
  | 'tolerance'
  | 'min'
  | 'max'
  | 'window_minutes'
  | 'recheck_minutes'
  | 'patrol_plan_id'
>;

function fieldsOf(input: ReadingPointInput): PointFields {
  return {
    site_id: input.siteId,
    code: input.code.trim(),
    name: input.name.trim(),
    target_type: input.targetType,
    target_id: input.targetId,
    kind: input.kind,
    quantity: input.quantity.trim(),
    unit: input.unit.trim(),
    meter_kind: input.meterKind ?? null,
    target: input.target ?? null,
    tolerance: input.tolerance ?? null,
    min: input.min ?? null,
    max: input.max ?? null,
    window_minutes: input.windowMinutes,
    recheck_minutes: input.recheckMinutes,
    patrol_plan_id: input.patrolPlanId ?? null,
  };
}

const finite = (v: number | null) => v === null || (Number.isFinite(v) && Math.abs(v) <= VALUE_MAX);

/** Every problem with the point, in Chinese, field by field. */
async function checkPoint(ctx: Ctx, f: PointFields, recurrence: Recurrence | null, id: string | null): Promise<void> {
  const check = new FieldCheck();
  const db = ctx.db;
  const orgId = ctx.actor.orgId;
  const site = await db
    .selectFrom('sites')
    .select(['id', 'active'])
    .where('org_id', '=', orgId)
    .where('id', '=', f.site_id)
    .executeTakeFirst();
  const siteOk = site !== undefined && hasPermission(ctx.actor, 'readings:manage', site.id);
  if (!siteOk) check.add('siteId', '场所不存在，或您无权在该场所管理读数点');
  if (!CODE_PATTERN.test(f.code)) check.add('code', '编码须为 1–40 位字母、数字、点、横线或下划线');
  else {
    const dup = await db
      .selectFrom('reading_points')
      .select('id')
      .where('org_id', '=', orgId)
      .where('code', '=', f.code)
      .where('id', '!=', id ?? '')
      .executeTakeFirst();
    if (dup) check.add('code', `编码 ${f.code} 已被其他读数点使用`);
  }
  if (!f.name) check.add('name', '请填写读数点名称');
  else if (f.name.length > 100) check.add('name', '名称不能超过 100 个字');
  if (!f.quantity) check.add('quantity', '请填写测量项目，如“温度”');
  else if (f.quantity.length > 20) check.add('quantity', '测量项目不能超过 20 个字');
  if (!f.unit) check.add('unit', '请填写单位，如“°C”');
  else if (f.unit.length > 20) check.add('unit', '单位不能超过 20 个字');
  if (f.target_type === 'location') {
    const loc = await db
      .selectFrom('locations')
      .select(['site_id', 'active'])
      .where('org_id', '=', orgId)
      .where('id', '=', f.target_id)
      .executeTakeFirst();
    if (!loc || loc.site_id !== f.site_id) check.add('targetId', '位置不存在或不属于所选场所');
    else if (loc.active !== 1) check.add('targetId', '位置已停用');
  } else {
    const asset = await db
      .selectFrom('assets')
      .select(['site_id', 'status'])
      .where('org_id', '=', orgId)
      .where('id', '=', f.target_id)
      .executeTakeFirst();
    if (!asset || asset.site_id !== f.site_id) check.add('targetId', '设备不存在或不属于所选场所');
    else if (asset.status === 'scrapped') check.add('targetId', '设备已报废');
  }
  if (!(READING_POINT_KINDS as readonly string[]).includes(f.kind)) check.add('kind', '请选择读数类型');
  const hasTarget = f.target !== null || f.tolerance !== null;
  const hasRange = f.min !== null || f.max !== null;
  for (const [field, v] of [
    ['target', f.target],
    ['tolerance', f.tolerance],
    ['min', f.min],
    ['max', f.max],
  ] as const) {
    if (!finite(v)) check.add(field, '须为有效数值');
  }
  if (f.kind === 'cumulative') {
    if (!f.meter_kind) check.add('meterKind', '累计型读数点（计量表）须选择表计类型');
    else if (!(METER_KINDS as readonly string[]).includes(f.meter_kind)) check.add('meterKind', '表计类型无效');
    if (hasTarget || hasRange) check.add('target', '累计型读数点（计量表）没有合格范围，请清空目标值、允差和上下限');
  } else {
    if (f.meter_kind) check.add('meterKind', '只有累计型读数点（计量表）才有表计类型');
    if (hasTarget && hasRange) check.add('target', '合格范围只能填“目标值 ± 允差”或“下限–上限”其中一种');
    else if (hasTarget) {
      if (f.target === null) check.add('target', '填写允差时须同时填写目标值');
      if (f.tolerance === null) check.add('tolerance', '填写目标值时须同时填写允差');
      else if (f.tolerance < 0) check.add('tolerance', '允差不能小于 0');
    } else if (f.min !== null && f.max !== null && f.min > f.max) check.add('max', '上限不能小于下限');
  }
  const int = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;
  if (!int(f.window_minutes, 1, WINDOW_MAX)) check.add('windowMinutes', `按时读数的时限须为 1–${WINDOW_MAX} 分钟的整数`);
  if (!int(f.recheck_minutes, 1, RECHECK_MAX)) check.add('recheckMinutes', `复测时限须为 1–${RECHECK_MAX} 分钟的整数`);
  if (recurrence) for (const p of recurrenceProblems(recurrence)) check.add(p.field, p.message);
  if (f.patrol_plan_id) {
    // the bulk form groups a route's points by it
    if ((await patrolPlanSite(db, orgId, f.patrol_plan_id)) !== f.site_id) check.add('patrolPlanId', '巡检路线不存在或不属于所选场所');
  }
  check.throwIfAny();
}

/** Writes the point's schedule and generates its occurrences; without a rule or when inactive, it just stops. */
async function savePointSchedule(tx: Tx, point: PointRow, recurrence: Recurrence | null, now: Date): Promise<void> {
  if (!recurrence) {
    await deactivateSchedule(tx, POINT_OWNER, point.id, now);
    return;
  }
  const schedule = await saveSchedule(
    tx,
    {
      orgId: point.org_id,
      siteId: point.site_id,
      ownerType: POINT_OWNER,
      ownerId: point.id,
      recurrence,
      windowMinutes: point.window_minutes,
      active: point.active === 1,
    },
    now,
  );
  if (point.active === 1) await generateFor(tx, schedule, now);
}

function stored(r: PointListRow): PointRow {
  const { site_name: _n, site_timezone: _z, recurrence: _r, patrol_plan_name: _p, ...row } = r;
  return row;
}

const auditRow = (row: PointFields | PointRow, recurrence: Recurrence | null) => ({
  ...row,
  last_value: undefined,
  last_read_at: undefined,
  last_in_band: undefined,
  missed_notified_on: undefined,
  recurrence,
});

export async function createPoint(ctx: Ctx, input: ReadingPointInput): Promise<ReadingPointDto> {
  const fields = fieldsOf(input);
  const recurrence = input.recurrence ?? null;
  await checkPoint(ctx, fields, recurrence, null);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const row: PointRow = {
    ...fields,
    id: newId(),
    org_id: ctx.actor.orgId,
    active: 1,
    last_value: null,
    last_read_at: null,
    last_in_band: null,
    missed_notified_on: null,
    created_by: ctx.actor.userId,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('reading_points').values(row).execute();
    await savePointSchedule(tx, row, recurrence, now);
    await writeAudit(ctx, tx, {
      entity: 'reading_point',
      entityId: row.id,
      siteId: row.site_id,
      action: 'create',
      after: auditRow(row, recurrence),
    });
  });
  return getPoint(ctx, row.id);
}

/** Replaces a point (a stale version answers 409); its schedule follows for future occurrences only. */
export async function updatePoint(ctx: Ctx, id: string, input: ReadingPointInput & { version: number }): Promise<ReadingPointDto> {
  const before = await readablePoint(ctx, id);
  assertCan(ctx, 'readings:manage', before.site_id);
  const fields = fieldsOf(input);
  const recurrence = input.recurrence ?? null;
  await checkPoint(ctx, fields, recurrence, id);
  const check = new FieldCheck();
  // readings already taken belong to the site and the kind they were taken as
  if (fields.site_id !== before.site_id) check.add('siteId', '读数点不能改到其他场所，请新建读数点');
  if (fields.kind !== before.kind && before.last_read_at) check.add('kind', '已有读数的读数点不能更改读数类型');
  check.throwIfAny();
  const now = ctx.clock.now();
  const at = now.toISOString();
  const old = stored(before);
  const after: PointRow = { ...old, ...fields, updated_at: at, version: Number(before.version) + 1 };
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'reading_points', id, input.version, fields, at);
    await savePointSchedule(tx, after, recurrence, now);
    await writeAudit(ctx, tx, {
      entity: 'reading_point',
      entityId: id,
      siteId: after.site_id,
      action: 'update',
      before: auditRow(old, ruleOf(before)),
      after: auditRow(after, recurrence),
    });
  });
  return getPoint(ctx, id);
}

/** Stops or restarts a point: stopping drops its future occurrences, restarting generates them again. */
export async function setPointActive(ctx: Ctx, id: string, version: number, active: boolean): Promise<ReadingPointDto> {
  const before = await readablePoint(ctx, id);
  assertCan(ctx, 'readings:manage', before.site_id);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const after: PointRow = { ...stored(before), active: active ? 1 : 0, updated_at: at, version: Number(before.version) + 1 };
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'reading_points', id, version, { active: after.active }, at);
    if (active) await savePointSchedule(tx, after, ruleOf(before), now);
    else await deactivateSchedule(tx, POINT_OWNER, id, now);
    await writeAudit(ctx, tx, {
      entity: 'reading_point',
      entityId: id,
      siteId: before.site_id,
      action: active ? 'activate' : 'deactivate',
      before: { active: before.active },
      after: { active: after.active },
    });
  });
  return getPoint(ctx, id);
}
