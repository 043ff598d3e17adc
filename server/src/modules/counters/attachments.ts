import { hasPermission } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import { notFound } from '../../platform/http/errors.js';
import { registerAttachmentOwner } from '../attachments/index.js';
import { counterVisibility } from './counters.service.js';
import { findNotice } from './notices.repository.js';

/**
 * Photos of a notice: what the inspector found (counter_notice) and the counter's
 * rectification (counter_notice_after). The counter's own staff hold no counters
 * permission: they count as the record's owners for reading both and for adding their
 * rectification photos, never for changing what the inspector recorded.
 */
export const NOTICE_PHOTO_TYPES = { counter_notice: '整改通知照片', counter_notice_after: '整改后照片' } as const;

async function resolveNotice(ctx: Ctx, id: string, ownFiles: boolean) {
  const row = await findNotice(ctx.db, ctx.actor.orgId, id);
  if (!row) throw notFound('整改通知');
  const vis = await counterVisibility(ctx);
  const member = vis.memberOf.includes(row.counter_id);
  if (!member && !hasPermission(ctx.actor, 'counters:read', row.site_id)) throw notFound('整改通知');
  return { siteId: row.site_id, self: member && ownFiles };
}

export function registerNoticeAttachments(): void {
  registerAttachmentOwner('counter_notice', {
    label: NOTICE_PHOTO_TYPES.counter_notice,
    readPermission: 'counters:read',
    writePermission: 'counters:manage',
    resolve: (ctx, id, mode) => resolveNotice(ctx, id, mode === 'read'),
  });
  registerAttachmentOwner('counter_notice_after', {
    label: NOTICE_PHOTO_TYPES.counter_notice_after,
    readPermission: 'counters:read',
    writePermission: 'counters:manage',
    resolve: (ctx, id) => resolveNotice(ctx, id, true),
  });
}
