import { siteScope } from '../../platform/access/actor.js';
import { assertCan, assertReadable } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { AppError, forbidden, notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import { getLocation, getSite, type LocationRow, locationPathNames } from '../org/index.js';
import {
  type ClosingAssetRow,
  findLocationRows,
  findOpenStocktake,
  findStocktake,
  type ItemFilter,
  type ItemListRow,
  insertItems,
  itemCounts,
  listItems,
  listStocktakes,
  missingAssets,
  moveAsset,
  recoveredAssets,
  relocatableAssets,
  type StocktakeCounts,
  type StocktakeFilter,
  type StocktakeListRow,
  type StocktakeRow,
  setAssetsLost,
  snapshotAssets,
} from './stocktake.repository.js';
import { nextStocktakeStatus, stocktakeActions } from './stocktake.state.js';

export interface StocktakeInput {
  siteId: string;
  locationId?: string | null;
  title: string;
}

export interface CloseInput {
  version: number;
  markMissingLost: boolean;
  moveMisplaced?: boolean;
  note?: string | null;
}

export interface StocktakeResult extends StocktakeCounts {
  markMissingLost: boolean;
  moveMisplaced: boolean;
  /** assets newly flagged lost */
  markedLost: number;
  /** lost assets found again and un-flagged */
  recovered: number;
  /** assets moved to where they were found */
  moved: number;
  note: string | null;
}

export function toStocktakeDto(r: StocktakeListRow, locationPath: string | null) {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    siteId: r.site_id,
    siteName: r.site_name,
    locationId: r.location_id,
    locationPath,
    status: r.status,
    startedBy: r.started_by,
    startedByName: r.started_by_name,
    closedBy: r.closed_by,
    closedByName: r.closed_by_name,
    closedAt: r.closed_at,
    result: r.result ? (JSON.parse(r.result) as StocktakeResult) : null,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Counting, checking and servicing are recorded against a person; a system actor cannot do them. */
export function actingUserId(ctx: Ctx): string {
  if (!ctx.actor.userId) throw forbidden('此操作须由具体的人员执行');
  return ctx.actor.userId;
}

/** A stocktake of a site where the actor reads assets; 404 otherwise. */
export async function readableStocktake(ctx: Ctx, id: string): Promise<StocktakeListRow> {
  const row = await findStocktake(ctx.db, ctx.actor.orgId, id);
  if (!row) throw notFound('盘点');
  assertReadable(ctx, 'assets:read', row.site_id, '盘点');
  return row;
}

export async function pathNames(ctx: Ctx, ids: (string | null)[]): Promise<Map<string, string>> {
  return locationPathNames(ctx.db, ctx.actor.orgId, await findLocationRows(ctx.db, ctx.actor.orgId, ids));
}

export async function getStocktake(ctx: Ctx, id: string) {
  const row = await readableStocktake(ctx, id);
  const [paths, counts] = await Promise.all([pathNames(ctx, [row.location_id]), itemCounts(ctx.db, id)]);
  return {
    ...toStocktakeDto(row, row.location_id ? (paths.get(row.location_id) ?? null) : null),
    counts,
    actions: stocktakeActions(row.status),
  };
}

export async function searchStocktakes(ctx: Ctx, filter: StocktakeFilter) {
  const page = await listStocktakes(ctx.db, ctx.actor.orgId, siteScope(ctx.actor, 'assets:read'), filter);
  const paths = await pathNames(
    ctx,
    page.items.map((r) => r.location_id),
  );
  return {
    items: page.items.map((r) => toStocktakeDto(r, r.location_id ? (paths.get(r.location_id) ?? null) : null)),
    nextCursor: page.nextCursor,
  };
}

export function itemState(r: Pick<ItemListRow, 'expected' | 'found_at' | 'found_location_id' | 'expected_location_id'>, open: boolean) {
  if (r.expected === 0) return 'unexpected' as const;
  if (r.found_at === null) return open ? ('pending' as const) : ('missing' as const);
  const elsewhere = r.found_location_id !== null && r.found_location_id !== r.expected_location_id;
  return elsewhere ? ('misplaced' as const) : ('found' as const);
}

export function toItemDto(r: ItemListRow, open: boolean, paths: Map<string, string>) {
  return {
    id: r.id,
    assetId: r.asset_id,
    assetCode: r.asset_code,
    assetName: r.asset_name,
    assetSiteId: r.asset_site_id,
    assetLost: r.asset_lost === 1,
    expected: r.expected === 1,
    state: itemState(r, open),
    expectedLocationId: r.expected_location_id,
    expectedLocationPath: r.expected_location_id ? (paths.get(r.expected_location_id) ?? null) : null,
    foundLocationId: r.found_location_id,
    foundLocationPath: r.found_location_id ? (paths.get(r.found_location_id) ?? null) : null,
    foundAt: r.found_at,
    foundBy: r.found_by,
    foundByName: r.found_by_name,
    note: r.note,
  };
}

export type StocktakeItemDto = ReturnType<typeof toItemDto>;

export async function searchItems(ctx: Ctx, id: string, filter: ItemFilter) {
  const st = await readableStocktake(ctx, id);
  const page = await listItems(ctx.db, id, filter);
  const paths = await pathNames(
    ctx,
    page.items.flatMap((r) => [r.expected_location_id, r.found_location_id]),
  );
  return { items: page.items.map((r) => toItemDto(r, st.status === 'open', paths)), nextCursor: page.nextCursor };
}

/** Starts a count: takes the number, then snapshots every non-scrapped asset of the scope as expected. */
export async function startStocktake(ctx: Ctx, input: StocktakeInput) {
  const site = await getSite(ctx, input.siteId);
  assertReadable(ctx, 'assets:read', site.id, '场所');
  assertCan(ctx, 'assets:stocktake', site.id);
  const startedBy = actingUserId(ctx);
  const root = input.locationId ? await getLocation(ctx, input.locationId) : null;
  if (root && root.site_id !== site.id) new FieldCheck().add('locationId', '位置不属于所选场所').throwIfAny();
  const now = ctx.clock.now();
  const at = now.toISOString();
  const id = newId();
  await ctx.db.transaction().execute(async (tx) => {
    const open = await findOpenStocktake(tx, site.id, root?.id ?? null);
    if (open) throw new AppError('CONFLICT', `该范围已有进行中的盘点 ${open.number}，请先完成或取消`, { stocktakeId: open.id });
    const number = await nextNumber(tx, { orgId: ctx.actor.orgId, ruleCode: 'PD', siteId: site.id, at: now });
    const row: StocktakeRow = {
      id,
      org_id: ctx.actor.orgId,
      site_id: site.id,
      location_id: root?.id ?? null,
      number,
      title: input.title,
      status: 'open',
      started_by: startedBy,
      closed_by: null,
      closed_at: null,
      result: null,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await tx.insertInto('stocktakes').values(row).execute();
    const assets = await snapshotAssets(tx, ctx.actor.orgId, site.id, root as Pick<LocationRow, 'site_id' | 'path'> | null);
    await insertItems(
      tx,
      assets.map((a) => ({
        id: newId(),
        stocktake_id: id,
        asset_id: a.id,
        expected: 1,
        expected_location_id: a.location_id,
        found_location_id: null,
        found_at: null,
        found_by: null,
        note: null,
      })),
    );
    await writeAudit(ctx, tx, {
      entity: 'stocktake',
      entityId: id,
      siteId: site.id,
      action: 'create',
      after: { ...row, expected: assets.length },
    });
  });
  return getStocktake(ctx, id);
}

/**
 * Closes the count and applies its result to the archive: missing assets are flagged
 * lost (when asked — never deleted), lost assets that turned up are un-flagged, and
 * assets found elsewhere in their site move there (when asked). Each asset change is
 * audited on the asset.
 */
export async function closeStocktake(ctx: Ctx, id: string, input: CloseInput) {
  const st = await readableStocktake(ctx, id);
  assertCan(ctx, 'assets:stocktake', st.site_id);
  const status = nextStocktakeStatus(st.status, 'close');
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    const counts = await itemCounts(tx, id);
    const lost = input.markMissingLost ? await missingAssets(tx, id) : [];
    const recovered = await recoveredAssets(tx, id);
    const relocated = input.moveMisplaced ? await relocatableAssets(tx, id, st.site_id) : [];
    await flagLost(ctx, tx, lost, 1, id, now);
    await flagLost(ctx, tx, recovered, 0, id, now);
    for (const a of relocated) {
      await moveAsset(tx, a.id, a.found_location_id as string, now);
      const before = { location_id: a.location_id };
      await writeAudit(ctx, tx, {
        entity: 'asset',
        entityId: a.id,
        siteId: a.site_id,
        action: 'move',
        before,
        after: { location_id: a.found_location_id, stocktake_id: id },
      });
    }
    const result: StocktakeResult = {
      ...counts,
      markMissingLost: input.markMissingLost,
      moveMisplaced: input.moveMisplaced ?? false,
      markedLost: lost.length,
      recovered: recovered.length,
      moved: relocated.length,
      note: input.note ?? null,
    };
    const patch = { status, closed_by: ctx.actor.userId, closed_at: now, result: JSON.stringify(result) };
    await updateVersioned(tx, 'stocktakes', id, input.version, patch, now);
    await writeAudit(ctx, tx, {
      entity: 'stocktake',
      entityId: id,
      siteId: st.site_id,
      action: 'close',
      before: st,
      after: { ...st, ...patch },
    });
  });
  return getStocktake(ctx, id);
}

async function flagLost(ctx: Ctx, tx: Tx, assets: ClosingAssetRow[], lost: 0 | 1, stocktakeId: string, now: string) {
  await setAssetsLost(
    tx,
    assets.map((a) => a.id),
    lost,
    now,
  );
  for (const a of assets) {
    await writeAudit(ctx, tx, {
      entity: 'asset',
      entityId: a.id,
      siteId: a.site_id,
      action: lost ? 'lost' : 'found',
      before: { lost: a.lost },
      after: { lost, stocktake_id: stocktakeId },
    });
  }
}

/** Drops the count; no asset changes. */
export async function cancelStocktake(ctx: Ctx, id: string, version: number) {
  const st = await readableStocktake(ctx, id);
  assertCan(ctx, 'assets:stocktake', st.site_id);
  const status = nextStocktakeStatus(st.status, 'cancel');
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    const patch = { status, closed_by: ctx.actor.userId, closed_at: now };
    await updateVersioned(tx, 'stocktakes', id, version, patch, now);
    await writeAudit(ctx, tx, {
      entity: 'stocktake',
      entityId: id,
      siteId: st.site_id,
      action: 'cancel',
      before: st,
      after: { ...st, ...patch },
    });
  });
  return getStocktake(ctx, id);
}
