import { hasPermission } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import { notFound } from '../../platform/http/errors.js';
import { registerAttachmentOwner } from '../attachments/index.js';
import { counterVisibility } from './counters.service.js';
import { findNotice } from './notices.repository.js';

/**
 * Photos of a notice: what the inspector found (counter_notice) and the counter's
 * rectification (counter_notice_after). The counter's own staff see and add both —
 * they hold no counters permission, so they count as the record's owners.
 */
export const NOTICE_PHOTO_TYPES = { counter_notice: '整改通知照片', counter_notice_after: '整改后照片' } as const;

async function resolveNotice(ctx: Ctx, id: string) {
  const row = await findNotice(ctx.db, ctx.actor.orgId, id);
  if (!row) throw notFound('整改通知');
  const vis = await counterVisibility(ctx);
  const member = vis.memberOf.includes(row.counter_id);
  if (!member && !hasPermission(ctx.actor, 'counters:read', row.site_id)) throw notFound('整改通知');
  return { siteId: row.site_id, self: member };
}

export function registerNoticeAttachments(): void {
  registerAttachmentOwner('counter_notice', {
    label: NOTICE_PHOTO_TYPES.counter_notice,
    readPermission: 'counters:read',
    writePermission: 'counters:manage',
    resolve: resolveNotice,
  });
  registerAttachmentOwner('counter_notice_after', {
    label: NOTICE_PHOTO_TYPES.counter_notice_after,
    readPermission: 'counters:read',
    writePermission: 'files:upload',
    resolve: resolveNotice,
  });
}
