import type { Recurrence } from '../../../../contracts/occurrences.js';
import type { Db, Tx } from '../../platform/context.js';
import type { Row } from '../../platform/db/schema.js';
import { deactivateSchedule, generateFor, saveSchedule } from '../../platform/occurrences/engine.js';
import { parseOpeningHours } from '../workorders/index.js';

/** schedules.owner_type of patrol plans */
export const PLAN_OWNER = 'patrol_plan';

/**
 * A round is raised this long before it is due, so it is in the person's list when they
 * start their walk.
 */
export const LEAD_MINUTES = 60;

export type PlanRow = Row<'patrol_plans'>;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The times of day of "every N hours while open": from opening, every N hours, up to the
 * close (09:00-21:30 every 2 h → 09:00, 11:00 … 21:00). Night hours wrap to the next day's
 * clock time; the recurrence engine sorts them.
 */
export function timesWhileOpen(openingHours: string | null, everyHours: number): string[] | null {
  const hours = parseOpeningHours(openingHours);
  if (!hours || !Number.isInteger(everyHours) || everyHours < 1) return null;
  const times: string[] = [];
  for (let t = hours.open; t <= hours.close && times.length < 24; t += everyHours * 60) {
    const m = t % 1440;
    times.push(`${pad(Math.floor(m / 60))}:${pad(m % 60)}`);
  }
  return [...new Set(times)].sort();
}

/**
 * Writes a plan's schedule in the caller's transaction and generates its occurrences
 * right away. The engine keeps the past: only future open occurrences without a round
 * follow a change.
 */
export async function savePlanSchedule(tx: Tx, plan: PlanRow, recurrence: Recurrence, now: Date): Promise<void> {
  const schedule = await saveSchedule(
    tx,
    {
      orgId: plan.org_id,
      siteId: plan.site_id,
      ownerType: PLAN_OWNER,
      ownerId: plan.id,
      recurrence,
      windowMinutes: plan.window_minutes,
      leadMinutes: LEAD_MINUTES,
      active: plan.active === 1,
    },
    now,
  );
  if (plan.active === 1) await generateFor(tx, schedule, now);
}

/** A stopped plan: its future occurrences without a round go; raised and past ones stay. */
export async function stopPlanSchedule(tx: Tx, planId: string, now: Date): Promise<void> {
  await deactivateSchedule(tx, PLAN_OWNER, planId, now);
}

/** The rule a plan's schedule holds (its times generated from opening hours when it runs while open). */
export async function planRecurrence(db: Db | Tx, planId: string): Promise<Recurrence | null> {
  const s = await db
    .selectFrom('schedules')
    .select('recurrence')
    .where('owner_type', '=', PLAN_OWNER)
    .where('owner_id', '=', planId)
    .executeTakeFirst();
  return s ? (JSON.parse(s.recurrence) as Recurrence | null) : null;
}
