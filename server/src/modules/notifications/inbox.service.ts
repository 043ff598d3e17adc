import type { Ctx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { PageQuery } from '../../platform/http/paging.js';
import { countUnread, findOwn, listInbox, markRead, type NotificationRow } from './inbox.repository.js';

/**
 * The in-app inbox. Marking as read is the reader's own bookkeeping, not a change
 * to a business record, so it is not written to the audit log.
 */
export function toNotificationDto(r: NotificationRow) {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    read: r.read_at !== null,
    readAt: r.read_at,
    createdAt: r.created_at,
  };
}

function me(ctx: Ctx): string {
  if (!ctx.actor.userId) throw new AppError('FORBIDDEN', '只有用户本人有收件箱');
  return ctx.actor.userId;
}

export function myNotifications(ctx: Ctx, f: PageQuery & { unread?: boolean; kind?: string }) {
  return listInbox(ctx.db, me(ctx), f);
}

export function myUnreadCount(ctx: Ctx): Promise<number> {
  return countUnread(ctx.db, me(ctx));
}

export async function readNotification(ctx: Ctx, id: string): Promise<NotificationRow> {
  const userId = me(ctx);
  const row = await findOwn(ctx.db, userId, id);
  if (!row) throw notFound('通知');
  if (row.read_at) return row;
  const at = ctx.clock.now().toISOString();
  await markRead(ctx.db, userId, [id], at);
  return { ...row, read_at: at };
}

export async function readAllNotifications(ctx: Ctx): Promise<number> {
  return markRead(ctx.db, me(ctx), 'all', ctx.clock.now().toISOString());
}
