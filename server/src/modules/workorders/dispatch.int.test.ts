import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrderDto, WorkOrderEventDto } from '../../../../contracts/workorders.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { locationIdOf, siteIdOf, userIdOf } from '../equipment/testing.js';
import type { DispatchRuleDto } from './dispatch.service.js';

type Err = { error: { code: string; details?: { fields?: { field: string; message: string }[] } } };

describe(`automatic dispatch rules (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;
  let requester: Client;
  let cc: string;
  let sy: string;
  let techIds: string[];
  let teamId: string;
  let room: string;
  let floor: string;

  const roleId = async (code: string) =>
    (await t.db.selectFrom('roles').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
    requester = await login(t.app, 'requester');
    cc = await siteIdOf(t.db, 'CC');
    sy = await siteIdOf(t.db, 'SY');
    room = await locationIdOf(t.db, 'CC-A-B1-03');
    floor = (await t.db.selectFrom('locations').select('parent_id').where('id', '=', room).executeTakeFirstOrThrow()).parent_id as string;
    const technician = await roleId('technician');
    techIds = [];
    for (const [username, name] of [
      ['wx_a', '技工甲'],
      ['wx_b', '技工乙'],
      ['wx_c', '技工丙'],
    ]) {
      const res = await admin.post<{ id: string }>('/api/v1/users', {
        username,
        name,
        password: 'Wx2026pass',
        memberships: [{ roleId: technician, siteId: cc }],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      techIds.push(res.body.id);
    }
    const team = await admin.post<{ id: string }>('/api/v1/teams', { code: 'CC-SD', name: '长春店水电班', siteId: cc, memberIds: techIds });
    expect(team.status).toBe(201);
    teamId = team.body.id;
  });
  afterAll(() => t.close());

  const report = (body: Record<string, unknown>) =>
    requester.post<WorkOrderDto>('/api/v1/work-orders', { siteId: cc, urgency: 'normal', description: '水管漏水', ...body });

  it('validates a rule with a Chinese message per field', async () => {
    const both = await admin.post<Err>('/api/v1/dispatch-rules', {
      siteId: cc,
      category: 'nope',
      locationId: await locationIdOf(t.db, 'SY-A-B1-01'),
      teamId,
      assigneeId: techIds[0],
    });
    expect(both.status).toBe(400);
    expect(both.body.error.details?.fields?.map((f) => f.field).sort()).toEqual(['assigneeId', 'category', 'locationId']);
    const neither = await admin.post<Err>('/api/v1/dispatch-rules', { siteId: cc });
    expect(neither.body.error.details?.fields?.map((f) => f.field)).toEqual(['teamId']);
    expect(neither.body.error.details?.fields?.[0]?.message).toMatch(/班组和维修人员/);
    const syTeam = await admin.post<Err>('/api/v1/dispatch-rules', { siteId: sy, teamId });
    expect(syTeam.body.error.details?.fields?.map((f) => f.field)).toEqual(['teamId']);
  });

  it('dispatches round robin over the three technicians of a team, the pointer moving with each request', async () => {
    const rule = await admin.post<DispatchRuleDto>('/api/v1/dispatch-rules', {
      siteId: cc,
      category: 'plumbing',
      locationId: floor,
      teamId,
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    expect(rule.body).toMatchObject({ category: 'plumbing', categoryName: '给排水', teamName: '长春店水电班', active: true });
    const picks: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      const wo = await report({ category: 'plumbing', locationId: room });
      expect(wo.status).toBe(201);
      expect(wo.body).toMatchObject({ status: 'dispatched', teamId });
      picks.push(wo.body.assigneeId);
    }
    expect(new Set(picks.slice(0, 3))).toEqual(new Set(techIds));
    expect(picks[3]).toBe(picks[0]);
    expect(picks.slice(0, 3)).toEqual([...techIds].sort());
    const stored = await admin.get<DispatchRuleDto>(`/api/v1/dispatch-rules/${rule.body.id}`);
    const first = await t.db
      .selectFrom('users')
      .select('name')
      .where('id', '=', picks[0] as string)
      .executeTakeFirstOrThrow();
    expect(stored.body.lastAssigneeName).toBe(first.name);
    // the rotation pointer is internal: the rule's version is untouched
    expect(stored.body.version).toBe(1);
  });

  it('records the normal dispatch event and notifies the technician', async () => {
    const wo = (await report({ category: 'plumbing', locationId: room })).body;
    const events = (await admin.get<WorkOrderEventDto[]>(`/api/v1/work-orders/${wo.id}/events`)).body;
    expect(events.map((e) => [e.action, e.actorName])).toEqual([
      ['create', expect.any(String)],
      ['dispatch', '自动派单'],
    ]);
    expect(events[1]?.data).toEqual({ assigneeId: wo.assigneeId, teamId });
    const inbox = await t.db
      .selectFrom('notifications')
      .select('title')
      .where('user_id', '=', wo.assigneeId as string)
      .execute();
    expect(inbox.map((n) => n.title)).toContain(`新工单 ${wo.number} 已派给你`);
  });

  it('prefers the most specific rule, skips an inactive person and leaves unmatched requests pending', async () => {
    const tech = await userIdOf(t.db, 'tech');
    const person = await admin.post<DispatchRuleDto>('/api/v1/dispatch-rules', { siteId: cc, locationId: room, assigneeId: tech, sort: 5 });
    expect(person.status).toBe(201);
    // room-level rule (any category) beats the floor-level plumbing rule
    expect((await report({ category: 'plumbing', locationId: room })).body).toMatchObject({ assigneeId: tech, teamId: null });
    // elsewhere on the floor the team rule still applies; another category stays pending
    const other = await report({ category: 'power', locationId: floor });
    expect(other.body).toMatchObject({ status: 'pending', assigneeId: null });

    await t.db.updateTable('users').set({ active: 0 }).where('id', '=', tech).execute();
    expect((await report({ category: 'plumbing', locationId: room })).body).toMatchObject({ status: 'dispatched', teamId });
    await t.db.updateTable('users').set({ active: 1 }).where('id', '=', tech).execute();

    const off = await admin.post<DispatchRuleDto>(`/api/v1/dispatch-rules/${person.body.id}/deactivate`, { version: person.body.version });
    expect(off.body.active).toBe(false);
    expect((await report({ category: 'plumbing', locationId: room })).body.teamId).toBe(teamId);
  });

  it('edits with a version (409 when stale), lists with filters and exports', async () => {
    const rule = (await admin.post<DispatchRuleDto>('/api/v1/dispatch-rules', { siteId: cc, category: 'hvac', assigneeId: techIds[1] }))
      .body;
    const edited = await admin.patch<DispatchRuleDto>(`/api/v1/dispatch-rules/${rule.id}`, { version: rule.version, sort: 3 });
    expect(edited.body).toMatchObject({ sort: 3, version: 2 });
    const stale = await admin.patch<Err>(`/api/v1/dispatch-rules/${rule.id}`, { version: rule.version, sort: 4 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    const list = await admin.get<{ items: DispatchRuleDto[] }>(`/api/v1/dispatch-rules?siteId=${cc}&category=hvac`);
    expect(list.body.items.map((r) => r.id)).toEqual([rule.id]);
    const xlsx = await admin.req('GET', `/api/v1/dispatch-rules?format=xlsx`);
    expect(xlsx.raw.headers['content-type']).toContain('spreadsheetml');
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'dispatch_rule')
      .where('entity_id', '=', rule.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('is managed per site: a manager of another site gets 404, a technician 403', async () => {
    const rule = (await admin.get<{ items: DispatchRuleDto[] }>('/api/v1/dispatch-rules?limit=1')).body.items[0] as DispatchRuleDto;
    const res = await admin.post<{ id: string }>('/api/v1/users', {
      username: 'sy_head',
      name: '沈阳主管',
      password: 'Sy2026pass',
      memberships: [{ roleId: await roleId('head'), siteId: sy }],
    });
    expect(res.status).toBe(201);
    const syHead = await login(t.app, 'sy_head', 'Sy2026pass');
    expect((await syHead.get(`/api/v1/dispatch-rules/${rule.id}`)).status).toBe(404);
    expect((await syHead.get<{ items: DispatchRuleDto[] }>('/api/v1/dispatch-rules')).body.items).toEqual([]);
    expect((await syHead.post<Err>('/api/v1/dispatch-rules', { siteId: cc, teamId })).status).toBe(400);
    const tech = await login(t.app, 'tech');
    expect((await tech.get('/api/v1/dispatch-rules')).status).toBe(403);
  });
});
