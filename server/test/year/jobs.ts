import { runAutoAcceptance, runSlaTick } from '../../src/modules/workorders/index.js';
import type { JobDeps } from '../../src/platform/jobs/scheduler.js';
import { createDueItems, generateDue, sweepMissed } from '../../src/platform/occurrences/engine.js';
import { nextDay } from './dates.js';
import type { World } from './world.js';

/**
 * The scheduler's jobs, run at fixed local times of every day of the year (the server
 * ticks every minute; one run a day gives the same kinds of records): occurrences generated
 * ahead (weekly: the horizon is 62 days), items raised at their lead time (maintenance
 * orders, patrol rounds, drills) and missed ones recorded; deadline warnings and breaches; auto-acceptance. After each run
 * the modules pick up what it raised (a maintenance order to work, a round to walk).
 * Jobs that only send reminders are left out: they write no record the figures read.
 */

/** the daily run: as the day's rounds (10:00, lead 60 min) are raised; it records yesterday's misses too */
const RUN_TIMES = ['09:00'];

export type Pickup = (w: World) => Promise<void>;

export async function runJobs(w: World, pickups: Pickup[], opts: { generate: boolean }): Promise<void> {
  const deps: JobDeps = { db: w.db, clock: w.deps.clock, config: w.deps.config, notifier: w.deps.notifier };
  // the occurrences job in its three parts: generating ahead (62 days) need not run more than weekly
  if (opts.generate) await generateDue(deps.db, deps.clock.now());
  await createDueItems(deps);
  await sweepMissed(deps);
  await runSlaTick(deps);
  await runAutoAcceptance(deps);
  w.count('jobs.runs');
  for (const p of pickups) await p(w);
}

export function scheduleJobs(w: World, pickups: Pickup[]): void {
  const store = w.stores.CC;
  // from a week before the year (plans are made then) to the first morning after it
  let date = new Date(w.from - 7 * 86_400_000).toISOString().slice(0, 10);
  for (;;) {
    const monday = new Date(`${date}T00:00:00Z`).getUTCDay() === 1;
    for (const [i, time] of RUN_TIMES.entries()) {
      const at = w.local(store, date, time);
      w.tl.at(at, 'jobs', () => runJobs(w, pickups, { generate: monday && i === 0 }));
    }
    if (w.local(store, date, '00:00') >= w.to) break;
    date = nextDay(date);
  }
}
