import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS } from '../../../../contracts/permissions.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';

type Err = { error: { code: string; details?: { fields?: { field: string; message: string }[] } } };
type Role = {
  id: string;
  code: string;
  name: string;
  permissions: string[];
  builtin: boolean;
  active: boolean;
  version: number;
  memberCount: number;
};

describe(`roles (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t.close());

  it('serves the permission catalogue with Chinese and English names to any signed-in user', async () => {
    const tech = await login(t.app, 'tech');
    const res = await tech.get<{ items: { name: string; zh: string; en: string }[] }>('/api/v1/permissions');
    expect(res.body.items.map((p) => p.name)).toEqual(ALL_PERMISSIONS);
    expect(res.body.items.find((p) => p.name === 'users:manage')).toEqual({
      name: 'users:manage',
      zh: '管理用户与授权',
      en: 'Manage users and memberships',
    });
  });

  it('documents every identity route in the OpenAPI document under the identity tag', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    for (const path of [
      '/api/v1/users',
      '/api/v1/users/{id}/memberships',
      '/api/v1/roles/{id}',
      '/api/v1/api-tokens',
      '/api/v1/users/import',
      '/api/v1/permissions',
    ]) {
      const ops = Object.values(doc.paths[path] ?? {});
      expect(ops.length, path).toBeGreaterThan(0);
      for (const op of ops) expect(op.tags).toEqual(['identity']);
    }
  });

  it('lists the seeded roles with member counts', async () => {
    const res = await admin.get<{ items: Role[] }>('/api/v1/roles?limit=200');
    const technician = res.body.items.find((r) => r.code === 'technician');
    expect(technician).toMatchObject({ name: '维修技术员', builtin: true, active: true, memberCount: 2 });
    expect(res.body.items.map((r) => r.code)).toEqual([...res.body.items.map((r) => r.code)].sort());
  });

  it('creates, lists every unknown permission, rejects duplicate codes, edits with versions and audits', async () => {
    const bad = await admin.post<Err>('/api/v1/roles', {
      code: 'auditor',
      name: '审计员',
      nameEn: 'Auditor',
      permissions: ['audit:read', 'audit:write', 'org:read', 'nope'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details?.fields).toEqual([
      { field: 'permissions.1', message: '未知权限：audit:write' },
      { field: 'permissions.3', message: '未知权限：nope' },
    ]);
    const created = await admin.post<Role>('/api/v1/roles', {
      code: 'auditor',
      name: '审计员',
      nameEn: 'Auditor',
      permissions: ['audit:read', 'org:read', 'audit:read'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ permissions: ['audit:read', 'org:read'], builtin: false, version: 1 });
    const dup = await admin.post<Err>('/api/v1/roles', { code: 'auditor', name: '重复', nameEn: 'Dup', permissions: [] });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE');
    const edited = await admin.patch<Role>(`/api/v1/roles/${created.body.id}`, { permissions: ['audit:read', 'users:read'], version: 1 });
    expect(edited.body).toMatchObject({ permissions: ['audit:read', 'users:read'], version: 2 });
    const stale = await admin.patch<Err>(`/api/v1/roles/${created.body.id}`, { name: 'x', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity_id', '=', created.body.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(JSON.parse(audit[1]?.diff ?? '{}')).toEqual({
      permissions: [
        ['audit:read', 'org:read'],
        ['audit:read', 'users:read'],
      ],
    });
  });

  it('keeps the code of a built-in role but lets its name change', async () => {
    const list = await admin.get<{ items: Role[] }>('/api/v1/roles?q=cleaning');
    const cleaning = list.body.items[0] as Role;
    const rename = await admin.patch<Err>(`/api/v1/roles/${cleaning.id}`, { code: 'janitor', version: cleaning.version });
    expect(rename.status).toBe(400);
    expect(rename.body.error.details?.fields?.[0]?.field).toBe('code');
    const ok = await admin.patch<Role>(`/api/v1/roles/${cleaning.id}`, { name: '保洁员', code: 'cleaning', version: cleaning.version });
    expect(ok.body).toMatchObject({ code: 'cleaning', name: '保洁员' });
  });

  it('a deactivated role grants nothing until it is activated again', async () => {
    const leader = await login(t.app, 'leader');
    expect((await leader.get('/api/v1/users')).status).toBe(200);
    const role = (await admin.get<{ items: Role[] }>('/api/v1/roles?q=leader')).body.items[0] as Role;
    const off = await admin.post<Role>(`/api/v1/roles/${role.id}/deactivate`, { version: role.version });
    expect(off.body.active).toBe(false);
    expect((await leader.get<Err>('/api/v1/users')).status).toBe(403);
    const inactive = await admin.get<{ items: Role[] }>('/api/v1/roles?active=0');
    expect(inactive.body.items.map((r) => r.code)).toEqual(['leader']);
    await admin.post(`/api/v1/roles/${role.id}/activate`, { version: off.body.version });
    expect((await leader.get('/api/v1/users')).status).toBe(200);
  });

  it('needs roles:manage on every site, and refuses to lock the organisation out', async () => {
    const head = await login(t.app, 'head');
    expect((await head.post<Err>('/api/v1/roles', { code: 'x', name: 'x', nameEn: 'x', permissions: [] })).status).toBe(403);
    const adminRole = (await admin.get<{ items: Role[] }>('/api/v1/roles?q=admin')).body.items.find((r) => r.code === 'admin') as Role;
    const strip = await admin.patch<Err>(`/api/v1/roles/${adminRole.id}`, {
      permissions: adminRole.permissions.filter((p) => p !== 'roles:manage'),
      version: adminRole.version,
    });
    expect(strip.status).toBe(409);
    expect(strip.body.error.code).toBe('CONFLICT');
    const off = await admin.post<Err>(`/api/v1/roles/${adminRole.id}/deactivate`, { version: adminRole.version });
    expect(off.status).toBe(409);
    const still = await admin.get<Role>(`/api/v1/roles/${adminRole.id}`);
    expect(still.body).toMatchObject({ active: true, version: adminRole.version });
    expect(still.body.permissions).toContain('roles:manage');
  });
});
