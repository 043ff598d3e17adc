import type { Page } from '../../../../contracts/types.js';
import type { Db } from '../../platform/context.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';

export type NotificationRow = Row<'notifications'>;

const SORT: SortSpec = { columns: { id: 'id' }, default: '-id', id: 'id' };

/** Every inbox query is scoped to the one user: nobody reads another person's inbox. */
export function listInbox(db: Db, userId: string, f: PageQuery & { unread?: boolean; kind?: string }): Promise<Page<NotificationRow>> {
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (f.unread) q = q.where('read_at', 'is', null);
  if (f.kind) q = q.where('kind', '=', f.kind);
  return keysetPage<NotificationRow>(q, SORT, f, (row, key) => row[key as keyof NotificationRow]);
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findOwn(db: Db, userId: string, id: string): Promise<NotificationRow | undefined> {
  return db.selectFrom('notifications').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
}

export async function markRead(db: Db, userId: string, ids: string[] | 'all', at: string): Promise<number> {
  let q = db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ids !== 'all') q = q.where('id', 'in', ids);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}
