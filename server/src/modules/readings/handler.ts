import type { Tx } from '../../platform/context.js';
import type { JobDeps } from '../../platform/jobs/scheduler.js';
import { formatZoned, zonedDate } from '../../platform/numbering/time.js';
import type { OccurrenceHandler, OccurrenceRow } from '../../platform/occurrences/engine.js';
import { usersWithPermission } from '../identity/index.js';
import { POINT_OWNER } from './points.repository.js';

/**
 * The reading point's side of the occurrence engine. A reading needs no work item: one
 * dated inside a due window completes that occurrence (record.ts). A window that passes
 * without one is a missed reading — a fact the engine records — and the site's reading
 * managers hear of it, at most once a day per point, so a sensor that died at night does
 * not send one message per half hour.
 */
export const readingOccurrenceHandler: OccurrenceHandler = {
  ownerType: POINT_OWNER,

  async onMissed(tx: Tx, o: OccurrenceRow, deps: JobDeps) {
    const point = await tx.selectFrom('reading_points').select(['id', 'name', 'code']).where('id', '=', o.owner_id).executeTakeFirst();
    if (!point) return;
    const site = await tx.selectFrom('sites').select(['timezone', 'name']).where('id', '=', o.site_id).executeTakeFirstOrThrow();
    const today = zonedDate(deps.clock.now(), site.timezone);
    // the claim: only the update that moves the day on sends the notice
    const claimed = await tx
      .updateTable('reading_points')
      .set({ missed_notified_on: today })
      .where('id', '=', point.id)
      .where((eb) => eb.or([eb('missed_notified_on', 'is', null), eb('missed_notified_on', '!=', today)]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return;
    const managers = await usersWithPermission(tx, o.org_id, 'readings:manage', o.site_id);
    if (!managers.length) return;
    await deps.notifier.send(tx, {
      orgId: o.org_id,
      userIds: managers.map((u) => u.id),
      kind: 'reading_missed',
      title: `漏抄读数：${point.name}`,
      body: `${site.name} 读数点 ${point.code} ${point.name} 计划 ${formatZoned(new Date(o.due_at), site.timezone)} 的读数在 ${formatZoned(
        new Date(o.window_end_at),
        site.timezone,
      )} 前未录入（当天其他漏抄不再另行通知）。`,
      link: `/readings/points/${point.id}`,
    });
  },
};
