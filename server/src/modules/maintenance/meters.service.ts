import type { MeterReadingDto, MeterReadingInput } from '../../../../contracts/maintenance.js';
import type { Page } from '../../../../contracts/types.js';
import { assertCan, assertReadable } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import type { Row } from '../../platform/db/schema.js';
import { notFound } from '../../platform/http/errors.js';
import { keysetPage, type PageQuery } from '../../platform/http/paging.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { addOccurrence } from '../../platform/occurrences/engine.js';
import { PLAN_OWNER } from './schedule.js';

type ReadingRow = Row<'asset_meter_readings'>;
const METER_MAX = 1e12;
/** a reading may be dated a little ahead of the server clock (a phone's clock runs fast) */
const CLOCK_SKEW_MS = 5 * 60_000;

async function assetFor(ctx: Ctx, id: string) {
  const asset = await ctx.db
    .selectFrom('assets')
    .select(['id', 'site_id', 'name'])
    .where('org_id', '=', ctx.actor.orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!asset) throw notFound('设备');
  assertReadable(ctx, 'maintenance:read', asset.site_id, '设备');
  return asset;
}

function toDto(r: ReadingRow & { read_by_name: string | null }): MeterReadingDto {
  return {
    id: r.id,
    assetId: r.asset_id,
    meterName: r.meter_name,
    unit: r.unit,
    value: Number(r.value),
    readAt: r.read_at,
    readBy: r.read_by,
    readByName: r.read_by_name,
    note: r.note,
    createdAt: r.created_at,
  };
}

function readingsQuery(db: Ctx['db'] | Tx, assetId: string) {
  return db
    .selectFrom('asset_meter_readings as r')
    .leftJoin('users as u', 'u.id', 'r.read_by')
    .selectAll('r')
    .select('u.name as read_by_name')
    .where('r.asset_id', '=', assetId);
}

export async function listReadings(ctx: Ctx, assetId: string, f: PageQuery & { meterName?: string }): Promise<Page<MeterReadingDto>> {
  const asset = await assetFor(ctx, assetId);
  let q = readingsQuery(ctx.db, asset.id);
  if (f.meterName) q = q.where('r.meter_name', '=', f.meterName);
  const page = await keysetPage<ReadingRow & { read_by_name: string | null }>(
    q,
    { columns: { readAt: 'r.read_at', id: 'r.id' }, default: '-readAt', id: 'r.id' },
    f,
    (row, key) => (key === 'readAt' ? row.read_at : row.id),
  );
  return { items: page.items.map(toDto), nextCursor: page.nextCursor };
}

/** The nearest readings of the meter before and after an instant: a cumulative meter only goes up. */
async function neighbours(tx: Tx, assetId: string, meterName: string, at: string) {
  const base = tx
    .selectFrom('asset_meter_readings')
    .select(['value', 'unit'])
    .where('asset_id', '=', assetId)
    .where('meter_name', '=', meterName);
  const before = await base.where('read_at', '<=', at).orderBy('read_at', 'desc').orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  const after = await base.where('read_at', '>', at).orderBy('read_at', 'asc').limit(1).executeTakeFirst();
  return { before, after };
}

const fmt = (v: number) => String(Number(v));

/**
 * Records a reading of a cumulative meter (运行小时, 公里…). Each active meter plan of the
 * asset on that meter whose interval has been reached since its baseline, and that has
 * no open occurrence, gets one due at the reading's time; its baseline moves to this
 * reading, so the next falls one interval later. The occurrence job raises the order.
 */
export async function recordReading(ctx: Ctx, assetId: string, input: MeterReadingInput): Promise<MeterReadingDto> {
  const asset = await assetFor(ctx, assetId);
  assertCan(ctx, 'maintenance:record', asset.site_id);
  const check = new FieldCheck();
  const meterName = input.meterName.trim();
  if (!meterName) check.add('meterName', '请填写计量名称，如“运行小时”');
  if (!Number.isFinite(input.value) || input.value < 0 || input.value > METER_MAX) check.add('value', '读数须为不小于 0 的数值');
  const now = ctx.clock.now();
  let readAt = now;
  if (input.readAt) {
    const ms = Date.parse(input.readAt);
    if (Number.isNaN(ms)) check.add('readAt', '读数时间格式不正确');
    else if (ms > now.getTime() + CLOCK_SKEW_MS) check.add('readAt', '读数时间不能晚于当前时间');
    else readAt = new Date(ms);
  }
  check.throwIfAny();
  const at = now.toISOString();
  const id = newId();
  await ctx.db.transaction().execute(async (tx) => {
    const { before, after } = await neighbours(tx, asset.id, meterName, readAt.toISOString());
    if (before && input.value < Number(before.value)) check.add('value', `读数不能小于上次读数 ${fmt(before.value)}`);
    if (after && input.value > Number(after.value)) check.add('value', `读数不能大于之后的读数 ${fmt(after.value)}`);
    check.throwIfAny();
    const plans = await tx
      .selectFrom('maintenance_plans')
      .selectAll()
      .where('asset_id', '=', asset.id)
      .where('trigger', '=', 'meter')
      .where('active', '=', 1)
      .where('meter_name', '=', meterName)
      .execute();
    const row: ReadingRow = {
      id,
      org_id: ctx.actor.orgId,
      site_id: asset.site_id,
      asset_id: asset.id,
      meter_name: meterName,
      unit: input.unit?.trim() || before?.unit || plans[0]?.meter_unit || null,
      value: input.value,
      read_at: readAt.toISOString(),
      read_by: ctx.actor.userId,
      note: input.note?.trim() || null,
      created_at: at,
    };
    await tx.insertInto('asset_meter_readings').values(row).execute();
    await writeAudit(ctx, tx, { entity: 'asset_meter_reading', entityId: id, siteId: asset.site_id, action: 'create', after: row });
    for (const plan of plans) {
      const baseline = Number(plan.meter_baseline ?? 0);
      if (plan.meter_interval === null || input.value - baseline < Number(plan.meter_interval)) continue;
      const open = await tx
        .selectFrom('occurrences')
        .select('id')
        .where('owner_type', '=', PLAN_OWNER)
        .where('owner_id', '=', plan.id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (open) continue;
      const occ = await addOccurrence(tx, PLAN_OWNER, plan.id, readAt, now);
      if (!occ) continue;
      await tx
        .updateTable('maintenance_plans')
        .set({ meter_baseline: input.value, updated_at: at, version: Number(plan.version) + 1 })
        .where('id', '=', plan.id)
        .execute();
      await writeAudit(ctx, tx, {
        entity: 'maintenance_plan',
        entityId: plan.id,
        siteId: plan.site_id,
        action: 'meter_due',
        before: { meter_baseline: plan.meter_baseline },
        after: { meter_baseline: input.value, occurrence_id: occ.id, due_at: occ.due_at },
      });
    }
  });
  const saved = await readingsQuery(ctx.db, asset.id).where('r.id', '=', id).executeTakeFirstOrThrow();
  return toDto(saved);
}
