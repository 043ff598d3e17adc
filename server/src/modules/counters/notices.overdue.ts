import { systemActor } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Clock, Db } from '../../platform/context.js';
import type { Notifier } from '../../platform/notify/notifier.js';
import { formatZoned } from '../../platform/numbering/time.js';
import { noticeRecipients } from './notices.notify.js';
import { claimOverdue, dueNotices } from './notices.repository.js';

const BATCH = 100;

/**
 * Scheduler job: issued notices past their deadline become overdue, and the counter's
 * staff and the issuer are told the department will now repair for a fee. Safe to run
 * as often as wanted and from several processes: each notice is claimed with a
 * conditional update (status still issued), so it is marked and announced once.
 * Answers how many notices this run marked.
 */
export async function markOverdueNotices(db: Db, clock: Clock, notifier: Notifier): Promise<number> {
  const now = clock.now();
  const at = now.toISOString();
  let marked = 0;
  for (;;) {
    const batch = await dueNotices(db, at, BATCH);
    let claimed = 0;
    for (const n of batch) {
      const won = await db.transaction().execute(async (tx) => {
        if (!(await claimOverdue(tx, n.id, at))) return false;
        const ctx = { actor: systemActor(n.org_id), requestId: null, clock };
        await writeAudit(ctx, tx, {
          entity: 'counter_notice',
          entityId: n.id,
          action: 'mark_overdue',
          siteId: n.site_id,
          before: { status: 'issued' },
          after: { status: 'overdue', overdue_at: at },
        });
        const userIds = await noticeRecipients(tx, n, 'both');
        if (userIds.length) {
          const site = await tx.selectFrom('sites').select('timezone').where('id', '=', n.site_id).executeTakeFirstOrThrow();
          await notifier.send(tx, {
            orgId: n.org_id,
            userIds,
            kind: 'counter_notice',
            title: `整改通知 ${n.number} 已逾期`,
            body: `整改期限 ${formatZoned(new Date(n.deadline), site.timezone)} 已过仍未整改：${n.description.slice(0, 80)}。后勤部门将按收费规则有偿维修。`,
            link: `/counters/notices/${n.id}`,
          });
        }
        return true;
      });
      if (won) claimed++;
    }
    marked += claimed;
    // a short batch was the last; a batch nobody could claim means other processes are on it
    if (batch.length < BATCH || claimed === 0) break;
  }
  return marked;
}
