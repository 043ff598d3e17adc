import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { grantNewPermissions } from './bootstrap.js';

describe(`first run and bootstrap (${ENGINE})`, () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('starts empty with HOUQIN_DEMO=0 and creates the administrator once', async () => {
    t = await createTestApp({ demo: false });
    const status = await t.app.inject({ method: 'GET', url: '/api/v1/setup' });
    expect(status.json()).toMatchObject({ needsAdmin: true, demo: false });
    expect(await t.db.selectFrom('sites').select('id').execute()).toHaveLength(0);

    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { organizationName: '测试集团', username: '13900000000', name: '管理员', password: 'short' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['password', 'username']);

    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { organizationName: '测试集团', username: 'boss', name: '管理员', password: 'Secret123' },
    });
    expect(created.statusCode).toBe(201);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { organizationName: 'x', username: 'boss2', name: 'x', password: 'Secret123' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('SETUP_DONE');

    const boss = await login(t.app, 'boss', 'Secret123');
    const me = await boss.get<{ organization: { name: string }; demo: boolean }>('/api/v1/auth/me');
    expect(me.body.organization.name).toBe('测试集团');
    expect(me.body.demo).toBe(false);
    const site = await boss.post('/api/v1/sites', { code: 'S1', name: '一号店', kind: 'store' });
    expect(site.status).toBe(201);
  });

  it('gives built-in roles the permissions a release adds, once', async () => {
    t = await createTestApp();
    // pretend this database predates org:manage and audit:read
    await t.db
      .updateTable('app_meta')
      .set({ value: JSON.stringify(['org:read', 'users:read']) })
      .where('key', '=', 'known_permissions')
      .execute();
    const head = await t.db.selectFrom('roles').select(['id', 'permissions']).where('code', '=', 'head').executeTakeFirstOrThrow();
    await t.db
      .updateTable('roles')
      .set({ permissions: JSON.stringify(['org:read']) })
      .where('id', '=', head.id)
      .execute();

    await grantNewPermissions(t.db, t.clock);
    const after = await t.db.selectFrom('roles').select('permissions').where('id', '=', head.id).executeTakeFirstOrThrow();
    expect(JSON.parse(after.permissions)).toEqual(expect.arrayContaining(['org:read', 'org:manage', 'audit:read']));
    // users:read was known already: a role that lost it on purpose does not get it back
    expect(JSON.parse(after.permissions)).not.toContain('users:read');
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', head.id).execute();
    expect(audit.map((a) => a.action)).toContain('grant_new_permissions');
  });

  it('allows only the password change while a reset password is in force', async () => {
    t = await createTestApp();
    const admin = await login(t.app, 'admin');
    const tech = await t.db.selectFrom('users').select('id').where('username', '=', 'tech').executeTakeFirstOrThrow();
    const reset = await admin.post(`/api/v1/users/${tech.id}/reset-password`, { password: 'Temp1234' });
    expect(reset.status).toBe(200);
    const user = await login(t.app, 'tech', 'Temp1234', { firstSignIn: true });
    const blocked = await user.get<{ error: { code: string } }>('/api/v1/sites');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const me = await user.get<{ user: { mustChangePassword: boolean } }>('/api/v1/auth/me');
    expect(me.body.user.mustChangePassword).toBe(true);
    const changed = await user.post('/api/v1/auth/password', { currentPassword: 'Temp1234', newPassword: 'Better5678' });
    expect(changed.status).toBe(200);
    const allowed = await user.get('/api/v1/sites');
    expect(allowed.status).toBe(200);
  });
});
