import { inScope, siteScope } from '../../platform/access/actor.js';
import { assertCan } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { siteTimeZone, zonedDayStart, zonedParts } from '../../platform/numbering/time.js';
import { isCalendarDate } from './fire.dates.js';
import {
  type CheckListRow,
  type FireCheckRow,
  type FireServiceRow,
  findFireAsset,
  listChecks,
  listServices,
  type RecordFilter,
  type ServiceListRow,
} from './fire.repository.js';
import { setAssetsLost } from './stocktake.repository.js';
import { actingUserId, pathNames } from './stocktake.service.js';

export const FIRE_SERVICE_KINDS = ['service', 'inspection', 'replace'] as const;
export type FireServiceKind = (typeof FIRE_SERVICE_KINDS)[number];
export const FIRE_SERVICE_KIND_LABELS: Record<FireServiceKind, string> = { service: '维修/再充装', inspection: '检测', replace: '更换' };

export interface FireCheckInput {
  assetId: string;
  present: boolean;
  gaugeOk?: boolean | null;
  sealOk?: boolean | null;
  note?: string | null;
}

export interface FireServiceInput {
  assetId: string;
  servicedOn: string;
  kind: FireServiceKind;
  vendor?: string | null;
  note?: string | null;
  /** with `replace`: the new unit's production date */
  productionDate?: string | null;
}

/** `YYYY-MM-DD` of an instant in a zone. */
export function localDate(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

const bool = (v: number | null) => (v === null ? null : v === 1);

/** A fire item the actor may see (assets:read or fire:check on its site); 404 otherwise. */
async function fireAsset(ctx: Ctx, id: string) {
  const asset = await findFireAsset(ctx.db, ctx.actor.orgId, id);
  const visible =
    asset && (inScope(siteScope(ctx.actor, 'assets:read'), asset.site_id) || inScope(siteScope(ctx.actor, 'fire:check'), asset.site_id));
  if (!asset || !visible) throw notFound('资产');
  assertCan(ctx, 'fire:check', asset.site_id);
  const check = new FieldCheck();
  if (!asset.fire_rule_id) check.add('assetId', '该资产不是消防器材（未设置消防器材类型）');
  if (asset.status === 'scrapped') check.add('assetId', '该器材已报废');
  return { asset, check };
}

async function flagAsset(
  ctx: Ctx,
  tx: Tx,
  asset: { id: string; site_id: string; lost: number },
  lost: 0 | 1,
  checkId: string,
  now: string,
) {
  await setAssetsLost(tx, [asset.id], lost, now);
  await writeAudit(ctx, tx, {
    entity: 'asset',
    entityId: asset.id,
    siteId: asset.site_id,
    action: lost ? 'lost' : 'found',
    before: { lost: asset.lost },
    after: { lost, fire_check_id: checkId },
  });
}

/**
 * The monthly check (可使用、不遗失): usable means present with the gauge in the green
 * and the seal intact. An item not found is flagged lost on the spot; finding it again
 * at a later check clears the flag.
 */
export async function recordCheck(ctx: Ctx, input: FireCheckInput) {
  const { asset, check } = await fireAsset(ctx, input.assetId);
  if (input.present) {
    if (input.gaugeOk === undefined || input.gaugeOk === null) check.add('gaugeOk', '在位的器材须填写压力表是否在绿区');
    if (input.sealOk === undefined || input.sealOk === null) check.add('sealOk', '在位的器材须填写铅封是否完好');
  }
  check.throwIfAny();
  const now = ctx.clock.now().toISOString();
  const row: FireCheckRow = {
    id: newId(),
    org_id: ctx.actor.orgId,
    site_id: asset.site_id,
    asset_id: asset.id,
    checked_at: now,
    checked_by: actingUserId(ctx),
    present: input.present ? 1 : 0,
    gauge_ok: input.present ? (input.gaugeOk ? 1 : 0) : null,
    seal_ok: input.present ? (input.sealOk ? 1 : 0) : null,
    usable: input.present && input.gaugeOk && input.sealOk ? 1 : 0,
    note: input.note ?? null,
    created_at: now,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('fire_checks').values(row).execute();
    await writeAudit(ctx, tx, { entity: 'fire_check', entityId: row.id, siteId: asset.site_id, action: 'create', after: row });
    if (!input.present && asset.lost === 0) await flagAsset(ctx, tx, asset, 1, row.id, now);
    if (input.present && asset.lost === 1) await flagAsset(ctx, tx, asset, 0, row.id, now);
  });
  const page = await listChecks(ctx.db, ctx.actor.orgId, 'all', { id: row.id });
  const [dto] = await checkDtos(ctx, page.items);
  if (!dto) throw notFound('检查记录');
  return dto;
}

export async function checkDtos(ctx: Ctx, rows: CheckListRow[]) {
  const paths = await pathNames(
    ctx,
    rows.map((r) => r.location_id),
  );
  return rows.map((r) => ({
    id: r.id,
    assetId: r.asset_id,
    assetCode: r.asset_code,
    assetName: r.asset_name,
    siteId: r.site_id,
    siteName: r.site_name,
    locationPath: r.location_id ? (paths.get(r.location_id) ?? null) : null,
    checkedAt: r.checked_at,
    checkedBy: r.checked_by,
    checkedByName: r.checked_by_name,
    present: r.present === 1,
    gaugeOk: bool(r.gauge_ok),
    sealOk: bool(r.seal_ok),
    usable: r.usable === 1,
    note: r.note,
  }));
}

export interface RecordSearch extends Omit<RecordFilter, 'from' | 'before'> {
  /** YYYY-MM-DD, inclusive, in the site's zone */
  from?: string;
  /** YYYY-MM-DD, inclusive */
  to?: string;
}

function checkRange(f: RecordSearch): void {
  const check = new FieldCheck();
  const from = f.from && isCalendarDate(f.from) ? f.from : null;
  const to = f.to && isCalendarDate(f.to) ? f.to : null;
  if (f.from && !from) check.add('from', '不是有效的日期（YYYY-MM-DD）');
  if (f.to && !to) check.add('to', '不是有效的日期（YYYY-MM-DD）');
  if (from && to && from > to) check.add('to', '结束日期不能早于开始日期');
  check.throwIfAny();
}

const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export async function searchChecks(ctx: Ctx, f: RecordSearch) {
  checkRange(f);
  const tz = await siteTimeZone(ctx.db, ctx.actor.orgId, f.siteId);
  const { from, to, ...rest } = f;
  const page = await listChecks(ctx.db, ctx.actor.orgId, siteScope(ctx.actor, 'assets:read'), {
    ...rest,
    from: from ? zonedDayStart(from, tz).toISOString() : undefined,
    before: to ? zonedDayStart(dayAfter(to), tz).toISOString() : undefined,
  });
  return { items: await checkDtos(ctx, page.items), nextCursor: page.nextCursor };
}

/** A service, inspection or replacement; a replacement brings the new unit's production date. */
export async function recordService(ctx: Ctx, input: FireServiceInput) {
  const { asset, check } = await fireAsset(ctx, input.assetId);
  const today = localDate(ctx.clock.now(), await siteTimeZone(ctx.db, ctx.actor.orgId, asset.site_id));
  if (!isCalendarDate(input.servicedOn)) check.add('servicedOn', '日期格式应为 YYYY-MM-DD');
  else if (input.servicedOn > today) check.add('servicedOn', '维保日期不能晚于今天');
  if (input.kind === 'replace') {
    if (!input.productionDate) check.add('productionDate', '更换时须填写新器材的生产日期');
    else if (!isCalendarDate(input.productionDate)) check.add('productionDate', '日期格式应为 YYYY-MM-DD');
    else if (input.productionDate > input.servicedOn) check.add('productionDate', '新器材的生产日期不能晚于更换日期');
  } else if (input.productionDate) {
    check.add('productionDate', '只有更换时才填写生产日期');
  }
  check.throwIfAny();
  const now = ctx.clock.now().toISOString();
  const row: FireServiceRow = {
    id: newId(),
    org_id: ctx.actor.orgId,
    site_id: asset.site_id,
    asset_id: asset.id,
    serviced_on: input.servicedOn,
    kind: input.kind,
    vendor: input.vendor ?? null,
    note: input.note ?? null,
    created_by: actingUserId(ctx),
    created_at: now,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('fire_services').values(row).execute();
    await writeAudit(ctx, tx, { entity: 'fire_service', entityId: row.id, siteId: asset.site_id, action: 'create', after: row });
    if (input.kind === 'replace' && input.productionDate) {
      await tx
        .updateTable('assets')
        .set((eb) => ({ production_date: input.productionDate, updated_at: now, version: eb('version', '+', 1) }))
        .where('id', '=', asset.id)
        .execute();
      const before = { production_date: asset.production_date };
      await writeAudit(ctx, tx, {
        entity: 'asset',
        entityId: asset.id,
        siteId: asset.site_id,
        action: 'update',
        before,
        after: { production_date: input.productionDate, fire_service_id: row.id },
      });
    }
  });
  const page = await listServices(ctx.db, ctx.actor.orgId, 'all', { id: row.id });
  const [stored] = page.items;
  if (!stored) throw notFound('维保记录');
  return serviceDto(stored);
}

export function serviceDto(r: ServiceListRow) {
  return {
    id: r.id,
    assetId: r.asset_id,
    assetCode: r.asset_code,
    assetName: r.asset_name,
    siteId: r.site_id,
    siteName: r.site_name,
    servicedOn: r.serviced_on,
    kind: r.kind as FireServiceKind,
    vendor: r.vendor,
    note: r.note,
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
  };
}

export async function searchServices(ctx: Ctx, f: RecordSearch) {
  checkRange(f);
  const { from, to, ...rest } = f;
  const page = await listServices(ctx.db, ctx.actor.orgId, siteScope(ctx.actor, 'assets:read'), {
    ...rest,
    from,
    before: to ? dayAfter(to) : undefined,
  });
  return { items: page.items.map(serviceDto), nextCursor: page.nextCursor };
}
