import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanSystem } from '../../../../contracts/maintenance.js';
import type { Recurrence } from '../../../../contracts/occurrences.js';
import type { SummaryFact, SummaryFactsResponse } from '../../../../contracts/summary.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { systemActor } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import type { JobDeps } from '../../platform/jobs/scheduler.js';
import { zonedInstant } from '../../platform/numbering/time.js';
import {
  completeOccurrence,
  generateFor,
  type OccurrenceRow,
  saveSchedule,
  skipOccurrence,
  sweepMissed,
} from '../../platform/occurrences/engine.js';
import { orgIdOf, siteIdOf, userIdOf } from '../equipment/testing.js';
import { intake } from '../workorders/index.js';
import { maintenanceFacts } from './measures.js';
import { insertTestPlan, insertTestSite } from './testing.js';

/**
 * The PM measures against occurrences made by the real engine with a controlled clock:
 * on time, late, missed, skipped, done after the window before the sweep noticed, an
 * open one whose window has passed; labour and checklists on their work orders. Every
 * figure is compared with a count made here from the stored rows, and the key ones with
 * the numbers the story gives.
 */
const SH = 'Asia/Shanghai';
const at = (date: string, time: string) => zonedInstant(date, time, SH);
const HOUR = 3_600_000;

describe(`maintenance measures (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;
  let orgId: string;
  let adminId: string;
  let ma: string;
  let mb: string;
  let deps: JobDeps;
  let ctx: Ctx;
  const plans: Record<string, string> = {};
  const minutes: Record<string, number> = { A1: 60, A2: 30, B1: 120, B2: 90 };
  const FROM = at('2026-01-01', '00:00').toISOString();
  const TO = at('2026-04-01', '00:00').toISOString();
  const NOW = at('2026-03-25', '10:00').toISOString();

  const insertSite = (code: string, name: string) => insertTestSite(t.db, orgId, code, name, t.clock.now());

  async function plan(key: string, siteId: string, system: PlanSystem, rule: Recurrence): Promise<void> {
    const id = await insertTestPlan(t.db, {
      orgId,
      siteId,
      name: `计划${key}`,
      system,
      estimatedMinutes: minutes[key] ?? 60,
      at: t.clock.now(),
    });
    plans[key] = id;
    // the window: the rest of the due day (due at 09:00) and the grace days
    const grace = rule.freq === 'weekly' ? 1 : rule.freq === 'monthly' ? 6 : 18;
    await t.db.transaction().execute((tx) =>
      saveSchedule(
        tx,
        {
          orgId,
          siteId,
          ownerType: 'maintenance_plan',
          ownerId: id,
          recurrence: rule,
          windowMinutes: 15 * 60 + grace * 1440,
          active: true,
        },
        t.clock.now(),
      ),
    );
  }

  /** generation over the horizon from the clock, as the scheduler job does */
  async function generate(): Promise<void> {
    const rows = await t.db.selectFrom('schedules').selectAll().where('owner_id', 'in', Object.values(plans)).execute();
    for (const s of rows) await generateFor(t.db, s, t.clock.now(), 62);
  }

  const occurrence = (key: string, due: Date): Promise<OccurrenceRow> =>
    t.db
      .selectFrom('occurrences')
      .selectAll()
      .where('owner_id', '=', plans[key] as string)
      .where('due_at', '=', due.toISOString())
      .executeTakeFirstOrThrow();

  async function complete(key: string, due: Date, late = false): Promise<void> {
    const o = await occurrence(key, due);
    expect(await t.db.transaction().execute((tx) => completeOccurrence(tx, o, { at: t.clock.now(), by: null, late }))).toBe(true);
  }

  /** a maintenance work order for the occurrence, as the plan's handler makes it */
  async function workOrder(key: string, due: Date): Promise<string> {
    const o = await occurrence(key, due);
    const [category, urgency] = await Promise.all(
      ['repair_category', 'urgency'].map(async (type) =>
        t.db
          .selectFrom('dictionaries')
          .select('code')
          .where('org_id', '=', orgId)
          .where('type', '=', type)
          .where('active', '=', 1)
          .orderBy('sort')
          .executeTakeFirstOrThrow(),
      ),
    );
    const wo = await t.db.transaction().execute((tx) =>
      intake(
        ctx,
        tx,
        {
          siteId: o.site_id,
          category: category?.code as string,
          urgency: urgency?.code as string,
          description: `保养 ${key}`,
          kind: 'maintenance',
          sourceType: 'maintenance_occurrence',
          sourceId: o.id,
        },
        { channel: 'maintenance', requesterId: null, ownerId: null },
      ),
    );
    await t.db.updateTable('occurrences').set({ item_type: 'work_order', item_id: wo.id }).where('id', '=', o.id).execute();
    return wo.id;
  }

  async function labour(workOrderId: string, kind: 'effective' | 'waiting', mins: number, deleted = false): Promise<void> {
    const now = t.clock.now().toISOString();
    await t.db
      .insertInto('work_order_labour')
      .values({
        id: newId(),
        org_id: orgId,
        work_order_id: workOrderId,
        user_id: adminId,
        kind,
        started_at: null,
        ended_at: null,
        minutes: mins,
        note: null,
        deleted_at: deleted ? now : null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  let templateId: string;
  async function checklist(workOrderId: string, siteId: string, findings: number, followUps: number, submitted: boolean): Promise<void> {
    const now = t.clock.now().toISOString();
    const finding = (i: number) => ({ key: `k${i}`, label: `检查项${i}`, reason: 'failed', value: 'fail', expected: null, note: null });
    await t.db
      .insertInto('checklist_results')
      .values({
        id: newId(),
        org_id: orgId,
        site_id: siteId,
        subject_type: 'work_order',
        subject_id: workOrderId,
        template_id: templateId,
        template_version: 1,
        answers: '[]',
        findings: JSON.stringify(Array.from({ length: findings }, (_, i) => finding(i))),
        follow_ups: JSON.stringify(
          Array.from({ length: followUps }, (_, i) => ({ key: `k${i}`, type: 'work_order', id: newId(), number: `WX-${i}` })),
        ),
        status: submitted ? 'submitted' : 'draft',
        filled_by: null,
        submitted_at: submitted ? now : null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  const monthly = (monthDay: number, startDate = '2026-01-01'): Recurrence => ({
    freq: 'monthly',
    interval: 1,
    monthDay,
    times: ['09:00'],
    startDate,
    anchor: 'calendar',
  });

  beforeAll(async () => {
    t = await createTestApp();
    orgId = await orgIdOf(t.db);
    adminId = await userIdOf(t.db, 'admin');
    deps = { db: t.db, clock: t.clock, config: t.config, notifier: t.app.deps.notifier };
    ctx = { ...deps, actor: systemActor(orgId), requestId: null };
    t.clock.set(FROM);
    ma = await insertSite('MA', '保养统计甲店');
    mb = await insertSite('MB', '保养统计乙店');
    templateId = newId();
    await t.db
      .insertInto('checklist_templates')
      .values({
        id: templateId,
        org_id: orgId,
        code: 'MT-TEST',
        name: '保养检查表',
        purpose: 'maintenance',
        description: null,
        current_version: 1,
        active: 1,
        created_at: FROM,
        updated_at: FROM,
      })
      .execute();

    await plan('A1', ma, 'hvac', monthly(5));
    await plan('A2', ma, 'fire', {
      freq: 'weekly',
      interval: 1,
      weekdays: [1],
      times: ['09:00'],
      startDate: '2026-01-01',
      anchor: 'calendar',
    });
    await plan('B1', mb, 'fire', monthly(20));
    await plan('B2', mb, 'hvac', {
      freq: 'quarterly',
      interval: 1,
      monthDay: 15,
      times: ['09:00'],
      startDate: '2026-01-15',
      anchor: 'calendar',
    });
    await generate();

    t.clock.set(at('2026-01-05', '10:00').toISOString());
    await complete('A1', at('2026-01-05', '09:00'));
    await complete('A2', at('2026-01-05', '09:00'));
    // the next day, inside the one-day grace of a weekly plan: on time, but not on the due day
    t.clock.set(at('2026-01-13', '10:00').toISOString());
    await complete('A2', at('2026-01-12', '09:00'));
    t.clock.set(at('2026-01-15', '12:00').toISOString());
    await complete('B2', at('2026-01-15', '09:00'));
    t.clock.set(at('2026-01-20', '11:00').toISOString());
    await complete('B1', at('2026-01-20', '09:00'));
    // after the window of 26 January (end of the 27th) but before the sweep: late without a missed record
    t.clock.set(at('2026-01-28', '10:00').toISOString());
    await complete('A2', at('2026-01-26', '09:00'));
    t.clock.advance(HOUR);
    await sweepMissed(deps);
    t.clock.set(at('2026-02-01', '00:00').toISOString());
    await generate();
    t.clock.set(at('2026-02-09', '10:00').toISOString());
    await complete('A1', at('2026-02-05', '09:00'));
    t.clock.set(at('2026-02-19', '10:00').toISOString());
    const b1Feb = await occurrence('B1', at('2026-02-20', '09:00'));
    expect(await t.db.transaction().execute((tx) => skipOccurrence(tx, b1Feb.id, '设备停用', t.clock.now()))).toBe(true);
    t.clock.set(at('2026-03-13', '10:00').toISOString());
    await sweepMissed(deps);
    // missed on 13 March, done a week later
    t.clock.set(at('2026-03-20', '10:00').toISOString());
    await complete('A1', at('2026-03-05', '09:00'), true);
    t.clock.set(NOW);
    await generate();

    // labour: effective counts, waiting and deleted entries do not; orders outside the due set do not
    const woA1Jan = await workOrder('A1', at('2026-01-05', '09:00'));
    const woA1Feb = await workOrder('A1', at('2026-02-05', '09:00'));
    const woB1Jan = await workOrder('B1', at('2026-01-20', '09:00'));
    const woB1Mar = await workOrder('B1', at('2026-03-20', '09:00'));
    const woA1Apr = await workOrder('A1', at('2026-04-05', '09:00'));
    await labour(woA1Jan, 'effective', 50);
    await labour(woA1Jan, 'waiting', 10);
    await labour(woA1Feb, 'effective', 70);
    await labour(woA1Feb, 'effective', 30, true);
    await labour(woB1Jan, 'effective', 100);
    await labour(woB1Mar, 'effective', 45);
    await labour(woA1Apr, 'effective', 999);
    await checklist(woA1Jan, ma, 2, 1, true);
    await checklist(woB1Jan, mb, 1, 0, true);
    await checklist(woA1Feb, ma, 3, 3, false);
    await checklist(woB1Mar, mb, 4, 4, true);
    // signed in at the end: sessions expire while the clock walks through the quarter
    admin = await login(t.app, 'admin');
  }, 120_000);
  afterAll(() => t.close());

  async function measures(from: string, to: string, sites = [ma, mb]): Promise<SummaryFactsResponse> {
    const q = new URLSearchParams({ from, to });
    for (const s of sites) q.append('siteId', s);
    const res = await admin.get<SummaryFactsResponse>(`/api/v1/maintenance/measures?${q.toString()}`);
    expect(res.status).toBe(200);
    return res.body;
  }
  const fact = (r: SummaryFactsResponse, key: string): SummaryFact => {
    const f = r.facts.find((x) => x.key === key);
    if (!f) throw new Error(`no fact ${key}`);
    return f;
  };
  const site = (f: SummaryFact, siteId: string) => f.bySite?.find((s) => s.siteId === siteId)?.value;

  /** The figures counted here, from the stored rows, for one site (or both). */
  async function expected(from: string, to: string, now: string, siteIds: string[]) {
    const occ = await t.db
      .selectFrom('occurrences')
      .selectAll()
      .where('owner_type', '=', 'maintenance_plan')
      .where('site_id', 'in', siteIds)
      .execute();
    const planRows = await t.db
      .selectFrom('maintenance_plans')
      .select(['id', 'system', 'estimated_minutes'])
      .where('site_id', 'in', siteIds)
      .execute();
    const planOf = new Map(planRows.map((p) => [p.id, p]));
    const ms = Date.parse;
    const due = occ.filter(
      (o) =>
        ms(o.due_at) >= ms(from) &&
        ms(o.due_at) < ms(to) &&
        o.status !== 'skipped' &&
        o.status !== 'cancelled' &&
        (o.status === 'done' || ms(o.window_end_at) <= ms(now)),
    );
    const done = due.filter((o) => o.status === 'done');
    const onTime = done.filter((o) => o.missed_at === null && ms(o.done_at as string) <= ms(o.window_end_at));
    // Shanghai has no daylight saving: the local day ends at the next midnight of UTC + 8
    const dayEnd = (iso: string) => {
      const local = new Date(ms(iso) + 8 * HOUR);
      return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1) - 8 * HOUR;
    };
    const onDay = done.filter((o) => ms(o.done_at as string) < dayEnd(o.due_at));
    const asOf = Math.min(ms(now), ms(to));
    const overdue = occ.filter(
      (o) =>
        ms(o.due_at) >= ms(from) &&
        ms(o.due_at) < asOf &&
        (o.status === 'open' || o.status === 'missed' || (o.status === 'done' && ms(o.done_at as string) > asOf)),
    );
    const items = new Set(due.map((o) => o.item_id).filter((x): x is string => !!x));
    const labourRows = items.size
      ? await t.db
          .selectFrom('work_order_labour')
          .selectAll()
          .where('work_order_id', 'in', [...items])
          .execute()
      : [];
    const spent = labourRows.filter((l) => l.kind === 'effective' && !l.deleted_at).reduce((a, l) => a + l.minutes, 0);
    const results = items.size
      ? await t.db
          .selectFrom('checklist_results')
          .selectAll()
          .where('subject_id', 'in', [...items])
          .where('submitted_at', 'is not', null)
          .execute()
      : [];
    const fire = due.filter((o) => planOf.get(o.owner_id)?.system === 'fire');
    const pct = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 10 : null);
    const planned = due.reduce((a, o) => a + (planOf.get(o.owner_id)?.estimated_minutes ?? 0), 0);
    return {
      'maintenance.due': due.length,
      'maintenance.done': done.length,
      'maintenance.on_time': onTime.length,
      'maintenance.late': done.length - onTime.length,
      'maintenance.missed': due.filter((o) => o.status === 'missed').length,
      'maintenance.pm_compliance': pct(onTime.length, due.length),
      'maintenance.schedule_compliance': pct(onDay.length, due.length),
      'maintenance.overdue': overdue.length,
      'maintenance.hours_planned': Math.round((planned / 60) * 100) / 100,
      'maintenance.hours_spent': Math.round((spent / 60) * 100) / 100,
      'maintenance.hours_ratio': pct(spent, planned),
      'maintenance.findings': results.reduce((a, r) => a + (JSON.parse(r.findings) as unknown[]).length, 0),
      'maintenance.follow_ups': results.reduce((a, r) => a + (JSON.parse(r.follow_ups) as unknown[]).length, 0),
      'maintenance.fire.due': fire.length,
      'maintenance.fire.done': fire.filter((o) => o.status === 'done').length,
      'maintenance.fire.pm_compliance': pct(fire.filter((o) => onTime.includes(o)).length, fire.length),
    } as Record<string, number | null>;
  }

  it('every figure, in total and per site, equals the count made from the stored rows', async () => {
    const res = await measures(FROM, TO);
    expect(res.scope.sites.map((s) => s.id)).toEqual([ma, mb]);
    const total = await expected(FROM, TO, NOW, [ma, mb]);
    const perSite = { [ma]: await expected(FROM, TO, NOW, [ma]), [mb]: await expected(FROM, TO, NOW, [mb]) };
    expect(Object.fromEntries(Object.keys(total).map((k) => [k, fact(res, k).value]))).toEqual(total);
    for (const id of [ma, mb]) {
      expect(Object.fromEntries(Object.keys(total).map((k) => [k, site(fact(res, k), id)]))).toEqual(perSite[id]);
    }
    // counts add up over the sites
    for (const f of res.facts.filter((x) => x.unit === 'count')) {
      expect(f.value).toBe((f.bySite ?? []).reduce((a, s) => a + (s.value ?? 0), 0));
    }
    for (const f of res.facts) {
      expect(f.key.startsWith('maintenance.')).toBe(true);
      expect(f.label.zh && f.label.en && f.formula).toBeTruthy();
      expect(f.link.startsWith('/maintenance/occurrences?')).toBe(true);
    }
  });

  it('gives the figures the story makes', async () => {
    const res = await measures(FROM, TO);
    const v = (key: string) => [site(fact(res, key), ma), site(fact(res, key), mb)];
    // 甲: A1 January and February, A2 5 and 12 January on time; A2 26 January (before the sweep) and A1 March late
    expect(v('maintenance.on_time')).toEqual([4, 2]);
    expect(v('maintenance.late')).toEqual([2, 0]);
    // on the due day: A1 and A2 on 5 January; B2 on 15 January and B1 on 20 January
    expect(fact(res, 'maintenance.schedule_compliance').value).toBe(
      Math.round((4 / (fact(res, 'maintenance.due').value as number)) * 1000) / 10,
    );
    // effective labour on the due orders: 50 + 70 minutes and 100 minutes
    expect(v('maintenance.hours_spent')).toEqual([2, 1.67]);
    expect(fact(res, 'maintenance.findings').value).toBe(3);
    expect(fact(res, 'maintenance.follow_ups').value).toBe(1);
    // B1 in February was skipped: 20 January on time, 20 March not yet due past its grace
    expect(site(fact(res, 'maintenance.fire.due'), mb)).toBe(1);
    expect(site(fact(res, 'maintenance.fire.pm_compliance'), mb)).toBe(100);
    // A2 on 16 March: the window has passed but the sweep has not run; it is due, not done, not missed
    const a2 = await occurrence('A2', at('2026-03-16', '09:00'));
    expect(a2.status).toBe('open');
    const m = await expected(FROM, TO, NOW, [ma]);
    expect(
      (m['maintenance.due'] as number) - (m['maintenance.done'] as number) - (m['maintenance.missed'] as number),
    ).toBeGreaterThanOrEqual(1);
    expect(fact(res, 'maintenance.pm_compliance').formula).toContain('20%');
    expect(fact(res, 'maintenance.pm_compliance').formula).toContain('28 天');
  });

  it('a past period counts the overdue as of its end', async () => {
    const to = at('2026-02-01', '00:00').toISOString();
    const res = await measures(FROM, to);
    const e = await expected(FROM, to, NOW, [ma, mb]);
    expect(fact(res, 'maintenance.overdue').value).toBe(e['maintenance.overdue']);
    // A2 on 19 January, missed; A2 on 26 January was done on the 28th, before the period ended
    expect(site(fact(res, 'maintenance.overdue'), ma)).toBe(1);
    expect(fact(res, 'maintenance.overdue').link).toContain('overdue=1');
  });

  it('a rate over nothing is null, never 0', async () => {
    const res = await measures(at('2030-01-01', '00:00').toISOString(), at('2030-02-01', '00:00').toISOString());
    for (const f of res.facts) {
      if (f.unit === 'count' || f.unit === 'hours') expect(f.value).toBe(0);
      else expect(f.value).toBeNull();
      if (f.unit === 'percent') expect(f.bySite?.every((s) => s.value === null)).toBe(true);
    }
  });

  it('the summary function reads the sites the actor reads, the route answers 404 and 403 outside them', async () => {
    const facts = await maintenanceFacts(ctx, { siteIds: [ma], from: FROM, to: TO });
    expect(facts.scope.sites.map((s) => s.id)).toEqual([ma]);
    expect(fact(facts, 'maintenance.due').value).toBe((await expected(FROM, TO, NOW, [ma]))['maintenance.due']);
    expect(fact(facts, 'maintenance.due').link).toContain(`siteId=${ma}`);

    const techSy = await login(t.app, 'tech_sy');
    const q = `from=${encodeURIComponent(FROM)}&to=${encodeURIComponent(TO)}`;
    expect((await techSy.get(`/api/v1/maintenance/measures?${q}&siteId=${ma}`)).status).toBe(404);
    const own = await techSy.get<SummaryFactsResponse>(`/api/v1/maintenance/measures?${q}`);
    expect(own.status).toBe(200);
    expect(own.body.scope.sites.map((s) => s.id)).toEqual([await siteIdOf(t.db, 'SY')]);
    expect((await admin.get(`/api/v1/maintenance/measures?from=${encodeURIComponent(TO)}&to=${encodeURIComponent(FROM)}`)).status).toBe(
      400,
    );
    expect((await admin.get(`/api/v1/maintenance/measures?from=x&to=${encodeURIComponent(TO)}`)).status).toBe(400);
    expect((await admin.get(`/api/v1/maintenance/measures?from=%2B010000-01-01&to=%2B010001-01-01`)).status).toBe(400);
    const requester = await login(t.app, 'requester');
    expect((await requester.get(`/api/v1/maintenance/measures?${q}`)).status).toBe(403);
  });
});
