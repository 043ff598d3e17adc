import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../../contracts/types.js';
import type { WorkOrderDto } from '../../../../contracts/workorders.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { siteIdOf, userIdOf } from '../equipment/testing.js';
import type { CounterDto, NoticeDto } from './dto.js';
import { markOverdueNotices } from './notices.overdue.js';
import { createCounter, type ErrorBody, issue, seedDefaults } from './testing.js';

const DAY = 86_400_000;

describe(`rectification notices: issue, rectify, verify, overdue, paid repair (${ENGINE})`, () => {
  let t: TestApp;
  let property: Client;
  let head: Client;
  let vendor: Client;
  let dispatcher: Client;
  let tech: Client;
  let mine: CounterDto;
  let other: CounterDto;
  let propertyId: string;
  let vendorId: string;

  beforeAll(async () => {
    // sessions must outlive the days the test clock jumps
    t = await createTestApp({ env: { SESSION_TTL_HOURS: '2000' } });
    await seedDefaults(t);
    [property, head, vendor, dispatcher, tech] = (await Promise.all(
      ['property', 'head', 'vendor', 'dispatcher', 'tech'].map((u) => login(t.app, u)),
    )) as [Client, Client, Client, Client, Client];
    vendorId = await userIdOf(t.db, 'vendor');
    // the demo puts `vendor` on the staff of 悦颜化妆品专柜; here it works only for the counters the tests create
    await t.db.deleteFrom('counter_members').where('user_id', '=', vendorId).execute();
    propertyId = await userIdOf(t.db, 'property');
    const cc = await siteIdOf(t.db, 'CC');
    mine = await createCounter(property, cc, 'MINE', [vendorId]);
    other = await createCounter(property, cc, 'OTHER');
  });
  afterAll(() => t.close());

  const act = (c: Client, n: NoticeDto, action: string, body: Record<string, unknown> = {}) =>
    c.post<NoticeDto & ErrorBody>(`/api/v1/counter-notices/${n.id}/actions/${action}`, { version: n.version, ...body });
  const inbox = (userId: string) =>
    t.db.selectFrom('notifications').select(['title', 'link']).where('user_id', '=', userId).orderBy('id').execute();
  const inDays = (d: number) => new Date(t.clock.now().getTime() + d * DAY).toISOString();

  it('issues a numbered notice that the counter staff hear about, and checks every field', async () => {
    const bad = await property.post<ErrorBody>('/api/v1/counter-notices', {
      counterId: mine.id,
      description: ' ',
      requirement: ' ',
      deadline: inDays(-1),
      foundAt: 'yesterday',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details?.fields?.map((f) => f.field).sort()).toEqual(['deadline', 'description', 'foundAt', 'requirement']);
    expect(
      (await vendor.post('/api/v1/counter-notices', { counterId: mine.id, description: 'x', requirement: 'y', deadline: inDays(1) }))
        .status,
    ).toBe(403);

    const n = await issue(property, mine.id, inDays(3));
    expect(n.number).toMatch(/^ZG-202603-\d{4}$/);
    expect(n).toMatchObject({ status: 'issued', counterName: '专柜MINE', issuedBy: propertyId, actions: ['rectify', 'cancel'] });
    expect((await inbox(vendorId)).map((m) => m.title)).toContain(`整改通知 ${n.number}`);
    expect((await property.get<CounterDto>(`/api/v1/counters/${mine.id}`)).body.openNotices).toBe(1);
  });

  it('lets the counter report rectification, the administrator reject it with a reason and then verify it', async () => {
    let n = await issue(property, mine.id, inDays(2));
    expect((await vendor.get<NoticeDto>(`/api/v1/counter-notices/${n.id}`)).body.actions).toEqual(['rectify']);
    const noNote = await act(vendor, n, 'rectify');
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.details?.fields?.map((f) => f.field)).toEqual(['note']);
    const illegal = await act(property, n, 'verify');
    expect(illegal.status).toBe(409);
    expect(illegal.body.error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { status: 'issued', action: 'verify' } });

    n = (await act(vendor, n, 'rectify', { note: '已更换灯箱面板' })).body;
    expect(n).toMatchObject({ status: 'rectified', rectifyNote: '已更换灯箱面板', rectifiedByName: '某专柜' });
    expect((await inbox(propertyId)).map((m) => m.title)).toContain(`整改通知 ${n.number} 待验证`);
    expect((await act(vendor, n, 'verify')).status).toBe(403);
    expect((await act(dispatcher, n, 'verify')).status).toBe(403);

    const noReason = await act(property, n, 'reject');
    expect(noReason.status).toBe(400);
    n = (await act(property, n, 'reject', { reason: '电线仍外露' })).body;
    expect(n).toMatchObject({ status: 'issued', rejectReason: '电线仍外露', rectifiedAt: null });
    n = (await act(vendor, n, 'rectify', { note: '线路已穿管' })).body;
    const stale = await property.post<ErrorBody>(`/api/v1/counter-notices/${n.id}/actions/verify`, { version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    n = (await act(property, n, 'verify')).body;
    expect(n).toMatchObject({ status: 'verified', verifiedByName: '刘物业', actions: [] });
    expect((await act(property, n, 'cancel', { reason: 'x' })).status).toBe(409);
  });

  it("shows a counter member only their own counter's notices; other sites' notices are 404", async () => {
    const theirs = await issue(property, other.id, inDays(2));
    const list = await vendor.get<Page<NoticeDto>>('/api/v1/counter-notices?limit=200');
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((n) => n.counterId === mine.id)).toBe(true);
    expect((await vendor.get(`/api/v1/counter-notices/${theirs.id}`)).status).toBe(404);
    expect((await vendor.post(`/api/v1/counter-notices/${theirs.id}/actions/rectify`, { version: 1, note: 'x' })).status).toBe(404);
    expect((await tech.get<Page<NoticeDto>>('/api/v1/counter-notices')).body.items).toHaveLength(0);

    const sy = await siteIdOf(t.db, 'SY');
    const syCounter = await createCounter(head, sy, 'SY1');
    // numbered per store: the next of 沈阳店's own March numbers (the demo took some), not 长春店's
    const syTaken = await t.db
      .selectFrom('counter_notices')
      .select('id')
      .where('site_id', '=', sy)
      .where('number', 'like', 'ZG-202603-%')
      .execute();
    const syNotice = await issue(head, syCounter.id, inDays(2));
    expect(syNotice.number).toBe(`ZG-202603-${String(syTaken.length + 1).padStart(4, '0')}`);
    for (const c of [property, dispatcher, vendor]) expect((await c.get(`/api/v1/counter-notices/${syNotice.id}`)).status).toBe(404);
    const ccList = await property.get<Page<NoticeDto>>('/api/v1/counter-notices?limit=200');
    expect(ccList.body.items.some((n) => n.id === syNotice.id)).toBe(false);
    const bad = await property.post<ErrorBody>('/api/v1/counter-notices', {
      counterId: syCounter.id,
      description: 'x',
      requirement: 'y',
      deadline: inDays(1),
    });
    expect(bad.body.error.details?.fields?.[0]?.field).toBe('counterId');

    const filtered = await property.get<Page<NoticeDto>>(`/api/v1/counter-notices?counterId=${other.id}&status=issued,overdue`);
    expect(filtered.body.items.map((n) => n.id)).toEqual([theirs.id]);
    const xlsx = await property.req('GET', `/api/v1/counter-notices?counterId=${other.id}&format=xlsx`);
    expect(xlsx.status).toBe(200);
  });

  it('marks past-deadline notices overdue once, tells staff and issuer, and converts them to a paid repair', async () => {
    let n = await issue(property, mine.id, inDays(1));
    expect(await markOverdueNotices(t.db, t.clock, t.app.deps.notifier)).toBe(0);
    const overdueBefore = (await t.db.selectFrom('counter_notices').select('id').where('status', '=', 'overdue').execute()).length;
    t.clock.advance(2 * DAY);
    const runs = await Promise.all([
      markOverdueNotices(t.db, t.clock, t.app.deps.notifier),
      markOverdueNotices(t.db, t.clock, t.app.deps.notifier),
    ]);
    // every notice still issued is now overdue (earlier tests left some), each claimed by one run only
    const overdueRows = await t.db.selectFrom('counter_notices').select('id').where('status', '=', 'overdue').execute();
    expect(runs[0] + runs[1]).toBe(overdueRows.length - overdueBefore);
    expect(await markOverdueNotices(t.db, t.clock, t.app.deps.notifier)).toBe(0);
    const told = (await inbox(vendorId)).filter((m) => m.title === `整改通知 ${n.number} 已逾期`);
    expect(told).toHaveLength(1);
    expect((await inbox(propertyId)).filter((m) => m.title === `整改通知 ${n.number} 已逾期`)).toHaveLength(1);

    n = (await property.get<NoticeDto>(`/api/v1/counter-notices/${n.id}`)).body;
    expect(n).toMatchObject({ status: 'overdue', actions: ['rectify', 'convert', 'cancel'] });
    const noCategory = await act(property, n, 'convert');
    expect(noCategory.status).toBe(400);
    expect(noCategory.body.error.details?.fields?.map((f) => f.field)).toEqual(['category']);
    expect((await act(vendor, n, 'convert', { category: 'building' })).status).toBe(403);
    const badCategory = await act(property, n, 'convert', { category: 'nonsense' });
    expect(badCategory.status).toBe(400);

    n = (await act(property, n, 'convert', { category: 'building', urgency: 'urgent' })).body;
    expect(n.status).toBe('converted');
    expect(n.workOrderNumber).toMatch(/^WX-/);
    const wo = await vendor.get<WorkOrderDto>(`/api/v1/work-orders/${n.workOrderId}`);
    expect(wo.status).toBe(200);
    expect(wo.body).toMatchObject({
      kind: 'counter_repair',
      channel: 'counter',
      counterId: mine.id,
      sourceType: 'counter_notice',
      sourceId: n.id,
      ownerId: propertyId,
      requesterId: null,
      urgency: 'urgent',
    });
    const vendorOrders = await vendor.get<Page<WorkOrderDto>>('/api/v1/work-orders');
    expect(vendorOrders.body.items.map((w) => w.id)).toContain(n.workOrderId);
    expect(vendorOrders.body.items.every((w) => w.counterId === mine.id || w.requesterId === vendorId)).toBe(true);
    expect((await tech.get(`/api/v1/work-orders/${n.workOrderId}`)).status).toBe(200); // tech reads all of 长春店
  });
});
