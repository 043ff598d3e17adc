import { inScope, siteScope } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import { notFound, validation } from '../../platform/http/errors.js';
import type { LabelItem, LabelSize } from '../../platform/print/labels.js';
import { locationPathNames } from '../org/index.js';
import type { QrTarget, QrTargetType } from './qr.codes.js';
import {
  assetsByIds,
  assetsInLocationSubtree,
  locationSubtree,
  locationsByIds,
  type QrAssetRow,
  type QrLocationRow,
  siteNames,
} from './qr.repository.js';
import { ensureQrCodesFor, qrUrl } from './qr.service.js';

/** One print job is one PDF; beyond this a person should print a smaller subtree at a time. */
export const MAX_LABELS = 5000;

export type LabelTargets = { type: QrTargetType; id: string }[] | { locationId: string; includeAssets?: boolean; subtree?: boolean };

export interface LabelRequest {
  targets: LabelTargets;
  size: LabelSize;
}

type Target = { type: 'asset'; row: QrAssetRow } | { type: 'location'; row: QrLocationRow };

/**
 * Resolves what to print and everything each label shows, before a byte of PDF is sent:
 * a target outside the actor's labels:print sites answers 404 (and nothing prints), and
 * every target gets its QR code if it had none.
 */
export async function prepareLabels(ctx: Ctx, req: LabelRequest): Promise<LabelItem[]> {
  const targets = Array.isArray(req.targets) ? await listedTargets(ctx, req.targets) : await subtreeTargets(ctx, req.targets);
  if (targets.length > MAX_LABELS) {
    throw validation([{ field: 'targets', message: `一次最多打印 ${MAX_LABELS} 张标签，本次 ${targets.length} 张，请缩小范围分批打印` }]);
  }
  const now = ctx.clock.now().toISOString();
  const qr = await ensureQrCodesFor(
    ctx.db,
    targets.map((t): QrTarget => ({ orgId: ctx.actor.orgId, siteId: t.row.site_id, targetType: t.type, targetId: t.row.id })),
    now,
    ctx,
  );
  const places = await placeNames(ctx, targets);
  return targets.map((t) => ({
    title: t.row.name,
    code: t.row.code,
    place: places.get(t.row.id) ?? '',
    url: qrUrl(ctx.config.publicUrl, qr.get(t.row.id) ?? ''),
    hint: t.type === 'asset' ? '扫码查看设备信息' : '扫码查看位置信息',
  }));
}

function assertPrintable(ctx: Ctx, siteId: string): void {
  if (!inScope(siteScope(ctx.actor, 'labels:print'), siteId)) throw notFound('标签对象');
}

/** Chosen records, in the order given; duplicates print once. */
async function listedTargets(ctx: Ctx, list: { type: QrTargetType; id: string }[]): Promise<Target[]> {
  const orgId = ctx.actor.orgId;
  const ids = (type: QrTargetType) => [...new Set(list.filter((t) => t.type === type).map((t) => t.id))];
  const assets = new Map((await assetsByIds(ctx.db, orgId, ids('asset'))).map((r) => [r.id, r]));
  const locations = new Map((await locationsByIds(ctx.db, orgId, ids('location'))).map((r) => [r.id, r]));
  const seen = new Set<string>();
  const out: Target[] = [];
  for (const t of list) {
    const key = `${t.type}:${t.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const asset = t.type === 'asset' ? assets.get(t.id) : undefined;
    const location = t.type === 'location' ? locations.get(t.id) : undefined;
    const target: Target | null = asset ? { type: 'asset', row: asset } : location ? { type: 'location', row: location } : null;
    if (!target) throw notFound('标签对象');
    assertPrintable(ctx, target.row.site_id);
    out.push(target);
  }
  return out;
}

/**
 * A location, or its whole active subtree, in tree order (siblings by sort then code);
 * with `includeAssets` each location is followed by the assets placed there.
 */
async function subtreeTargets(ctx: Ctx, spec: { locationId: string; includeAssets?: boolean; subtree?: boolean }): Promise<Target[]> {
  const [root] = await locationsByIds(ctx.db, ctx.actor.orgId, [spec.locationId]);
  if (!root) throw notFound('位置');
  assertPrintable(ctx, root.site_id);
  const locations = spec.subtree === false ? [root] : treeOrder(await locationSubtree(ctx.db, root));
  const assets = spec.includeAssets ? await assetsInLocationSubtree(ctx.db, root) : [];
  const assetsAt = new Map<string, QrAssetRow[]>();
  for (const a of assets) {
    if (!a.location_id) continue;
    assetsAt.set(a.location_id, [...(assetsAt.get(a.location_id) ?? []), a]);
  }
  return locations.flatMap((l): Target[] => [
    { type: 'location', row: l },
    ...(assetsAt.get(l.id) ?? []).map((a): Target => ({ type: 'asset', row: a })),
  ]);
}

/** Depth-first order: compare the (sort, code) of each level of two paths, parents first. */
export function treeOrder(rows: QrLocationRow[]): QrLocationRow[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const chain = (r: QrLocationRow) =>
    r.path
      .split('/')
      .filter(Boolean)
      .map((id) => byId.get(id))
      .filter((x): x is QrLocationRow => Boolean(x));
  const keyed = rows.map((r) => ({ r, chain: chain(r) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < Math.min(a.chain.length, b.chain.length); i++) {
      const x = a.chain[i] as QrLocationRow;
      const y = b.chain[i] as QrLocationRow;
      if (x.id === y.id) continue;
      return x.sort - y.sort || x.code.localeCompare(y.code) || x.id.localeCompare(y.id);
    }
    return a.chain.length - b.chain.length;
  });
  return keyed.map((k) => k.r);
}

/**
 * The small line of each label: for an asset the path of its place ("长春店 / A座主楼 /
 * 一层 / 配电室", or just the site); for a location the path of its parent.
 */
async function placeNames(ctx: Ctx, targets: Target[]): Promise<Map<string, string>> {
  const orgId = ctx.actor.orgId;
  const locs = new Map<string, QrLocationRow>();
  for (const t of targets) if (t.type === 'location') locs.set(t.row.id, t.row);
  const assetLocIds = targets.flatMap((t) =>
    t.type === 'asset' && t.row.location_id && !locs.has(t.row.location_id) ? [t.row.location_id] : [],
  );
  for (const l of await locationsByIds(ctx.db, orgId, [...new Set(assetLocIds)])) locs.set(l.id, l);
  const parentIds = [...locs.values()].flatMap((l) => (l.parent_id && !locs.has(l.parent_id) ? [l.parent_id] : []));
  for (const l of await locationsByIds(ctx.db, orgId, [...new Set(parentIds)])) locs.set(l.id, l);
  const paths = await locationPathNames(ctx.db, orgId, [...locs.values()]);
  const sites = await siteNames(ctx.db, orgId, [...new Set(targets.map((t) => t.row.site_id))]);
  const out = new Map<string, string>();
  for (const t of targets) {
    const site = sites.get(t.row.site_id) ?? '';
    const placeId = t.type === 'asset' ? t.row.location_id : t.row.parent_id;
    out.set(t.row.id, (placeId && paths.get(placeId)) || site);
  }
  return out;
}
