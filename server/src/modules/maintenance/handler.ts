import { systemActor } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import type { JobDeps } from '../../platform/jobs/scheduler.js';
import { formatZoned } from '../../platform/numbering/time.js';
import { completeOccurrence, type OccurrenceHandler, type OccurrenceRow } from '../../platform/occurrences/engine.js';
import { attachChecklist, findTemplate } from '../checklists/index.js';
import { usersWithPermission } from '../identity/index.js';
import { teamMemberIds } from '../org/index.js';
import { intake, type WorkOrderHook } from '../workorders/index.js';
import { PLAN_OWNER, type PlanRow } from './schedule.js';

/** work_orders.source_type of the orders raised by plan occurrences */
export const OCCURRENCE_SOURCE = 'maintenance_occurrence';
const ACTOR_NAME = '保养计划';
/** a category plan's order lists at most this many of the assets it covers */
const LISTED_ASSETS = 20;

function jobCtx(deps: JobDeps, tx: Tx, orgId: string): Ctx {
  // ctx.db is the transaction: on SQLite a read through another handle would wait for this one
  return { ...deps, db: tx, actor: { ...systemActor(orgId), name: ACTOR_NAME }, requestId: null };
}

function planOf(tx: Tx, o: OccurrenceRow): Promise<PlanRow | undefined> {
  return tx.selectFrom('maintenance_plans').selectAll().where('id', '=', o.owner_id).executeTakeFirst();
}

/** The assets a category plan covers: of the category or below it, in the plan's locations' subtrees (the whole site without any). */
async function coveredAssets(tx: Tx, plan: PlanRow): Promise<{ code: string; name: string }[]> {
  if (!plan.category_id) return [];
  const cat = await tx.selectFrom('asset_categories').select('path').where('id', '=', plan.category_id).executeTakeFirst();
  if (!cat) return [];
  const locIds = JSON.parse(plan.location_ids) as string[];
  const roots = locIds.length
    ? await tx.selectFrom('locations').select('path').where('id', 'in', locIds).where('site_id', '=', plan.site_id).execute()
    : [];
  let q = tx
    .selectFrom('assets as a')
    .innerJoin('asset_categories as c', 'c.id', 'a.category_id')
    .leftJoin('locations as l', 'l.id', 'a.location_id')
    .select(['a.code', 'a.name'])
    .where('a.site_id', '=', plan.site_id)
    .where('a.status', '!=', 'scrapped')
    .where('c.path', 'like', `${cat.path}%`);
  if (locIds.length) {
    if (!roots.length) return [];
    q = q.where((eb) => eb.or(roots.map((r) => eb('l.path', 'like', `${r.path}%`))));
  }
  return q
    .orderBy('a.code')
    .limit(LISTED_ASSETS + 1)
    .execute();
}

async function describe(tx: Tx, plan: PlanRow, o: OccurrenceRow): Promise<string> {
  const site = await tx.selectFrom('sites').select('timezone').where('id', '=', o.site_id).executeTakeFirstOrThrow();
  const lines = [`【保养】${plan.name}（计划 ${formatZoned(new Date(o.due_at), site.timezone)}）`];
  if (plan.trigger === 'meter' && plan.meter_baseline !== null) {
    lines.push(`${plan.meter_name ?? '读数'}达到 ${Number(plan.meter_baseline)}${plan.meter_unit ? ` ${plan.meter_unit}` : ''}`);
  }
  if (plan.target === 'category') {
    const assets = await coveredAssets(tx, plan);
    if (assets.length) {
      const shown = assets.slice(0, LISTED_ASSETS).map((a) => `${a.code} ${a.name}`);
      lines.push(`涉及设备：${shown.join('、')}${assets.length > LISTED_ASSETS ? ' 等' : ''}`);
    }
  }
  if (plan.description) lines.push(plan.description);
  return lines.join('\n');
}

/**
 * The maintenance plan's side of the occurrence engine: an occurrence whose lead time has
 * come becomes a maintenance work order (dispatched to the plan's team or person, with
 * the plan's checklist); one whose window passed undone is announced to the people on it
 * and to the site's maintenance managers.
 */
export const maintenanceOccurrenceHandler: OccurrenceHandler = {
  ownerType: PLAN_OWNER,

  async createItem(tx, o, deps) {
    const plan = await planOf(tx, o);
    // a stopped plan raises no more orders; its remaining occurrence is reported as missed
    if (plan?.active !== 1) return null;
    const ctx = jobCtx(deps, tx, o.org_id);
    const locationId = plan.target === 'category' ? ((JSON.parse(plan.location_ids) as string[])[0] ?? null) : null;
    let order: Awaited<ReturnType<typeof intake>>;
    try {
      order = await intake(
        ctx,
        tx,
        {
          siteId: o.site_id,
          assetId: plan.target === 'asset' ? plan.asset_id : null,
          locationId,
          category: plan.work_category,
          urgency: 'normal',
          description: await describe(tx, plan, o),
          kind: 'maintenance',
          sourceType: OCCURRENCE_SOURCE,
          sourceId: o.id,
          assignTo: { teamId: plan.team_id, assigneeId: plan.assignee_id, actorName: ACTOR_NAME },
        },
        { channel: 'maintenance', requesterId: null, ownerId: null, actorName: ACTOR_NAME },
      );
    } catch (e) {
      // intake checks before it writes: a plan gone stale (its category switched off, its asset
      // moved) raises no order, and the occurrence is reported as missed rather than failing the job
      if (e instanceof AppError && e.code === 'VALIDATION') return null;
      throw e;
    }
    if (plan.checklist_template_id) {
      const template = await findTemplate(tx, o.org_id, plan.checklist_template_id);
      if (template?.active) await attachChecklist(ctx, tx, { type: 'work_order', id: order.id, siteId: order.site_id }, template.id);
    }
    return { itemType: 'work_order', itemId: order.id };
  },

  async onMissed(tx, o, deps) {
    const plan = await planOf(tx, o);
    if (!plan) return;
    const ids = new Set<string>();
    if (plan.assignee_id) ids.add(plan.assignee_id);
    else if (plan.team_id) for (const id of await teamMemberIds(tx, plan.team_id)) ids.add(id);
    for (const u of await usersWithPermission(tx, o.org_id, 'maintenance:manage', o.site_id)) ids.add(u.id);
    if (!ids.size) return;
    const site = await tx.selectFrom('sites').select('timezone').where('id', '=', o.site_id).executeTakeFirstOrThrow();
    const order =
      o.item_type === 'work_order' && o.item_id
        ? await tx.selectFrom('work_orders').select('number').where('id', '=', o.item_id).executeTakeFirst()
        : undefined;
    await deps.notifier.send(tx, {
      orgId: o.org_id,
      userIds: [...ids],
      kind: 'maintenance_missed',
      title: `保养未按期完成：${plan.name}`,
      body: `计划 ${formatZoned(new Date(o.due_at), site.timezone)} 的保养在 ${formatZoned(new Date(o.window_end_at), site.timezone)} 前未完成${
        order ? `（工单 ${order.number}）` : '（未生成工单）'
      }，请尽快安排。`,
      link: `/maintenance/occurrences?planId=${plan.id}`,
    });
  },
};

/**
 * Finishing a maintenance order completes its occurrence — also after the window, when it
 * was already recorded as missed (done late: it keeps missed_at and never counts as on
 * time). A cancelled order leaves the occurrence open: it becomes missed unless skipped.
 */
export const maintenanceWorkOrderHook: WorkOrderHook = {
  async after(ctx, tx, _before, after, action) {
    if (action !== 'finish' || after.source_type !== OCCURRENCE_SOURCE || !after.source_id) return;
    const occ = await tx
      .selectFrom('occurrences')
      .select(['id', 'schedule_id', 'status', 'site_id'])
      .where('id', '=', after.source_id)
      .where('owner_type', '=', PLAN_OWNER)
      .executeTakeFirst();
    if (!occ) return;
    const at = ctx.clock.now();
    if (!(await completeOccurrence(tx, occ, { at, by: ctx.actor.userId, late: true }))) return;
    await writeAudit(ctx, tx, {
      entity: 'occurrence',
      entityId: occ.id,
      siteId: occ.site_id,
      action: 'complete',
      before: { status: occ.status },
      after: { status: 'done', done_at: at.toISOString(), work_order_id: after.id },
    });
  },
};
