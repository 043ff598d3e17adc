import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrderDto } from '../../../../contracts/workorders.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { siteIdOf, userIdOf } from '../equipment/testing.js';
import type { ComplaintDto } from './complaints.service.js';
import { clearServiceDeskDemo, completedWorkOrder, seedDefaults } from './testing.js';

type ErrorBody = { error: { code: string; details?: { fields?: { field: string }[]; status?: string; action?: string } } };
type Detail = ComplaintDto & { events: { action: string; note: string | null; toStatus: string | null }[] } & ErrorBody;
type Page<T> = { items: T[]; nextCursor: string | null };
const DAY = 86_400_000;

describe(`complaints: register, handle, close (${ENGINE})`, () => {
  let t: TestApp;
  let dispatcher: Client;
  let head: Client;
  let property: Client;
  let tech: Client;
  let cc: string;
  let sy: string;
  let propertyId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDefaults(t);
    // these tests count and list from an empty service desk
    await clearServiceDeskDemo(t);
    dispatcher = await login(t.app, 'dispatcher');
    head = await login(t.app, 'head');
    property = await login(t.app, 'property');
    tech = await login(t.app, 'tech');
    cc = await siteIdOf(t.db, 'CC');
    sy = await siteIdOf(t.db, 'SY');
    propertyId = await userIdOf(t.db, 'property');
  });
  afterAll(() => t.close());

  const register = (c: Client, body: Record<string, unknown> = {}) =>
    c.post<Detail>('/api/v1/complaints', {
      siteId: cc,
      channel: 'phone',
      complainantName: '李先生',
      complainantPhone: '13900000002',
      subject: '维修人员态度差',
      content: '师傅上门后抱怨太远，态度不好',
      category: 'service_attitude',
      ...body,
    });
  const act = (c: Client, d: ComplaintDto, action: string, body: Record<string, unknown> = {}) =>
    c.post<Detail>(`/api/v1/complaints/${d.id}/actions/${action}`, { version: d.version, ...body });

  it('registers a standalone complaint, numbered, due in three days', async () => {
    const res = await register(dispatcher);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const c = res.body;
    expect(c.number).toMatch(/^TS-\d{6}-\d{4}$/);
    expect(c).toMatchObject({ status: 'open', siteId: cc, workOrderId: null, overdue: false, createdBy: dispatcher.userId });
    expect(Date.parse(c.deadlineAt) - Date.parse(c.receivedAt)).toBe(3 * DAY);
    expect(c.actions).toEqual(['assign', 'handle', 'resolve']);
    expect(c.events.map((e) => e.action)).toEqual(['create']);
  });

  it('lists every bad field in Chinese', async () => {
    const res = await register(dispatcher, {
      subject: '   ',
      complainantPhone: 'abc',
      receivedAt: '2026-03-14T00:00:00.000Z',
      deadlineAt: '2026-03-13T00:00:00.000Z',
      handlerId: await userIdOf(t.db, 'tech_sy'),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details?.fields?.map((f) => f.field).sort()).toEqual(['complainantPhone', 'deadlineAt', 'handlerId', 'subject']);
    const schema = await register(dispatcher, { channel: 'fax', category: undefined });
    expect(schema.status).toBe(400);
  });

  it('links a complaint to a work order of the site, never to another site’s', async () => {
    const wo = await completedWorkOrder(t, dispatcher, cc, 'tech');
    const linked = await register(dispatcher, { workOrderId: wo.id, category: 'quality' });
    expect(linked.status).toBe(201);
    expect(linked.body).toMatchObject({ workOrderId: wo.id, workOrderNumber: wo.number });
    const syOrder = (
      await head.post<WorkOrderDto>('/api/v1/work-orders', {
        siteId: sy,
        channel: 'phone',
        category: 'plumbing',
        urgency: 'normal',
        description: '沈阳店漏水',
      })
    ).body;
    const foreign = await register(dispatcher, { workOrderId: syOrder.id });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details?.fields?.map((f) => f.field)).toEqual(['workOrderId']);
    const mismatch = await register(head, { workOrderId: syOrder.id });
    expect(mismatch.body.error.details?.fields?.map((f) => f.field)).toEqual(['workOrderId']);
    const byOrder = await dispatcher.get<Page<ComplaintDto>>(`/api/v1/complaints?workOrderId=${wo.id}`);
    expect(byOrder.body.items.map((c) => c.id)).toEqual([linked.body.id]);
  });

  it('goes open → handling → resolved → closed, tells the handler, and refuses illegal steps with 409', async () => {
    let c = (await register(dispatcher)).body;
    const noHandler = await act(dispatcher, c, 'assign', {});
    expect(noHandler.status).toBe(400);
    c = (await act(dispatcher, c, 'assign', { handlerId: propertyId, note: '请物业跟进' })).body;
    expect(c).toMatchObject({ status: 'open', handlerId: propertyId, handlerName: expect.any(String) });
    const inbox = await property.get<Page<{ title: string; link: string }>>('/api/v1/notifications?kind=complaint');
    expect(inbox.body.items.some((n) => n.title.includes(c.number) && n.link === `/complaints/${c.id}`)).toBe(true);

    const noNote = await act(property, c, 'handle', { note: ' ' });
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.details?.fields?.map((f) => f.field)).toEqual(['note']);
    c = (await act(property, c, 'handle', { note: '已电话致歉，约谈维修师傅' })).body;
    expect(c).toMatchObject({ status: 'handling', handlingNotes: '已电话致歉，约谈维修师傅' });

    const stale = await act(property, { ...c, version: c.version - 1 }, 'resolve', { resolution: '批评教育' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    expect((await act(property, c, 'resolve', {})).status).toBe(400);
    c = (await act(property, c, 'resolve', { resolution: '对师傅批评教育，投诉人接受' })).body;
    expect(c).toMatchObject({ status: 'resolved', resolution: '对师傅批评教育，投诉人接受', overdue: false });
    expect(c.resolvedAt).not.toBeNull();

    const illegal = await act(property, c, 'handle', { note: '再处理' });
    expect(illegal.status).toBe(409);
    expect(illegal.body.error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { status: 'resolved', action: 'handle' } });
    const badSatisfaction = await act(property, c, 'close', { satisfaction: 'happy' });
    expect(badSatisfaction.status).toBe(400);
    c = (await act(dispatcher, c, 'close', { satisfaction: 'basically' })).body;
    expect(c).toMatchObject({ status: 'closed', satisfaction: 'basically', actions: ['reopen'] });
    expect((await act(dispatcher, c, 'resolve', { resolution: 'x' })).body.error.code).toBe('ILLEGAL_TRANSITION');

    expect((await act(dispatcher, c, 'reopen', {})).status).toBe(400);
    c = (await act(dispatcher, c, 'reopen', { note: '投诉人再次来电' })).body;
    expect(c).toMatchObject({ status: 'handling', reopenCount: 1, resolvedAt: null, closedAt: null, satisfaction: null });
    expect(c.events.map((e) => `${e.action}>${e.toStatus}`)).toEqual([
      'create>open',
      'assign>open',
      'handle>handling',
      'resolve>resolved',
      'close>closed',
      'reopen>handling',
    ]);
    expect(c.events.at(-1)?.note).toBe('投诉人再次来电');
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', c.id).orderBy('at').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'assign', 'handle', 'resolve', 'close', 'reopen']);
  });

  it('shows a complaint overdue once its deadline passes, and lists by that', async () => {
    // received four days ago (entered late): its three days are already over
    const receivedAt = new Date(t.clock.now().getTime() - 4 * DAY).toISOString();
    const late = (await register(dispatcher, { subject: '超期未处理的投诉', receivedAt })).body;
    const now = (await dispatcher.get<Detail>(`/api/v1/complaints/${late.id}`)).body;
    expect(now.overdue).toBe(true);
    const overdue = await dispatcher.get<Page<ComplaintDto>>('/api/v1/complaints?overdue=1&limit=200');
    expect(overdue.body.items.map((c) => c.id)).toContain(late.id);
    expect(overdue.body.items.every((c) => c.overdue)).toBe(true);
    const resolvedLate = (await act(dispatcher, now, 'resolve', { resolution: '补办' })).body;
    expect(resolvedLate.overdue).toBe(true);
    const onTime = await dispatcher.get<Page<ComplaintDto>>('/api/v1/complaints?onTime=0');
    expect(onTime.body.items.map((c) => c.id)).toEqual([late.id]);
  });

  it('filters, searches, pages and exports the list', async () => {
    const all = await dispatcher.get<Page<ComplaintDto>>('/api/v1/complaints?limit=200');
    expect(all.body.items.length).toBe(4);
    const statuses = await dispatcher.get<Page<ComplaintDto>>('/api/v1/complaints?status=closed,handling');
    expect(statuses.body.items.every((c) => ['closed', 'handling'].includes(c.status))).toBe(true);
    const search = await dispatcher.get<Page<ComplaintDto>>(`/api/v1/complaints?q=${encodeURIComponent('超期未处理')}`);
    expect(search.body.items.map((c) => c.subject)).toEqual(['超期未处理的投诉']);
    const category = await dispatcher.get<Page<ComplaintDto>>('/api/v1/complaints?category=quality');
    expect(category.body.items.every((c) => c.category === 'quality')).toBe(true);
    const first = await dispatcher.get<Page<ComplaintDto>>('/api/v1/complaints?limit=2');
    expect(first.body.nextCursor).not.toBeNull();
    const second = await dispatcher.get<Page<ComplaintDto>>(`/api/v1/complaints?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((c) => c.id)).not.toContain(first.body.items[0]?.id);
    const future = await dispatcher.get<Page<ComplaintDto>>('/api/v1/complaints?from=2030-01-01');
    expect(future.body.items).toEqual([]);
    const badDate = await dispatcher.get<ErrorBody>('/api/v1/complaints?from=2026-02-30');
    expect(badDate.status).toBe(400);
    const xlsx = await dispatcher.req('GET', '/api/v1/complaints?format=xlsx&category=quality');
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.raw.headers['content-type'])).toContain('spreadsheetml');
    expect(xlsx.raw.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('hides another site’s complaints (404) and refuses people without complaints:manage (403)', async () => {
    const syComplaint = (await register(head, { siteId: sy, subject: '沈阳店投诉' })).body;
    expect(syComplaint.number).toMatch(/^TS-/);
    expect((await dispatcher.get<ErrorBody>(`/api/v1/complaints/${syComplaint.id}`)).status).toBe(404);
    expect((await act(dispatcher, syComplaint, 'handle', { note: '越权' })).status).toBe(404);
    const list = await dispatcher.get<Page<ComplaintDto>>('/api/v1/complaints?limit=200');
    expect(list.body.items.map((c) => c.id)).not.toContain(syComplaint.id);
    const foreignSite = await register(dispatcher, { siteId: sy });
    expect(foreignSite.status).toBe(400);
    expect(foreignSite.body.error.details?.fields?.map((f) => f.field)).toEqual(['siteId']);
    expect((await tech.get('/api/v1/complaints')).status).toBe(403);
    expect((await register(tech)).status).toBe(403);
  });
});
