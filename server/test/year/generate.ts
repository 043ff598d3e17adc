import type { FastifyInstance } from 'fastify';
import { zonedInstant } from '../../src/platform/numbering/time.js';
import { scheduleFindings, scheduleHazards } from './hazards.js';
import { runJobs, scheduleJobs } from './jobs.js';
import { createMaintenancePlans, pickUpMaintenanceOrders } from './maintenance.js';
import { createPatrolPlans, pickUpRounds } from './patrols.js';
import { Rng } from './random.js';
import { scheduleReadings } from './readings.js';
import { createDrillPlans, pickUpDrills, scheduleAlerts, scheduleIncidents } from './safety.js';
import { scheduleCalls, scheduleComplaints, scheduleProjects } from './servicedesk.js';
import { type SettableClock, Timeline } from './timeline.js';
import { scheduleEtiquette, scheduleSpotChecks, scheduleTraining } from './training.js';
import { scheduleRepairs } from './workorders.js';
import { buildWorld, DAY, type World, ZONE } from './world.js';

/**
 * A realistic year of the demo's two department stores, 长春店 and 沈阳店, made through
 * the services with the clock moved through the year (see README in this folder): the
 * same seed gives the same year. Used by the annual-summary test (every figure of the
 * summary against counts of its own) and by bench/summary.ts.
 */

export interface YearOptions {
  /** default 2024: the demo's own records start in December 2025, so the year and the one before are the generator's alone */
  year?: number;
  seed?: number;
  /** records per store and year: a larger or smaller year (default `YEAR_VOLUME`) */
  volume?: Partial<Record<keyof typeof YEAR_VOLUME, { CC: number; SY: number }>>;
  log?: (line: string) => void;
}

export interface YearResult {
  year: number;
  /** the year's instants [from, to) in Asia/Shanghai, ISO */
  from: string;
  to: string;
  sites: { CC: string; SY: string };
  /** what was made, by kind (steps taken, records created) */
  tally: Record<string, number>;
  seconds: number;
}

export const DEFAULT_YEAR = 2024;

/** how many of each the stores report in a year (长春店 is the larger) */
export const YEAR_VOLUME = {
  repairs: { CC: 200, SY: 150 },
  hazards: { CC: 46, SY: 34 },
  findings: { CC: 30, SY: 22 },
  incidents: { CC: 12, SY: 9 },
  alerts: { CC: 28, SY: 20 },
  etiquette: { CC: 24, SY: 20 },
  complaints: { CC: 5, SY: 4 },
  /** hotline calls that order no repair (those that do come with their orders) */
  calls: { CC: 40, SY: 30 },
  projects: { CC: 3, SY: 2 },
};
export const DEFAULT_SEED = 20240101;

export async function generateYear(app: FastifyInstance, clock: SettableClock, opts: YearOptions = {}): Promise<YearResult> {
  const started = performance.now();
  const year = opts.year ?? DEFAULT_YEAR;
  const rng = new Rng(opts.seed ?? DEFAULT_SEED);
  // nothing runs from the first instant of the next year (the stores' zone)
  const tl = new Timeline(clock, zonedInstant(`${year + 1}-01-01`, '00:00', ZONE).getTime());
  const log = opts.log ?? (() => {});
  const w = await buildWorld(app, clock, { rng, tl, year });
  log(`year ${year}: people and places ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // a week before the year: the plans of the year are made
  clock.set(new Date(w.from - 7 * DAY + 9 * 3_600_000).toISOString());
  const volume = { ...YEAR_VOLUME, ...opts.volume };
  for (const store of Object.values(w.stores)) {
    await createMaintenancePlans(w, store);
    await createPatrolPlans(w, store);
    await scheduleReadings(w, store);
    await createDrillPlans(w, store);
    scheduleRepairs(w, store, volume.repairs[store.code]);
    scheduleHazards(w, store, volume.hazards[store.code]);
    scheduleFindings(w, store, volume.findings[store.code]);
    scheduleIncidents(w, store, volume.incidents[store.code]);
    scheduleAlerts(w, store, volume.alerts[store.code]);
    scheduleTraining(w, store);
    scheduleSpotChecks(w, store);
    scheduleEtiquette(w, store, volume.etiquette[store.code]);
    scheduleComplaints(w, store, volume.complaints[store.code]);
    scheduleCalls(w, store, volume.calls[store.code]);
    scheduleProjects(w, store, volume.projects[store.code]);
  }
  const pickups = [pickUpMaintenanceOrders, pickUpRounds, pickUpDrills];
  scheduleJobs(w, pickups);
  log(`year ${year}: ${tl.size()} steps queued`);
  await tl.run();
  // the year is over: the last sweep records what was missed by its end
  clock.set(new Date(w.to).toISOString());
  await runJobs(w, [], { generate: false });
  const seconds = (performance.now() - started) / 1000;
  log(
    `year ${year}: ${[...tl.ran.values()].reduce((a, b) => a + b, 0)} steps in ${seconds.toFixed(1)} s (${tl.dropped} after the year's end left undone)`,
  );
  return {
    year,
    from: new Date(w.from).toISOString(),
    to: new Date(w.to).toISOString(),
    sites: { CC: w.stores.CC.id, SY: w.stores.SY.id },
    tally: Object.fromEntries([...tallyOf(w, tl)].sort(([a], [b]) => a.localeCompare(b))),
    seconds,
  };
}

function tallyOf(w: World, tl: Timeline): Map<string, number> {
  const out = new Map(w.tally);
  for (const [k, v] of tl.ran) out.set(`steps.${k}`, v);
  out.set('steps.dropped', tl.dropped);
  return out;
}
