import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import type { WorkStandardDto } from './standards.service.js';

type Err = { error: { code: string; details?: { fields?: { field: string }[] } } };

describe(`standard hours (标准工时) (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;
  let head: Client;
  let dispatcher: Client;

  beforeAll(async () => {
    t = await createTestApp();
    [admin, head, dispatcher] = await Promise.all([login(t.app, 'admin'), login(t.app, 'head'), login(t.app, 'dispatcher')]);
  });
  afterAll(() => t.close());

  it('creates, validates, refuses duplicates per category, edits with a version and deactivates', async () => {
    const bad = await admin.post<Err>('/api/v1/work-standards', { category: 'nope', name: ' ', standardMinutes: 30 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details?.fields?.map((f) => f.field).sort()).toEqual(['category', 'name']);
    const hvac = await head.post<WorkStandardDto>('/api/v1/work-standards', { category: 'hvac', name: '空调维修', standardMinutes: 90 });
    expect(hvac.status).toBe(201);
    expect(hvac.body).toMatchObject({ category: 'hvac', categoryName: '空调暖通', standardMinutes: 90, active: true });
    const dup = await admin.post<Err>('/api/v1/work-standards', { category: 'hvac', name: '重复', standardMinutes: 60 });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE');
    const edited = await admin.patch<WorkStandardDto>(`/api/v1/work-standards/${hvac.body.id}`, { version: 1, standardMinutes: 75 });
    expect(edited.body).toMatchObject({ standardMinutes: 75, version: 2 });
    expect((await admin.patch(`/api/v1/work-standards/${hvac.body.id}`, { version: 1, name: 'x' })).status).toBe(409);
    const off = await admin.post<WorkStandardDto>(`/api/v1/work-standards/${hvac.body.id}/deactivate`, { version: 2 });
    expect(off.body.active).toBe(false);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', hvac.body.id).orderBy('at').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'deactivate']);
  });

  it('lists with filters and exports to Excel; only organisation-wide managers may see or change it', async () => {
    await admin.post('/api/v1/work-standards', { category: 'plumbing', name: '给排水维修', standardMinutes: 60 });
    const active = await admin.get<{ items: WorkStandardDto[] }>('/api/v1/work-standards?active=1');
    expect(active.body.items.map((s) => s.category)).toEqual(['plumbing']);
    const q = await admin.get<{ items: WorkStandardDto[] }>(`/api/v1/work-standards?q=${encodeURIComponent('空调')}`);
    expect(q.body.items.map((s) => s.category)).toEqual(['hvac']);
    const xlsx = await admin.req('GET', '/api/v1/work-standards?format=xlsx');
    expect(xlsx.raw.headers['content-type']).toContain('spreadsheetml');
    expect((await dispatcher.get('/api/v1/work-standards')).status).toBe(403);
    expect((await dispatcher.post('/api/v1/work-standards', { category: 'power', name: '强电', standardMinutes: 30 })).status).toBe(403);
  });
});
