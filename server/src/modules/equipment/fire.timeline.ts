import { zonedDayStart } from '../../platform/numbering/time.js';
import { FIRE_SERVICE_KIND_LABELS, type FireServiceKind } from './fire.service.js';
import type { TimelineEntry, TimelineSource } from './timeline.service.js';

const MAX = 200;

function checkDetail(c: { present: number; gauge_ok: number | null; seal_ok: number | null; usable: number; note: string | null }): string {
  const parts =
    c.present === 0
      ? ['器材不在位，已标记遗失']
      : [`压力表${c.gauge_ok === 1 ? '正常' : '异常'}`, `铅封${c.seal_ok === 1 ? '完好' : '损坏'}`, c.usable === 1 ? '可使用' : '不可使用'];
  if (c.note) parts.push(c.note);
  return parts.join('；');
}

/** Monthly checks and services of a portable fire item. */
export const fireTimelineSource: TimelineSource = async (ctx, assetId) => {
  const [checks, services] = await Promise.all([
    ctx.db
      .selectFrom('fire_checks as c')
      .innerJoin('users as u', 'u.id', 'c.checked_by')
      .select(['c.checked_at', 'c.present', 'c.gauge_ok', 'c.seal_ok', 'c.usable', 'c.note', 'u.name as actor_name'])
      .where('c.asset_id', '=', assetId)
      .where('c.org_id', '=', ctx.actor.orgId)
      .orderBy('c.checked_at', 'desc')
      .limit(MAX)
      .execute(),
    ctx.db
      .selectFrom('fire_services as v')
      .innerJoin('users as u', 'u.id', 'v.created_by')
      .innerJoin('sites as s', 's.id', 'v.site_id')
      .select(['v.serviced_on', 'v.kind', 'v.vendor', 'v.note', 's.timezone', 'u.name as actor_name'])
      .where('v.asset_id', '=', assetId)
      .where('v.org_id', '=', ctx.actor.orgId)
      .orderBy('v.serviced_on', 'desc')
      .limit(MAX)
      .execute(),
  ]);
  const entries: TimelineEntry[] = checks.map((c) => ({
    at: c.checked_at,
    kind: 'fire_check',
    title: c.present === 0 ? '消防月检：器材缺失' : c.usable === 1 ? '消防月检：合格' : '消防月检：不合格',
    detail: checkDetail(c),
    link: null,
    actorName: c.actor_name,
  }));
  for (const v of services) {
    const detail = [v.serviced_on, v.vendor, v.note].filter(Boolean).join('；');
    entries.push({
      at: zonedDayStart(v.serviced_on, v.timezone).toISOString(),
      kind: 'fire_service',
      title: `消防器材${FIRE_SERVICE_KIND_LABELS[v.kind as FireServiceKind] ?? v.kind}`,
      detail,
      link: null,
      actorName: v.actor_name,
    });
  }
  return entries;
};
