import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SummaryFact, SummaryFactsResponse } from '../../../../contracts/summary.js';
import type { WorkOrderDto } from '../../../../contracts/workorders.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { newId } from '../../platform/db/ids.js';
import { readXlsx } from '../../platform/print/excel.js';
import { factProviders } from '../../platform/summary/registry.js';
import { orgIdOf, siteIdOf, userIdOf } from '../equipment/testing.js';
import { ctxOf, type Page } from '../training/testing.js';
import { workOrderFacts } from './measures.service.js';
import { runSlaTick } from './sla.jobs.js';

/**
 * The measures over a small known set of orders taken through the API with the test
 * clock, in June 2026 (Asia/Shanghai) — after every demo order, which all lie in the 90
 * days before the harness's start time, so period figures count only these orders. The
 * backlog is a snapshot that includes the demo's open orders, so it is checked as the
 * change these orders make. Deadline timers and labour are written straight into their
 * tables to make the expected rates exact whatever the deadline policies say.
 */
const FROM = '2026-05-31T16:00:00.000Z';
const TO = '2026-06-30T16:00:00.000Z';
const MIN = 60_000;

type Err = { error: { code: string; details?: { fields?: { field: string }[] } } };

describe(`work-order measures (${ENGINE})`, () => {
  let t: TestApp;
  let head: Client;
  let dispatcher: Client;
  let requester: Client;
  let tech: Client;
  let techSy: Client;
  let cc: string;
  let sy: string;
  let orgId: string;
  let baseline: SummaryFactsResponse;
  const orders: Record<string, WorkOrderDto> = {};

  const measures = (c: Client, query = '') =>
    c.get<SummaryFactsResponse & Err>(`/api/v1/work-orders/measures?from=${FROM}&to=${TO}${query}`);
  const step = async (c: Client, wo: WorkOrderDto, action: string, body: Record<string, unknown> = {}) => {
    const res = await c.post<WorkOrderDto>(`/api/v1/work-orders/${wo.id}/actions/${action}`, { version: wo.version, ...body });
    expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
    return res.body;
  };
  const create = async (c: Client, body: Record<string, unknown>) => {
    const res = await c.post<WorkOrderDto>('/api/v1/work-orders', { urgency: 'normal', description: '测试报修', ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  /** to the technician, whatever automatic dispatch did with the new order */
  const assign = async (c: Client, wo: WorkOrderDto, userId: string) => {
    if (wo.status === 'pending') return step(c, wo, 'dispatch', { assigneeId: userId });
    if (wo.assigneeId === userId) return wo;
    return step(c, wo, 'transfer', { assigneeId: userId, reason: '测试指定' });
  };
  const fact = (res: SummaryFactsResponse, key: string) => res.facts.find((f) => f.key === key) as SummaryFact;
  /** the ids the work-order list shows for a fact's link, every page */
  const listed = async (c: Client, link: string) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const q = new URLSearchParams(link.split('?')[1]);
      q.set('limit', '200');
      if (cursor) q.set('cursor', cursor);
      const res = await c.get<Page<WorkOrderDto>>(`/api/v1/work-orders?${q.toString()}`);
      expect(res.status, link).toBe(200);
      ids.push(...res.body.items.map((x) => x.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    return ids.sort();
  };
  const site = (f: SummaryFact, id: string) => f.bySite?.find((s) => s.siteId === id)?.value;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-06-01T00:30:00.000Z');
    const clients = await Promise.all(['head', 'dispatcher', 'requester', 'tech', 'tech_sy'].map((u) => login(t.app, u)));
    [head, dispatcher, requester, tech, techSy] = clients as [Client, Client, Client, Client, Client];
    [cc, sy, orgId] = await Promise.all([siteIdOf(t.db, 'CC'), siteIdOf(t.db, 'SY'), orgIdOf(t.db)]);
    const techId = await userIdOf(t.db, 'tech');
    const techSyId = await userIdOf(t.db, 'tech_sy');
    const assets = await t.db.selectFrom('assets').select('id').where('site_id', '=', cc).orderBy('id').limit(2).execute();
    const [asset1, asset2] = assets.map((a) => a.id);
    const now = t.clock.now().toISOString();
    for (const [category, minutes] of [
      ['plumbing', 60],
      ['power', 120],
      ['hvac', 90],
    ] as const) {
      await t.db.deleteFrom('work_standards').where('org_id', '=', orgId).where('category', '=', category).execute();
      await t.db
        .insertInto('work_standards')
        .values({
          id: newId(),
          org_id: orgId,
          category,
          name: category,
          standard_minutes: minutes,
          active: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    baseline = (await measures(head)).body;

    // A: web request on an asset, paused an hour for parts, finished 2.5 h after the report, rated 5/4/5
    t.clock.set('2026-06-01T01:00:00.000Z');
    let a = await create(requester, { siteId: cc, category: 'plumbing', assetId: asset1 });
    t.clock.advance(10 * MIN);
    a = await assign(dispatcher, a, techId);
    a = await step(tech, a, 'accept');
    t.clock.advance(20 * MIN);
    a = await step(tech, a, 'arrive');
    a = await step(tech, a, 'start');
    t.clock.advance(30 * MIN);
    a = await step(tech, a, 'pause', { pauseReason: 'parts' });
    t.clock.advance(60 * MIN);
    a = await step(tech, a, 'resume');
    t.clock.advance(30 * MIN);
    a = await step(tech, a, 'finish', { result: '更换阀芯', cause: 'ageing' });
    a = await step(requester, a, 'approve');
    orders.a = await step(requester, a, 'rate', { ratingAttitude: 5, ratingQuality: 4, ratingEfficiency: 5 });

    // B: phone request on an asset, finished after 3 h, rejected, finished again 1 h later (rework), rated 3/3/3
    let b = await create(dispatcher, {
      siteId: cc,
      category: 'power',
      urgency: 'urgent',
      assetId: asset2,
      channel: 'phone',
      requesterName: '王女士',
    });
    b = await assign(dispatcher, b, techId);
    b = await step(tech, b, 'accept');
    b = await step(tech, b, 'arrive');
    b = await step(tech, b, 'start');
    t.clock.advance(3 * 60 * MIN);
    b = await step(tech, b, 'finish', { result: '更换开关' });
    b = await step(dispatcher, b, 'reject', { reason: '还是跳闸' });
    t.clock.advance(60 * MIN);
    b = await step(tech, b, 'finish', { result: '更换线路' });
    b = await step(dispatcher, b, 'approve');
    orders.b = await step(dispatcher, b, 'rate', { ratingAttitude: 3, ratingQuality: 3, ratingEfficiency: 3 });

    // C: walk-in, no asset, finished and accepted, not rated
    let c = await create(dispatcher, { siteId: cc, category: 'plumbing', channel: 'walk_in', requesterName: '李先生' });
    c = await assign(dispatcher, c, techId);
    for (const action of ['accept', 'arrive', 'start']) c = await step(tech, c, action);
    t.clock.advance(30 * MIN);
    c = await step(tech, c, 'finish', { result: '疏通' });
    orders.c = await step(dispatcher, c, 'approve');

    // D stays open; E is cancelled
    orders.d = await create(requester, { siteId: cc, category: 'hvac' });
    const e = await create(requester, { siteId: cc, category: 'other' });
    orders.e = await step(dispatcher, e, 'cancel', { reason: '重复报修' });

    // F: 沈阳店, finished in 2 h, rated 4/4/4; G: 沈阳店, accepted and still open
    let f = await create(head, { siteId: sy, category: 'power', channel: 'phone', requesterName: '赵店长' });
    f = await assign(head, f, techSyId);
    for (const action of ['accept', 'arrive', 'start']) f = await step(techSy, f, action);
    t.clock.advance(2 * 60 * MIN);
    f = await step(techSy, f, 'finish', { result: '更换插座' });
    f = await step(head, f, 'approve');
    orders.f = await step(head, f, 'rate', { ratingAttitude: 4, ratingQuality: 4, ratingEfficiency: 4 });
    let g = await create(head, { siteId: sy, category: 'hvac', channel: 'phone', requesterName: '孙主管' });
    g = await assign(head, g, techSyId);
    orders.g = await step(techSy, g, 'accept');

    // deadlines: [order, kind, met (minutes after due, null = running), breached]
    const ids = Object.values(orders).map((o) => o.id);
    await t.db.deleteFrom('work_order_timers').where('work_order_id', 'in', ids).execute();
    const due = '2026-06-02T00:00:00.000Z';
    const at = (minutes: number) => new Date(Date.parse(due) + minutes * MIN).toISOString();
    const timers: [string, 'response' | 'arrival' | 'resolution', number | null, boolean][] = [
      ['a', 'resolution', -60, false],
      ['b', 'resolution', 30, true],
      ['c', 'resolution', -10, false],
      ['f', 'resolution', 0, false],
      ['d', 'resolution', null, false],
      ['a', 'response', -5, false],
      ['b', 'response', -5, false],
      ['c', 'response', 5, true],
      ['d', 'response', null, true],
      ['f', 'response', -1, false],
      ['g', 'response', null, false],
      ['a', 'arrival', -1, false],
      ['b', 'arrival', 1, false],
    ];
    for (const [key, kind, met, breached] of timers) {
      const wo = orders[key] as WorkOrderDto;
      await t.db
        .insertInto('work_order_timers')
        .values({
          work_order_id: wo.id,
          kind,
          org_id: orgId,
          site_id: wo.siteId,
          due_at: due,
          warn_at: null,
          met_at: met === null ? null : at(met),
          warned_at: null,
          breached_at: breached ? at(1) : null,
        })
        .execute();
    }
    // labour: [order, user, kind, minutes, deleted]
    const labour: [string, string, 'effective' | 'travel' | 'material' | 'waiting', number, boolean][] = [
      ['a', techId, 'effective', 90, false],
      ['a', techId, 'travel', 20, false],
      ['a', techId, 'material', 10, false],
      ['a', techId, 'effective', 999, true],
      ['b', techId, 'effective', 150, false],
      ['b', techId, 'waiting', 30, false],
      ['f', techSyId, 'effective', 60, false],
      ['f', techSyId, 'travel', 20, false],
    ];
    const started = '2026-06-01T02:00:00.000Z';
    for (const [key, userId, kind, minutes, deleted] of labour) {
      await t.db
        .insertInto('work_order_labour')
        .values({
          id: newId(),
          org_id: orgId,
          work_order_id: (orders[key] as WorkOrderDto).id,
          user_id: userId,
          kind,
          started_at: started,
          ended_at: new Date(Date.parse(started) + minutes * MIN).toISOString(),
          minutes,
          note: null,
          deleted_at: deleted ? started : null,
          created_at: started,
          updated_at: started,
        })
        .execute();
    }
  });
  afterAll(() => t.close());

  it('counts requests by channel, category and site, and what was finished', async () => {
    const res = await measures(head);
    expect(res.status).toBe(200);
    const m = res.body;
    expect(m.scope.sites.map((s) => s.name)).toEqual(['长春店', '沈阳店', '实验学校']);
    const received = fact(m, 'workorders.received');
    expect([received.value, site(received, cc), site(received, sy)]).toEqual([7, 5, 2]);
    expect(received.link).toBe(`/work-orders?createdFrom=${encodeURIComponent(FROM)}&createdTo=${encodeURIComponent(TO)}`);
    const channels = m.facts.filter((f) => f.key.startsWith('workorders.received.channel.')).map((f) => [f.key.split('.').pop(), f.value]);
    expect(channels).toEqual([
      ['web', 3],
      ['phone', 3],
      ['walk_in', 1],
    ]);
    const categories = Object.fromEntries(
      m.facts.filter((f) => f.key.startsWith('workorders.received.category.')).map((f) => [f.key.split('.').pop(), f.value]),
    );
    expect(categories).toEqual({ plumbing: 2, power: 2, hvac: 2, other: 1 });
    expect(fact(m, 'workorders.received.category.plumbing').label).toEqual({ zh: '给排水', en: 'Water supply & drainage' });
    const completed = fact(m, 'workorders.completed');
    expect([completed.value, site(completed, cc), site(completed, sy)]).toEqual([4, 3, 1]);
    expect(fact(m, 'workorders.rated').value).toBe(3);
  });

  it('computes deadline rates, MTTR, rework, 工时工效 and satisfaction from the records', async () => {
    const m = (await measures(head)).body;
    const values = (key: string) => {
      const f = fact(m, key);
      return [f.value, site(f, cc), site(f, sy)];
    };
    expect(values('workorders.timelyRepairRate')).toEqual([75, 66.7, 100]);
    expect(values('workorders.responseOnTimeRate')).toEqual([60, 50, 100]);
    expect(values('workorders.arrivalOnTimeRate')).toEqual([50, 50, null]);
    // A: 2.5 h (its hour paused for parts counts: the asset was down); B: 4 h from report to the second finish; F has no asset
    expect(values('workorders.mttr')).toEqual([3.25, 3.25, null]);
    expect(values('workorders.reworkRate')).toEqual([25, 33.3, 0]);
    expect(values('workorders.effectiveHoursRatio')).toEqual([78.9, 80, 75]);
    expect(values('workorders.loggedHours')).toEqual([6.33, 5, 1.33]);
    expect(values('workorders.effectiveHours')).toEqual([5, 4, 1]);
    // standard 60 + 120 against 90 + 150 effective minutes at 长春店; 120 against 60 at 沈阳店
    expect(values('workorders.standardEfficiency')).toEqual([100, 75, 200]);
    expect(values('workorders.satisfaction')).toEqual([77.8, 76.7, 80]);
    expect(fact(m, 'workorders.mttr')).toMatchObject({ unit: 'hours', label: { zh: '平均修复时间（MTTR）' } });
    expect(fact(m, 'workorders.satisfaction').unit).toBe('score');
  });

  it('adds the open orders to the backlog, with their standard hours', async () => {
    const m = (await measures(head)).body;
    const delta = (key: string, siteId?: string) => {
      const now = fact(m, key);
      const before = fact(baseline, key);
      return siteId ? Number(site(now, siteId)) - Number(site(before, siteId)) : Number(now.value) - Number(before.value);
    };
    expect([delta('workorders.backlog'), delta('workorders.backlog', cc), delta('workorders.backlog', sy)]).toEqual([2, 1, 1]);
    expect([delta('workorders.backlogHours', cc), delta('workorders.backlogHours', sy)]).toEqual([1.5, 1.5]);
    const backlog = fact(m, 'workorders.backlog');
    expect(backlog.link).toContain('status=pending%2Cdispatched%2Caccepted%2Carrived%2Cin_progress%2Cpaused');
    expect(fact(m, 'workorders.backlogOldestAge').value).toBeGreaterThan(24);
  });

  it('keeps every count equal to the sum over its sites', async () => {
    const m = (await measures(head)).body;
    const counts = m.facts.filter((f) => f.unit === 'count');
    expect(counts.length).toBeGreaterThan(8);
    for (const f of counts) {
      expect(f.bySite?.length, f.key).toBe(3);
      expect(
        f.bySite?.reduce((s, x) => s + (x.value ?? 0), 0),
        f.key,
      ).toBe(f.value);
    }
  });

  it('shows a 沈阳店 technician only 沈阳店, narrows by siteId, and hides other sites', async () => {
    const mine = await measures(techSy);
    expect(mine.status).toBe(200);
    expect(mine.body.scope.sites.map((s) => s.id)).toEqual([sy]);
    expect(fact(mine.body, 'workorders.received').value).toBe(2);
    expect(fact(mine.body, 'workorders.satisfaction').value).toBe(80);
    expect(fact(mine.body, 'workorders.received').link).toContain(`siteId=${sy}`);
    expect((await measures(techSy, `&siteId=${cc}`)).status).toBe(404);
    const narrowed = (await measures(head, `&siteId=${cc}`)).body;
    expect(fact(narrowed, 'workorders.received').value).toBe(5);
    expect((await measures(requester)).status).toBe(403);
  });

  it('checks the period and exports the facts table', async () => {
    const bad = await head.get<Err>(`/api/v1/work-orders/measures?from=${TO}&to=${FROM}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details?.fields?.map((f) => f.field)).toEqual(['to']);
    const junk = await head.get<Err>('/api/v1/work-orders/measures?from=soon&to=later');
    expect(junk.body.error.details?.fields?.map((f) => f.field)).toEqual(['from', 'to']);

    const xlsx = await head.req('GET', `/api/v1/work-orders/measures?from=${FROM}&to=${TO}&format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.raw.headers['content-type']).toContain('spreadsheetml');
    const sheet = await readXlsx(xlsx.raw.rawPayload);
    expect(sheet.headers.slice(0, 6)).toEqual(['指标', '合计', '单位', '长春店', '沈阳店', '实验学校']);
    const row = sheet.rows.find((r) => r.values.指标 === '报修总数');
    expect(row?.values).toMatchObject({ 合计: '7', 长春店: '5', 沈阳店: '2', 实验学校: '0' });
  });

  // the last tests: they add orders to the period
  it('registers the work-order facts for the summary', () => {
    expect(factProviders().find((p) => p.module === 'workorders')).toMatchObject({
      section: 'service',
      order: 10,
      permission: 'workorders:read',
      label: { zh: '报修与维修', en: 'Repairs and maintenance work' },
    });
  });

  it('with a department, counts only the orders assigned to its staff', async () => {
    // a second repair team as its own department, with a technician of 长春店 created through the routes
    const admin = await login(t.app, 'admin');
    const dept = await admin.post<{ id: string }>('/api/v1/departments', { code: 'WX2', name: '维修二组' });
    expect(dept.status, JSON.stringify(dept.body)).toBe(201);
    const role = await t.db.selectFrom('roles').select('id').where('code', '=', 'technician').executeTakeFirstOrThrow();
    const user = await admin.post<{ id: string }>('/api/v1/users', {
      username: 'tech_wx2',
      name: '钱维修',
      password: 'Wx2tech2026',
      departmentId: dept.body.id,
      memberships: [{ roleId: role.id, siteId: cc }],
    });
    expect(user.status, JSON.stringify(user.body)).toBe(201);
    // H: finished by the new technician; I: assigned to them and still open
    let h = await create(dispatcher, { siteId: cc, category: 'plumbing', channel: 'phone', requesterName: '周女士' });
    h = await assign(dispatcher, h, user.body.id);
    for (const action of ['accept', 'arrive', 'start']) h = await step(dispatcher, h, action);
    t.clock.advance(30 * MIN);
    h = await step(dispatcher, h, 'finish', { result: '更换软管' });
    await step(dispatcher, h, 'approve');
    await assign(
      dispatcher,
      await create(dispatcher, { siteId: cc, category: 'power', channel: 'phone', requesterName: '吴先生' }),
      user.body.id,
    );

    const gw = await t.db.selectFrom('departments').select('id').where('code', '=', 'GW').executeTakeFirstOrThrow();
    const departmentOf = new Map(
      (await t.db.selectFrom('users').select(['id', 'department_id']).execute()).map((u) => [u.id, u.department_id]),
    );
    const orders = await t.db
      .selectFrom('work_orders')
      .select(['id', 'site_id', 'assignee_id', 'created_at', 'resolved_at', 'cancelled_at'])
      .execute();
    const inPeriod = (iso: string | null) => iso !== null && iso >= FROM && iso < TO;
    /** independent counts: [total, 长春店, 沈阳店] of the orders whose assignee is in the department */
    const count = (departmentId: string | null, where: (o: (typeof orders)[number]) => boolean) => {
      const rows = orders.filter(
        (o) => where(o) && (departmentId === null || (o.assignee_id && departmentOf.get(o.assignee_id) === departmentId)),
      );
      return [rows.length, rows.filter((o) => o.site_id === cc).length, rows.filter((o) => o.site_id === sy).length];
    };
    const received = (o: (typeof orders)[number]) => inPeriod(o.created_at);
    const finished = (o: (typeof orders)[number]) => inPeriod(o.resolved_at);
    const open = (o: (typeof orders)[number]) => o.resolved_at === null && o.cancelled_at === null;
    const values = (facts: SummaryFact[], key: string) => {
      const f = facts.find((x) => x.key === key) as SummaryFact;
      return [f.value, site(f, cc), site(f, sy)];
    };

    const ctx = await ctxOf(t, head);
    const scope = { siteIds: 'all' as const, from: FROM, to: TO };
    const all = await workOrderFacts(ctx, scope);
    const wx2 = await workOrderFacts(ctx, { ...scope, departmentId: dept.body.id });
    const byGw = await workOrderFacts(ctx, { ...scope, departmentId: gw.id });
    expect(values(all, 'workorders.received')).toEqual([9, 7, 2]);
    expect(values(wx2, 'workorders.received')).toEqual([2, 2, 0]);
    expect(values(wx2, 'workorders.completed')).toEqual([1, 1, 0]);
    expect(values(wx2, 'workorders.backlog')).toEqual([1, 1, 0]);
    // A, B, C at 长春店 and F, G at 沈阳店 are the demo technicians' (工务部); D and E were never dispatched
    expect(values(byGw, 'workorders.received')).toEqual([5, 3, 2]);
    for (const [facts, id] of [
      [wx2, dept.body.id],
      [byGw, gw.id],
    ] as const) {
      expect(values(facts, 'workorders.received')).toEqual(count(id, received));
      expect(values(facts, 'workorders.completed')).toEqual(count(id, finished));
      expect(values(facts, 'workorders.backlog')).toEqual(count(id, open));
      for (const f of facts.filter((x) => x.unit === 'count')) {
        expect(
          f.bySite?.reduce((a, x) => a + (x.value ?? 0), 0),
          f.key,
        ).toBe(f.value);
      }
      expect(facts.every((f) => f.formula?.includes('按部门统计'))).toBe(true);
    }
    // every link lists exactly the orders its figure counts: the department's staff's, no others
    const ofDepartment = (id: string, where: (o: (typeof orders)[number]) => boolean) =>
      orders
        .filter((o) => where(o) && o.assignee_id !== null && departmentOf.get(o.assignee_id) === id)
        .map((o) => o.id)
        .sort();
    for (const [facts, id] of [
      [wx2, dept.body.id],
      [byGw, gw.id],
    ] as const) {
      expect(facts.every((f) => new URLSearchParams(f.link.split('?')[1]).get('assigneeDepartmentId') === id)).toBe(true);
      const link = (key: string) => (facts.find((x) => x.key === key) as SummaryFact).link;
      expect(await listed(head, link('workorders.received'))).toEqual(ofDepartment(id, received));
      expect(await listed(head, link('workorders.completed'))).toEqual(ofDepartment(id, finished));
      expect(await listed(head, link('workorders.backlog'))).toEqual(ofDepartment(id, open));
      for (const f of facts.filter((x) => x.key.startsWith('workorders.received.'))) {
        expect((await listed(head, f.link)).length, f.key).toBe(f.value);
      }
    }
    expect(await listed(head, (all.find((x) => x.key === 'workorders.received') as SummaryFact).link)).toEqual(
      orders
        .filter(received)
        .map((o) => o.id)
        .sort(),
    );
    expect(all.some((f) => f.link.includes('assigneeDepartmentId'))).toBe(false);
    // a department of another organisation's id, or none of the org's, lists nothing
    expect(await listed(head, `/work-orders?assigneeDepartmentId=${newId()}`)).toEqual([]);
    // the departments and the undispatched orders share out the whole
    expect(Number(values(wx2, 'workorders.received')[0]) + Number(values(byGw, 'workorders.received')[0]) + 2).toBe(9);
    expect(values(all, 'workorders.received')).toEqual(count(null, received));
    expect(all.some((f) => f.formula?.includes('按部门统计'))).toBe(false);
    // the new technician logged no labour; 工务部's hours are all of the period's
    expect(values(wx2, 'workorders.loggedHours')).toEqual([0, 0, 0]);
    expect(values(byGw, 'workorders.loggedHours')).toEqual(values(all, 'workorders.loggedHours'));
    expect(values(wx2, 'workorders.satisfaction')).toEqual([null, null, null]);

    // a 沈阳店 technician's department figures leave out 长春店
    const own = await workOrderFacts(await ctxOf(t, techSy), { ...scope, departmentId: gw.id });
    const ownReceived = own.find((f) => f.key === 'workorders.received') as SummaryFact;
    expect([ownReceived.value, ownReceived.bySite?.map((x) => x.siteId)]).toEqual([2, [sy]]);
    // followed by that technician, the link lists the same two 沈阳店 orders
    expect(await listed(techSy, ownReceived.link)).toEqual(ofDepartment(gw.id, (o) => received(o) && o.site_id === sy));
    expect(
      (await workOrderFacts(await ctxOf(t, techSy), { ...scope, departmentId: dept.body.id })).find((f) => f.key === 'workorders.received')
        ?.value,
    ).toBe(0);
  });

  it('counts the open orders past a deadline and the ratings per repair category, each listed by its link', async () => {
    const techId = await userIdOf(t.db, 'tech');
    const techSyId = await userIdOf(t.db, 'tech_sy');
    // J (长春店) and K (沈阳店) are left unanswered; L is answered at once; M will be cancelled and N answered late
    const j = await create(requester, { siteId: cc, category: 'plumbing' });
    const k = await create(head, { siteId: sy, category: 'power', channel: 'phone', requesterName: '郑经理' });
    const l = await step(tech, await assign(dispatcher, await create(requester, { siteId: cc, category: 'hvac' }), techId), 'accept');
    const mOrder = await create(requester, { siteId: cc, category: 'building' });
    const nOrder = await create(requester, { siteId: cc, category: 'plumbing' });
    // ratings of two more categories' orders: C (给排水) and a new 空调暖通 order at 沈阳店
    await step(dispatcher, orders.c as WorkOrderDto, 'rate', { ratingAttitude: 2, ratingQuality: 3, ratingEfficiency: 2 });
    let p = await assign(head, await create(head, { siteId: sy, category: 'hvac', channel: 'phone', requesterName: '冯女士' }), techSyId);
    for (const action of ['accept', 'arrive', 'start']) p = await step(techSy, p, action);
    t.clock.advance(45 * MIN);
    p = await step(techSy, p, 'finish', { result: '清洗滤网' });
    p = await step(head, p, 'approve');
    await step(head, p, 'rate', { ratingAttitude: 5, ratingQuality: 5, ratingEfficiency: 4 });

    // the next morning the two-hour response deadlines have passed: the scheduler records the breaches
    t.clock.set('2026-06-02T01:00:00.000Z');
    const breachedAt = t.clock.now().toISOString();
    await runSlaTick(t.app.deps);
    // sessions have expired overnight
    const [boss, desk, fixer] = (await Promise.all(['head', 'dispatcher', 'tech'].map((u) => login(t.app, u)))) as [Client, Client, Client];
    t.clock.advance(10 * MIN);
    await step(desk, (await desk.get<WorkOrderDto>(`/api/v1/work-orders/${mOrder.id}`)).body, 'cancel', { reason: '报修人已自行处理' });
    const late = await assign(desk, (await desk.get<WorkOrderDto>(`/api/v1/work-orders/${nOrder.id}`)).body, techId);
    await step(fixer, late, 'accept');

    // independent counts from the rows as they are
    const rows = await t.db
      .selectFrom('work_orders')
      .select(['id', 'site_id', 'assignee_id', 'category', 'created_at', 'resolved_at', 'cancelled_at', 'rated_at'])
      .select(['rating_attitude', 'rating_quality', 'rating_efficiency'])
      .where('org_id', '=', orgId)
      .execute();
    const timers = await t.db.selectFrom('work_order_timers').select(['work_order_id', 'met_at', 'breached_at']).execute();
    const ms = (v: string | null) => (v === null ? null : Date.parse(v));
    /** the orders open at `at` with a deadline breached by then and not met before it */
    const overdueAt = (at: number) =>
      rows.filter((o) => {
        const [created, resolved, cancelled] = [ms(o.created_at), ms(o.resolved_at), ms(o.cancelled_at)];
        if ((created as number) > at || (resolved !== null && resolved <= at) || (cancelled !== null && cancelled <= at)) return false;
        return timers.some((x) => {
          const [breached, met] = [ms(x.breached_at), ms(x.met_at)];
          return x.work_order_id === o.id && breached !== null && breached <= at && (met === null || met > at);
        });
      });
    const perSite = (list: { site_id: string }[]) => [
      list.length,
      list.filter((o) => o.site_id === cc).length,
      list.filter((o) => o.site_id === sy).length,
    ];
    const values = (f: SummaryFact) => [f.value, site(f, cc), site(f, sy)];
    const idsOf = (list: { id: string }[]) => list.map((o) => o.id).sort();

    const m = (await measures(boss)).body;
    const overdue = fact(m, 'workorders.overdue');
    const overdueNow = overdueAt(t.clock.now().getTime());
    expect(values(overdue)).toEqual(perSite(overdueNow));
    // J and K never answered, D's and G's deadlines breached; L answered in time, M cancelled, N answered (late)
    const ids = overdueNow.map((o) => o.id);
    for (const wo of [j, k, orders.d, orders.g] as WorkOrderDto[]) expect(ids).toContain(wo.id);
    for (const wo of [l, mOrder, nOrder] as WorkOrderDto[]) expect(ids).not.toContain(wo.id);
    expect(overdue).toMatchObject({ unit: 'count', label: { zh: '逾期未完工工单', en: 'Overdue open orders' } });
    expect(overdue.bySite?.reduce((a, x) => a + (x.value ?? 0), 0)).toBe(overdue.value);
    expect(Number(overdue.value)).toBeLessThanOrEqual(Number(fact(m, 'workorders.backlog').value));
    expect(overdue.link).toContain('overdue=1');
    expect(overdue.link).toContain('status=pending%2Cdispatched%2Caccepted%2Carrived%2Cin_progress%2Cpaused');
    expect(await listed(boss, overdue.link)).toEqual(idsOf(overdueNow));
    // one site: the link carries it, and lists that site's overdue orders only
    const atSy = fact((await measures(boss, `&siteId=${sy}`)).body, 'workorders.overdue');
    expect(atSy.link).toContain(`siteId=${sy}`);
    expect(await listed(boss, atSy.link)).toEqual(idsOf(overdueNow.filter((o) => o.site_id === sy)));

    // a period that ended just after the breaches: M and N were still open and overdue at its end
    const end = new Date(Date.parse(breachedAt) + 5 * MIN).toISOString();
    const past = (await workOrderFacts(await ctxOf(t, boss), { siteIds: 'all', from: FROM, to: end })).find(
      (f) => f.key === 'workorders.overdue',
    ) as SummaryFact;
    const overdueAtEnd = overdueAt(Date.parse(end) - 1);
    expect(values(past)).toEqual(perSite(overdueAtEnd));
    expect(Number(past.value) - Number(overdue.value)).toBe(2);
    expect(idsOf(overdueAtEnd)).toEqual(idsOf([...overdueNow, mOrder, nOrder].map((o) => ({ id: o.id }))));
    // the list shows deadlines as they stand now: the link lists what is overdue now among the orders received before the end, and says so
    expect(past.link).toContain(`createdTo=${encodeURIComponent(end)}`);
    expect(past.formula).toContain('链接列出的是期末前报修、目前仍逾期未完工的工单');
    expect(await listed(boss, past.link)).toEqual(idsOf(overdueNow.filter((o) => Date.parse(o.created_at) < Date.parse(end))));

    // with a department, only the orders its staff are assigned
    const gw = await t.db.selectFrom('departments').select('id').where('code', '=', 'GW').executeTakeFirstOrThrow();
    const departmentOf = new Map(
      (await t.db.selectFrom('users').select(['id', 'department_id']).execute()).map((u) => [u.id, u.department_id]),
    );
    const byGw = (await workOrderFacts(await ctxOf(t, boss), { siteIds: 'all', from: FROM, to: TO, departmentId: gw.id })).find(
      (f) => f.key === 'workorders.overdue',
    ) as SummaryFact;
    const gwOverdue = overdueNow.filter((o) => o.assignee_id !== null && departmentOf.get(o.assignee_id) === gw.id);
    expect(values(byGw)).toEqual(perSite(gwOverdue));
    expect(await listed(boss, byGw.link)).toEqual(idsOf(gwOverdue));

    // ratings per repair category: from the same sums as the total, counts adding up to it
    const rated = rows.filter(
      (o) =>
        o.rated_at !== null &&
        o.rated_at >= FROM &&
        o.rated_at < TO &&
        o.rating_attitude !== null &&
        o.rating_quality !== null &&
        o.rating_efficiency !== null,
    );
    const index = (list: typeof rated) =>
      list.length
        ? Math.round(
            (list.reduce((a, o) => a + Number(o.rating_attitude) + Number(o.rating_quality) + Number(o.rating_efficiency), 0) /
              (3 * list.length) /
              5) *
              1000,
          ) / 10
        : null;
    const codes = [...new Set(rated.map((o) => o.category))];
    expect(codes.sort()).toEqual(['hvac', 'plumbing', 'power']);
    const ratedFacts = m.facts.filter((f) => f.key.startsWith('workorders.rated.category.'));
    expect(ratedFacts.map((f) => f.key.split('.').pop()).sort()).toEqual(codes);
    expect(ratedFacts.reduce((a, f) => a + Number(f.value), 0)).toBe(fact(m, 'workorders.rated').value);
    for (const code of codes) {
      const mine = rated.filter((o) => o.category === code);
      const count = fact(m, `workorders.rated.category.${code}`);
      expect(values(count), code).toEqual(perSite(mine));
      expect(count.bySite?.reduce((a, x) => a + (x.value ?? 0), 0)).toBe(count.value);
      const score = fact(m, `workorders.satisfaction.category.${code}`);
      expect(values(score), code).toEqual([
        index(mine),
        index(mine.filter((o) => o.site_id === cc)),
        index(mine.filter((o) => o.site_id === sy)),
      ]);
      expect(score.unit).toBe('score');
      expect(await listed(boss, count.link)).toEqual(idsOf(mine));
      expect(await listed(boss, score.link)).toEqual(idsOf(mine));
    }
    // A 5/4/5 and C 2/3/2 of 给排水: (14 + 7) ÷ 6 ÷ 5 × 100
    expect(values(fact(m, 'workorders.satisfaction.category.plumbing'))).toEqual([70, 70, null]);
    expect(fact(m, 'workorders.satisfaction.category.plumbing').label).toEqual({
      zh: '满意度指数（给排水）',
      en: 'Satisfaction index (Water supply & drainage)',
    });
    expect(fact(m, 'workorders.rated.category.hvac').label.zh).toBe('评价数（空调暖通）');
  });
});
