import type { Permission } from '../../../../contracts/permissions.js';
import { inScope, siteScope } from '../../platform/access/actor.js';
import { assertReadable } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db } from '../../platform/context.js';
import { notFound } from '../../platform/http/errors.js';
import { qrPng, qrSvg } from '../../platform/print/qr.js';
import { locationPathNames } from '../org/index.js';
import { isQrCode, type QrTarget, type QrTargetType } from './qr.codes.js';
import {
  assetsByIds,
  findQrByCode,
  findQrByTarget,
  insertQrCodes,
  locationsByIds,
  locationsWithoutQr,
  type QrRow,
  qrCodesOf,
  siteNames,
} from './qr.repository.js';

/** Read permission behind each kind of target (a location is org data, an asset equipment data). */
const READ_PERMISSION: Record<QrTargetType, Permission> = { asset: 'assets:read', location: 'org:read' };
const WHAT = '二维码';

/** `${PUBLIC_URL}/q/<code>` — what every label encodes. */
export function qrUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/q/${code}`;
}

/** Codes are typed from worn labels too: case does not matter, anything off the alphabet is unknown. */
function normalise(code: string): string | null {
  const upper = code.trim().toUpperCase();
  return isQrCode(upper) ? upper : null;
}

async function codeRow(db: Db, code: string): Promise<QrRow> {
  const clean = normalise(code);
  const row = clean ? await findQrByCode(db, clean) : undefined;
  if (!row) throw notFound(WHAT);
  return row;
}

/** What a visitor who scans a label may see: name, code, place, status — nothing more. */
export interface PublicQrView {
  type: QrTargetType;
  name: string;
  code: string;
  siteName: string;
  locationPath: string | null;
  /** an asset's status (in_use, standby, …), or active / inactive for a location */
  status: string;
}

export async function publicQrView(db: Db, code: string): Promise<PublicQrView> {
  const qr = await codeRow(db, code);
  if (qr.target_type === 'asset') {
    const [asset] = await assetsByIds(db, qr.org_id, [qr.target_id]);
    if (!asset) throw notFound(WHAT);
    const [location] = asset.location_id ? await locationsByIds(db, qr.org_id, [asset.location_id]) : [];
    const path = location ? (await locationPathNames(db, qr.org_id, [location])).get(location.id) : undefined;
    const sites = await siteNames(db, qr.org_id, [asset.site_id]);
    return {
      type: 'asset',
      name: asset.name,
      code: asset.code,
      siteName: sites.get(asset.site_id) ?? '',
      locationPath: path ?? null,
      status: asset.status,
    };
  }
  const [location] = await locationsByIds(db, qr.org_id, [qr.target_id]);
  if (!location) throw notFound(WHAT);
  const path = (await locationPathNames(db, qr.org_id, [location])).get(location.id) ?? location.name;
  const sites = await siteNames(db, qr.org_id, [location.site_id]);
  return {
    type: 'location',
    name: location.name,
    code: location.code,
    siteName: sites.get(location.site_id) ?? '',
    locationPath: path,
    status: location.active === 1 ? 'active' : 'inactive',
  };
}

/** Where the web shows the full record behind a code. */
export function recordLink(type: QrTargetType, id: string): string {
  return type === 'asset' ? `/equipment/assets/${id}` : `/org/locations?locationId=${id}`;
}

/** The record behind a code for a signed-in person; 404 when it lies outside their sites. */
export async function resolveQr(ctx: Ctx, code: string): Promise<{ type: QrTargetType; id: string; link: string }> {
  const qr = await codeRow(ctx.db, code);
  if (qr.org_id !== ctx.actor.orgId) throw notFound(WHAT);
  assertReadable(ctx, READ_PERMISSION[qr.target_type], qr.site_id, WHAT);
  return { type: qr.target_type, id: qr.target_id, link: recordLink(qr.target_type, qr.target_id) };
}

/** Who may see a code's image: label printers and readers of the record, on its site. */
function assertImageAllowed(ctx: Ctx, qr: Pick<QrRow, 'org_id' | 'site_id' | 'target_type'>): void {
  const perms: Permission[] = ['labels:print', READ_PERMISSION[qr.target_type]];
  const ok = qr.org_id === ctx.actor.orgId && perms.some((p) => inScope(siteScope(ctx.actor, p), qr.site_id));
  if (!ok) throw notFound(WHAT);
}

export async function qrImage(
  ctx: Ctx,
  code: string,
  format: 'png' | 'svg',
  width: number,
): Promise<{ type: string; body: Buffer | string }> {
  const qr = await codeRow(ctx.db, code);
  assertImageAllowed(ctx, qr);
  const url = qrUrl(ctx.config.publicUrl, qr.code);
  return format === 'png' ? { type: 'image/png', body: await qrPng(url, width) } : { type: 'image/svg+xml', body: await qrSvg(url) };
}

/**
 * The code of one location or asset, created on first request (locations made before
 * QR labels existed have none yet), for pages that show a record's QR.
 */
export async function qrOfTarget(
  ctx: Ctx,
  type: QrTargetType,
  id: string,
): Promise<{ code: string; url: string; type: QrTargetType; id: string }> {
  const orgId = ctx.actor.orgId;
  const [row] = type === 'asset' ? await assetsByIds(ctx.db, orgId, [id]) : await locationsByIds(ctx.db, orgId, [id]);
  if (!row) throw notFound(WHAT);
  const perms: Permission[] = ['labels:print', READ_PERMISSION[type]];
  if (!perms.some((p) => inScope(siteScope(ctx.actor, p), row.site_id))) throw notFound(WHAT);
  const existing = await findQrByTarget(ctx.db, orgId, type, id);
  const code =
    existing?.code ??
    (
      await ensureQrCodesFor(ctx.db, [{ orgId, siteId: row.site_id, targetType: type, targetId: id }], ctx.clock.now().toISOString(), ctx)
    ).get(id);
  if (!code) throw new Error(`no QR code for ${type} ${id}`);
  return { code, url: qrUrl(ctx.config.publicUrl, code), type, id };
}

/**
 * Gives every target without a code one, in bulk, and answers the codes of all of them.
 * Random clashes (1 in 10¹² per pair) are retried a few times before giving up loudly.
 * A person's request (`audit`) records each new code in its record's history: from the
 * first printed label on, the code is how the record is found.
 */
export async function ensureQrCodesFor(
  db: Db,
  targets: QrTarget[],
  now = new Date().toISOString(),
  audit: Pick<Ctx, 'actor' | 'requestId' | 'clock'> | null = null,
): Promise<Map<string, string>> {
  const byType = (t: QrTargetType) => targets.filter((x) => x.targetType === t);
  const codes = new Map<string, string>();
  const lookup = async () => {
    for (const type of ['asset', 'location'] as const) {
      const found = await qrCodesOf(
        db,
        type,
        byType(type).map((t) => t.targetId),
      );
      for (const [id, code] of found) codes.set(id, code);
    }
    return targets.filter((t) => !codes.has(t.targetId));
  };
  let missing = await lookup();
  for (let attempt = 0; missing.length > 0 && attempt < 5; attempt++) {
    const batch = missing;
    await db.transaction().execute(async (tx) => {
      const created = await insertQrCodes(tx, batch, now);
      if (!audit) return;
      for (const qr of created) {
        await writeAudit(audit, tx, {
          entity: qr.target_type,
          entityId: qr.target_id,
          action: 'update',
          siteId: qr.site_id,
          before: { qr_code: null },
          after: { qr_code: qr.code },
        });
      }
    });
    missing = await lookup();
  }
  if (missing.length) throw new Error(`could not allocate QR codes for ${missing.length} targets`);
  return codes;
}

/**
 * Fills in the codes of every location of the organisation that has none. Locations are
 * created by the org module, which knows nothing of QR codes; this runs at start-up and
 * before printing labels. Answers how many codes it created.
 */
export async function ensureQrCodesForLocations(db: Db, orgId: string, now = new Date().toISOString()): Promise<number> {
  const missing = await locationsWithoutQr(db, orgId);
  if (missing.length === 0) return 0;
  await ensureQrCodesFor(
    db,
    missing.map((l) => ({ orgId, siteId: l.site_id, targetType: 'location' as const, targetId: l.id })),
    now,
  );
  return missing.length;
}
