import type { Job } from '../../platform/jobs/scheduler.js';

/** A push that has not finished in this time was cut off by a process that died mid-way. */
const STALE_SENDING_MS = 10 * 60_000;

/**
 * Scheduler job: pushes deliveries another process queued but did not push (it stopped
 * before its retries ran out), and records pushes cut off by a crash as failed. Those
 * are not retried: the channel may have received the message before the crash, and a
 * duplicate alarm is worse than a failure the administrator sees on the channel page.
 */
export const deliveriesJob: Job = {
  name: 'notifications.dispatch',
  async run({ db, clock, notifier }) {
    const stale = new Date(clock.now().getTime() - STALE_SENDING_MS).toISOString();
    const cut = await db
      .updateTable('notification_deliveries')
      .set({ status: 'failed', error: '发送中断（服务进程在发送时停止），未重试以免重复发送' })
      .where('status', '=', 'sending')
      .where('attempted_at', '<', stale)
      .executeTakeFirst();
    const pushed = await notifier.dispatchPending(db);
    return { pushed, cutOff: Number(cut.numUpdatedRows) };
  },
};
