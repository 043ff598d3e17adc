import { createHash } from 'node:crypto';
import type { Page } from '../../../../contracts/types.js';
import { assertCan, assertReadable } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { attachmentOwner, attachmentOwnerTypes, type ResolvedOwner } from '../../platform/files/owners.js';
import { ALLOWED_TYPES_MESSAGE, sniff } from '../../platform/files/sniff.js';
import { FileMissingError, type FileStore } from '../../platform/files/store.js';
import { AppError, notFound, validation } from '../../platform/http/errors.js';
import type { PageQuery } from '../../platform/http/paging.js';
import { type AttachmentRow, findAttachment, insertAttachment, listOwnerAttachments, markDeleted } from './attachments.repository.js';

export interface UploadInput {
  ownerType: string;
  ownerId: string;
  filename: string;
  data: Buffer;
}

export function toAttachmentDto(r: AttachmentRow & { created_by_name?: string | null }) {
  return {
    id: r.id,
    ownerType: r.owner_type,
    ownerId: r.owner_id,
    siteId: r.site_id,
    filename: r.filename,
    mime: r.mime,
    size: r.size,
    sha256: r.sha256,
    createdBy: r.created_by,
    createdByName: r.created_by_name ?? null,
    createdAt: r.created_at,
    url: `/api/v1/attachments/${r.id}/content`,
  };
}

function unknownOwnerType(ownerType: string) {
  return validation([{ field: 'ownerType', message: `不支持的所属类型 ${ownerType}，可选：${attachmentOwnerTypes().join('、')}` }]);
}

/** The owning record decides: its read permission to see files, its write permission to change them. */
async function ownerAccess(ctx: Ctx, ownerType: string, ownerId: string, mode: 'read' | 'write'): Promise<ResolvedOwner> {
  const owner = attachmentOwner(ownerType);
  if (!owner) throw unknownOwnerType(ownerType);
  const resolved = await owner.resolve(ctx, ownerId, mode);
  if (resolved.self) return resolved;
  assertReadable(ctx, owner.readPermission, resolved.siteId, owner.label);
  if (mode === 'write') assertCan(ctx, owner.writePermission, resolved.siteId);
  return resolved;
}

export async function uploadAttachment(ctx: Ctx, store: FileStore, input: UploadInput): Promise<AttachmentRow> {
  if (!attachmentOwner(input.ownerType)) throw unknownOwnerType(input.ownerType);
  const owner = await ownerAccess(ctx, input.ownerType, input.ownerId, 'write');
  if (input.data.length === 0) throw validation([{ field: 'file', message: '文件为空' }]);
  const type = sniff(input.data, input.filename);
  if (!type) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `不支持的文件类型。${ALLOWED_TYPES_MESSAGE}`);
  const now = ctx.clock.now();
  const id = newId();
  const row: AttachmentRow = {
    id,
    org_id: ctx.actor.orgId,
    site_id: owner.siteId,
    owner_type: input.ownerType,
    owner_id: input.ownerId,
    filename: input.filename,
    mime: type.mime,
    size: input.data.length,
    sha256: createHash('sha256').update(input.data).digest('hex'),
    storage_key: `${ctx.actor.orgId}/${now.toISOString().slice(0, 7)}/${id}`,
    created_by: ctx.actor.userId,
    created_at: now.toISOString(),
    deleted_at: null,
  };
  // bytes first: a row must never point at missing bytes; orphaned bytes are only wasted space
  await store.put(row.storage_key, input.data, row.mime);
  try {
    await ctx.db.transaction().execute(async (tx) => {
      await insertAttachment(tx, row);
      await writeAudit(ctx, tx, { entity: 'attachment', entityId: id, siteId: row.site_id, action: 'create', after: auditView(row) });
    });
  } catch (err) {
    await store.remove(row.storage_key).catch(() => undefined);
    throw err;
  }
  return row;
}

export async function listAttachments(ctx: Ctx, ownerType: string, ownerId: string, page: PageQuery): Promise<Page<AttachmentRow>> {
  await ownerAccess(ctx, ownerType, ownerId, 'read');
  return listOwnerAttachments(ctx.db, ctx.actor.orgId, ownerType, ownerId, page);
}

/** The attachment if the actor may see its owning record; 404 otherwise (also for owner types no longer registered). */
export async function getAttachment(ctx: Ctx, id: string): Promise<AttachmentRow> {
  const row = await findAttachment(ctx.db, ctx.actor.orgId, id);
  if (!row || !attachmentOwner(row.owner_type)) throw notFound('附件');
  await ownerAccess(ctx, row.owner_type, row.owner_id, 'read');
  return row;
}

export async function readAttachmentContent(ctx: Ctx, store: FileStore, id: string): Promise<{ row: AttachmentRow; data: Buffer }> {
  const row = await getAttachment(ctx, id);
  try {
    return { row, data: await store.get(row.storage_key) };
  } catch (err) {
    if (err instanceof FileMissingError) throw new AppError('NOT_FOUND', '附件内容已丢失，请联系管理员');
    throw err;
  }
}

/**
 * Soft delete (bytes are kept for recovery): by whoever may change the owning record, or by
 * the uploader — but only while the record takes changes: evidence a verifier has judged (a
 * submitted action item) is refused by the owner's write check, for the uploader too.
 */
export async function deleteAttachment(ctx: Ctx, id: string): Promise<AttachmentRow> {
  const row = await getAttachment(ctx, id);
  const own = row.created_by !== null && row.created_by === ctx.actor.userId;
  // getAttachment answered 404 for an owner type no longer registered
  if (own) await attachmentOwner(row.owner_type)?.resolve(ctx, row.owner_id, 'write');
  else await ownerAccess(ctx, row.owner_type, row.owner_id, 'write');
  const at = ctx.clock.now().toISOString();
  const after = { ...row, deleted_at: at };
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await markDeleted(tx, id, at))) throw notFound('附件');
    await writeAudit(ctx, tx, {
      entity: 'attachment',
      entityId: id,
      siteId: row.site_id,
      action: 'delete',
      before: auditView(row),
      after: auditView(after),
    });
  });
  return after;
}

function auditView(r: AttachmentRow) {
  return {
    owner_type: r.owner_type,
    owner_id: r.owner_id,
    filename: r.filename,
    mime: r.mime,
    size: r.size,
    sha256: r.sha256,
    deleted_at: r.deleted_at,
  };
}
