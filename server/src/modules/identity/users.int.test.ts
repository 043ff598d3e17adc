import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { readXlsx } from '../../platform/print/excel.js';

type Err = { error: { code: string; message: string; details?: { fields?: { field: string; message: string }[] } } };
type Membership = { id: string; roleCode: string; siteCode: string | null; siteId: string | null };
type User = {
  id: string;
  username: string;
  name: string;
  version: number;
  active: boolean;
  mustChangePassword: boolean;
  departmentName: string | null;
  lockedUntil: string | null;
  memberships: Membership[];
};
type Page<T> = { items: T[]; nextCursor: string | null };

describe(`users (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;
  const site: Record<string, string> = {};
  const role: Record<string, string> = {};
  const user: Record<string, string> = {};
  let deptGw = '';

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
    for (const s of await t.db.selectFrom('sites').select(['id', 'code']).execute()) site[s.code] = s.id;
    for (const r of await t.db.selectFrom('roles').select(['id', 'code']).execute()) role[r.code] = r.id;
    for (const u of await t.db.selectFrom('users').select(['id', 'username']).execute()) user[u.username] = u.id;
    deptGw = (await t.db.selectFrom('departments').select('id').where('code', '=', 'GW').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  const fieldsOf = (body: Err) => (body.error.details?.fields ?? []).map((f) => f.field).sort();

  it('creates a user who must change the initial password, edits with version checks, and audits', async () => {
    const created = await admin.post<User>('/api/v1/users', {
      username: 'wangwu',
      name: '王五',
      phone: '13912345678',
      employeeNo: 'E9001',
      departmentId: deptGw,
      email: 'wangwu@example.com',
      password: 'Start2026',
      memberships: [{ roleId: role.technician, siteId: site.CC }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      username: 'wangwu',
      departmentName: '工务部',
      mustChangePassword: true,
      active: true,
      version: 1,
    });
    expect(created.body.memberships.map((m) => [m.roleCode, m.siteCode])).toEqual([['technician', 'CC']]);
    const id = created.body.id;

    const found = await admin.get<Page<User>>('/api/v1/users?q=E9001');
    expect(found.body.items.map((u) => u.username)).toEqual(['wangwu']);

    const edited = await admin.patch<User>(`/api/v1/users/${id}`, { name: '王小五', phone: null, version: 1 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ name: '王小五', version: 2 });
    const stale = await admin.patch<Err>(`/api/v1/users/${id}`, { name: '覆盖', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');

    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity_id', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(JSON.parse(audit[1]?.diff ?? '{}')).toEqual({ name: ['王五', '王小五'], phone: ['13912345678', null] });
    expect(audit[0]?.diff).not.toContain('argon2');
    const grantAudit = await t.db.selectFrom('audit_log').select(['action', 'diff']).where('entity', '=', 'membership').execute();
    expect(grantAudit.some((a) => a.action === 'create' && a.diff.includes(id))).toBe(true);

    const wangwu = await login(t.app, 'wangwu', 'Start2026', { firstSignIn: true });
    const me = await wangwu.get<{ user: { mustChangePassword: boolean } }>('/api/v1/auth/me');
    expect(me.body.user.mustChangePassword).toBe(true);
    expect((await wangwu.post('/api/v1/auth/password', { currentPassword: 'Start2026', newPassword: 'Changed2026' })).status).toBe(200);
    const after = await wangwu.get<{ user: { mustChangePassword: boolean } }>('/api/v1/auth/me');
    expect(after.body.user.mustChangePassword).toBe(false);
  });

  it('lists every bad field, and weak passwords and phone-like usernames clearly', async () => {
    const bad = await admin.post<Err>('/api/v1/users', {
      username: 'a b',
      phone: '12345',
      email: 'nope',
      employeeNo: '工号',
      password: 'x',
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(expect.arrayContaining(['email', 'employeeNo', 'name', 'phone', 'username']));
    const weak = await admin.post<Err>('/api/v1/users', { username: 'weakling', name: '弱', password: 'password' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details?.fields?.[0]).toEqual({ field: 'password', message: '密码至少 8 位，且须同时包含字母和数字' });
    const phoneLike = await admin.post<Err>('/api/v1/users', { username: '13700000000', name: '手机', password: 'Good2026x' });
    expect(fieldsOf(phoneLike.body)).toEqual(['username']);
    const noDept = await admin.post<Err>('/api/v1/users', {
      username: 'nodept',
      name: '无部门',
      departmentId: 'missing',
      password: 'Good2026x',
    });
    expect(fieldsOf(noDept.body)).toEqual(['departmentId']);
  });

  it('answers 409 DUPLICATE naming every duplicated field', async () => {
    const dup = await admin.post<Err>('/api/v1/users', {
      username: 'tech',
      name: '重复',
      phone: '13800000005',
      employeeNo: 'E0001',
      password: 'Good2026x',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE');
    expect(fieldsOf(dup.body)).toEqual(['employeeNo', 'phone', 'username']);
    const rename = await admin.patch<Err>(`/api/v1/users/${user.tech_sy}`, { username: 'tech', version: 1 });
    expect(rename.status).toBe(409);
    expect(fieldsOf(rename.body)).toEqual(['username']);
  });

  it('deactivation ends the user’s sessions at once; activation lets them back in', async () => {
    const requester = await login(t.app, 'requester');
    expect((await requester.get('/api/v1/auth/me')).status).toBe(200);
    const current = await admin.get<User>(`/api/v1/users/${user.requester}`);
    const off = await admin.post<User>(`/api/v1/users/${user.requester}/deactivate`, { version: current.body.version });
    expect(off.body.active).toBe(false);
    const old = await requester.get<Err>('/api/v1/auth/me');
    expect(old.status).toBe(401);
    const relogin = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'requester', password: 'houqin' } });
    expect(relogin.statusCode).toBe(401);
    const inactive = await admin.get<Page<User>>('/api/v1/users?active=0');
    expect(inactive.body.items.map((u) => u.username)).toEqual(['requester']);
    await admin.post(`/api/v1/users/${user.requester}/activate`, { version: off.body.version });
    expect((await login(t.app, 'requester')).userId).toBe(user.requester);
    const selfOff = await admin.post<Err>(`/api/v1/users/${admin.userId}/deactivate`, { version: 1 });
    expect(selfOff.status).toBe(409);
  });

  it('an administrator reset sets a temporary password, forces a change and ends sessions, audited without the password', async () => {
    const cleaner = await login(t.app, 'cleaner');
    const res = await admin.post<User>(`/api/v1/users/${user.cleaner}/reset-password`, { password: 'Temp2026pw' });
    expect(res.status).toBe(200);
    expect(res.body.mustChangePassword).toBe(true);
    expect((await cleaner.get('/api/v1/auth/me')).status).toBe(401);
    const oldPw = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'cleaner', password: 'houqin' } });
    expect(oldPw.statusCode).toBe(401);
    const fresh = await login(t.app, 'cleaner', 'Temp2026pw', { firstSignIn: true });
    const me = await fresh.get<{ user: { mustChangePassword: boolean } }>('/api/v1/auth/me');
    expect(me.body.user.mustChangePassword).toBe(true);
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', user.cleaner as string)
      .where('action', '=', 'reset_password')
      .executeTakeFirstOrThrow();
    expect(audit.diff).not.toContain('Temp2026pw');
    expect(audit.diff).not.toContain('argon2');
    expect(JSON.parse(audit.diff)).toEqual({ must_change_password: [0, 1] });
    const weak = await admin.post<Err>(`/api/v1/users/${user.cleaner}/reset-password`, { password: '123' });
    expect(fieldsOf(weak.body)).toEqual(['password']);
  });

  it('unlocks a locked account', async () => {
    const until = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    await t.db
      .updateTable('users')
      .set({ locked_until: until, failed_logins: 0 })
      .where('id', '=', user.security as string)
      .execute();
    expect((await admin.get<User>(`/api/v1/users/${user.security}`)).body.lockedUntil).not.toBeNull();
    const locked = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'security', password: 'houqin' } });
    expect(locked.statusCode).toBe(423);
    const res = await admin.post<User>(`/api/v1/users/${user.security}/unlock`);
    expect(res.body.lockedUntil).toBeNull();
    expect((await login(t.app, 'security')).userId).toBe(user.security);
  });

  it('pages with a keyset cursor and filters by role, site and department', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: Page<User> } = await admin.get<Page<User>>(`/api/v1/users?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items.map((u) => u.username));
      cursor = page.body.nextCursor;
    } while (cursor);
    const total = await t.db.selectFrom('users').select('id').execute();
    expect(seen).toHaveLength(total.length);
    expect([...seen].sort()).toEqual(seen);
    const techs = await admin.get<Page<User>>(`/api/v1/users?roleId=${role.technician}&siteId=${site.SY}`);
    expect(techs.body.items.map((u) => u.username)).toEqual(['tech_sy']);
    const sy = await admin.get<Page<User>>(`/api/v1/users?siteId=${site.SY}`);
    expect(sy.body.items.map((u) => u.username)).toEqual(expect.arrayContaining(['admin', 'cleaner', 'tech_sy']));
    expect(sy.body.items.map((u) => u.username)).not.toContain('tech');
    const gw = await admin.get<Page<User>>(`/api/v1/users?departmentId=${deptGw}&sort=-username`);
    expect(gw.body.items.map((u) => u.username)).toEqual(['wangwu', 'tech_sy', 'tech']);
  });

  it('exports the filtered list as xlsx', async () => {
    const res = await admin.req('GET', `/api/v1/users?format=xlsx&departmentId=${deptGw}`);
    expect(res.status).toBe(200);
    expect(String(res.raw.headers['content-type'])).toContain('spreadsheetml');
    const sheet = await readXlsx(res.raw.rawPayload);
    expect(sheet.headers).toEqual(expect.arrayContaining(['用户名', '姓名', '手机号', '工号', '部门', '角色与场所', '状态']));
    expect(sheet.rows.map((r) => r.values['用户名']).sort()).toEqual(['tech', 'tech_sy', 'wangwu']);
    expect(sheet.rows.find((r) => r.values['用户名'] === 'tech')?.values['角色与场所']).toBe('维修技术员@长春店');
  });
});
