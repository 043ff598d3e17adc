import type { MaintenanceSettingsDto } from '../../../../contracts/maintenance.js';
import type { Recurrence } from '../../../../contracts/occurrences.js';
import type { Tx } from '../../platform/context.js';
import type { Row } from '../../platform/db/schema.js';
import { deactivateSchedule, generateFor, saveSchedule } from '../../platform/occurrences/engine.js';
import { meterWindowMinutes, windowMinutes } from './grace.js';

/** schedules.owner_type of maintenance plans */
export const PLAN_OWNER = 'maintenance_plan';

export type PlanRow = Row<'maintenance_plans'>;

/** The window of a plan's occurrences: the grace rule for time plans, the fixed meter window for meter plans. */
export function planWindowMinutes(plan: Pick<PlanRow, 'trigger'>, recurrence: Recurrence | null, settings: MaintenanceSettingsDto) {
  return plan.trigger === 'time' && recurrence ? windowMinutes(recurrence, settings) : meterWindowMinutes(settings.meterWindowDays);
}

/**
 * Writes a plan's schedule in the caller's transaction and generates its occurrences
 * right away, so the calendar shows them before the next job run. The engine keeps the
 * past: only future open occurrences without a work order follow a change.
 */
export async function savePlanSchedule(
  tx: Tx,
  plan: PlanRow,
  recurrence: Recurrence | null,
  settings: MaintenanceSettingsDto,
  now: Date,
): Promise<void> {
  // an inactive plan keeps its rule in its (inactive) schedule, so it can be switched on again
  const schedule = await saveSchedule(tx, scheduleInput(plan, recurrence, settings), now);
  if (plan.active === 1) await generateFor(tx, schedule, now);
}

/** A stopped plan: its future occurrences without a work order go; started and past ones stay. */
export async function stopPlanSchedule(tx: Tx, planId: string, now: Date): Promise<void> {
  await deactivateSchedule(tx, PLAN_OWNER, planId, now);
}

function scheduleInput(plan: PlanRow, recurrence: Recurrence | null, settings: MaintenanceSettingsDto) {
  return {
    orgId: plan.org_id,
    siteId: plan.site_id,
    ownerType: PLAN_OWNER,
    ownerId: plan.id,
    // a meter plan's occurrences are added by its readings (addOccurrence)
    recurrence: plan.trigger === 'time' ? recurrence : null,
    windowMinutes: planWindowMinutes(plan, recurrence, settings),
    leadMinutes: plan.lead_days * 1440,
    active: plan.active === 1,
  };
}

/** New grace settings reach the future occurrences of every active plan of the organisation. */
export async function resaveActiveSchedules(tx: Tx, orgId: string, settings: MaintenanceSettingsDto, now: Date): Promise<number> {
  const plans = await tx
    .selectFrom('maintenance_plans as p')
    .innerJoin('schedules as s', (j) => j.onRef('s.owner_id', '=', 'p.id').on('s.owner_type', '=', PLAN_OWNER))
    .selectAll('p')
    .select(['s.recurrence as rule', 's.window_minutes as current_window'])
    .where('p.org_id', '=', orgId)
    .where('p.active', '=', 1)
    .execute();
  let saved = 0;
  for (const { rule, current_window, ...plan } of plans) {
    const recurrence = JSON.parse(rule) as Recurrence | null;
    // regenerating is the costly part: plans whose window stays the same keep their occurrences
    if (planWindowMinutes(plan, recurrence, settings) === Number(current_window)) continue;
    await savePlanSchedule(tx, plan, recurrence, settings, now);
    saved++;
  }
  return saved;
}
