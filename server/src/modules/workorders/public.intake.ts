import { systemActor } from '../../platform/access/actor.js';
import type { Ctx, Db } from '../../platform/context.js';
import { sniff } from '../../platform/files/sniff.js';
import type { FileStore } from '../../platform/files/store.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { uploadAttachment } from '../attachments/index.js';
import { findAssetsByIds, findQrByCode } from '../equipment/index.js';
import { dictionaryLabels } from '../system/index.js';
import { intake } from './service.js';
import { workOrderSettings } from './settings.service.js';

/**
 * The anonymous repair report from a QR label (`/q/<code>` → 我要报修): no login, so the
 * place comes from the label, the work is done as the organisation's system actor and
 * the event names the reporter as they typed themselves. The follow-up link's token is
 * the only key the reporter holds.
 */

/** What a public request has instead of a signed-in actor: the app's services. */
export type PublicBase = Omit<Ctx, 'actor'> & { files: FileStore };

/** The service context for work done on behalf of an anonymous visitor of `orgId`. */
export function asSystem(base: PublicBase, orgId: string): Ctx {
  const { db, requestId, clock, config, notifier } = base;
  return { db, requestId, clock, config, notifier, actor: systemActor(orgId) };
}

export const MAX_PHOTOS = 3;
export const PHONE_PATTERN = /^[0-9+\-() ]{5,20}$/;

export function trackUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/track/${token}`;
}

interface QrPlace {
  orgId: string;
  siteId: string;
  locationId: string | null;
  assetId: string | null;
}

/**
 * Where a label sits: an asset's site and location, or a location's site. Codes are
 * typed from worn labels too, so case does not matter; an unknown code is 404.
 */
async function placeOfCode(db: Db, code: string): Promise<QrPlace> {
  const clean = code.trim().toUpperCase();
  const qr = await findQrByCode(db, clean);
  if (qr?.target_type === 'asset') {
    const [asset] = await findAssetsByIds(db, qr.org_id, [qr.target_id]);
    if (asset) return { orgId: qr.org_id, siteId: asset.site_id, locationId: asset.location_id, assetId: asset.id };
  } else if (qr?.target_type === 'location') {
    const loc = await db
      .selectFrom('locations')
      .select(['id', 'site_id'])
      .where('org_id', '=', qr.org_id)
      .where('id', '=', qr.target_id)
      .executeTakeFirst();
    if (loc) return { orgId: qr.org_id, siteId: loc.site_id, locationId: loc.id, assetId: null };
  }
  throw notFound('二维码');
}

/** Whether the organisation takes anonymous reports; no settings row yet means the default (on). */
async function publicIntakeEnabled(db: Db, orgId: string): Promise<boolean> {
  return (await workOrderSettings(db, orgId)).publicIntake;
}

export interface Choice {
  code: string;
  zh: string;
  en: string;
}

export interface PublicReportOptions {
  /** false when the organisation has switched the QR report off */
  enabled: boolean;
  categories: Choice[];
  urgencies: Choice[];
  maxPhotos: number;
  maxPhotoMb: number;
}

async function activeChoices(db: Db, orgId: string, type: string): Promise<Choice[]> {
  const labels = await dictionaryLabels(db, orgId, type);
  return [...labels.values()]
    .filter((l) => l.active)
    .sort((a, b) => a.sort - b.sort)
    .map(({ code, zh, en }) => ({ code, zh, en }));
}

/** What the report form offers for this label's organisation. */
export async function publicReportOptions(base: PublicBase, code: string): Promise<PublicReportOptions> {
  const place = await placeOfCode(base.db, code);
  const [enabled, categories, urgencies] = await Promise.all([
    publicIntakeEnabled(base.db, place.orgId),
    activeChoices(base.db, place.orgId, 'repair_category'),
    activeChoices(base.db, place.orgId, 'urgency'),
  ]);
  return { enabled, categories, urgencies, maxPhotos: MAX_PHOTOS, maxPhotoMb: base.config.uploadMaxBytes / (1024 * 1024) };
}

export interface PublicReportInput {
  description?: string;
  category?: string;
  urgency?: string;
  name?: string;
  phone?: string;
  appointmentAt?: string;
  photos: { filename: string; data: Buffer }[];
}

/** Every problem of the form at once, with the form's own field names. */
async function checkReport(db: Db, orgId: string, input: PublicReportInput, category: string, urgency: string): Promise<void> {
  const check = new FieldCheck();
  const description = input.description?.trim() ?? '';
  if (!description) check.add('description', '请描述故障情况');
  else if (description.length > 1000) check.add('description', '故障描述不能超过 1000 个字');
  const [categories, urgencies] = await Promise.all([
    dictionaryLabels(db, orgId, 'repair_category'),
    dictionaryLabels(db, orgId, 'urgency'),
  ]);
  if (!categories.get(category)?.active) check.add('category', '请选择有效的报修类别');
  if (!urgencies.get(urgency)?.active) check.add('urgency', '请选择有效的紧急程度');
  if ((input.name?.trim().length ?? 0) > 50) check.add('name', '姓名不能超过 50 个字');
  const phone = input.phone?.trim() ?? '';
  if (!phone) check.add('phone', '请填写联系电话，方便维修人员联系您');
  else if (!PHONE_PATTERN.test(phone)) check.add('phone', '联系电话格式不正确（5–20 位数字，可含 +、-、括号）');
  if (input.appointmentAt && Number.isNaN(Date.parse(input.appointmentAt))) check.add('appointmentAt', '预约时间格式不正确');
  if (input.photos.length > MAX_PHOTOS) check.add('photos', `最多上传 ${MAX_PHOTOS} 张照片`);
  for (const photo of input.photos) {
    if (photo.data.length === 0) check.add('photos', `照片 ${photo.filename} 是空文件`);
    else if (!sniff(photo.data, photo.filename)?.mime.startsWith('image/')) {
      check.add('photos', `${photo.filename} 不是图片，仅支持 JPEG、PNG、GIF、WebP 照片`);
    }
  }
  check.throwIfAny();
}

export interface PublicReportResult {
  number: string;
  token: string;
  trackUrl: string;
}

/**
 * Creates the work order of an anonymous report. Every field and photo is checked
 * before anything is written, so a rejected photo leaves nothing behind; the photos are
 * stored once the order exists (an attachment needs its owner). Only a failing file
 * store can still fail after that, and it answers 500 like any storage fault.
 */
export async function publicReport(base: PublicBase, code: string, input: PublicReportInput): Promise<PublicReportResult> {
  const place = await placeOfCode(base.db, code);
  if (!(await publicIntakeEnabled(base.db, place.orgId))) throw forbidden('暂未开放扫码报修，请联系后勤部门');
  const category = input.category?.trim() || 'other';
  const urgency = input.urgency?.trim() || 'normal';
  await checkReport(base.db, place.orgId, input, category, urgency);
  const ctx = asSystem(base, place.orgId);
  const name = input.name?.trim() || null;
  const row = await ctx.db.transaction().execute((tx) =>
    intake(
      ctx,
      tx,
      {
        siteId: place.siteId,
        locationId: place.locationId,
        assetId: place.assetId,
        category,
        urgency,
        description: input.description ?? '',
        appointmentAt: input.appointmentAt || null,
        requesterName: name,
        requesterPhone: input.phone ?? null,
      },
      { channel: 'qr', requesterId: null, ownerId: null, actorName: name ? `扫码报修（${name}）` : '扫码报修' },
    ),
  );
  for (const photo of input.photos) {
    await uploadAttachment(ctx, base.files, { ownerType: 'work_order', ownerId: row.id, filename: photo.filename, data: photo.data });
  }
  return { number: row.number, token: row.tracking_token, trackUrl: trackUrl(base.config.publicUrl, row.tracking_token) };
}
