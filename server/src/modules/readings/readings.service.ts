import { type SqlBool, sql } from 'kysely';
import type { FieldError } from '../../../../contracts/errors.js';
import type {
  BulkReadingsInput,
  BulkReadingsResult,
  DeviceReadingInput,
  DeviceReadingsResult,
  ReadingDto,
  ReadingInput,
  ReadingSource,
} from '../../../../contracts/readings.js';
import type { Page } from '../../../../contracts/types.js';
import { hasPermission, inScope, siteScope } from '../../platform/access/actor.js';
import { assertCan } from '../../platform/access/policy.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import { validation } from '../../platform/http/errors.js';
import { keysetPage, type PageQuery } from '../../platform/http/paging.js';
import { readablePoint } from './points.service.js';
import { type NewReading, type ReadingRow, recordIn } from './record.js';

/** a reading may be dated a little ahead of the server clock (a phone's or a logger's clock runs fast) */
const CLOCK_SKEW_MS = 5 * 60_000;
const VALUE_MAX = 1e12;
const EARLIEST = Date.UTC(1970, 0, 1);
/** one device call, one bulk form */
export const DEVICE_MAX = 500;

type ListRow = ReadingRow & { point_code: string; point_name: string; unit: string; read_by_name: string | null };

function toDto(r: ListRow): ReadingDto {
  return {
    id: r.id,
    pointId: r.point_id,
    pointCode: r.point_code,
    pointName: r.point_name,
    siteId: r.site_id,
    value: Number(r.value),
    unit: r.unit,
    readAt: new Date(r.read_at).toISOString(),
    readBy: r.read_by,
    readByName: r.read_by_name,
    source: r.source,
    inBand: r.in_band === null ? null : r.in_band === 1,
    consumption: r.consumption === null ? null : Number(r.consumption),
    occurrenceId: r.occurrence_id,
    deviationId: r.deviation_id,
    isRecheck: r.is_recheck === 1,
    note: r.note,
    createdAt: r.created_at,
  };
}

function readingsQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('readings as r')
    .innerJoin('reading_points as p', 'p.id', 'r.point_id')
    .leftJoin('users as u', 'u.id', 'r.read_by')
    .selectAll('r')
    .select(['p.code as point_code', 'p.name as point_name', 'p.unit', 'u.name as read_by_name'])
    .where('r.org_id', '=', orgId);
}

async function dtosOf(db: Db | Tx, orgId: string, ids: string[]): Promise<ReadingDto[]> {
  if (!ids.length) return [];
  const rows = (await readingsQuery(db, orgId).where('r.id', 'in', ids).execute()) as ListRow[];
  const by = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => toDto(by.get(id) as ListRow));
}

/** The value and time of one reading, checked; problems are added under `prefix`. */
function checkValue(errors: FieldError[], prefix: string, value: number, readAt: string | null | undefined, now: Date): Date {
  if (!Number.isFinite(value) || Math.abs(value) > VALUE_MAX) errors.push({ field: `${prefix}value`, message: '读数须为有效数值' });
  if (!readAt) return now;
  const ms = Date.parse(readAt);
  if (Number.isNaN(ms) || ms < EARLIEST) errors.push({ field: `${prefix}readAt`, message: '读数时间格式不正确' });
  else if (ms > now.getTime() + CLOCK_SKEW_MS) errors.push({ field: `${prefix}readAt`, message: '读数时间不能晚于当前时间' });
  else return new Date(Math.min(ms, now.getTime()));
  return now;
}

const noteOf = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** Records a batch in one transaction, in time order (a meter's readings must go forwards); answers the DTOs in input order. */
async function recordAll(ctx: Ctx, items: NewReading[]): Promise<ReadingDto[]> {
  const order = items.map((item, i) => ({ item, i })).sort((a, b) => a.item.readAt.getTime() - b.item.readAt.getTime() || a.i - b.i);
  const ids: string[] = new Array(items.length);
  await ctx.db.transaction().execute(async (tx) => {
    for (const { item, i } of order) ids[i] = (await recordIn(ctx, tx, item)).id;
  });
  return dtosOf(ctx.db, ctx.actor.orgId, ids);
}

/** POST /reading-points/:id/readings: one reading on a phone after scanning the point. */
export async function recordReading(ctx: Ctx, pointId: string, input: ReadingInput): Promise<ReadingDto> {
  const point = await readablePoint(ctx, pointId);
  assertCan(ctx, 'readings:record', point.site_id);
  const errors: FieldError[] = [];
  const readAt = checkValue(errors, '', input.value, input.readAt, ctx.clock.now());
  if (point.active !== 1) errors.push({ field: 'value', message: '读数点已停用' });
  if (errors.length) throw validation(errors);
  const [dto] = await recordAll(ctx, [{ pointId, value: input.value, readAt, note: noteOf(input.note), source: 'manual', field: 'value' }]);
  return dto as ReadingDto;
}

interface PointRef {
  id: string;
  site_id: string;
  active: number;
  code: string;
}

/** The points of a batch by id or code, each checked for the permission on its site. */
function checkPoint(
  ctx: Ctx,
  errors: FieldError[],
  field: string,
  point: PointRef | undefined,
  perm: 'readings:record' | 'readings:push' | 'readings:manage',
): point is PointRef {
  // a device token holds readings:push alone: its scope is the push permission's
  const visible = point && (perm === 'readings:push' || inScope(siteScope(ctx.actor, 'readings:read'), point.site_id));
  if (!point || !visible || !hasPermission(ctx.actor, perm, point.site_id)) {
    errors.push({ field, message: perm === 'readings:push' ? '读数点编码不存在，或此令牌无权向该读数点推送' : '读数点不存在或无权录入' });
    return false;
  }
  if (point.active !== 1) {
    errors.push({ field, message: `读数点 ${point.code} 已停用` });
    return false;
  }
  return true;
}

function pointRefs(db: Db, orgId: string, by: 'id' | 'code', keys: string[]): Promise<PointRef[]> {
  if (!keys.length) return Promise.resolve([]);
  return db
    .selectFrom('reading_points')
    .select(['id', 'site_id', 'active', 'code'])
    .where('org_id', '=', orgId)
    .where(by, 'in', [...new Set(keys)])
    .execute();
}

/** POST /readings/bulk: a whole route at once, all or nothing; a refusal names its line (`lines.3.value`). */
export async function recordBulk(ctx: Ctx, input: BulkReadingsInput): Promise<BulkReadingsResult> {
  const errors: FieldError[] = [];
  const now = ctx.clock.now();
  if (!input.lines.length) errors.push({ field: 'lines', message: '请至少填写一个读数' });
  const readAt = checkValue(errors, '', 0, input.readAt, now);
  const points = new Map(
    (
      await pointRefs(
        ctx.db,
        ctx.actor.orgId,
        'id',
        input.lines.map((l) => l.pointId),
      )
    ).map((p) => [p.id, p]),
  );
  const seen = new Set<string>();
  const items: NewReading[] = [];
  input.lines.forEach((line, i) => {
    const p = `lines.${i}.`;
    const point = points.get(line.pointId);
    if (checkPoint(ctx, errors, `${p}pointId`, point, 'readings:record')) {
      if (seen.has(point.id)) errors.push({ field: `${p}pointId`, message: `读数点 ${point.code} 重复` });
      seen.add(point.id);
    }
    checkValue(errors, p, line.value, null, now);
    items.push({ pointId: line.pointId, value: line.value, readAt, note: noteOf(line.note), source: 'bulk', field: `${p}value` });
  });
  if (errors.length) throw validation(errors);
  return { items: await recordAll(ctx, items) };
}

/**
 * POST /readings/device: a logger or a building-management system pushing with an API
 * token that holds readings:push; points are named by code. One reading or up to 500,
 * all or nothing; refusals name the index (`3.value`).
 */
export async function pushReadings(ctx: Ctx, body: DeviceReadingInput | DeviceReadingInput[]): Promise<DeviceReadingsResult> {
  const list = Array.isArray(body) ? body : [body];
  const prefix = (i: number) => (Array.isArray(body) ? `${i}.` : '');
  const errors: FieldError[] = [];
  const now = ctx.clock.now();
  if (!list.length) errors.push({ field: '', message: '没有读数' });
  const points = new Map(
    (
      await pointRefs(
        ctx.db,
        ctx.actor.orgId,
        'code',
        list.map((l) => l.pointCode),
      )
    ).map((p) => [p.code, p]),
  );
  const items: NewReading[] = [];
  list.forEach((line, i) => {
    const p = prefix(i);
    const point = points.get(line.pointCode);
    const ok = checkPoint(ctx, errors, `${p}pointCode`, point, 'readings:push');
    const readAt = checkValue(errors, p, line.value, line.readAt, now);
    if (ok) items.push({ pointId: point.id, value: line.value, readAt, note: null, source: 'device', field: `${p}value` });
  });
  if (errors.length) throw validation(errors);
  const saved = await recordAll(ctx, items);
  return { accepted: saved.length, items: saved };
}

/** Import lines, already resolved by the import spec: recorded in the import's transaction. */
export async function importReadings(
  ctx: Ctx,
  tx: Tx,
  items: { pointId: string; value: number; readAt: Date; note: string | null }[],
): Promise<void> {
  const order = [...items].sort((a, b) => a.readAt.getTime() - b.readAt.getTime());
  for (const item of order) await recordIn(ctx, tx, { ...item, source: 'import' satisfies ReadingSource, field: 'value' });
}

export interface ReadingFilter extends PageQuery {
  /** the point's code or name contains it */
  q?: string;
  pointId?: string;
  siteId?: string[];
  from?: string;
  to?: string;
  inBand?: boolean;
  source?: ReadingSource;
}

function checkRange(from?: string, to?: string): { from?: string; to?: string } {
  const errors: FieldError[] = [];
  const parse = (field: string, v?: string) => {
    if (!v) return undefined;
    const ms = Date.parse(v);
    if (Number.isNaN(ms) || ms < EARLIEST || ms >= Date.UTC(10000, 0, 1)) {
      errors.push({ field, message: '时间格式不正确（ISO 8601）' });
      return undefined;
    }
    return new Date(ms).toISOString();
  };
  const out = { from: parse('from', from), to: parse('to', to) };
  if (errors.length) throw validation(errors);
  return out;
}

export async function searchReadings(ctx: Ctx, f: ReadingFilter): Promise<Page<ReadingDto>> {
  const scope = siteScope(ctx.actor, 'readings:read');
  const { from, to } = checkRange(f.from, f.to);
  let q = readingsQuery(ctx.db, ctx.actor.orgId);
  if (scope !== 'all') q = scope.length ? q.where('r.site_id', 'in', scope) : q.where(sql<SqlBool>`1 = 0`);
  if (f.pointId) {
    // a point of another site reads as missing
    await readablePoint(ctx, f.pointId);
    q = q.where('r.point_id', '=', f.pointId);
  }
  if (f.siteId?.length) q = q.where('r.site_id', 'in', f.siteId);
  if (from) q = q.where('r.read_at', '>=', from);
  if (to) q = q.where('r.read_at', '<', to);
  if (f.inBand !== undefined) q = q.where('r.in_band', '=', f.inBand ? 1 : 0);
  if (f.source) q = q.where('r.source', '=', f.source);
  if (f.q) {
    // the matching points first, so the readings are still found by (point_id, read_at)
    const term = f.q;
    q = q.where('r.point_id', 'in', (eb) =>
      eb
        .selectFrom('reading_points as qp')
        .select('qp.id')
        .where('qp.org_id', '=', ctx.actor.orgId)
        .where(matchesAny(ctx.db, ['qp.code', 'qp.name'], term)),
    );
  }
  const page = await keysetPage<ListRow>(
    q,
    { columns: { readAt: 'r.read_at', id: 'r.id' }, default: '-readAt', id: 'r.id' },
    f,
    (row, key) => (key === 'readAt' ? new Date(row.read_at).toISOString() : row.id),
  );
  return { items: page.items.map(toDto), nextCursor: page.nextCursor };
}

export { checkRange };
