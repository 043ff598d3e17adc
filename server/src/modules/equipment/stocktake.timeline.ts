import { itemState } from './stocktake.service.js';
import type { TimelineEntry, TimelineSource } from './timeline.service.js';

const MAX = 200;

const FINDINGS: Record<ReturnType<typeof itemState>, string> = {
  found: '盘点：已盘到',
  misplaced: '盘点：位置与账面不符',
  unexpected: '盘点：盘盈（不在盘点范围内）',
  missing: '盘点：盘亏（未找到）',
  pending: '盘点：未盘到',
};

/** What each stocktake found about the asset: found (where, by whom), or missing once the count closed. */
export const stocktakeTimelineSource: TimelineSource = async (ctx, assetId) => {
  const rows = await ctx.db
    .selectFrom('stocktake_items as i')
    .innerJoin('stocktakes as t', 't.id', 'i.stocktake_id')
    .leftJoin('users as u', 'u.id', 'i.found_by')
    .leftJoin('locations as l', 'l.id', 'i.found_location_id')
    .select([
      'i.expected',
      'i.found_at',
      'i.found_location_id',
      'i.expected_location_id',
      'i.note',
      't.id',
      't.number',
      't.status',
      't.closed_at',
      'u.name as found_by_name',
      'l.name as found_location_name',
    ])
    .where('i.asset_id', '=', assetId)
    .where('t.org_id', '=', ctx.actor.orgId)
    .where('t.status', '<>', 'cancelled')
    .where((eb) => eb.or([eb('i.found_at', 'is not', null), eb('t.status', '=', 'closed')]))
    .orderBy('i.id', 'desc')
    .limit(MAX)
    .execute();
  const entries: TimelineEntry[] = [];
  for (const r of rows) {
    const at = r.found_at ?? r.closed_at;
    if (!at) continue;
    const state = itemState(r, r.status === 'open');
    const where = r.found_location_name ? `；发现位置：${r.found_location_name}` : '';
    entries.push({
      at,
      kind: 'stocktake',
      title: FINDINGS[state],
      detail: `盘点单 ${r.number}${where}${r.note ? `；${r.note}` : ''}`,
      link: `/equipment/stocktakes/${r.id}`,
      actorName: r.found_by_name,
    });
  }
  return entries;
};
