import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrderDto, WorkOrderEventDto } from '../../../../contracts/workorders.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { siteIdOf, userIdOf } from '../equipment/testing.js';

type ErrorBody = { error: { code: string; details?: { fields?: { field: string }[]; status?: string; action?: string } } };

describe(`work orders: intake, life cycle, access (${ENGINE})`, () => {
  let t: TestApp;
  let requester: Client;
  let dispatcher: Client;
  let tech: Client;
  let techSy: Client;
  let cc: string;
  let sy: string;
  let techId: string;

  beforeAll(async () => {
    t = await createTestApp();
    requester = await login(t.app, 'requester');
    dispatcher = await login(t.app, 'dispatcher');
    tech = await login(t.app, 'tech');
    techSy = await login(t.app, 'tech_sy');
    cc = await siteIdOf(t.db, 'CC');
    sy = await siteIdOf(t.db, 'SY');
    techId = await userIdOf(t.db, 'tech');
  });
  afterAll(() => t.close());

  const report = (c: Client, body: Record<string, unknown> = {}) =>
    c.post<WorkOrderDto & ErrorBody>('/api/v1/work-orders', {
      siteId: cc,
      category: 'plumbing',
      urgency: 'normal',
      description: '洗手间水龙头漏水',
      ...body,
    });
  const step = (c: Client, wo: WorkOrderDto, action: string, body: Record<string, unknown> = {}) =>
    c.post<WorkOrderDto & ErrorBody>(`/api/v1/work-orders/${wo.id}/actions/${action}`, { version: wo.version, ...body });

  it('takes a request through every step to 已评价 with each step timestamped', async () => {
    const created = await report(requester);
    expect(created.status).toBe(201);
    let wo = created.body;
    expect(wo.number).toMatch(/^WX-\d{8}-\d{4}$/);
    expect(wo).toMatchObject({ status: 'pending', channel: 'web', requesterId: requester.userId, ownerId: null });
    expect(wo.actions).toEqual(['cancel']);

    wo = (await step(dispatcher, wo, 'dispatch', { assigneeId: techId })).body;
    expect(wo).toMatchObject({ status: 'dispatched', assigneeId: techId, ownerId: dispatcher.userId });
    for (const [action, status] of [
      ['accept', 'accepted'],
      ['arrive', 'arrived'],
      ['start', 'in_progress'],
    ] as const) {
      const res = await step(tech, wo, action);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      wo = res.body;
      expect(wo.status).toBe(status);
    }
    wo = (await step(tech, wo, 'pause', { pauseReason: 'parts' })).body;
    expect(wo).toMatchObject({ status: 'paused', pauseReason: 'parts' });
    t.clock.advance(60_000);
    wo = (await step(tech, wo, 'resume')).body;
    const missing = await step(tech, wo, 'finish');
    expect(missing.status).toBe(400);
    expect(missing.body.error.details?.fields?.map((f) => f.field)).toEqual(['result']);
    wo = (await step(tech, wo, 'finish', { cause: 'ageing', result: '更换阀芯' })).body;
    expect(wo).toMatchObject({ status: 'resolved', cause: 'ageing', result: '更换阀芯' });
    expect(wo.actions).toEqual([]);
    expect((await requester.get<WorkOrderDto>(`/api/v1/work-orders/${wo.id}`)).body.actions).toEqual(['approve', 'reject']);

    const rejected = (await step(requester, wo, 'reject', { reason: '还在滴水' })).body;
    expect(rejected).toMatchObject({ status: 'in_progress', reworkCount: 1 });
    wo = (await step(tech, rejected, 'finish', { result: '更换整个龙头' })).body;
    wo = (await step(requester, wo, 'approve')).body;
    expect(wo.status).toBe('completed');
    const badRating = await step(requester, wo, 'rate', { ratingAttitude: 5, ratingQuality: 4 });
    expect(badRating.status).toBe(400);
    wo = (await step(requester, wo, 'rate', { ratingAttitude: 5, ratingQuality: 4, ratingEfficiency: 5, comment: '及时' })).body;
    expect(wo).toMatchObject({ status: 'rated', ratingAttitude: 5, ratingQuality: 4, ratingEfficiency: 5 });

    const events = (await requester.get<WorkOrderEventDto[]>(`/api/v1/work-orders/${wo.id}/events`)).body;
    expect(events.map((e) => e.action)).toEqual([
      'create',
      'dispatch',
      'accept',
      'arrive',
      'start',
      'pause',
      'resume',
      'finish',
      'reject',
      'finish',
      'approve',
      'rate',
    ]);
    expect(events.find((e) => e.action === 'reject')?.reason).toBe('还在滴水');
  });

  it('answers 409 ILLEGAL_TRANSITION with its code, 409 on a stale version, 403 for the wrong person', async () => {
    const wo = (await report(requester)).body;
    const illegal = await step(dispatcher, wo, 'finish', { result: 'x' });
    expect(illegal.status).toBe(409);
    expect(illegal.body.error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { status: 'pending', action: 'finish' } });
    const dispatched = (await step(dispatcher, wo, 'dispatch', { assigneeId: techId })).body;
    const stale = await step(dispatcher, wo, 'cancel', { reason: '重复' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    expect((await step(requester, dispatched, 'accept')).status).toBe(403);
  });

  it('lets a clerk record a phone request for someone else and take any request (首问负责制)', async () => {
    const phone = await dispatcher.post<WorkOrderDto>('/api/v1/work-orders', {
      siteId: cc,
      channel: 'hotline',
      category: 'power',
      urgency: 'urgent',
      description: '二楼配电箱跳闸',
      requesterName: '王女士',
      requesterPhone: '13900001111',
    });
    expect(phone.status).toBe(201);
    expect(phone.body).toMatchObject({ channel: 'hotline', requesterId: null, requesterName: '王女士', ownerId: dispatcher.userId });
    expect(
      (
        await requester.post('/api/v1/work-orders', {
          siteId: cc,
          channel: 'phone',
          category: 'power',
          urgency: 'normal',
          description: 'x',
        })
      ).status,
    ).toBe(403);
    const mine = (await report(requester)).body;
    const taken = await dispatcher.post<WorkOrderDto>(`/api/v1/work-orders/${mine.id}/take`, { version: mine.version });
    expect(taken.body.ownerId).toBe(dispatcher.userId);
  });

  it('validates every field with a Chinese message', async () => {
    const res = await report(requester, { category: 'nope', urgency: 'nope', description: '  ' });
    expect(res.status).toBe(400);
    expect(res.body.error.details?.fields?.map((f) => f.field).sort()).toEqual(['category', 'description', 'urgency']);
  });

  it('never shows one store’s orders to another store (404), and a requester only their own', async () => {
    const wo = (await report(dispatcher)).body;
    expect((await techSy.get(`/api/v1/work-orders/${wo.id}`)).status).toBe(404);
    expect((await step(techSy, wo, 'cancel', { reason: 'x' })).status).toBe(404);
    const syList = (await techSy.get<{ items: WorkOrderDto[] }>('/api/v1/work-orders?limit=200')).body.items;
    expect(syList.every((w) => w.siteId === sy)).toBe(true);
    expect((await requester.get(`/api/v1/work-orders/${wo.id}`)).status).toBe(404);
    const own = (await requester.get<{ items: WorkOrderDto[] }>('/api/v1/work-orders?limit=200')).body.items;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((w) => w.requesterId === requester.userId)).toBe(true);
  });

  it('shows the dispatcher board: waiting orders, the pool and each technician’s load', async () => {
    const waiting = (await report(requester, { description: '门禁失灵' })).body;
    const pooled = (await report(requester, { description: '灯管闪烁' })).body;
    await step(dispatcher, pooled, 'pool');
    const busy = (await report(requester, { description: '空调不制冷' })).body;
    await step(dispatcher, busy, 'dispatch', { assigneeId: techId });
    type Board = {
      pending: WorkOrderDto[];
      pool: WorkOrderDto[];
      overdue: WorkOrderDto[];
      load: { userId: string; dispatched: number; total: number }[];
    };
    const res = await dispatcher.get<Board>(`/api/v1/work-orders/board?siteId=${cc}`);
    expect(res.status).toBe(200);
    expect(res.body.pending.map((w) => w.id)).toContain(waiting.id);
    expect(res.body.pending.map((w) => w.id)).not.toContain(pooled.id);
    expect(res.body.pool.map((w) => w.id)).toContain(pooled.id);
    const techLoad = res.body.load.find((l) => l.userId === techId);
    expect(techLoad?.dispatched).toBeGreaterThanOrEqual(1);
    expect(res.body.load.every((l) => l.total >= 0)).toBe(true);
    expect((await tech.get('/api/v1/work-orders/board')).status).toBe(403);

    // a technician claims from the pool and the order becomes theirs
    const claimed = await step(tech, pooled, 'claim');
    const fresh = (await tech.get<WorkOrderDto>(`/api/v1/work-orders/${pooled.id}`)).body;
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(409);
    expect(fresh.inPool).toBe(true);
    const ok = await step(tech, fresh, 'claim');
    expect(ok.body).toMatchObject({ status: 'accepted', assigneeId: techId, inPool: false });
  });
});
