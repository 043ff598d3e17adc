import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatasetSummary, generateDataset } from '../../bench/lib/gen/index.js';
import type { SummaryFactsResponse } from '../../contracts/summary.js';
import type { WorkOrderAction, WorkOrderDto, WorkOrderStatus } from '../../contracts/workorders.js';
import { nextStatus } from '../src/modules/workorders/state.js';
import type { Row } from '../src/platform/db/schema.js';
import { createTestApp, login, type TestApp } from './harness.js';

/**
 * The benchmark data generator (bench/lib/gen) on a small custom size: what it writes must
 * be what the services would have written — every order's events a walk through the state
 * machine in time order, its columns the result of those steps, labour inside the work,
 * numbering counters ahead of every generated number, site scoping intact, and the
 * measures the API computes equal to a count made here from the rows themselves.
 */
type Order = Row<'work_orders'>;
type Event = Row<'work_order_events'>;

const DAY = 86_400_000;
let t: TestApp;
let summary: DatasetSummary;
let orders: Order[];
let eventsOf: Map<string, Event[]>;
let now: number;

beforeAll(async () => {
  t = await createTestApp();
  now = t.clock.now().getTime();
  const before = new Set((await t.db.selectFrom('work_orders').select('id').execute()).map((r) => r.id));
  summary = await generateDataset(t.db, { size: { sites: 3, days: 12, ordersPerSiteDay: 7 }, seed: 11, now: t.clock.now() });
  orders = (await t.db.selectFrom('work_orders').selectAll().execute()).filter((o) => !before.has(o.id));
  const events = await t.db.selectFrom('work_order_events').selectAll().orderBy('at').orderBy('id').execute();
  eventsOf = new Map();
  for (const e of events) {
    const list = eventsOf.get(e.work_order_id) ?? [];
    list.push(e);
    eventsOf.set(e.work_order_id, list);
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const lifeSteps = (events: Event[]) => events.filter((e) => e.action !== 'sla_warning' && e.action !== 'sla_breach');

describe('data generator', () => {
  it('writes the rows it reports, across every status', async () => {
    expect(orders.length).toBe(summary.workOrders);
    expect(summary.workOrders).toBeGreaterThan(150);
    const generatedEvents = orders.reduce((n, o) => n + (eventsOf.get(o.id)?.length ?? 0), 0);
    expect(generatedEvents).toBe(summary.events);
    expect(summary.byTable.work_orders).toBe(summary.workOrders);
    expect(summary.totalRows).toBe(Object.values(summary.byTable).reduce((a, n) => a + n, 0));
    const statuses = new Set(orders.map((o) => o.status));
    for (const s of ['completed', 'rated', 'cancelled', 'resolved'] as WorkOrderStatus[]) expect(statuses).toContain(s);
    expect(orders.some((o) => ['pending', 'dispatched', 'accepted', 'arrived', 'in_progress', 'paused'].includes(o.status))).toBe(true);
    // the same seed gives the same rows: ids come from it too
    const again = await createTestApp();
    try {
      const second = await generateDataset(again.db, { size: { sites: 3, days: 12, ordersPerSiteDay: 7 }, seed: 11, now: t.clock.now() });
      expect(second.byTable).toEqual(summary.byTable);
      const ids = await again.db.selectFrom('work_orders').select(['id', 'number', 'status', 'updated_at']).orderBy('id').execute();
      const mine = orders
        .map((o) => ({ id: o.id, number: o.number, status: o.status, updated_at: o.updated_at }))
        .sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(ids.filter((r) => mine.some((m) => m.id === r.id))).toEqual(mine);
    } finally {
      await again.close();
    }
  }, 120_000);

  it('records every step as the state machine allows, in time order, and the row says where the steps led', () => {
    for (const o of orders) {
      const events = eventsOf.get(o.id) ?? [];
      const steps = lifeSteps(events);
      expect(steps[0]?.action).toBe('create');
      expect(steps[0]?.to_status).toBe('pending');
      expect(steps[0]?.at).toBe(o.created_at);
      let status: WorkOrderStatus = 'pending';
      for (const e of steps.slice(1)) {
        expect(e.from_status).toBe(status);
        status = nextStatus(status, e.action as WorkOrderAction);
        expect(e.to_status).toBe(status);
      }
      expect(o.status).toBe(status);
      for (let i = 1; i < events.length; i++)
        expect(Date.parse((events[i] as Event).at)).toBeGreaterThanOrEqual(Date.parse((events[i - 1] as Event).at));
      expect(Date.parse(events.at(-1)?.at as string)).toBeLessThanOrEqual(now);
      const first = (action: string) => steps.find((e) => e.action === action)?.at ?? null;
      const last = (action: string) => steps.filter((e) => e.action === action).at(-1)?.at ?? null;
      expect(o.accepted_at).toBe(steps.find((e) => e.action === 'accept' || e.action === 'claim')?.at ?? null);
      expect(o.arrived_at).toBe(first('arrive'));
      expect(o.cancelled_at).toBe(first('cancel'));
      expect(o.rework_count).toBe(steps.filter((e) => e.action === 'reject' || e.action === 'reopen').length);
      if (['resolved', 'completed', 'rated'].includes(o.status)) expect(o.resolved_at).toBe(last('finish'));
      else expect(o.resolved_at).toBeNull();
      if (o.status === 'rated') expect(o.rated_at).toBe(last('rate'));
      expect(Date.parse(o.updated_at)).toBeGreaterThanOrEqual(Date.parse(steps.at(-1)?.at as string));
    }
  });

  it('keeps labour inside the work and the material cost equal to the department lines', async () => {
    const ids = new Set(orders.map((o) => o.id));
    const labour = (await t.db.selectFrom('work_order_labour').selectAll().execute()).filter((l) => ids.has(l.work_order_id));
    const materials = (await t.db.selectFrom('work_order_materials').selectAll().execute()).filter((m) => ids.has(m.work_order_id));
    expect(labour.length).toBe(summary.labour);
    expect(materials.length).toBe(summary.materials);
    const byId = new Map(orders.map((o) => [o.id, o]));
    for (const l of labour) {
      const steps = lifeSteps(eventsOf.get(l.work_order_id) ?? []);
      const taken = steps.find((e) => e.action === 'accept' || e.action === 'claim');
      const finishes = steps.filter((e) => e.action === 'finish');
      const end = finishes.length && steps.at(-1)?.action !== 'reopen' ? Date.parse(finishes.at(-1)?.at as string) : now;
      expect(taken).toBeDefined();
      expect(Date.parse(l.started_at as string)).toBeGreaterThanOrEqual(Date.parse(taken?.at as string));
      expect(Date.parse(l.ended_at as string)).toBeLessThanOrEqual(Math.max(end, Date.parse(finishes.at(-1)?.at ?? taken?.at ?? '')));
      expect(Number(l.minutes)).toBe(Math.round((Date.parse(l.ended_at as string) - Date.parse(l.started_at as string)) / 60_000));
      // done by someone the order was given to
      const workers = new Set(
        steps.flatMap((e) => [e.actor_id, e.data ? (JSON.parse(e.data) as { assigneeId?: string }).assigneeId : null]),
      );
      expect(workers).toContain(l.user_id);
      expect(byId.get(l.work_order_id)?.status).not.toBe('cancelled');
    }
    for (const o of orders) {
      const lines = materials.filter((m) => m.work_order_id === o.id && m.supplied_by === 'department');
      const cost = lines.reduce((s, m) => s + Math.round(Number(m.quantity) * Number(m.unit_price)), 0);
      expect(Number(o.material_cost)).toBe(cost);
      // version: 1 at intake, one per step, one per line that changed the department's cost
      expect(Number(o.version)).toBe(lifeSteps(eventsOf.get(o.id) ?? []).length + lines.length);
    }
  });

  it('leaves the deadlines as the scheduler would have: met by their step, breaches recorded, nothing overdue left unclaimed', async () => {
    const ids = new Set(orders.map((o) => o.id));
    const timers = (await t.db.selectFrom('work_order_timers').selectAll().execute()).filter((x) => ids.has(x.work_order_id));
    const byId = new Map(orders.map((o) => [o.id, o]));
    expect(timers.length).toBeGreaterThan(orders.length);
    for (const tm of timers) {
      const o = byId.get(tm.work_order_id) as Order;
      expect(o.sla_policy_id).not.toBeNull();
      const met = tm.kind === 'response' ? o.accepted_at : tm.kind === 'arrival' ? o.arrived_at : o.resolved_at;
      if (o.status !== 'cancelled' && met !== null) expect(tm.met_at).toBe(met);
      const breaches = (eventsOf.get(o.id) ?? []).filter((e) => e.action === 'sla_breach' && e.data?.includes(`"kind":"${tm.kind}"`));
      if (tm.breached_at !== null) expect(breaches.map((e) => e.at)).toContain(tm.breached_at);
      if (tm.met_at === null && tm.breached_at === null && o.paused_at === null) {
        // the scheduler ticks every minute: a deadline more than a minute past would have been claimed
        expect(Date.parse(tm.due_at)).toBeGreaterThan(now - 60_000);
      }
    }
    // auto-acceptance after auto_accept_days (3): nothing left waiting longer than that
    for (const o of orders.filter((x) => x.status === 'resolved'))
      expect(Date.parse(o.resolved_at as string)).toBeGreaterThan(now - 3 * DAY - 60_000);
  });

  it('keeps the numbering counters ahead, so a new request through the API takes the next number', async () => {
    const rule = await t.db.selectFrom('numbering_rules').select('id').where('code', '=', 'WX').executeTakeFirstOrThrow();
    const counters = new Map(
      (await t.db.selectFrom('numbering_counters').select(['scope_key', 'value']).where('rule_id', '=', rule.id).execute()).map((c) => [
        c.scope_key,
        Number(c.value),
      ]),
    );
    for (const o of orders) {
      const [, day, seq] = o.number.split('-') as [string, string, string];
      expect(counters.get(`${o.site_id}:${day}`)).toBeGreaterThanOrEqual(Number(seq));
    }
    const cc = await t.db.selectFrom('sites').select('id').where('code', '=', 'CC').executeTakeFirstOrThrow();
    const requester = await login(t.app, 'requester');
    const created = await requester.post<WorkOrderDto>('/api/v1/work-orders', {
      siteId: cc.id,
      category: 'plumbing',
      urgency: 'normal',
      description: '生成数据之后的新报修',
    });
    expect(created.status).toBe(201);
    const [, day] = created.body.number.split('-') as [string, string];
    expect(created.body.number).toBe(`WX-${day}-${String((counters.get(`${cc.id}:${day}`) ?? 0) + 1).padStart(4, '0')}`);
    const sameDay = await t.db
      .selectFrom('work_orders')
      .select('number')
      .where('site_id', '=', cc.id)
      .where('number', 'like', `WX-${day}-%`)
      .where('id', '!=', created.body.id)
      .execute();
    for (const o of sameDay) expect(o.number < created.body.number).toBe(true);
  });

  it('keeps site scoping: other sites’ and other people’s orders are 404', async () => {
    const sites = new Map((await t.db.selectFrom('sites').select(['id', 'code', 'name']).execute()).map((s) => [s.code, s]));
    const users = new Map((await t.db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
    const sy = orders.find((o) => o.site_id === sites.get('SY')?.id) as Order;
    const cc = orders.find((o) => o.site_id === sites.get('CC')?.id && o.requester_id !== users.get('requester')) as Order;
    const own = orders.find((o) => o.requester_id === users.get('requester'));
    const generated = orders.find((o) => o.site_id !== sites.get('CC')?.id && o.site_id !== sites.get('SY')?.id) as Order;
    const requester = await login(t.app, 'requester');
    expect((await requester.get(`/api/v1/work-orders/${sy.id}`)).status).toBe(404);
    expect((await requester.get(`/api/v1/work-orders/${cc.id}`)).status).toBe(404);
    if (own) expect((await requester.get(`/api/v1/work-orders/${own.id}`)).status).toBe(200);
    const dispatcher = await login(t.app, 'dispatcher');
    expect((await dispatcher.get(`/api/v1/work-orders/${sy.id}`)).status).toBe(404);
    expect((await dispatcher.get(`/api/v1/work-orders/${cc.id}`)).status).toBe(200);
    // the new site of the same city is the demo dispatcher's too (README: shared demo users)
    expect(summary.sharedUsers).toContain('dispatcher');
    expect((await dispatcher.get(`/api/v1/work-orders/${generated.id}`)).status).toBe(200);
    const techSy = await login(t.app, 'tech_sy');
    expect((await techSy.get(`/api/v1/work-orders/${cc.id}`)).status).toBe(404);
    expect((await techSy.get(`/api/v1/work-orders/${sy.id}`)).status).toBe(200);
  });

  it('gives measures equal to an independent count over the rows', async () => {
    const from = summary.from;
    const to = new Date(now + 1).toISOString();
    const admin = await login(t.app, 'admin');
    const res = await admin.get<SummaryFactsResponse>(
      `/api/v1/work-orders/measures?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
    );
    expect(res.status).toBe(200);
    const fact = (key: string) => res.body.facts.find((f) => f.key === key)?.value;
    // every order of the organisation counts (the demo's too); counted here straight from the rows
    const all = await t.db.selectFrom('work_orders').selectAll().execute();
    const allEvents = await t.db.selectFrom('work_order_events').select(['work_order_id', 'action', 'data']).execute();
    const timers = await t.db.selectFrom('work_order_timers').selectAll().where('kind', '=', 'resolution').execute();
    const labour = await t.db.selectFrom('work_order_labour').selectAll().where('deleted_at', 'is', null).execute();
    const inRange = (iso: string | null) => iso !== null && iso >= from && iso < to;
    const received = all.filter((o) => inRange(o.created_at));
    const finished = all.filter((o) => inRange(o.resolved_at));
    const rated = all.filter((o) => inRange(o.rated_at) && o.rating_attitude !== null);
    expect(fact('workorders.received')).toBe(received.length);
    expect(fact('workorders.received.channel.qr')).toBe(received.filter((o) => o.channel === 'qr').length);
    expect(fact('workorders.completed')).toBe(finished.length);
    expect(fact('workorders.rated')).toBe(rated.length);
    const points = rated.reduce((s, o) => s + Number(o.rating_attitude) + Number(o.rating_quality) + Number(o.rating_efficiency), 0);
    expect(fact('workorders.satisfaction')).toBe(Math.round((points / (3 * rated.length) / 5) * 1000) / 10);
    const lateResolution = new Set(
      allEvents.filter((e) => e.action === 'sla_breach' && e.data?.includes('"kind":"resolution"')).map((e) => e.work_order_id),
    );
    const finishedIds = new Set(finished.map((o) => o.id));
    const decided = timers.filter((x) => finishedIds.has(x.work_order_id));
    const onTime = decided.filter(
      (x) => x.met_at !== null && x.met_at <= x.due_at && x.breached_at === null && !lateResolution.has(x.work_order_id),
    );
    expect(decided.length).toBeGreaterThan(0);
    expect(onTime.length).toBeLessThan(decided.length);
    expect(fact('workorders.timelyRepairRate')).toBe(Math.round((onTime.length / decided.length) * 1000) / 10);
    const logged = labour.filter((l) => inRange(l.started_at ?? l.created_at));
    const effective = logged.filter((l) => l.kind === 'effective').reduce((s, l) => s + Number(l.minutes), 0);
    expect(fact('workorders.effectiveHours')).toBe(Math.round((effective / 60) * 100) / 100);
    const open = all.filter((o) => o.resolved_at === null && o.cancelled_at === null);
    expect(fact('workorders.backlog')).toBe(open.length);
  });
});
