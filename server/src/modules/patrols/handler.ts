import { systemActor } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import type { JobDeps } from '../../platform/jobs/scheduler.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import { formatZoned } from '../../platform/numbering/time.js';
import type { OccurrenceHandler } from '../../platform/occurrences/engine.js';
import { usersWithPermission } from '../identity/index.js';
import { drawSpotCheck } from './draw.js';
import { type PointRow, pointsOf, roleNames } from './plans.repository.js';
import type { RoundPointRow, RoundRow } from './rounds.repository.js';
import { PLAN_OWNER, type PlanRow } from './schedule.js';

/** numbering_rules.code of rounds: XJ-YYYYMMDD-0001, per site and day */
export const ROUND_NUMBERING = 'XJ';
const ACTOR_NAME = '巡检计划';
const MINUTE = 60_000;

function jobCtx(deps: JobDeps, tx: Tx, orgId: string): Ctx {
  // ctx.db is the transaction: on SQLite a read through another handle would wait for this one
  return { ...deps, db: tx, actor: { ...systemActor(orgId), name: ACTOR_NAME }, requestId: null };
}

/** The name a round shows for its assignee, taken when it is raised (a later plan change does not rename it). */
async function assigneeName(tx: Tx, plan: PlanRow): Promise<string> {
  if (plan.assignee_type === 'role')
    return plan.assignee_role ? ((await roleNames(tx, plan.org_id)).get(plan.assignee_role) ?? plan.assignee_role) : '';
  if (!plan.assignee_id) return '';
  const row =
    plan.assignee_type === 'user'
      ? await tx.selectFrom('users').select('name').where('id', '=', plan.assignee_id).executeTakeFirst()
      : await tx.selectFrom('teams').select('name').where('id', '=', plan.assignee_id).executeTakeFirst();
  return row?.name ?? '';
}

export interface RaiseInput {
  occurrenceId: string | null;
  dueAt: Date;
  windowEndAt: Date;
  points: PointRow[];
  /** an ad-hoc round goes to the person who starts it */
  assignee?: { userId: string; name: string };
}

/** Writes a round with its points (pending) in the caller's transaction, audited. */
export async function raiseRound(ctx: Ctx, tx: Tx, plan: PlanRow, input: RaiseInput): Promise<RoundRow> {
  const at = ctx.clock.now().toISOString();
  const number = await nextNumber(tx, { orgId: plan.org_id, ruleCode: ROUND_NUMBERING, siteId: plan.site_id, at: input.dueAt });
  const round: RoundRow = {
    id: newId(),
    org_id: plan.org_id,
    site_id: plan.site_id,
    number,
    plan_id: plan.id,
    occurrence_id: input.occurrenceId,
    level: plan.level,
    kind: plan.kind,
    due_at: input.dueAt.toISOString(),
    window_end_at: input.windowEndAt.toISOString(),
    status: 'pending',
    assignee_type: input.assignee ? 'user' : plan.assignee_type,
    assignee_id: input.assignee ? input.assignee.userId : plan.assignee_id,
    assignee_role: input.assignee ? null : plan.assignee_role,
    assignee_name: input.assignee ? input.assignee.name : await assigneeName(tx, plan),
    supervisor_id: plan.supervisor_id,
    started_at: null,
    finished_at: null,
    done_by: null,
    note: null,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  await tx.insertInto('patrol_rounds').values(round).execute();
  const points: RoundPointRow[] = input.points.map((p, i) => ({
    id: newId(),
    org_id: plan.org_id,
    round_id: round.id,
    seq: i + 1,
    target_type: p.target_type,
    target_id: p.target_id,
    checklist_template_id: p.checklist_template_id,
    status: 'pending',
    checked_in_at: null,
    checked_in_by: null,
    check_in_method: null,
    check_in_reason: null,
    out_of_order: 0,
    skip_reason: null,
    checklist_result_id: null,
    created_at: at,
    updated_at: at,
    version: 1,
  }));
  if (points.length) await tx.insertInto('patrol_round_points').values(points).execute();
  await writeAudit(ctx, tx, {
    entity: 'patrol_round',
    entityId: round.id,
    siteId: round.site_id,
    action: 'create',
    after: { ...round, points: points.map((p) => ({ seq: p.seq, target_type: p.target_type, target_id: p.target_id })) },
  });
  return round;
}

function planOf(tx: Tx, planId: string): Promise<PlanRow | undefined> {
  return tx.selectFrom('patrol_plans').selectAll().where('id', '=', planId).executeTakeFirst();
}

/** Who hears of a missed round: the plan's supervisor, or else the site's patrol managers. */
async function supervisorsOf(tx: Tx, orgId: string, siteId: string, supervisorId: string | null): Promise<string[]> {
  if (supervisorId) return [supervisorId];
  return (await usersWithPermission(tx, orgId, 'patrols:manage', siteId)).map((u) => u.id);
}

/**
 * The patrol plan's side of the occurrence engine: an occurrence whose lead time has come
 * becomes a round (a random plan's round gets its drawn points and time); one whose window
 * passed undone marks its round missed and escalates to the supervisor (督导).
 */
export const patrolOccurrenceHandler: OccurrenceHandler = {
  ownerType: PLAN_OWNER,

  async createItem(tx, o, deps) {
    const plan = await planOf(tx, o.owner_id);
    // a stopped plan raises no more rounds; its remaining occurrence is reported as missed
    if (plan?.active !== 1) return null;
    const all = await pointsOf(tx, [plan.id]);
    if (!all.length) return null;
    let points = all;
    let dueAt = new Date(o.due_at);
    if (plan.kind === 'random') {
      const draw = drawSpotCheck(o.id, all.length, plan.random_count ?? all.length, plan.window_minutes);
      points = draw.indexes.map((i) => all[i] as PointRow);
      dueAt = new Date(dueAt.getTime() + draw.offsetMinutes * MINUTE);
    }
    const round = await raiseRound(jobCtx(deps, tx, o.org_id), tx, plan, {
      occurrenceId: o.id,
      dueAt,
      windowEndAt: new Date(o.window_end_at),
      points,
    });
    return { itemType: 'patrol_round', itemId: round.id };
  },

  async onMissed(tx, o, deps) {
    const plan = await planOf(tx, o.owner_id);
    if (!plan) return;
    const round = await tx.selectFrom('patrol_rounds').selectAll().where('occurrence_id', '=', o.id).executeTakeFirst();
    const ctx = jobCtx(deps, tx, o.org_id);
    // a round not started is missed; one under way stays open and counts as late when finished
    if (round?.status === 'pending') {
      const at = ctx.clock.now().toISOString();
      await tx
        .updateTable('patrol_rounds')
        .set({ status: 'missed', updated_at: at, version: round.version + 1 })
        .where('id', '=', round.id)
        .where('status', '=', 'pending')
        .execute();
      await writeAudit(ctx, tx, {
        entity: 'patrol_round',
        entityId: round.id,
        siteId: round.site_id,
        action: 'mark_missed',
        before: { status: round.status },
        after: { status: 'missed' },
      });
    }
    const ids = await supervisorsOf(tx, o.org_id, o.site_id, round?.supervisor_id ?? plan.supervisor_id);
    if (!ids.length) return;
    const site = await tx.selectFrom('sites').select('timezone').where('id', '=', o.site_id).executeTakeFirstOrThrow();
    const when = formatZoned(new Date(round?.due_at ?? o.due_at), site.timezone);
    const deadline = formatZoned(new Date(o.window_end_at), site.timezone);
    const who = round ? `（${round.assignee_name}）` : '';
    await deps.notifier.send(tx, {
      orgId: o.org_id,
      userIds: ids,
      kind: 'patrol_missed',
      title: `巡检未按时完成：${plan.name}`,
      body: round
        ? `${round.number} 应于 ${when} 巡检${who}，在 ${deadline} 前${round.status === 'pending' ? '未开始，已记为漏检' : '未完成'}，请督促落实。`
        : `计划 ${when} 的巡检未生成巡检任务（计划已停用或没有点位），已记为漏检。`,
      link: round ? `/patrols/rounds/${round.id}` : `/patrols/rounds?planId=${plan.id}`,
    });
  },
};
