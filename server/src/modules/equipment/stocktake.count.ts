import { inScope, siteScope } from '../../platform/access/actor.js';
import { assertCan } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { getLocation } from '../org/index.js';
import { findAssetByCode, findItem, findItemByAsset, insertUnexpected, markFound, updateItem } from './stocktake.repository.js';
import { pathNames, readableStocktake, type StocktakeItemDto, toItemDto } from './stocktake.service.js';
import { assertCounting } from './stocktake.state.js';

/**
 * Counting: scanning a label (asset code or QR code, also from a phone) and ticking by
 * hand. Scans are idempotent — scanning a found asset again changes nothing — so a
 * flaky connection that repeats a request is harmless.
 */
export type ScanOutcome = 'found' | 'misplaced' | 'unexpected' | 'already';

const OUTCOME_TEXT: Record<ScanOutcome, string> = {
  found: '已盘到',
  misplaced: '已盘到，但不在账面位置',
  unexpected: '盘盈：该资产不在本次盘点范围内',
  already: '该资产已盘到，无需重复扫描',
};

/** A scanned label may be the bare code or the whole `/q/<code>` URL. */
export function normaliseScannedCode(raw: string): string {
  const text = raw.trim();
  const url = /\/q\/([^/?#\s]+)/.exec(text);
  return url?.[1] ?? text;
}

async function countingStocktake(ctx: Ctx, id: string) {
  const st = await readableStocktake(ctx, id);
  assertCan(ctx, 'assets:stocktake', st.site_id);
  assertCounting(st.status);
  return st;
}

/** A location where something was found: one of the stocktake's site. */
async function foundLocation(ctx: Ctx, siteId: string, locationId: string | null | undefined): Promise<string | null> {
  if (!locationId) return null;
  const loc = await getLocation(ctx, locationId);
  if (loc.site_id !== siteId) new FieldCheck().add('locationId', '位置不属于该盘点的场所').throwIfAny();
  return loc.id;
}

async function itemDto(ctx: Ctx, stocktakeId: string, itemId: string): Promise<StocktakeItemDto> {
  const row = await findItem(ctx.db, stocktakeId, itemId);
  if (!row) throw notFound('盘点明细');
  const paths = await pathNames(ctx, [row.expected_location_id, row.found_location_id]);
  return toItemDto(row, true, paths);
}

export async function scan(ctx: Ctx, id: string, input: { code: string; locationId?: string | null; note?: string | null }) {
  const st = await countingStocktake(ctx, id);
  const code = normaliseScannedCode(input.code);
  if (!code) new FieldCheck().add('code', '请扫描或输入资产编码').throwIfAny();
  const asset = await findAssetByCode(ctx.db, ctx.actor.orgId, code);
  // an asset of a site the actor cannot see is reported as unknown, like any foreign record
  if (!asset || !(inScope(siteScope(ctx.actor, 'assets:read'), asset.site_id) || asset.site_id === st.site_id)) {
    throw notFound(`编码为 ${code} 的资产`);
  }
  const locationId = await foundLocation(ctx, st.site_id, input.locationId);
  const now = ctx.clock.now().toISOString();
  let outcome: ScanOutcome = 'already';
  let itemId = '';
  await ctx.db.transaction().execute(async (tx) => {
    const item = await findItemByAsset(tx, id, asset.id);
    if (item) {
      itemId = item.id;
      const foundAt = locationId ?? item.expected_location_id;
      // an unexpected item unticked earlier keeps its row and is simply found again
      const done = await markFound(tx, item.id, {
        found_at: now,
        found_by: ctx.actor.userId,
        found_location_id: item.expected === 1 ? foundAt : locationId,
        ...(input.note && { note: input.note }),
      });
      if (done) {
        if (item.expected === 0) outcome = 'unexpected';
        else outcome = foundAt !== null && foundAt !== item.expected_location_id ? 'misplaced' : 'found';
      }
    } else {
      itemId = newId();
      await insertUnexpected(tx, {
        id: itemId,
        stocktake_id: id,
        asset_id: asset.id,
        expected: 0,
        expected_location_id: asset.location_id,
        found_location_id: locationId,
        found_at: now,
        found_by: ctx.actor.userId,
        note: input.note ?? null,
      });
      const stored = await findItemByAsset(tx, id, asset.id);
      outcome = stored?.id === itemId ? 'unexpected' : 'already';
      itemId = stored?.id ?? itemId;
    }
    if (outcome !== 'already') {
      await writeAudit(ctx, tx, {
        entity: 'stocktake',
        entityId: id,
        siteId: st.site_id,
        action: 'scan',
        after: { asset_id: asset.id, asset_code: asset.code, outcome, found_location_id: locationId },
      });
    }
  });
  return { outcome, message: `${asset.name}（${asset.code}）${OUTCOME_TEXT[outcome]}`, item: await itemDto(ctx, id, itemId) };
}

/** Ticks an item found by hand (optionally where), or unticks it. */
export async function tick(
  ctx: Ctx,
  id: string,
  itemId: string,
  input: { found: boolean; locationId?: string | null; note?: string | null },
) {
  const st = await countingStocktake(ctx, id);
  const item = await findItem(ctx.db, id, itemId);
  if (!item) throw notFound('盘点明细');
  const locationId = await foundLocation(ctx, st.site_id, input.locationId);
  const now = ctx.clock.now().toISOString();
  const patch = input.found
    ? {
        found_at: item.found_at ?? now,
        found_by: item.found_at ? item.found_by : ctx.actor.userId,
        found_location_id: locationId ?? item.found_location_id ?? (item.expected === 1 ? item.expected_location_id : null),
      }
    : { found_at: null, found_by: null, found_location_id: null };
  await ctx.db.transaction().execute(async (tx) => {
    await updateItem(tx, item.id, { ...patch, ...(input.note !== undefined && { note: input.note }) });
    await writeAudit(ctx, tx, {
      entity: 'stocktake',
      entityId: id,
      siteId: st.site_id,
      action: input.found ? 'tick' : 'untick',
      before: { asset_id: item.asset_id, found_at: item.found_at, found_location_id: item.found_location_id },
      after: { asset_id: item.asset_id, found_at: patch.found_at, found_location_id: patch.found_location_id },
    });
  });
  return itemDto(ctx, id, item.id);
}
