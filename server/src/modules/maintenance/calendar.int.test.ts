import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CalendarMonth,
  MaintenanceCalendarResponse,
  MaintenanceProgressResponse,
  PlanSystem,
} from '../../../../contracts/maintenance.js';
import type { Recurrence } from '../../../../contracts/occurrences.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import type { Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import type { JobDeps } from '../../platform/jobs/scheduler.js';
import { zonedInstant } from '../../platform/numbering/time.js';
import {
  completeOccurrence,
  deactivateSchedule,
  generateFor,
  type ScheduleRow,
  saveSchedule,
  skipOccurrence,
  sweepMissed,
} from '../../platform/occurrences/engine.js';
import { orgIdOf, siteIdOf } from '../equipment/testing.js';
import { insertTestPlan, insertTestSite } from './testing.js';

/**
 * The annual calendar and progress against occurrences made by the real engine with a
 * controlled clock; every expected cell is counted here from the stored rows (Shanghai
 * has no daylight saving, so its local month is UTC + 8 hours) or from the calendar.
 */
const SH = 'Asia/Shanghai';
const at = (date: string, time: string) => zonedInstant(date, time, SH);
const local = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000);

/** Mondays of each month of a year, counted on the plain calendar */
function mondays(year: number): number[] {
  const out = Array.from({ length: 12 }, () => 0);
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d = new Date(d.getTime() + 86_400_000)) {
    if (d.getUTCDay() === 1) out[d.getUTCMonth()] = (out[d.getUTCMonth()] ?? 0) + 1;
  }
  return out;
}

describe(`maintenance calendar and progress (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;
  let orgId: string;
  let ma: string;
  let mb: string;
  let deps: JobDeps;
  const plans: Record<string, string> = {};
  const schedules: Record<string, ScheduleRow> = {};

  const insertSite = (code: string, name: string) => insertTestSite(t.db, orgId, code, name, t.clock.now());

  async function insertPlan(key: string, siteId: string, system: PlanSystem, active: 0 | 1 = 1): Promise<string> {
    const id = await insertTestPlan(t.db, { orgId, siteId, name: `计划${key}`, system, active, at: t.clock.now() });
    plans[key] = id;
    return id;
  }

  /** a plan with its schedule, generated 62 days ahead of the clock */
  async function plan(key: string, siteId: string, system: PlanSystem, rule: Recurrence): Promise<void> {
    const ownerId = await insertPlan(key, siteId, system);
    const s = await t.db
      .transaction()
      .execute((tx) =>
        saveSchedule(
          tx,
          { orgId, siteId, ownerType: 'maintenance_plan', ownerId, recurrence: rule, windowMinutes: 15 * 60 + 6 * 1440, active: true },
          t.clock.now(),
        ),
      );
    await generateFor(t.db, s, t.clock.now(), 62);
    schedules[key] = s;
  }

  const occurrence = (key: string, due: Date) =>
    t.db
      .selectFrom('occurrences')
      .selectAll()
      .where('owner_id', '=', plans[key] as string)
      .where('due_at', '=', due.toISOString())
      .executeTakeFirstOrThrow();

  async function complete(key: string, due: Date, late = false): Promise<void> {
    const o = await occurrence(key, due);
    const done = await t.db.transaction().execute((tx: Tx) => completeOccurrence(tx, o, { at: t.clock.now(), by: null, late }));
    expect(done).toBe(true);
  }

  const rule = (r: Partial<Recurrence>): Recurrence => ({
    freq: 'monthly',
    interval: 1,
    times: ['09:00'],
    startDate: '2026-01-01',
    anchor: 'calendar',
    ...r,
  });

  beforeAll(async () => {
    t = await createTestApp();
    orgId = await orgIdOf(t.db);
    deps = { db: t.db, clock: t.clock, config: t.config, notifier: t.app.deps.notifier };
    admin = await login(t.app, 'admin');
    t.clock.set(at('2026-01-01', '00:00').toISOString());
    ma = await insertSite('MA', '保养测试甲店');
    mb = await insertSite('MB', '保养测试乙店');
    await t.db
      .insertInto('site_holidays')
      .values({ site_id: mb, date: '2027-04-15', org_id: orgId, name: '店休', created_at: t.clock.now().toISOString() })
      .execute();

    await plan('M1', ma, 'hvac', rule({ monthDay: 5 }));
    await plan('W1', ma, 'fire', rule({ freq: 'weekly', weekdays: [1] }));
    await plan('Q1', mb, 'electrical', rule({ freq: 'quarterly', monthDay: 15, startDate: '2026-01-15', skipHolidays: true }));
    await plan('F1', mb, 'general', rule({ anchor: 'floating', startDate: '2026-01-10' }));
    await plan('I2', ma, 'water', rule({ monthDay: 5 }));
    await insertPlan('I1', ma, 'other', 0);

    t.clock.set(at('2026-01-05', '10:00').toISOString());
    await complete('M1', at('2026-01-05', '09:00'));
    await complete('W1', at('2026-01-05', '09:00'));
    t.clock.set(at('2026-01-11', '10:00').toISOString());
    const w12 = await occurrence('W1', at('2026-01-12', '09:00'));
    expect(await t.db.transaction().execute((tx) => skipOccurrence(tx, w12.id, '闭店盘点', t.clock.now()))).toBe(true);
    t.clock.set(at('2026-01-12', '16:00').toISOString());
    // floating: the next one is a month after this completion (12 February)
    await complete('F1', at('2026-01-10', '09:00'));
    t.clock.set(at('2026-01-15', '11:00').toISOString());
    await complete('Q1', at('2026-01-15', '09:00'));
    t.clock.set(at('2026-02-10', '10:00').toISOString());
    await t.db.transaction().execute(async (tx) => {
      await deactivateSchedule(tx, 'maintenance_plan', plans.I2 as string, t.clock.now());
      await tx
        .updateTable('maintenance_plans')
        .set({ active: 0 })
        .where('id', '=', plans.I2 as string)
        .execute();
    });
    t.clock.set(at('2026-02-14', '10:00').toISOString());
    await sweepMissed(deps);
    // missed on 12 February, then done late
    await complete('M1', at('2026-02-05', '09:00'), true);
    t.clock.set(at('2026-03-01', '10:00').toISOString());
    await complete('F1', at('2026-02-12', '09:00'));
    t.clock.set(at('2026-03-15', '10:00').toISOString());
    await sweepMissed(deps);
    // month boundaries: stored occurrences at 23:30 on 31 March and 00:30 on 1 April (15:30 and 16:30 UTC on 31 March)
    await plan('E1', ma, 'general', rule({ monthDay: -1, times: ['23:30'], startDate: '2026-03-31', endDate: '2026-03-31' }));
    await plan('E2', ma, 'general', rule({ monthDay: 1, times: ['00:30'], startDate: '2026-04-01', endDate: '2026-04-01' }));
  }, 60_000);
  afterAll(() => t.close());

  const calendar = async (siteId: string, year: number) => {
    const res = await admin.get<MaintenanceCalendarResponse>(`/api/v1/maintenance/calendar?siteId=${siteId}&year=${year}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const row = (c: MaintenanceCalendarResponse, key: string) => {
    const r = c.plans.find((p) => p.planId === plans[key]);
    if (!r) throw new Error(`no row for ${key}`);
    return r;
  };
  const column = (months: CalendarMonth[], field: keyof CalendarMonth) => months.map((m) => m[field]);

  /** the stored rows of a plan in 2026, counted per local month */
  async function storedCounts(key: string): Promise<CalendarMonth[]> {
    const rows = await t.db
      .selectFrom('occurrences')
      .selectAll()
      .where('owner_id', '=', plans[key] as string)
      .execute();
    const out = Array.from({ length: 12 }, () => ({ planned: 0, done: 0, onTime: 0, missed: 0, open: 0 }));
    for (const o of rows) {
      if (local(o.due_at).getUTCFullYear() !== 2026 || o.status === 'skipped' || o.status === 'cancelled') continue;
      const m = out[local(o.due_at).getUTCMonth()] as CalendarMonth;
      m.planned++;
      if (o.status === 'done') {
        m.done++;
        if (!o.missed_at && o.done_at && Date.parse(o.done_at) <= Date.parse(o.window_end_at)) m.onTime++;
      }
      if (o.status === 'missed') m.missed++;
      if (o.status === 'open') m.open++;
    }
    return out;
  }

  it('projects a calendar plan beyond its generated occurrences: a monthly plan has 12 in the year', async () => {
    const c = await calendar(ma, 2026);
    expect(c.siteId).toBe(ma);
    expect(c.year).toBe(2026);
    const m1 = row(c, 'M1');
    expect(column(m1.months, 'planned')).toEqual(Array(12).fill(1));
    // only January and February were generated (62 days from 1 January); the rest are projections
    const stored = await storedCounts('M1');
    expect(stored.reduce((a, m) => a + m.planned, 0)).toBe(2);
    expect(column(m1.months, 'done')).toEqual(column(stored, 'done'));
    expect(m1.months[0]).toEqual({ planned: 1, done: 1, onTime: 1, missed: 0, open: 0 });
    // missed first, done late after: done, never on time, no longer missed
    expect(m1.months[1]).toEqual({ planned: 1, done: 1, onTime: 0, missed: 0, open: 0 });
  });

  it('counts a weekly plan per month: skipped ones leave, missed ones stay planned', async () => {
    const c = await calendar(ma, 2026);
    const w1 = row(c, 'W1');
    const expected = mondays(2026);
    expected[0] = (expected[0] as number) - 1; // 12 January was skipped
    expect(column(w1.months, 'planned')).toEqual(expected);
    const stored = await storedCounts('W1');
    expect(column(w1.months, 'done')).toEqual(column(stored, 'done'));
    expect(column(w1.months, 'onTime')).toEqual(column(stored, 'onTime'));
    expect(column(w1.months, 'missed')).toEqual(column(stored, 'missed'));
    expect(column(w1.months, 'open')).toEqual(column(stored, 'open'));
    expect(w1.months[0]).toMatchObject({ done: 1, onTime: 1, missed: 2 });
    expect(w1.system).toBe('fire');
  });

  it('puts 23:30 on 31 March in March and 00:30 on 1 April in April (site time, not UTC)', async () => {
    const c = await calendar(ma, 2026);
    expect(column(row(c, 'E1').months, 'planned')).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(column(row(c, 'E2').months, 'planned')).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(column(row(c, 'E2').months, 'open')).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('keeps a deactivated plan with occurrences in the year, without projections, and leaves out one that never ran', async () => {
    const c = await calendar(ma, 2026);
    const i2 = row(c, 'I2');
    expect(column(i2.months, 'planned')).toEqual(column(await storedCounts('I2'), 'planned'));
    expect(column(i2.months, 'planned')).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(c.plans.some((p) => p.planId === plans.I1)).toBe(false);
    const next = await calendar(ma, 2027);
    expect(next.plans.some((p) => p.planId === plans.I2)).toBe(false);
  });

  it('totals are the month-by-month sums of the plans', async () => {
    for (const [siteId, year] of [
      [ma, 2026],
      [mb, 2026],
      [ma, 2027],
    ] as const) {
      const c = await calendar(siteId, year);
      for (const field of ['planned', 'done', 'onTime', 'missed', 'open'] as const) {
        expect(column(c.totals, field)).toEqual(c.totals.map((_, i) => c.plans.reduce((a, p) => a + (p.months[i]?.[field] ?? 0), 0)));
      }
    }
  });

  it('shows a full future year from the rules alone, honouring the site holidays', async () => {
    const a = await calendar(ma, 2027);
    expect(column(row(a, 'M1').months, 'planned')).toEqual(Array(12).fill(1));
    expect(column(row(a, 'W1').months, 'planned')).toEqual(mondays(2027));
    expect(a.plans.some((p) => p.planId === plans.E1)).toBe(true);
    expect(row(a, 'E1').months.every((m) => m.planned === 0)).toBe(true);
    const b = await calendar(mb, 2027);
    // 15 April 2027 is a holiday of the site
    expect(column(row(b, 'Q1').months, 'planned')).toEqual([1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0]);
    expect(b.totals.every((m) => m.done === 0 && m.open === 0 && m.missed === 0)).toBe(true);
  });

  it('projects a floating plan month by month from its open occurrence', async () => {
    const c = await calendar(mb, 2026);
    // done 12 January and 1 March; the open one falls on 1 April, each next a month later
    expect(column(row(c, 'F1').months, 'planned')).toEqual([1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(column(row(c, 'F1').months, 'done')).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(column(row(c, 'F1').months, 'open')).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('progress gives the same counts per site and month, and a total that is their sum', async () => {
    const res = await admin.get<MaintenanceProgressResponse>(`/api/v1/maintenance/progress?year=2026&siteId=${ma}&siteId=${mb}`);
    expect(res.status).toBe(200);
    expect(res.body.sites.map((s) => s.siteId)).toEqual([ma, mb]);
    for (const s of res.body.sites) {
      const c = await calendar(s.siteId, 2026);
      expect(s.months).toEqual(c.totals);
      expect(s.total.planned).toBe(c.totals.reduce((a, m) => a + m.planned, 0));
      expect(s.total.done).toBe(c.totals.reduce((a, m) => a + m.done, 0));
    }
    for (const field of ['planned', 'done', 'onTime', 'missed', 'open'] as const) {
      expect(res.body.total[field]).toBe(res.body.sites.reduce((a, s) => a + s.total[field], 0));
    }
    // every site the administrator reads, ours among them
    const all = await admin.get<MaintenanceProgressResponse>('/api/v1/maintenance/progress?year=2026');
    expect(all.status).toBe(200);
    expect(all.body.sites.find((s) => s.siteId === ma)?.total).toEqual(res.body.sites[0]?.total);
  });

  it('answers 404 for a site outside the reader, 403 without maintenance:read, 400 for a bad year', async () => {
    const techSy = await login(t.app, 'tech_sy');
    expect((await techSy.get(`/api/v1/maintenance/calendar?siteId=${ma}&year=2026`)).status).toBe(404);
    const cc = await siteIdOf(t.db, 'CC');
    const sy = await siteIdOf(t.db, 'SY');
    expect((await techSy.get(`/api/v1/maintenance/calendar?siteId=${cc}`)).status).toBe(404);
    expect((await techSy.get(`/api/v1/maintenance/calendar?siteId=${sy}`)).status).toBe(200);
    expect((await techSy.get(`/api/v1/maintenance/progress?siteId=${cc}`)).status).toBe(404);
    const own = await techSy.get<MaintenanceProgressResponse>('/api/v1/maintenance/progress');
    expect(own.status).toBe(200);
    expect(own.body.sites.map((s) => s.siteId)).toEqual([sy]);
    expect((await admin.get(`/api/v1/maintenance/calendar?siteId=${newId()}`)).status).toBe(404);
    expect((await admin.get(`/api/v1/maintenance/calendar?siteId=${ma}&year=1999`)).status).toBe(400);
    const requester = await login(t.app, 'requester');
    expect((await requester.get(`/api/v1/maintenance/calendar?siteId=${cc}`)).status).toBe(403);
    expect((await requester.get('/api/v1/maintenance/progress')).status).toBe(403);
  });
});
