import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrderDto } from '../../../../contracts/workorders.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { siteIdOf } from '../equipment/testing.js';
import type { ComplaintDto } from './complaints.service.js';
import type { CallDto } from './hotline.service.js';
import { serviceDeskFacts } from './summary.js';
import { clearServiceDeskDemo, completedWorkOrder, seedDefaults, systemCtx } from './testing.js';

type ErrorBody = { error: { code: string; details?: { fields?: { field: string }[] } } };
type Page<T> = { items: T[]; nextCursor: string | null };

describe(`hotline log and service-desk facts (${ENGINE})`, () => {
  let t: TestApp;
  let dispatcher: Client;
  let head: Client;
  let tech: Client;
  let cc: string;
  let sy: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDefaults(t);
    // these tests count and list from an empty service desk
    await clearServiceDeskDemo(t);
    dispatcher = await login(t.app, 'dispatcher');
    head = await login(t.app, 'head');
    tech = await login(t.app, 'tech');
    cc = await siteIdOf(t.db, 'CC');
    sy = await siteIdOf(t.db, 'SY');
  });
  afterAll(() => t.close());

  const call = (c: Client, body: Record<string, unknown> = {}) =>
    c.post<CallDto & ErrorBody>('/api/v1/hotline-calls', {
      siteId: cc,
      callerName: '张先生',
      callerPhone: '13700000003',
      content: '三楼女卫生间灯不亮',
      outcome: 'info',
      ...body,
    });
  const count = async (table: 'work_orders' | 'complaints' | 'hotline_calls') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('logs a call answered on the phone', async () => {
    const res = await call(dispatcher, { note: '已告知报修流程' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      outcome: 'info',
      note: '已告知报修流程',
      takenBy: dispatcher.userId,
      workOrderId: null,
      complaintId: null,
    });
    expect(res.body.receivedAt).toBe(t.clock.now().toISOString());
    expect((await dispatcher.get<CallDto>(`/api/v1/hotline-calls/${res.body.id}`)).body.id).toBe(res.body.id);
  });

  it('turns a call into a work order in the same transaction (channel hotline, the clerk as owner)', async () => {
    const res = await call(dispatcher, {
      outcome: 'work_order',
      workOrder: { category: 'power', urgency: 'urgent', requesterDepartment: '女装部' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.workOrderNumber).toMatch(/^WX-/);
    const wo = (await dispatcher.get<WorkOrderDto>(`/api/v1/work-orders/${res.body.workOrderId}`)).body;
    expect(wo).toMatchObject({
      channel: 'hotline',
      ownerId: dispatcher.userId,
      requesterId: null,
      requesterName: '张先生',
      requesterPhone: '13700000003',
      requesterDepartment: '女装部',
      description: '三楼女卫生间灯不亮',
      sourceType: 'hotline_call',
      sourceId: res.body.id,
    });
  });

  it('answers every bad field at once and stores nothing', async () => {
    const before = [await count('work_orders'), await count('hotline_calls')];
    const res = await call(dispatcher, {
      callerPhone: 'x',
      outcome: 'work_order',
      workOrder: { category: 'no_such_category', urgency: 'normal' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details?.fields?.map((f) => f.field).sort()).toEqual(['callerPhone', 'workOrder.category']);
    expect([await count('work_orders'), await count('hotline_calls')]).toEqual(before);
    const missing = await call(dispatcher, { outcome: 'work_order' });
    expect(missing.body.error.details?.fields?.map((f) => f.field)).toEqual(['workOrder']);
    const transfer = await call(dispatcher, { outcome: 'transfer', complaint: { subject: 'x' } });
    expect(transfer.body.error.details?.fields?.map((f) => f.field).sort()).toEqual(['complaint', 'note']);
    const future = await call(dispatcher, { receivedAt: '2099-01-01T00:00:00.000Z' });
    expect(future.body.error.details?.fields?.map((f) => f.field)).toEqual(['receivedAt']);
    expect((await call(dispatcher, { outcome: 'fax' })).status).toBe(400);
  });

  it('turns a call into a complaint, or links the order it is about', async () => {
    const res = await call(dispatcher, { content: '投诉维修师傅迟到两小时', outcome: 'complaint', complaint: { category: 'timeliness' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const complaint = (await dispatcher.get<ComplaintDto>(`/api/v1/complaints/${res.body.complaintId}`)).body;
    expect(complaint).toMatchObject({
      channel: 'hotline',
      category: 'timeliness',
      complainantName: '张先生',
      subject: '投诉维修师傅迟到两小时',
      sourceType: 'hotline_call',
    });
    const wo = await completedWorkOrder(t, dispatcher, cc, 'tech');
    const chase = await call(dispatcher, { content: '问维修进度', outcome: 'info', workOrderId: wo.id });
    expect(chase.body).toMatchObject({ workOrderId: wo.id, workOrderNumber: wo.number, workOrderStatus: 'completed' });
    const linked = await call(dispatcher, { outcome: 'complaint', complaintId: complaint.id });
    expect(linked.body).toMatchObject({ complaintId: complaint.id, complaintStatus: 'open' });
  });

  it('filters and exports the log', async () => {
    const all = await dispatcher.get<Page<CallDto>>('/api/v1/hotline-calls');
    expect(all.body.items).toHaveLength(5);
    const byOutcome = await dispatcher.get<Page<CallDto>>('/api/v1/hotline-calls?outcome=complaint');
    expect(byOutcome.body.items).toHaveLength(2);
    const search = await dispatcher.get<Page<CallDto>>(`/api/v1/hotline-calls?q=${encodeURIComponent('迟到')}`);
    expect(search.body.items.map((c) => c.outcome)).toEqual(['complaint']);
    const xlsx = await dispatcher.req('GET', '/api/v1/hotline-calls?format=xlsx&outcome=work_order');
    expect(xlsx.status).toBe(200);
    expect(xlsx.raw.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('hides another site’s calls (404), refuses links across sites and people without complaints:manage (403)', async () => {
    const syCall = await call(head, { siteId: sy, content: '沈阳店来电' });
    expect(syCall.status).toBe(201);
    expect((await dispatcher.get(`/api/v1/hotline-calls/${syCall.body.id}`)).status).toBe(404);
    expect((await dispatcher.get<Page<CallDto>>('/api/v1/hotline-calls?limit=200')).body.items.map((c) => c.id)).not.toContain(
      syCall.body.id,
    );
    const foreign = await call(dispatcher, { siteId: sy });
    expect(foreign.body.error.details?.fields?.map((f) => f.field)).toEqual(['siteId']);
    const syOrder = await completedWorkOrder(t, head, sy, 'tech_sy');
    const crossLink = await call(dispatcher, { workOrderId: syOrder.id });
    expect(crossLink.body.error.details?.fields?.map((f) => f.field)).toEqual(['workOrderId']);
    expect((await tech.get('/api/v1/hotline-calls')).status).toBe(403);
    expect((await call(tech)).status).toBe(403);
  });

  it('sums the period into facts with links to the records behind them', async () => {
    const from = new Date(t.clock.now().getTime() - 3_600_000).toISOString();
    const to = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    const done = await completedWorkOrder(t, dispatcher, cc, 'tech');
    for (const result of ['satisfied', 'satisfied', 'dissatisfied']) {
      await dispatcher.post(`/api/v1/work-orders/${done.id}/return-visits`, { method: 'phone', result });
    }
    const open = (await dispatcher.get<Page<ComplaintDto>>('/api/v1/complaints')).body.items[0] as ComplaintDto;
    await dispatcher.post(`/api/v1/complaints/${open.id}/actions/resolve`, { version: open.version, resolution: '已道歉' });

    const facts = await serviceDeskFacts(await systemCtx(t), { siteIds: [cc], from, to });
    expect(facts.hotline.total.value).toBe(5);
    expect(facts.hotline.byOutcome.complaint.value).toBe(2);
    expect(facts.hotline.byOutcome.work_order.value).toBe(1);
    expect(facts.hotline.byOutcome.transfer.value).toBe(0);
    expect(facts.complaints.received.value).toBe(1);
    expect(facts.complaints.resolved.value).toBe(1);
    expect(facts.complaints.resolvedOnTime.value).toBe(1);
    expect(facts.complaints.onTimeRate).toMatchObject({ value: 100, unit: 'percent' });
    expect(facts.returnVisits.total.value).toBe(3);
    expect(facts.returnVisits.satisfiedShare.value).toBe(66.7);
    expect(facts.hotline.byOutcome.complaint.link).toMatch(/^\/hotline-calls\?siteId=.+&from=.+&to=.+&outcome=complaint$/);
    expect(facts.complaints.resolvedOnTime.link).toMatch(/^\/complaints\?siteId=.+&resolvedFrom=.+&resolvedTo=.+&onTime=1$/);

    // each link's query, given to its list endpoint, finds exactly the records counted
    const listOf = async (link: string) => {
      const [path, query] = link.split('?');
      return (await head.get<Page<unknown>>(`/api/v1${path}?${query}&limit=200`)).body.items.length;
    };
    for (const f of [
      facts.hotline.total,
      facts.hotline.byOutcome.complaint,
      facts.complaints.resolvedOnTime,
      facts.returnVisits.satisfied,
    ]) {
      expect(await listOf(f.link), f.key).toBe(f.value);
    }
    const both = await serviceDeskFacts(await systemCtx(t), { siteIds: [cc, sy], from, to });
    expect(both.hotline.total.value).toBe(6);
    expect(both.hotline.total.link).not.toContain('siteId');
    const empty = await serviceDeskFacts(await systemCtx(t), { siteIds: [], from, to });
    expect(empty.returnVisits.satisfiedShare.value).toBeNull();
  });
});
