import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';

describe(`sites (${ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers health with the engine', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok', db: ENGINE });
  });

  it('lists the demo sites for an all-sites user and only 长春店 for a 长春店 user', async () => {
    const admin = await login(t.app, 'admin');
    const all = await admin.get<{ items: { code: string }[] }>('/api/v1/sites');
    expect(all.body.items.map((s) => s.code)).toEqual(['CC', 'SY', 'XX']);
    const tech = await login(t.app, 'tech');
    const mine = await tech.get<{ items: { code: string }[] }>('/api/v1/sites');
    expect(mine.body.items.map((s) => s.code)).toEqual(['CC']);
  });

  it('answers 404 (not 403) for another site’s record', async () => {
    const admin = await login(t.app, 'admin');
    const sy = (await admin.get<{ items: { id: string; code: string }[] }>('/api/v1/sites?q=SY')).body.items[0];
    const tech = await login(t.app, 'tech');
    const res = await tech.get<{ error: { code: string } }>(`/api/v1/sites/${sy?.id}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('creates, rejects duplicates and stale versions, and audits', async () => {
    const admin = await login(t.app, 'admin');
    const created = await admin.post<{ id: string; version: number; timezone: string }>('/api/v1/sites', {
      code: 'DL',
      name: '大连店',
      kind: 'store',
      openingHours: '09:00-21:00',
    });
    expect(created.status).toBe(201);
    expect(created.body.timezone).toBe('Asia/Shanghai');
    const dup = await admin.post<{ error: { code: string; details: { fields: { field: string }[] } } }>('/api/v1/sites', {
      code: 'DL',
      name: '大连二店',
      kind: 'store',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE');
    expect(dup.body.error.details.fields[0]?.field).toBe('code');
    const id = created.body.id;
    const ok = await admin.patch<{ version: number; name: string }>(`/api/v1/sites/${id}`, { name: '大连旗舰店', version: 1 });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(2);
    const stale = await admin.patch<{ error: { code: string } }>(`/api/v1/sites/${id}`, { name: '覆盖', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity_id', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(JSON.parse(audit[1]?.diff ?? '{}')).toEqual({ name: ['大连店', '大连旗舰店'] });
  });

  it('lists every bad field in one validation error', async () => {
    const admin = await login(t.app, 'admin');
    const res = await admin.post<{ error: { code: string; details: { fields: { field: string; message: string }[] } } }>('/api/v1/sites', {
      code: 'bad code!',
      kind: 'castle',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    const fields = res.body.error.details.fields.map((f) => f.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['code', 'kind', 'name']));
  });

  it('rejects a mutation without the CSRF token', async () => {
    const admin = await login(t.app, 'admin');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sites',
      headers: { cookie: admin.cookie },
      payload: { code: 'X1', name: 'x', kind: 'store' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF');
  });

  it('exports the filtered list as xlsx', async () => {
    const admin = await login(t.app, 'admin');
    const res = await admin.get<string>('/api/v1/sites?format=xlsx');
    expect(res.status).toBe(200);
    expect(String((res as unknown as { raw: { headers: Record<string, string> } }).raw.headers['content-type'])).toContain('spreadsheetml');
  });
});
