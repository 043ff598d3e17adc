import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrderDto } from '../../../../contracts/workorders.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import type { JobDeps } from '../../platform/jobs/scheduler.js';
import { orgIdOf, siteIdOf, userIdOf } from '../equipment/testing.js';
import { DEFAULT_SLA_POLICIES, seedWorkOrderDefaults } from './seed.defaults.js';
import type { WorkOrderSettingsDto } from './settings.service.js';
import { runAutoAcceptance, runSlaTick } from './sla.jobs.js';
import type { SlaPolicyDto } from './sla.policies.js';

type ErrorBody = { error: { code: string; details?: { fields?: { field: string; message: string }[] } } };
type Page<T> = { items: T[]; nextCursor: string | null };

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe(`deadlines (SLA), the scheduler's ticks and work-order settings (${ENGINE})`, () => {
  let t: TestApp;
  let deps: JobDeps;
  let admin: Client;
  let head: Client;
  let dispatcher: Client;
  let tech: Client;
  let requester: Client;
  let cc: string;
  let sy: string;
  let techId: string;
  let headId: string;
  let teamId: string;

  beforeAll(async () => {
    // sessions outlive the days the clock is moved through
    t = await createTestApp({ env: { SESSION_TTL_HOURS: '2000' } });
    deps = t.app.deps;
    [admin, head, dispatcher, tech, requester] = await Promise.all([
      login(t.app, 'admin'),
      login(t.app, 'head'),
      login(t.app, 'dispatcher'),
      login(t.app, 'tech'),
      login(t.app, 'requester'),
    ]);
    cc = await siteIdOf(t.db, 'CC');
    sy = await siteIdOf(t.db, 'SY');
    techId = await userIdOf(t.db, 'tech');
    headId = await userIdOf(t.db, 'head');
    teamId = (await t.db.selectFrom('teams').select('id').where('code', '=', 'CC-WX').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  const report = async (body: Record<string, unknown> = {}) => {
    const res = await requester.post<WorkOrderDto & ErrorBody>('/api/v1/work-orders', {
      siteId: cc,
      category: 'building',
      urgency: 'normal',
      description: '仓库卷帘门卡住',
      ...body,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const step = async (c: Client, wo: WorkOrderDto, action: string, body: Record<string, unknown> = {}) => {
    const res = await c.post<WorkOrderDto & ErrorBody>(`/api/v1/work-orders/${wo.id}/actions/${action}`, { version: wo.version, ...body });
    expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
    return res.body;
  };
  /** to tech (whether or not a dispatch rule got there first) */
  const assign = (wo: WorkOrderDto) =>
    step(dispatcher, wo, wo.status === 'pending' ? 'dispatch' : 'transfer', { assigneeId: techId, reason: '指定维修' });
  const timer = (wo: WorkOrderDto, kind: string) => wo.timers.find((x) => x.kind === kind);
  const inbox = (userId: string, workOrderId: string) =>
    t.db
      .selectFrom('notifications')
      .select(['title'])
      .where('user_id', '=', userId)
      .where('kind', '=', 'work_order_sla')
      .where('link', '=', `/work-orders/${workOrderId}`)
      .execute();
  const events = (workOrderId: string, action: string) =>
    t.db
      .selectFrom('work_order_events')
      .select(['at', 'actor_name'])
      .where('work_order_id', '=', workOrderId)
      .where('action', '=', action)
      .execute();
  const at = (iso: string | null | undefined) => Date.parse(iso ?? '');

  it('seeds the defaults once: a settings row and the DOMAIN.md §4 policies', async () => {
    const orgId = await orgIdOf(t.db);
    await t.db.transaction().execute((tx) => seedWorkOrderDefaults(tx, orgId, new Date().toISOString()));
    const policies = await t.db.selectFrom('sla_policies').select(['name', 'category', 'urgency', 'not_overnight']).execute();
    expect(policies).toHaveLength(DEFAULT_SLA_POLICIES.length);
    expect(policies.filter((p) => p.category === 'fire').every((p) => p.not_overnight === 1)).toBe(true);
    expect(policies.find((p) => p.urgency === 'emergency' && p.category === null)?.not_overnight).toBe(1);
    expect(await t.db.selectFrom('work_order_settings').selectAll().execute()).toHaveLength(1);
  });

  it('gives a new order the policy’s timers and moves them with the category or urgency', async () => {
    t.clock.set('2026-03-16T02:00:00.000Z'); // 10:00 in 长春
    const wo = await report();
    expect(at(timer(wo, 'response')?.dueAt) - at(wo.createdAt)).toBe(2 * HOUR);
    expect(at(timer(wo, 'resolution')?.dueAt) - at(wo.createdAt)).toBe(72 * HOUR);
    expect(timer(wo, 'arrival')).toBeUndefined();
    expect(timer(wo, 'response')?.remainingMs).toBe(2 * HOUR);
    t.clock.advance(10 * MIN);
    const urgent = await dispatcher.patch<WorkOrderDto>(`/api/v1/work-orders/${wo.id}`, { version: wo.version, urgency: 'urgent' });
    expect(urgent.status).toBe(200);
    expect(at(timer(urgent.body, 'response')?.dueAt) - at(wo.createdAt)).toBe(30 * MIN);
    expect(timer(urgent.body, 'response')?.remainingMs).toBe(20 * MIN);
    const row = await t.db.selectFrom('work_orders').select('sla_policy_id').where('id', '=', wo.id).executeTakeFirstOrThrow();
    const policy = await t.db
      .selectFrom('sla_policies')
      .select('urgency')
      .where('id', '=', row.sla_policy_id as string)
      .executeTakeFirstOrThrow();
    expect(policy.urgency).toBe('urgent');
  });

  it('warns once before the deadline and escalates once at the breach, even with two ticks at once', async () => {
    t.clock.set('2026-03-16T02:00:00.000Z');
    const wo = await assign(await report({ description: '收银台上方吊顶渗水' }));
    // the order belongs to the CC repair team, whose leader is tech; set in the table because
    // dispatching with a teamId reads the team outside the transaction (service.ts) and stalls SQLite
    await t.db.updateTable('work_orders').set({ team_id: teamId }).where('id', '=', wo.id).execute();
    t.clock.advance(89 * MIN);
    await runSlaTick(deps);
    expect(await events(wo.id, 'sla_warning')).toHaveLength(0);
    t.clock.advance(2 * MIN); // 91 min: the warning (30 min ahead of 2 h) is due
    await Promise.all([runSlaTick(deps), runSlaTick(deps)]);
    await runSlaTick(deps);
    expect(await events(wo.id, 'sla_warning')).toHaveLength(1);
    expect((await inbox(techId, wo.id)).map((n) => n.title)).toEqual([`工单 ${wo.number} 响应时限将到`]);
    expect(await inbox(headId, wo.id)).toHaveLength(0);

    t.clock.advance(30 * MIN); // 2 h 1 min: breached
    await Promise.all([runSlaTick(deps), runSlaTick(deps)]);
    await runSlaTick(deps);
    const breaches = await events(wo.id, 'sla_breach');
    expect(breaches).toHaveLength(1);
    expect(breaches[0]?.actor_name).toBe('系统');
    // escalated to the team leader (tech) and to whoever manages work orders at 长春店 (head, admin)
    expect((await inbox(headId, wo.id)).map((n) => n.title)).toEqual([`工单 ${wo.number} 已超过响应时限`]);
    expect((await inbox(techId, wo.id)).map((n) => n.title)).toContain(`工单 ${wo.number} 已超过响应时限`);
    const late = (await dispatcher.get<WorkOrderDto>(`/api/v1/work-orders/${wo.id}`)).body;
    expect(timer(late, 'response')?.breachedAt).toBe(t.clock.now().toISOString());
    expect(timer(late, 'response')?.remainingMs).toBe(-MIN);
    const overdue = (await dispatcher.get<Page<WorkOrderDto>>(`/api/v1/work-orders?overdue=1&limit=200`)).body.items;
    expect(overdue.map((w) => w.id)).toContain(wo.id);

    // accepting late meets the deadline but the breach stays a fact
    const accepted = await step(tech, late, 'accept');
    expect(timer(accepted, 'response')).toMatchObject({ metAt: t.clock.now().toISOString(), remainingMs: null });
    expect(timer(accepted, 'response')?.breachedAt).not.toBeNull();
  });

  it('leaves paused time out of the resolution deadline and freezes the time left meanwhile', async () => {
    t.clock.set('2026-03-16T02:00:00.000Z');
    const policy = await head.post<SlaPolicyDto>('/api/v1/sla-policies', {
      name: '长春店门窗一般报修',
      siteId: cc,
      category: 'doors_hardware',
      urgency: 'normal',
      resolutionMinutes: 60,
      warnBeforeMinutes: 10,
    });
    expect(policy.status).toBe(201);
    let wo = await assign(await report({ category: 'doors_hardware', description: '玻璃门闭门器损坏' }));
    expect(timer(wo, 'response')).toBeUndefined(); // the site policy is more specific than 一般报修
    for (const action of ['accept', 'arrive', 'start']) wo = await step(tech, wo, action);
    t.clock.advance(20 * MIN);
    wo = await step(tech, wo, 'pause', { pauseReason: 'parts' });
    const due = timer(wo, 'resolution')?.dueAt;
    t.clock.advance(2 * HOUR); // paused well past the original deadline
    await runSlaTick(deps);
    const paused = (await tech.get<WorkOrderDto>(`/api/v1/work-orders/${wo.id}`)).body;
    expect(timer(paused, 'resolution')).toMatchObject({ breachedAt: null, remainingMs: 40 * MIN });
    const resumed = await step(tech, paused, 'resume');
    expect(at(timer(resumed, 'resolution')?.dueAt) - at(due)).toBe(2 * HOUR);
    expect(timer(resumed, 'resolution')?.remainingMs).toBe(40 * MIN);
    t.clock.advance(41 * MIN);
    await runSlaTick(deps);
    expect(await events(wo.id, 'sla_breach')).toHaveLength(1);
  });

  it('keeps 不过夜 orders within the site day: 10 minutes left at 23:50, closing time by day', async () => {
    t.clock.set('2026-03-16T15:50:00.000Z'); // 23:50 in 长春, after the store closed at 21:30
    const night = await report({ urgency: 'emergency', category: 'plumbing', description: '水管爆裂' });
    expect(timer(night, 'resolution')?.dueAt).toBe('2026-03-16T16:00:00.000Z');
    expect(timer(night, 'resolution')?.remainingMs).toBe(10 * MIN);
    expect(timer(night, 'arrival')?.dueAt).toBe('2026-03-16T16:20:00.000Z');
    t.clock.set('2026-03-17T02:00:00.000Z'); // 10:00
    const fire = await report({ urgency: 'normal', category: 'fire', description: '烟感报警器故障' });
    expect(timer(fire, 'resolution')?.dueAt).toBe('2026-03-17T13:30:00.000Z'); // 21:30, the store's closing time
  });

  it('reopens the resolution deadline on rejection and closes every timer on cancellation', async () => {
    t.clock.set('2026-03-17T02:00:00.000Z');
    let wo = await assign(await report({ description: '货梯按钮失灵' }));
    for (const action of ['accept', 'arrive', 'start']) wo = await step(tech, wo, action);
    t.clock.advance(HOUR);
    wo = await step(tech, wo, 'finish', { result: '更换按钮' });
    expect(timer(wo, 'resolution')?.metAt).toBe(wo.resolvedAt);
    t.clock.advance(HOUR);
    const rejected = await step(requester, wo, 'reject', { reason: '仍然失灵' });
    expect(timer(rejected, 'resolution')).toMatchObject({ metAt: null, remainingMs: 72 * HOUR });
    expect(timer(rejected, 'resolution')?.dueAt).toBe(new Date(t.clock.now().getTime() + 72 * HOUR).toISOString());

    const other = await report({ description: '消防通道门锁坏' });
    const cancelled = await step(dispatcher, other, 'cancel', { reason: '重复报修' });
    expect(cancelled.timers.length).toBeGreaterThan(0);
    for (const x of cancelled.timers) expect(x).toMatchObject({ metAt: cancelled.cancelledAt, breachedAt: null, remainingMs: null });
  });

  it('accepts finished orders automatically after the configured days, once', async () => {
    t.clock.set('2026-03-17T02:00:00.000Z');
    let wo = await assign(await report({ description: '会议室插座无电' }));
    for (const action of ['accept', 'arrive', 'start']) wo = await step(tech, wo, action);
    wo = await step(tech, wo, 'finish', { result: '更换插座' });
    t.clock.advance(2 * DAY);
    await runAutoAcceptance(deps);
    expect((await requester.get<WorkOrderDto>(`/api/v1/work-orders/${wo.id}`)).body.status).toBe('resolved');
    t.clock.advance(DAY + MIN);
    await Promise.all([runAutoAcceptance(deps), runAutoAcceptance(deps)]);
    const done = (await requester.get<WorkOrderDto>(`/api/v1/work-orders/${wo.id}`)).body;
    expect(done).toMatchObject({ status: 'completed', completedAt: t.clock.now().toISOString() });
    const auto = await events(wo.id, 'auto_approve');
    expect(auto).toHaveLength(1);
    expect(auto[0]?.actor_name).toBe('系统自动验收');
  });

  it('reads and saves the settings with a version, audited; 409 on a stale version, every bad field listed', async () => {
    const before = (await head.get<WorkOrderSettingsDto>('/api/v1/work-order-settings')).body;
    expect(before).toMatchObject({ autoAcceptDays: 3, publicIntake: true });
    const saved = await head.req<WorkOrderSettingsDto>('PUT', '/api/v1/work-order-settings', {
      autoAcceptDays: 7,
      publicIntake: false,
      version: before.version,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ autoAcceptDays: 7, publicIntake: false, version: before.version + 1 });
    const stale = await head.req<ErrorBody>('PUT', '/api/v1/work-order-settings', {
      autoAcceptDays: 5,
      publicIntake: true,
      version: before.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    const bad = await head.req<ErrorBody>('PUT', '/api/v1/work-order-settings', { autoAcceptDays: 31, publicIntake: true, version: 2 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details?.fields).toEqual([{ field: 'autoAcceptDays', message: '自动验收天数须为 1 至 30 之间的整数' }]);
    expect((await dispatcher.get('/api/v1/work-order-settings')).status).toBe(403);
    const audit = await t.db.selectFrom('audit_log').select('diff').where('entity', '=', 'work_order_settings').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.diff ?? '{}')).toMatchObject({ auto_accept_days: [3, 7], public_intake: [1, 0] });
    await head.req('PUT', '/api/v1/work-order-settings', { autoAcceptDays: 3, publicIntake: true, version: saved.body.version });
  });

  it('validates policies with Chinese messages and keeps a site’s policies from other sites’ managers (404)', async () => {
    const bad = await head.post<ErrorBody>('/api/v1/sla-policies', {
      name: '坏规则',
      category: 'nope',
      urgency: 'nope',
      responseMinutes: 0,
      resolutionMinutes: 30,
      warnBeforeMinutes: 30,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details?.fields?.map((f) => f.field).sort()).toEqual([
      'category',
      'responseMinutes',
      'urgency',
      'warnBeforeMinutes',
    ]);
    expect(bad.body.error.details?.fields?.find((f) => f.field === 'warnBeforeMinutes')?.message).toBe('提前预警时间须小于修复时限');
    const empty = await head.post<ErrorBody>('/api/v1/sla-policies', { name: '空规则', siteId: sy });
    expect(empty.body.error.details?.fields?.map((f) => f.field)).toEqual(['resolutionMinutes']);

    const syPolicy = await admin.post<SlaPolicyDto>('/api/v1/sla-policies', {
      name: '沈阳店空调',
      siteId: sy,
      category: 'hvac',
      arrivalMinutes: 60,
      resolutionMinutes: 480,
      businessHours: true,
    });
    expect(syPolicy.status).toBe(201);
    expect(syPolicy.body).toMatchObject({
      siteName: '沈阳店',
      businessHours: true,
      excludePaused: true,
      warnBeforeMinutes: 30,
      version: 1,
    });
    const dup = await admin.post<ErrorBody>('/api/v1/sla-policies', { name: '重复', siteId: sy, category: 'hvac', resolutionMinutes: 60 });
    expect(dup.body.error.details?.fields?.map((f) => f.field)).toEqual(['urgency']);

    // a 长春店-only manager, made through the API
    const role = await admin.post<{ id: string }>('/api/v1/roles', {
      code: 'cc_wo_manager',
      name: '长春店工单主管',
      nameEn: 'CC work-order manager',
      permissions: ['org:read', 'workorders:read', 'workorders:manage'],
    });
    const user = await admin.post<{ id: string }>('/api/v1/users', { username: 'ccwo', name: '长春主管', password: 'Cc2026manager' });
    await admin.post(`/api/v1/users/${user.body.id}/memberships`, { roleId: role.body.id, siteId: cc });
    const ccManager = await login(t.app, 'ccwo', 'Cc2026manager');
    expect((await ccManager.get(`/api/v1/sla-policies/${syPolicy.body.id}`)).status).toBe(404);
    expect((await ccManager.patch(`/api/v1/sla-policies/${syPolicy.body.id}`, { name: 'x', version: 1 })).status).toBe(404);
    expect((await ccManager.post(`/api/v1/sla-policies/${syPolicy.body.id}/deactivate`, { version: 1 })).status).toBe(404);
    const visible = (await ccManager.get<Page<SlaPolicyDto>>('/api/v1/sla-policies?limit=200')).body.items;
    expect(visible.map((p) => p.id)).not.toContain(syPolicy.body.id);
    expect(visible.some((p) => p.siteId === null)).toBe(true);
    const orgWide = visible.find((p) => p.siteId === null) as SlaPolicyDto;
    expect((await ccManager.patch(`/api/v1/sla-policies/${orgWide.id}`, { name: 'x', version: orgWide.version })).status).toBe(403);
    const foreign = await ccManager.post<ErrorBody>('/api/v1/sla-policies', { name: '沈阳', siteId: sy, resolutionMinutes: 60 });
    expect(foreign.body.error.details?.fields?.map((f) => f.field)).toEqual(['siteId']);
    const own = await ccManager.post<SlaPolicyDto>('/api/v1/sla-policies', {
      name: '长春电梯',
      siteId: cc,
      category: 'elevator',
      arrivalMinutes: 15,
    });
    expect(own.status).toBe(201);

    // edit with a version, deactivate, audited; a stale version answers 409
    const edited = await admin.patch<SlaPolicyDto>(`/api/v1/sla-policies/${syPolicy.body.id}`, { resolutionMinutes: 600, version: 1 });
    expect(edited.body).toMatchObject({ resolutionMinutes: 600, version: 2 });
    expect((await admin.patch(`/api/v1/sla-policies/${syPolicy.body.id}`, { resolutionMinutes: 700, version: 1 })).status).toBe(409);
    const off = await admin.post<SlaPolicyDto>(`/api/v1/sla-policies/${syPolicy.body.id}/deactivate`, { version: 2 });
    expect(off.body.active).toBe(false);
    const actions = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', syPolicy.body.id).orderBy('at').execute();
    expect(actions.map((a) => a.action)).toEqual(['create', 'update', 'deactivate']);
    const filtered = (await admin.get<Page<SlaPolicyDto>>(`/api/v1/sla-policies?siteId=${sy}&active=0`)).body.items;
    expect(filtered.map((p) => p.id)).toEqual([syPolicy.body.id]);
    const xlsx = await admin.req('GET', '/api/v1/sla-policies?format=xlsx');
    expect(xlsx.raw.headers['content-type']).toContain('spreadsheetml');
  });
});
