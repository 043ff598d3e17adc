import type { TimelineEntry, TimelineSource } from './timeline.service.js';

/** newest entries per asset a source contributes; the timeline shows the newest overall */
const MAX = 200;

const DECISIONS: Record<string, string> = { rejected: '资产移交被拒绝', cancelled: '资产移交已撤回' };

/**
 * Custody transfers of an asset: the request (with its current status) and a refusal or
 * withdrawal. A confirmed transfer shows as the custodian change the audit source reports.
 */
export const custodyTimelineSource: TimelineSource = async (ctx, assetId) => {
  const rows = await ctx.db
    .selectFrom('custody_transfer_items as i')
    .innerJoin('custody_transfers as t', 't.id', 'i.transfer_id')
    .innerJoin('users as tu', 'tu.id', 't.to_user_id')
    .innerJoin('users as ru', 'ru.id', 't.requested_by')
    .leftJoin('users as fu', 'fu.id', 't.from_user_id')
    .select([
      't.id',
      't.status',
      't.reason',
      't.created_at',
      't.decided_at',
      't.decision_note',
      'tu.name as to_name',
      'ru.name as requested_by_name',
      'fu.name as from_name',
    ])
    .where('i.asset_id', '=', assetId)
    .where('t.org_id', '=', ctx.actor.orgId)
    .orderBy('t.created_at', 'desc')
    .limit(MAX)
    .execute();
  const entries: TimelineEntry[] = [];
  for (const t of rows) {
    const link = `/equipment/custody/${t.id}`;
    const parties = `${t.from_name ?? '（多人）'} → ${t.to_name}`;
    const pending = t.status === 'pending' ? '（待确认）' : '';
    entries.push({
      at: t.created_at,
      kind: 'custody',
      title: `发起资产移交${pending}`,
      detail: t.reason ? `${parties}；原因：${t.reason}` : parties,
      link,
      actorName: t.requested_by_name,
    });
    const decision = DECISIONS[t.status];
    if (decision && t.decided_at) {
      const actorName = t.status === 'cancelled' ? t.requested_by_name : t.to_name;
      entries.push({ at: t.decided_at, kind: 'custody', title: decision, detail: t.decision_note, link, actorName });
    }
  }
  return entries;
};
