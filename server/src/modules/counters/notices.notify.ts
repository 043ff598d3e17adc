import type { Db, Tx } from '../../platform/context.js';
import type { NoticeRow } from './notices.repository.js';

/** Who hears about a notice: the counter's active staff, the administrator who issued it, or both. */
export async function noticeRecipients(
  db: Db | Tx,
  row: Pick<NoticeRow, 'counter_id' | 'issued_by'>,
  who: 'members' | 'issuer' | 'both',
): Promise<string[]> {
  const ids = new Set<string>();
  if (who !== 'issuer') {
    const members = await db
      .selectFrom('counter_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select('m.user_id')
      .where('m.counter_id', '=', row.counter_id)
      .where('u.active', '=', 1)
      .execute();
    for (const m of members) ids.add(m.user_id);
  }
  if (who !== 'members' && row.issued_by) ids.add(row.issued_by);
  return [...ids];
}
