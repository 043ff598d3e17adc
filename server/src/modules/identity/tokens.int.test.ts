import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { sha256 } from '../../platform/auth/secrets.js';

type Err = { error: { code: string; details?: { fields?: { field: string; message: string }[] } } };
type Token = { id: string; name: string; prefix: string; permissions: string[]; status: string; userId: string; token?: string };

describe(`API tokens (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t.close());

  const bearer = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload && { payload }) });

  it('shows the plain token once and stores only its sha256', async () => {
    const res = await admin.post<Token>('/api/v1/api-tokens', { name: '门禁系统', permissions: ['org:read'] });
    expect(res.status).toBe(201);
    const token = res.body.token as string;
    expect(token).toMatch(/^hq_[A-Za-z0-9_-]{40,}$/);
    expect(res.body.prefix).toBe(token.slice(0, 10));
    const stored = await t.db.selectFrom('api_tokens').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(sha256(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    const list = await admin.get<{ items: Token[] }>('/api/v1/api-tokens');
    expect(list.body.items.map((i) => i.name)).toEqual(['门禁系统']);
    expect(JSON.stringify(list.body)).not.toContain(token);
    const audit = await t.db.selectFrom('audit_log').select('diff').where('entity_id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(audit.diff).not.toContain(token);
  });

  it('a token limited to org:read lists sites but is refused other work; no CSRF token is needed', async () => {
    const { body } = await admin.post<Token>('/api/v1/api-tokens', { name: '只读', permissions: ['org:read'] });
    const token = body.token as string;
    const sites = await bearer(token, 'GET', '/api/v1/sites');
    expect(sites.statusCode).toBe(200);
    expect(sites.json().items.map((s: { code: string }) => s.code)).toEqual(['CC', 'SY', 'XX']);
    const create = await bearer(token, 'POST', '/api/v1/sites', { code: 'T1', name: '令牌店', kind: 'store' });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe('FORBIDDEN');
    expect((await bearer(token, 'GET', '/api/v1/users')).statusCode).toBe(403);
    // the token cannot mint tokens, nor reach the token list
    expect((await bearer(token, 'POST', '/api/v1/api-tokens', { name: 'x', permissions: ['org:read'] })).statusCode).toBe(403);
    expect((await bearer(token, 'GET', '/api/v1/api-tokens')).statusCode).toBe(403);

    const writer = (await admin.post<Token>('/api/v1/api-tokens', { name: '写入', permissions: ['org:read', 'org:manage'] })).body
      .token as string;
    const made = await bearer(writer, 'POST', '/api/v1/sites', { code: 'T2', name: '令牌二店', kind: 'store' });
    expect(made.statusCode).toBe(201);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor_id', 'action'])
      .where('entity_id', '=', made.json().id)
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_id: admin.userId, action: 'create' });
  });

  it('a revoked token answers 401; revoking twice is a conflict', async () => {
    const { body } = await admin.post<Token>('/api/v1/api-tokens', { name: '临时', permissions: ['org:read'] });
    expect((await bearer(body.token as string, 'GET', '/api/v1/sites')).statusCode).toBe(200);
    const revoked = await admin.post<Token>(`/api/v1/api-tokens/${body.id}/revoke`);
    expect(revoked.body.status).toBe('revoked');
    const after = await bearer(body.token as string, 'GET', '/api/v1/sites');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
    expect((await admin.post<Err>(`/api/v1/api-tokens/${body.id}/revoke`)).status).toBe(409);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', body.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'revoke']);
  });

  it('an expired token, or one whose owner is deactivated, answers 401', async () => {
    const soon = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    const { body } = await admin.post<Token>('/api/v1/api-tokens', { name: '一小时', permissions: ['org:read'], expiresAt: soon });
    expect((await bearer(body.token as string, 'GET', '/api/v1/sites')).statusCode).toBe(200);
    t.clock.advance(2 * 3_600_000);
    expect((await bearer(body.token as string, 'GET', '/api/v1/sites')).statusCode).toBe(401);
    const past = await admin.post<Err>('/api/v1/api-tokens', {
      name: '过去',
      permissions: ['org:read'],
      expiresAt: '2020-01-01T00:00:00Z',
    });
    expect(past.body.error.details?.fields?.map((f) => f.field)).toEqual(['expiresAt']);
  });

  it('permissions must be known and held by the creator; site-limited holders see only their own tokens', async () => {
    const role = await admin.post<{ id: string }>('/api/v1/roles', {
      code: 'integrator',
      name: '系统集成',
      nameEn: 'Integrator',
      permissions: ['tokens:manage', 'org:read'],
    });
    const cc = (await t.db.selectFrom('sites').select('id').where('code', '=', 'CC').executeTakeFirstOrThrow()).id;
    const created = await admin.post<{ id: string }>('/api/v1/users', {
      username: 'integ',
      name: '集成账号',
      password: 'Tokens2026x',
      memberships: [{ roleId: role.body.id, siteId: cc }],
    });
    const integ = await login(t.app, 'integ', 'Tokens2026x');
    const bad = await integ.post<Err>('/api/v1/api-tokens', { name: 'x', permissions: ['org:read', 'users:manage', 'magic:wand'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details?.fields).toEqual([
      { field: 'permissions.2', message: '未知权限：magic:wand' },
      { field: 'permissions.1', message: '你没有“users:manage”权限，不能授予令牌' },
    ]);
    const own = await integ.post<Token>('/api/v1/api-tokens', { name: '集成', permissions: ['org:read'] });
    expect(own.status).toBe(201);
    // the token keeps its owner's site scope: 长春店 only
    const sites = await bearer(own.body.token as string, 'GET', '/api/v1/sites');
    expect(sites.json().items.map((s: { code: string }) => s.code)).toEqual(['CC']);
    const mine = await integ.get<{ items: Token[] }>('/api/v1/api-tokens');
    expect(mine.body.items.map((i) => i.userId)).toEqual([created.body.id]);
    const everyone = await admin.get<{ items: Token[] }>('/api/v1/api-tokens?limit=200');
    expect(everyone.body.items.map((i) => i.name)).toContain('集成');
    const adminToken = everyone.body.items.find((i) => i.userId === admin.userId) as Token;
    expect((await integ.post<Err>(`/api/v1/api-tokens/${adminToken.id}/revoke`)).status).toBe(404);
    // a person without tokens:manage cannot create tokens at all
    const tech = await login(t.app, 'tech');
    expect((await tech.post<Err>('/api/v1/api-tokens', { name: 'x', permissions: ['org:read'] })).status).toBe(403);
    // the owner's deactivation stops the token
    await admin.post(`/api/v1/users/${created.body.id}/deactivate`, { version: 1 });
    expect((await bearer(own.body.token as string, 'GET', '/api/v1/sites')).statusCode).toBe(401);
  });
});
