import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { readXlsx } from '../../platform/print/excel.js';

interface Team {
  id: string;
  code: string;
  siteId: string | null;
  leaderId: string | null;
  memberCount?: number;
  active: boolean;
  version: number;
  members?: { id: string; name: string; username: string }[];
}
interface Err {
  error: { code: string; message: string; details?: { fields?: { field: string; message: string }[] } };
}

describe(`teams (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof login>>;
  const site: Record<string, string> = {};
  const user: Record<string, string> = {};
  const team = async (code: string) =>
    (await admin.get<{ items: Team[] }>(`/api/v1/teams?q=${code}`)).body.items.find((x) => x.code === code) as Team;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
    for (const s of (await admin.get<{ items: { id: string; code: string }[] }>('/api/v1/sites')).body.items) site[s.code] = s.id;
    for (const u of await t.db.selectFrom('users').select(['id', 'username']).execute()) user[u.username] = u.id;
  });
  afterAll(() => t.close());

  it('shows a team with its members and leader', async () => {
    const wx = await team('CC-WX');
    expect(wx.memberCount).toBe(1);
    const res = await admin.get<Team & { leader: { username: string }; site: { code: string } }>(`/api/v1/teams/${wx.id}`);
    expect(res.body.members).toEqual([{ id: user.tech, name: '张维修', username: 'tech', active: true }]);
    expect(res.body.leader.username).toBe('tech');
    expect(res.body.site.code).toBe('CC');
  });

  it('creates site and organisation-wide teams; member ids must be active users of the organisation', async () => {
    await t.db
      .updateTable('users')
      .set({ active: 0 })
      .where('id', '=', user.requester as string)
      .execute();
    const bad = await admin.post<Err>('/api/v1/teams', {
      code: 'CC-KF',
      name: '长春店客服班',
      siteId: site.CC,
      leaderId: 'ghost-leader',
      memberIds: [user.dispatcher, 'ghost-1', user.requester],
    });
    expect(bad.status).toBe(400);
    const fields = bad.body.error.details?.fields ?? [];
    expect(fields.map((f) => f.field).sort()).toEqual(['leaderId', 'memberIds']);
    const members = fields.find((f) => f.field === 'memberIds')?.message ?? '';
    expect(members).toContain('ghost-1');
    expect(members).toContain(user.requester);
    expect(members).not.toContain(user.dispatcher);

    const ok = await admin.post<Team>('/api/v1/teams', {
      code: 'CC-KF',
      name: '长春店客服班',
      siteId: site.CC,
      leaderId: user.dispatcher,
      memberIds: [user.dispatcher, user.property, user.dispatcher],
    });
    expect(ok.status).toBe(201);
    expect(ok.body.members?.map((m) => m.username).sort()).toEqual(['dispatcher', 'property']);

    const wide = await admin.post<Team>('/api/v1/teams', { code: 'GROUP-CG', name: '集团采购组', memberIds: [user.purchaser] });
    expect(wide.status).toBe(201);
    expect(wide.body.siteId).toBeNull();
    const orgWide = await admin.get<{ items: Team[] }>('/api/v1/teams?siteId=none');
    expect(orgWide.body.items.map((x) => x.code)).toEqual(['GROUP-CG']);

    const dup = await admin.post<Err>('/api/v1/teams', { code: 'CC-KF', name: '重复' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE');
  });

  it('replaces members when given, keeps them otherwise, and refuses stale versions', async () => {
    const kf = await team('CC-KF');
    const renamed = await admin.patch<Team>(`/api/v1/teams/${kf.id}`, { name: '长春店客服一班', version: kf.version });
    expect(renamed.body.members?.map((m) => m.username).sort()).toEqual(['dispatcher', 'property']);
    const replaced = await admin.patch<Team>(`/api/v1/teams/${kf.id}`, { memberIds: [user.security], version: renamed.body.version });
    expect(replaced.body.members?.map((m) => m.username)).toEqual(['security']);
    const stale = await admin.patch<Err>(`/api/v1/teams/${kf.id}`, { memberIds: [], version: kf.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    const badMember = await admin.patch<Err>(`/api/v1/teams/${kf.id}`, { memberIds: ['nobody'], version: replaced.body.version });
    expect(badMember.status).toBe(400);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'diff']).where('entity_id', '=', kf.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update']);
    expect(JSON.parse(audit[2]?.diff ?? '{}').member_ids).toEqual([[user.dispatcher, user.property].sort(), [user.security]]);

    const off = await admin.post<Team>(`/api/v1/teams/${kf.id}/deactivate`, { version: replaced.body.version });
    expect(off.body.active).toBe(false);
    expect((await admin.get<{ items: Team[] }>('/api/v1/teams?active=0')).body.items.map((x) => x.code)).toEqual(['CC-KF']);
  });

  it('keeps 沈阳店 teams away from a 长春店 user: 404 and absent from lists', async () => {
    const tech = await login(t.app, 'tech');
    const sy = await team('SY-WX');
    const res = await tech.get<Err>(`/api/v1/teams/${sy.id}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    const list = await tech.get<{ items: Team[] }>('/api/v1/teams');
    expect(list.body.items.map((x) => x.code).sort()).toEqual(['CC-BA', 'CC-KF', 'CC-WX', 'GROUP-CG']);
    expect((await tech.get<{ items: Team[] }>(`/api/v1/teams?siteId=${site.SY}`)).body.items).toEqual([]);
    // the organisation-wide team is readable by everyone holding org:read
    const wide = await team('GROUP-CG');
    expect((await tech.get<Team>(`/api/v1/teams/${wide.id}`)).status).toBe(200);
    // org:read alone does not allow changes
    const cc = await team('CC-WX');
    expect((await tech.patch<Err>(`/api/v1/teams/${cc.id}`, { name: 'x', version: cc.version })).status).toBe(403);
    // a team cannot be bound to a site the creator cannot see
    const head = await login(t.app, 'head');
    const unknownSite = await head.post<Err>('/api/v1/teams', { code: 'X-1', name: 'x', siteId: 'no-such-site' });
    expect(unknownSite.status).toBe(400);
    expect(unknownSite.body.error.details?.fields?.map((f) => f.field)).toEqual(['siteId']);
  });

  it('exports teams with site, leader and member count', async () => {
    const res = await admin.req('GET', `/api/v1/teams?siteId=${site.SY}&format=xlsx`);
    const sheet = await readXlsx(res.raw.rawPayload);
    expect(sheet.headers).toEqual(['编码', '名称', '场所', '班组长', '成员数', '状态']);
    expect(sheet.rows.map((r) => r.values)).toEqual([
      { 编码: 'SY-BJ', 名称: '沈阳店保洁班', 场所: '沈阳店', 班组长: '周保洁', 成员数: '1', 状态: '启用' },
      { 编码: 'SY-WX', 名称: '沈阳店维修班', 场所: '沈阳店', 班组长: '赵维修', 成员数: '1', 状态: '启用' },
    ]);
  });
});
