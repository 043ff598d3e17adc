import { systemActor } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import type { JobDeps } from '../../platform/jobs/scheduler.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import { formatZoned } from '../../platform/numbering/time.js';
import { deactivateSchedule, type OccurrenceHandler, type OccurrenceRow } from '../../platform/occurrences/engine.js';
import { DRILL_NUMBERING, DRILL_OWNER, drillLink, missedRecipients, PLAN_OWNER } from './common.js';
import type { DrillPlanRow, DrillRow } from './schema.js';

const ACTOR_NAME = '演练计划';

export function jobCtx(deps: JobDeps, tx: Tx, orgId: string): Ctx {
  // ctx.db is the transaction: on SQLite a read through another handle would wait for this one
  return { ...deps, db: tx, actor: { ...systemActor(orgId), name: ACTOR_NAME }, requestId: null };
}

/**
 * Writes the planned drill of a plan's occurrence in the caller's transaction, audited: the
 * plan's type, scenario, place and commander as they are now (a later plan change does not
 * touch it), planned at the occurrence's time, due by the end of its window.
 */
export async function raisePlannedDrill(
  ctx: Pick<Ctx, 'actor' | 'clock' | 'requestId'>,
  tx: Tx,
  plan: DrillPlanRow,
  o: Pick<OccurrenceRow, 'id' | 'due_at' | 'window_end_at'>,
  audit = true,
): Promise<DrillRow> {
  const at = ctx.clock.now().toISOString();
  const row: DrillRow = {
    id: newId(),
    org_id: plan.org_id,
    site_id: plan.site_id,
    number: await nextNumber(tx, { orgId: plan.org_id, ruleCode: DRILL_NUMBERING.code, siteId: plan.site_id, at: new Date(o.due_at) }),
    plan_id: plan.id,
    occurrence_id: o.id,
    type: plan.type,
    title: plan.name,
    scenario: plan.scenario,
    planned_at: o.due_at,
    due_by: o.window_end_at,
    status: 'planned',
    location_id: plan.location_id,
    place: plan.place,
    commander_id: plan.commander_id,
    started_at: null,
    ended_at: null,
    participants: '[]',
    participant_count: 0,
    preparation: null,
    purpose: null,
    course: null,
    problems: null,
    causes: null,
    lessons: null,
    evaluation: null,
    improvements: null,
    report_filed_at: null,
    report_filed_by: null,
    cancel_reason: null,
    recorded_by: null,
    created_by: null,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  await tx.insertInto('drills').values(row).execute();
  if (audit) await writeAudit(ctx, tx, { entity: 'drill', entityId: row.id, siteId: row.site_id, action: 'create', after: row });
  return row;
}

/**
 * A drill whose window passed without a record: a planned drill becomes missed (audited),
 * and its commander — or, without one, the site's drill managers — is told once (the
 * engine calls this once per occurrence, in the transaction that claims it).
 */
async function markMissed(deps: JobDeps, tx: Tx, o: OccurrenceRow, drill: DrillRow | undefined): Promise<void> {
  if (drill?.status !== 'planned' || drill.occurrence_id !== o.id) return;
  const ctx = jobCtx(deps, tx, o.org_id);
  const at = ctx.clock.now();
  const res = await tx
    .updateTable('drills')
    .set({ status: 'missed', updated_at: at.toISOString(), version: drill.version + 1 })
    .where('id', '=', drill.id)
    .where('status', '=', 'planned')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return;
  await writeAudit(ctx, tx, {
    entity: 'drill',
    entityId: drill.id,
    siteId: drill.site_id,
    action: 'mark_missed',
    before: { status: drill.status },
    after: { status: 'missed' },
  });
  // a one-off drill's own schedule has done its work
  if (!drill.plan_id) await deactivateSchedule(tx, DRILL_OWNER, drill.id, at);
  const ids = await missedRecipients(tx, o.org_id, drill.site_id, drill.commander_id);
  if (!ids.length) return;
  const site = await tx.selectFrom('sites').select('timezone').where('id', '=', drill.site_id).executeTakeFirstOrThrow();
  await deps.notifier.send(tx, {
    orgId: o.org_id,
    userIds: ids,
    kind: 'drill_missed',
    title: `演练未按期进行：${drill.title}`,
    body:
      `${drill.number} 计划于 ${formatZoned(new Date(drill.planned_at), site.timezone)} 进行，` +
      `到 ${formatZoned(new Date(drill.due_by), site.timezone)} 仍未登记演练记录，已记为未按期演练。请尽快组织补做并登记。`,
    link: drillLink(drill.id),
  });
}

/**
 * The drill plan's side of the occurrence engine: an occurrence whose lead time has come
 * becomes a planned drill; one whose window passed without a record makes that drill missed.
 */
export const drillPlanOccurrenceHandler: OccurrenceHandler = {
  ownerType: PLAN_OWNER,

  async createItem(tx, o, deps) {
    const plan = await tx.selectFrom('drill_plans').selectAll().where('id', '=', o.owner_id).executeTakeFirst();
    // a stopped plan raises no more drills
    if (plan?.active !== 1) return null;
    const drill = await raisePlannedDrill(jobCtx(deps, tx, o.org_id), tx, plan, o);
    return { itemType: 'drill', itemId: drill.id };
  },

  async onMissed(tx, o, deps) {
    const drill = await tx.selectFrom('drills').selectAll().where('occurrence_id', '=', o.id).executeTakeFirst();
    await markMissed(deps, tx, o, drill);
  },
};

/** A planned one-off drill's own schedule (owner: the drill): its one occurrence missed makes the drill missed. */
export const oneOffDrillOccurrenceHandler: OccurrenceHandler = {
  ownerType: DRILL_OWNER,

  async onMissed(tx, o, deps) {
    const drill = await tx.selectFrom('drills').selectAll().where('id', '=', o.owner_id).executeTakeFirst();
    await markMissed(deps, tx, o, drill);
  },
};
