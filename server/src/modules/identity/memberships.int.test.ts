import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_ROLES } from '../../../../contracts/roles.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';

const permissionsOf = (code: string) => BUILTIN_ROLES.find((r) => r.code === code)?.permissions ?? [];
// the 长春店 manager below may grant the technician and security roles: it holds both
const SITE_MANAGER_PERMISSIONS = [...new Set([...permissionsOf('technician'), ...permissionsOf('security')])];

type Err = { error: { code: string; message: string; details?: { fields?: { field: string }[] } } };
type Membership = { id: string; roleCode: string; siteCode: string | null; siteId: string | null; allSites: boolean };
type User = { id: string; username: string; version: number; memberships: Membership[] };
type Page<T> = { items: T[]; nextCursor: string | null };

describe(`memberships and the site-limited user manager (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;
  let ccAdmin: Client;
  const site: Record<string, string> = {};
  const role: Record<string, string> = {};
  const user: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
    for (const s of await t.db.selectFrom('sites').select(['id', 'code']).execute()) site[s.code] = s.id;
    for (const r of await t.db.selectFrom('roles').select(['id', 'code']).execute()) role[r.code] = r.id;
    for (const u of await t.db.selectFrom('users').select(['id', 'username']).execute()) user[u.username] = u.id;
    // a 长春店 user manager, built only through the API: a role, a user, a membership on CC
    const created = await admin.post<{ id: string }>('/api/v1/roles', {
      code: 'cc_user_admin',
      name: '长春店人事管理员',
      nameEn: 'CC user manager',
      // a site manager who also manages users: granting is limited to what the granter holds
      permissions: [...SITE_MANAGER_PERMISSIONS, 'users:manage'],
    });
    expect(created.status).toBe(201);
    role.cc_user_admin = created.body.id;
    const cc = await admin.post<User>('/api/v1/users', { username: 'ccadmin', name: '长春人事', password: 'Cc2026admin' });
    expect(cc.status).toBe(201);
    user.ccadmin = cc.body.id;
    const grant = await admin.post<Membership>(`/api/v1/users/${cc.body.id}/memberships`, { roleId: role.cc_user_admin, siteId: site.CC });
    expect(grant.status).toBe(201);
    ccAdmin = await login(t.app, 'ccadmin', 'Cc2026admin');
  });
  afterAll(() => t.close());

  it('the 长春店 manager gets 404 on a 沈阳店-only user and sees only users working at 长春店', async () => {
    const foreign = await ccAdmin.get<Err>(`/api/v1/users/${user.tech_sy}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
    expect((await ccAdmin.get<Err>(`/api/v1/users/${user.tech_sy}/memberships`)).status).toBe(404);
    expect((await ccAdmin.patch<Err>(`/api/v1/users/${user.tech_sy}`, { name: 'x', version: 1 })).status).toBe(404);
    expect((await ccAdmin.post<Err>(`/api/v1/users/${user.tech_sy}/reset-password`, { password: 'Hack2026x' })).status).toBe(404);
    expect((await ccAdmin.post<Err>(`/api/v1/users/${user.cleaner}/deactivate`, { version: 1 })).status).toBe(404);
    const list = await ccAdmin.get<Page<User>>('/api/v1/users?limit=200');
    const names = list.body.items.map((u) => u.username);
    expect(names).toEqual(expect.arrayContaining(['tech', 'dispatcher', 'requester', 'ccadmin']));
    expect(names).not.toContain('tech_sy');
    expect(names).not.toContain('cleaner');
    expect(names).not.toContain('chef');
    for (const u of list.body.items) expect(u.memberships.some((m) => m.siteId === site.CC || m.allSites)).toBe(true);
    const syMembership = await t.db
      .selectFrom('memberships')
      .select('id')
      .where('user_id', '=', user.tech_sy as string)
      .executeTakeFirstOrThrow();
    expect((await ccAdmin.req<Err>('DELETE', `/api/v1/memberships/${syMembership.id}`)).status).toBe(404);
  });

  it('manages 长春店 users but not all-sites users, and grants only on 长春店 within its own permissions', async () => {
    const tech = await ccAdmin.get<User>(`/api/v1/users/${user.tech}`);
    expect(tech.status).toBe(200);
    expect((await ccAdmin.patch<User>(`/api/v1/users/${user.tech}`, { name: '张师傅', version: tech.body.version })).status).toBe(200);
    // head holds an all-sites membership: visible, but only an all-sites manager may change them
    expect((await ccAdmin.get(`/api/v1/users/${user.head}`)).status).toBe(200);
    expect((await ccAdmin.patch<Err>(`/api/v1/users/${user.head}`, { name: 'x', version: 1 })).status).toBe(403);
    expect((await ccAdmin.post<Err>(`/api/v1/users/${user.tech}/memberships`, { roleId: role.technician, siteId: site.SY })).status).toBe(
      403,
    );
    expect((await ccAdmin.post<Err>(`/api/v1/users/${user.tech}/memberships`, { roleId: role.technician, siteId: null })).status).toBe(403);
    const escalate = await ccAdmin.post<Err>(`/api/v1/users/${user.tech}/memberships`, { roleId: role.admin, siteId: site.CC });
    expect(escalate.status).toBe(403);
    expect(escalate.body.error.message).toContain('roles:manage');
    const ok = await ccAdmin.post<Membership>(`/api/v1/users/${user.tech}/memberships`, { roleId: role.security, siteId: site.CC });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ roleCode: 'security', siteCode: 'CC' });
    const removed = await ccAdmin.req<Membership>('DELETE', `/api/v1/memberships/${ok.body.id}`);
    expect(removed.status).toBe(200);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', ok.body.id)
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'create', actor_id: user.ccadmin },
      { action: 'delete', actor_id: user.ccadmin },
    ]);
  });

  it('a site-limited manager must give a new user a role on one of their sites', async () => {
    const bare = await ccAdmin.post<Err>('/api/v1/users', { username: 'newcc', name: '新人', password: 'Xinren2026' });
    expect(bare.status).toBe(400);
    expect(bare.body.error.details?.fields?.map((f) => f.field)).toEqual(['memberships']);
    const elsewhere = await ccAdmin.post<Err>('/api/v1/users', {
      username: 'newcc',
      name: '新人',
      password: 'Xinren2026',
      memberships: [{ roleId: role.technician, siteId: site.SY }],
    });
    expect(elsewhere.status).toBe(403);
    expect(await t.db.selectFrom('users').select('id').where('username', '=', 'newcc').executeTakeFirst()).toBeUndefined();
    const ok = await ccAdmin.post<User>('/api/v1/users', {
      username: 'newcc',
      name: '新人',
      password: 'Xinren2026',
      memberships: [{ roleId: role.technician, siteId: site.CC }],
    });
    expect(ok.status).toBe(201);
    expect((await ccAdmin.get(`/api/v1/users/${ok.body.id}`)).status).toBe(200);
  });

  it('rejects a duplicate membership and unknown role or site, and grants all sites for an all-sites manager', async () => {
    const dup = await admin.post<Err>(`/api/v1/users/${user.tech}/memberships`, { roleId: role.technician, siteId: site.CC });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE');
    const bad = await admin.post<Err>(`/api/v1/users/${user.tech}/memberships`, { roleId: 'nope', siteId: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details?.fields?.map((f) => f.field).sort()).toEqual(['roleId', 'siteId']);
    const all = await admin.post<Membership>(`/api/v1/users/${user.tech}/memberships`, { roleId: role.leader, siteId: null });
    expect(all.status).toBe(201);
    expect(all.body.allSites).toBe(true);
    const dupAll = await admin.post<Err>(`/api/v1/users/${user.tech}/memberships`, { roleId: role.leader, siteId: null });
    expect(dupAll.status).toBe(409);
    // tech now holds an all-sites membership, so the 长春店 manager may no longer change them
    expect((await ccAdmin.patch<Err>(`/api/v1/users/${user.tech}`, { name: 'x', version: 2 })).status).toBe(403);
    const list = await admin.get<{ items: Membership[] }>(`/api/v1/users/${user.tech}/memberships`);
    expect(list.body.items.map((m) => `${m.roleCode}@${m.siteCode ?? '*'}`).sort()).toEqual(['leader@*', 'technician@CC']);
  });

  it('the database itself refuses a second identical membership, the all-sites one included', async () => {
    const base = {
      org_id: (await t.db.selectFrom('organizations').select('id').executeTakeFirstOrThrow()).id,
      user_id: user.chef as string,
    };
    const row = (id: string, siteId: string | null) => ({
      ...base,
      id,
      role_id: role.chef as string,
      site_id: siteId,
      created_at: '2026-03-15T02:00:00.000Z',
    });
    await t.db.insertInto('memberships').values(row('dup-a', null)).execute();
    await expect(t.db.insertInto('memberships').values(row('dup-b', null)).execute()).rejects.toThrow();
    await expect(
      t.db
        .insertInto('memberships')
        .values(row('dup-c', site.XX as string))
        .execute(),
    ).rejects.toThrow();
    await t.db.deleteFrom('memberships').where('id', '=', 'dup-a').execute();
  });

  it('refuses to remove the last all-sites administrator', async () => {
    const own = await admin.get<{ items: Membership[] }>(`/api/v1/users/${admin.userId}/memberships`);
    const adminGrant = own.body.items.find((m) => m.roleCode === 'admin');
    const res = await admin.req<Err>('DELETE', `/api/v1/memberships/${adminGrant?.id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
    expect(
      await t.db
        .selectFrom('memberships')
        .select('id')
        .where('id', '=', adminGrant?.id as string)
        .executeTakeFirst(),
    ).toBeDefined();
  });
});
