import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabourDto, WorkOrderDto } from '../../../../contracts/workorders.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { siteIdOf, userIdOf } from '../equipment/testing.js';
import type { LabourList } from './labour.service.js';

type Err = { error: { code: string; details?: { fields?: { field: string }[]; status?: string; action?: string } } };

describe(`labour entries (工时) and 工时工效 (${ENGINE})`, () => {
  let t: TestApp;
  let requester: Client;
  let dispatcher: Client;
  let tech: Client;
  let techSy: Client;
  let admin: Client;
  let techId: string;
  let wo: WorkOrderDto;

  beforeAll(async () => {
    t = await createTestApp();
    [requester, dispatcher, tech, techSy, admin] = await Promise.all([
      login(t.app, 'requester'),
      login(t.app, 'dispatcher'),
      login(t.app, 'tech'),
      login(t.app, 'tech_sy'),
      login(t.app, 'admin'),
    ]);
    techId = await userIdOf(t.db, 'tech');
    const created = await requester.post<WorkOrderDto>('/api/v1/work-orders', {
      siteId: await siteIdOf(t.db, 'CC'),
      category: 'plumbing',
      urgency: 'normal',
      description: '卫生间地漏堵塞',
    });
    wo = created.body;
    wo = (await dispatcher.post<WorkOrderDto>(`/api/v1/work-orders/${wo.id}/actions/dispatch`, { version: wo.version, assigneeId: techId }))
      .body;
    for (const action of ['accept', 'arrive', 'start']) {
      wo = (await tech.post<WorkOrderDto>(`/api/v1/work-orders/${wo.id}/actions/${action}`, { version: wo.version })).body;
    }
    expect(wo.status).toBe('in_progress');
  });
  afterAll(() => t.close());

  const url = () => `/api/v1/work-orders/${wo.id}/labour`;
  const log = (c: Client, body: Record<string, unknown>) => c.post<LabourDto & Err>(url(), body);

  it('logs start/end (minutes computed) or minutes alone, for oneself', async () => {
    const repair = await log(tech, { kind: 'effective', startedAt: '2026-03-15T00:30:00Z', endedAt: '2026-03-15T01:30:00Z' });
    expect(repair.status, JSON.stringify(repair.body)).toBe(201);
    expect(repair.body).toMatchObject({ userId: techId, userName: '张维修', kind: 'effective', minutes: 60, version: 1 });
    const travel = await log(tech, { kind: 'travel', minutes: 20, note: '去仓库' });
    expect(travel.body).toMatchObject({ minutes: 20, startedAt: null, endedAt: null, note: '去仓库' });
  });

  it('rejects overlaps, an end before the start, the future, and nothing at all — with Chinese messages', async () => {
    const overlap = await log(tech, { kind: 'waiting', startedAt: '2026-03-15T01:00:00Z', endedAt: '2026-03-15T01:45:00Z' });
    expect(overlap.status).toBe(400);
    expect(overlap.body.error.details?.fields?.map((f) => f.field)).toEqual(['startedAt']);
    const backwards = await log(tech, { kind: 'effective', startedAt: '2026-03-15T01:00:00Z', endedAt: '2026-03-15T00:00:00Z' });
    expect(backwards.body.error.details?.fields?.map((f) => f.field)).toEqual(['endedAt']);
    const future = await log(tech, { kind: 'effective', startedAt: '2026-03-15T01:50:00Z', endedAt: '2026-03-15T03:00:00Z' });
    expect(future.body.error.details?.fields?.map((f) => f.field)).toEqual(['endedAt']);
    const empty = await log(tech, { kind: 'effective' });
    expect(empty.body.error.details?.fields?.map((f) => f.field)).toEqual(['minutes']);
    expect((await log(tech, { kind: 'effective', minutes: 0 })).status).toBe(400);
    expect((await log(tech, { kind: 'effective', minutes: 1441 })).status).toBe(400);
  });

  it('lets only dispatchers log for others, and only for people who work on the order', async () => {
    const dispatcherId = await userIdOf(t.db, 'dispatcher');
    expect((await log(tech, { kind: 'effective', minutes: 5, userId: dispatcherId })).status).toBe(403);
    expect((await log(requester, { kind: 'effective', minutes: 5 })).status).toBe(403);
    expect((await log(techSy, { kind: 'effective', minutes: 5 })).status).toBe(404);
    const notOnOrder = await log(dispatcher, { kind: 'effective', minutes: 5, userId: await userIdOf(t.db, 'tech_sy') });
    expect(notOnOrder.body.error.details?.fields?.map((f) => f.field)).toEqual(['userId']);
    const forTech = await log(dispatcher, { kind: 'effective', minutes: 30, userId: techId });
    expect(forTech.status).toBe(201);
    expect(forTech.body.userId).toBe(techId);
  });

  it('sums the order: total, effective, 工时工效 and efficiency against the standard hours', async () => {
    const none = (await requester.get<LabourList>(url())).body.summary;
    expect(none).toMatchObject({ totalMinutes: 110, effectiveMinutes: 90, effectiveRatio: 0.818, standardMinutes: null, efficiency: null });
    const std = await admin.post('/api/v1/work-standards', { category: 'plumbing', name: '给排水维修', standardMinutes: 120 });
    expect(std.status).toBe(201);
    const list = (await tech.get<LabourList>(url())).body;
    expect(list.items).toHaveLength(3);
    expect(list.summary).toMatchObject({ standardMinutes: 120, efficiency: 1.333 });
    expect(list.summary.byUser).toEqual([{ userId: techId, userName: '张维修', totalMinutes: 110, effectiveMinutes: 90 }]);
  });

  it('edits with a version (409 when stale), deletes softly, and audits each change', async () => {
    const entry = (await tech.get<LabourList>(url())).body.items.find((e) => e.kind === 'travel') as LabourDto;
    const edited = await tech.patch<LabourDto>(`${url()}/${entry.id}`, { version: entry.version, minutes: 25, kind: 'material' });
    expect(edited.body).toMatchObject({ minutes: 25, kind: 'material', version: 2 });
    const stale = await tech.patch<Err>(`${url()}/${entry.id}`, { version: entry.version, minutes: 30 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    const removed = await tech.req('DELETE', `${url()}/${entry.id}?version=2`);
    expect(removed.status).toBe(200);
    expect((await tech.get<LabourList>(url())).body.items.map((e) => e.id)).not.toContain(entry.id);
    const row = await t.db.selectFrom('work_order_labour').select('deleted_at').where('id', '=', entry.id).executeTakeFirstOrThrow();
    expect(row.deleted_at).not.toBeNull();
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', entry.id).orderBy('at').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
  });

  it('closes the record with the order: the technician gets 409, a dispatcher may still correct', async () => {
    wo = (await tech.get<WorkOrderDto>(`/api/v1/work-orders/${wo.id}`)).body;
    wo = (await tech.post<WorkOrderDto>(`/api/v1/work-orders/${wo.id}/actions/finish`, { version: wo.version, result: '疏通' })).body;
    // awaiting acceptance is not closed: hours can still be added
    expect((await log(tech, { kind: 'effective', minutes: 10 })).status).toBe(201);
    wo = (await requester.post<WorkOrderDto>(`/api/v1/work-orders/${wo.id}/actions/approve`, { version: wo.version })).body;
    expect(wo.status).toBe('completed');
    const late = await log(tech, { kind: 'effective', minutes: 10 });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { status: 'completed', action: 'labour' } });
    expect((await log(dispatcher, { kind: 'effective', minutes: 10, userId: techId })).status).toBe(201);
  });
});
