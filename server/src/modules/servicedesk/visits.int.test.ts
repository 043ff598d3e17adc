import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrderDto } from '../../../../contracts/workorders.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { siteIdOf } from '../equipment/testing.js';
import type { ComplaintDto } from './complaints.service.js';
import { clearServiceDeskDemo, completedWorkOrder, seedDefaults } from './testing.js';
import type { VisitDto } from './visits.service.js';

type ErrorBody = { error: { code: string; details?: { fields?: { field: string }[]; status?: string; action?: string } } };
type Page<T> = { items: T[]; nextCursor: string | null };

describe(`return visits (${ENGINE})`, () => {
  let t: TestApp;
  let dispatcher: Client;
  let head: Client;
  let tech: Client;
  let requester: Client;
  let cc: string;
  let sy: string;
  let done: WorkOrderDto;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDefaults(t);
    // these tests count and list from an empty service desk
    await clearServiceDeskDemo(t);
    dispatcher = await login(t.app, 'dispatcher');
    head = await login(t.app, 'head');
    tech = await login(t.app, 'tech');
    requester = await login(t.app, 'requester');
    cc = await siteIdOf(t.db, 'CC');
    sy = await siteIdOf(t.db, 'SY');
    done = await completedWorkOrder(t, dispatcher, cc, 'tech');
  });
  afterAll(() => t.close());

  const visit = (c: Client, wo: { id: string }, body: Record<string, unknown> = {}) =>
    c.post<VisitDto & ErrorBody>(`/api/v1/work-orders/${wo.id}/return-visits`, { method: 'phone', result: 'satisfied', ...body });

  it('refuses a visit before the work is finished with 409, in Chinese', async () => {
    const open = (
      await dispatcher.post<WorkOrderDto>('/api/v1/work-orders', {
        siteId: cc,
        channel: 'phone',
        category: 'plumbing',
        urgency: 'normal',
        description: '还没修好的工单',
      })
    ).body;
    const res = await visit(dispatcher, open);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { status: open.status, action: 'return_visit' } });
    expect((res.body.error as unknown as { message: string }).message).toMatch(/完成后才能回访/);
  });

  it('records a visit of a finished order and lists it per order', async () => {
    const res = await visit(dispatcher, done, { comment: '很及时，谢谢' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      workOrderId: done.id,
      workOrderNumber: done.number,
      method: 'phone',
      result: 'satisfied',
      comment: '很及时，谢谢',
      followUpNeeded: false,
      visitedBy: dispatcher.userId,
      complaintId: null,
    });
    const perOrder = await tech.get<{ items: VisitDto[] }>(`/api/v1/work-orders/${done.id}/return-visits`);
    expect(perOrder.status).toBe(200);
    expect(perOrder.body.items.map((v) => v.id)).toEqual([res.body.id]);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', res.body.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('validates every field', async () => {
    const future = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
    const res = await visit(dispatcher, done, { visitedAt: future, result: 'satisfied', complaint: { subject: '不该有' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details?.fields?.map((f) => f.field).sort()).toEqual(['complaint', 'visitedAt']);
    const early = await visit(dispatcher, done, { visitedAt: '2020-01-01T00:00:00.000Z' });
    expect(early.body.error.details?.fields?.map((f) => f.field)).toEqual(['visitedAt']);
    expect((await visit(dispatcher, done, { method: 'letter' })).status).toBe(400);
  });

  it('raises a complaint from a dissatisfied visit in one step', async () => {
    const res = await visit(dispatcher, done, {
      method: 'on_site',
      result: 'dissatisfied',
      comment: '水龙头又开始滴水',
      complaint: { category: 'quality' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ result: 'dissatisfied', followUpNeeded: true, complaintNumber: expect.stringMatching(/^TS-/) });
    const complaint = (await dispatcher.get<ComplaintDto>(`/api/v1/complaints/${res.body.complaintId}`)).body;
    expect(complaint).toMatchObject({
      workOrderId: done.id,
      channel: 'walk_in',
      category: 'quality',
      status: 'open',
      subject: `回访不满意：工单 ${done.number}`,
      content: '水龙头又开始滴水',
      complainantName: '王女士',
      sourceType: 'return_visit',
      sourceId: res.body.id,
    });
  });

  it('filters and exports the visit list; readers of work orders may read it', async () => {
    const all = await dispatcher.get<Page<VisitDto>>('/api/v1/return-visits');
    expect(all.body.items).toHaveLength(2);
    const unhappy = await tech.get<Page<VisitDto>>('/api/v1/return-visits?result=dissatisfied');
    expect(unhappy.status).toBe(200);
    expect(unhappy.body.items.map((v) => v.result)).toEqual(['dissatisfied']);
    const byNumber = await dispatcher.get<Page<VisitDto>>(`/api/v1/return-visits?q=${done.number}&followUp=0`);
    expect(byNumber.body.items.map((v) => v.result)).toEqual(['satisfied']);
    const today = t.clock.now().toISOString().slice(0, 10);
    expect((await dispatcher.get<Page<VisitDto>>(`/api/v1/return-visits?from=${today}&to=${today}&siteId=${cc}`)).body.items).toHaveLength(
      2,
    );
    expect((await dispatcher.get<Page<VisitDto>>('/api/v1/return-visits?to=2026-01-01')).body.items).toHaveLength(0);
    const xlsx = await dispatcher.req('GET', '/api/v1/return-visits?format=xlsx');
    expect(xlsx.status).toBe(200);
    expect(xlsx.raw.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await requester.get('/api/v1/return-visits')).status).toBe(403);
  });

  it('keeps another site’s orders and visits out of reach (404) and visits to dispatchers (403)', async () => {
    const syDone = await completedWorkOrder(t, head, sy, 'tech_sy');
    const syVisit = await visit(head, syDone);
    expect(syVisit.status).toBe(201);
    expect((await dispatcher.get(`/api/v1/return-visits/${syVisit.body.id}`)).status).toBe(404);
    expect((await visit(dispatcher, syDone)).status).toBe(404);
    expect((await dispatcher.get(`/api/v1/work-orders/${syDone.id}/return-visits`)).status).toBe(404);
    const list = await dispatcher.get<Page<VisitDto>>('/api/v1/return-visits');
    expect(list.body.items.map((v) => v.id)).not.toContain(syVisit.body.id);
    expect((await visit(tech, done)).status).toBe(403);
  });
});
