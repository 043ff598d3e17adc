import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { readXlsx } from '../../platform/print/excel.js';

interface Dept {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  parentCode?: string | null;
  active: boolean;
  version: number;
}
interface Err {
  error: { code: string; message: string; details?: { fields?: { field: string }[] } };
}

describe(`departments (${ENGINE})`, () => {
  let t: TestApp;
  let head: Awaited<ReturnType<typeof login>>;
  const create = (body: object) => head.post<Dept & Err>('/api/v1/departments', body);

  beforeAll(async () => {
    t = await createTestApp();
    head = await login(t.app, 'head');
  });
  afterAll(() => t.close());

  it('lists and searches the demo departments for any org:read holder', async () => {
    const tech = await login(t.app, 'tech');
    const all = await tech.get<{ items: Dept[] }>('/api/v1/departments');
    expect(all.status).toBe(200);
    expect(all.body.items.map((d) => d.code)).toEqual(['BA', 'BJ', 'CG', 'CW', 'GW', 'HQ', 'KF', 'ST', 'YY']);
    const q = await tech.get<{ items: Dept[] }>(`/api/v1/departments?q=${encodeURIComponent('保')}`);
    expect(q.body.items.map((d) => d.code)).toEqual(['BA', 'BJ']);
    // creating is organisation-wide business
    expect((await tech.post<Err>('/api/v1/departments', { code: 'X', name: 'x' })).status).toBe(403);
  });

  it('builds a hierarchy, refuses loops, duplicates and stale versions', async () => {
    const hq = (await head.get<{ items: Dept[] }>('/api/v1/departments?q=HQ')).body.items[0] as Dept;
    const ops = (await create({ code: 'HQ-OPS', name: '运行组', parentId: hq.id })).body;
    const night = (await create({ code: 'HQ-OPS-N', name: '夜班', parentId: ops.id })).body;
    expect(night.parentId).toBe(ops.id);

    const children = await head.get<{ items: Dept[] }>(`/api/v1/departments?parentId=${hq.id}`);
    expect(children.body.items.map((d) => d.code)).toEqual(['HQ-OPS']);
    expect(children.body.items[0]?.parentCode).toBe('HQ');

    const loop = await head.patch<Err>(`/api/v1/departments/${hq.id}`, { parentId: night.id, version: hq.version });
    expect(loop.status).toBe(400);
    expect(loop.body.error.details?.fields?.map((f) => f.field)).toEqual(['parentId']);
    expect(loop.body.error.message).toContain('循环');
    const self = await head.patch<Err>(`/api/v1/departments/${ops.id}`, { parentId: ops.id, version: ops.version });
    expect(self.status).toBe(400);
    const unknown = await head.patch<Err>(`/api/v1/departments/${ops.id}`, { parentId: 'nope', version: ops.version });
    expect(unknown.status).toBe(400);

    const dup = await create({ code: 'HQ-OPS', name: '重复' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE');

    const moved = await head.patch<Dept>(`/api/v1/departments/${night.id}`, { parentId: null, name: '夜班组', version: night.version });
    expect(moved.status).toBe(200);
    expect(moved.body.parentId).toBeNull();
    const stale = await head.patch<Err>(`/api/v1/departments/${night.id}`, { name: 'x', version: night.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    const audit = await t.db.selectFrom('audit_log').select(['action', 'diff']).where('entity_id', '=', night.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(JSON.parse(audit[1]?.diff ?? '{}')).toEqual({ name: ['夜班', '夜班组'], parent_id: [ops.id, null] });
  });

  it('refuses to deactivate a department with active sub-departments', async () => {
    const parent = (await create({ code: 'TMP', name: '临时部门' })).body;
    const child = (await create({ code: 'TMP-1', name: '临时一组', parentId: parent.id })).body;
    const refused = await head.post<Err>(`/api/v1/departments/${parent.id}/deactivate`, { version: parent.version });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('下级部门');
    await head.post(`/api/v1/departments/${child.id}/deactivate`, { version: child.version });
    const off = await head.post<Dept>(`/api/v1/departments/${parent.id}/deactivate`, { version: parent.version });
    expect(off.body.active).toBe(false);
    const inactive = await head.get<{ items: Dept[] }>('/api/v1/departments?active=0');
    expect(inactive.body.items.map((d) => d.code)).toEqual(['TMP', 'TMP-1']);
    const underInactive = await create({ code: 'TMP-2', name: 'x', parentId: parent.id });
    expect(underInactive.status).toBe(400);
    const detail = await head.get<Dept & { parentName: string }>(`/api/v1/departments/${child.id}`);
    expect(detail.body.parentName).toBe('临时部门');
  });

  it('exports the list as xlsx', async () => {
    const res = await head.req('GET', '/api/v1/departments?q=HQ&format=xlsx');
    const sheet = await readXlsx(res.raw.rawPayload);
    expect(sheet.headers).toEqual(['编码', '名称', '上级部门编码', '上级部门', '状态']);
    expect(sheet.rows.map((r) => r.values['编码'])).toEqual(['HQ', 'HQ-OPS', 'HQ-OPS-N']);
    expect(sheet.rows[1]?.values).toMatchObject({ 上级部门编码: 'HQ', 上级部门: '后勤部', 状态: '启用' });
  });
});
