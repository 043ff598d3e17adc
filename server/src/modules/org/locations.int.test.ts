import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { readXlsx } from '../../platform/print/excel.js';
import { subtreeIdsQuery } from './locations.repository.js';

interface Loc {
  id: string;
  siteId: string;
  parentId: string | null;
  path: string;
  depth: number;
  code: string;
  name: string;
  active: boolean;
  version: number;
  pathName?: string;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface Err {
  error: { code: string; message: string; details?: { fields?: { field: string; message: string }[] } };
}
interface TreeNode {
  code: string;
  children: TreeNode[];
}

describe(`locations (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof login>>;
  const site: Record<string, string> = {};
  const loc = async (code: string) =>
    (await admin.get<Page<Loc>>(`/api/v1/locations?q=${code}&limit=200`)).body.items.find((l) => l.code === code) as Loc;
  const fields = (e: Err) => (e.error.details?.fields ?? []).map((f) => f.field);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
    for (const s of (await admin.get<Page<{ id: string; code: string }>>('/api/v1/sites')).body.items) site[s.code] = s.id;
  });
  afterAll(() => t.close());

  it('answers the whole tree of one site as nested nodes in sibling order', async () => {
    const res = await admin.get<{ site: { code: string }; nodes: TreeNode[] }>(`/api/v1/locations/tree?siteId=${site.CC}`);
    expect(res.status).toBe(200);
    expect(res.body.site.code).toBe('CC');
    expect(res.body.nodes.map((n) => n.code)).toEqual(['CC-A', 'CC-B']);
    const a = res.body.nodes[0] as TreeNode;
    expect(a.children.map((n) => n.code)).toEqual(['CC-A-B1', 'CC-A-1F', 'CC-A-2F']);
    expect(a.children[0]?.children.map((n) => n.code)).toEqual(['CC-A-B1-01', 'CC-A-B1-02', 'CC-A-B1-03']);
  });

  it('filters a whole subtree with under=, combined with other filters', async () => {
    const a = await loc('CC-A');
    const all = await admin.get<Page<Loc>>(`/api/v1/locations?under=${a.id}&limit=200`);
    expect(all.body.items.map((l) => l.code).sort()).toEqual(
      [
        'CC-A',
        'CC-A-B1',
        'CC-A-B1-01',
        'CC-A-B1-02',
        'CC-A-B1-03',
        'CC-A-1F',
        'CC-A-1F-01',
        'CC-A-1F-02',
        'CC-A-1F-03',
        'CC-A-2F',
        'CC-A-2F-01',
        'CC-A-2F-02',
      ].sort(),
    );
    const floor = await loc('CC-A-1F');
    const rooms = await admin.get<Page<Loc>>(`/api/v1/locations?under=${floor.id}&kind=room`);
    expect(rooms.body.items.map((l) => l.code)).toEqual(['CC-A-1F-03']);
    const top = await admin.get<Page<Loc>>(`/api/v1/locations?siteId=${site.SY}&parentId=none`);
    expect(top.body.items.map((l) => l.code)).toEqual(['SY-A', 'SY-B']);
    // keyset pages walk the same subtree without gaps or repeats
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: Page<Loc> } = await admin.get<Page<Loc>>(
        `/api/v1/locations?under=${a.id}&limit=5&sort=path${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.items.map((l) => l.code));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    expect(seen[0]).toBe('CC-A');
  });

  it('documents every organisation route in the OpenAPI document under the org tag', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    for (const path of [
      '/api/v1/locations',
      '/api/v1/locations/tree',
      '/api/v1/locations/import',
      '/api/v1/departments/{id}',
      '/api/v1/teams/{id}/deactivate',
    ]) {
      const ops = Object.values(doc.paths[path] ?? {});
      expect(ops.length, path).toBeGreaterThan(0);
      expect(
        ops.every((op) => op.tags?.includes('org')),
        path,
      ).toBe(true);
    }
  });

  it('answers the subtree range from the (site_id, path) index', async () => {
    const a = await t.db.selectFrom('locations').select(['site_id', 'path']).where('code', '=', 'CC-A').executeTakeFirstOrThrow();
    const compiled = subtreeIdsQuery(t.db, a).compile();
    const plan = await t.db.transaction().execute(async (tx) => {
      // tiny tables make PostgreSQL prefer a sequential scan; forbid it to see the chosen index
      if (ENGINE === 'postgres') await sql`set local enable_seqscan = off`.execute(tx);
      const prefix = ENGINE === 'postgres' ? 'explain ' : 'explain query plan ';
      const res = await tx.executeQuery(CompiledQuery.raw(prefix + compiled.sql, [...compiled.parameters]));
      return JSON.stringify(res.rows);
    });
    expect(plan).toContain('locations_site_path_idx');
  });

  it('shows a location with its breadcrumb and full path name', async () => {
    const room = await loc('CC-A-B1-01');
    const res = await admin.get<Loc & { ancestors: { code: string }[]; site: { code: string }; pathName: string }>(
      `/api/v1/locations/${room.id}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.ancestors.map((a) => a.code)).toEqual(['CC-A', 'CC-A-B1']);
    expect(res.body.site.code).toBe('CC');
    expect(res.body.pathName).toBe('长春店 / A座主楼 / 地下一层 / 配电室');
    expect(room.pathName).toBe('长春店 / A座主楼 / 地下一层 / 配电室');
  });

  it('creates under a parent of the same site only, and refuses duplicate codes with 409', async () => {
    const floor = await loc('CC-A-1F');
    const created = await admin.post<Loc>('/api/v1/locations', {
      siteId: site.CC,
      parentId: floor.id,
      code: 'CC-A-1F-04',
      name: '客服台',
      kind: 'area',
    });
    expect(created.status).toBe(201);
    expect(created.body.depth).toBe(2);
    expect(created.body.path).toBe(`${floor.path}${created.body.id}/`);

    const dup = await admin.post<Err>('/api/v1/locations', { siteId: site.CC, code: 'CC-A-1F-04', name: '重复', kind: 'area' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE');
    expect(fields(dup.body)).toEqual(['code']);
    // codes are unique per site, not across sites
    const otherSite = await admin.post<Loc>('/api/v1/locations', { siteId: site.SY, code: 'CC-A-1F-04', name: '同码', kind: 'area' });
    expect(otherSite.status).toBe(201);

    const syFloor = await loc('SY-A-1F');
    const cross = await admin.post<Err>('/api/v1/locations', {
      siteId: site.CC,
      parentId: syFloor.id,
      code: 'CC-X',
      name: '跨店',
      kind: 'room',
    });
    expect(cross.status).toBe(400);
    expect(fields(cross.body)).toEqual(['parentId']);
    expect(cross.body.error.message).toContain('其他场所');

    const bad = await admin.post<Err>('/api/v1/locations', { siteId: site.CC, code: 'bad code', kind: 'castle' });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(expect.arrayContaining(['code', 'name', 'kind']));
  });

  it('moves a subtree: the node and every descendant get new paths and depths', async () => {
    const c = (await admin.post<Loc>('/api/v1/locations', { siteId: site.CC, code: 'CC-C', name: 'C座新楼', kind: 'building' })).body;
    const wing = (
      await admin.post<Loc>('/api/v1/locations', { siteId: site.CC, parentId: c.id, code: 'CC-C-W', name: '东翼', kind: 'area' })
    ).body;
    const floor = await loc('CC-A-2F');
    const roomBefore = await loc('CC-A-2F-01');
    const moved = await admin.patch<Loc>(`/api/v1/locations/${floor.id}`, { parentId: wing.id, version: floor.version });
    expect(moved.status).toBe(200);
    expect(moved.body.path).toBe(`/${c.id}/${wing.id}/${floor.id}/`);
    expect(moved.body.depth).toBe(2);
    const room = await loc('CC-A-2F-01');
    expect(room.path).toBe(`/${c.id}/${wing.id}/${floor.id}/${room.id}/`);
    expect(room.depth).toBe(3);
    expect(room.version).toBe(roomBefore.version + 1);
    expect(room.pathName).toBe('长春店 / C座新楼 / 东翼 / 二层 / 女装区');
    const under = await admin.get<Page<Loc>>(`/api/v1/locations?under=${c.id}`);
    expect(under.body.items.map((l) => l.code).sort()).toEqual(['CC-A-2F', 'CC-A-2F-01', 'CC-A-2F-02', 'CC-C', 'CC-C-W']);
    const oldParent = await admin.get<Page<Loc>>(`/api/v1/locations?under=${(await loc('CC-A')).id}&q=2F`);
    expect(oldParent.body.items).toEqual([]);

    // back to the top level
    const top = await admin.patch<Loc>(`/api/v1/locations/${floor.id}`, { parentId: null, version: moved.body.version });
    expect(top.body.path).toBe(`/${floor.id}/`);
    expect((await loc('CC-A-2F-02')).depth).toBe(1);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'diff']).where('entity_id', '=', floor.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['move', 'move']);
    expect(JSON.parse(audit[0]?.diff ?? '{}').parent_id).toEqual([floor.parentId, wing.id]);
  });

  it('refuses moves under itself, under a descendant, or into another site', async () => {
    const a = await loc('CC-A');
    const desc = await loc('CC-A-B1-02');
    const self = await admin.patch<Err>(`/api/v1/locations/${a.id}`, { parentId: a.id, version: a.version });
    expect(self.status).toBe(400);
    expect(fields(self.body)).toEqual(['parentId']);
    const cycle = await admin.patch<Err>(`/api/v1/locations/${a.id}`, { parentId: desc.id, version: a.version });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.message).toContain('下级');
    const sy = await loc('SY-A');
    const cross = await admin.patch<Err>(`/api/v1/locations/${a.id}`, { parentId: sy.id, version: a.version });
    expect(cross.status).toBe(400);
    expect(cross.body.error.message).toContain('其他场所');
    const siteChange = await admin.patch<Err>(`/api/v1/locations/${a.id}`, { siteId: site.SY, version: a.version });
    expect(siteChange.status).toBe(400);
    expect(fields(siteChange.body)).toEqual(['siteId']);
    expect((await loc('CC-A')).path).toBe(a.path);
  });

  it('lets only one of two crossing concurrent moves through, so no loop can form', async () => {
    const x = (await admin.post<Loc>('/api/v1/locations', { siteId: site.SY, code: 'SY-X', name: 'X', kind: 'area' })).body;
    const y = (await admin.post<Loc>('/api/v1/locations', { siteId: site.SY, code: 'SY-Y', name: 'Y', kind: 'area' })).body;
    const [a, b] = await Promise.all([
      admin.patch<Loc & Err>(`/api/v1/locations/${x.id}`, { parentId: y.id, version: x.version }),
      admin.patch<Loc & Err>(`/api/v1/locations/${y.id}`, { parentId: x.id, version: y.version }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 400]);
    const rows = await t.db.selectFrom('locations').select(['id', 'parent_id', 'path']).where('id', 'in', [x.id, y.id]).execute();
    const child = rows.find((r) => r.parent_id !== null);
    const parent = rows.find((r) => r.parent_id === null);
    expect(child?.path).toBe(`${parent?.path}${child?.id}/`);
  });

  it('searches code and name with wildcards taken literally', async () => {
    const any = await admin.get<Page<Loc>>('/api/v1/locations?q=%25');
    expect(any.body.items).toEqual([]);
    const underscore = await admin.get<Page<Loc>>('/api/v1/locations?q=_');
    expect(underscore.body.items).toEqual([]);
    const name = await admin.get<Page<Loc>>(`/api/v1/locations?q=${encodeURIComponent('配电')}&siteId=${site.CC}`);
    expect(name.body.items.map((l) => l.code)).toEqual(['CC-A-B1-01']);
  });

  it('rejects a stale version with 409 and renames with a new version', async () => {
    const b = await loc('CC-B');
    const ok = await admin.patch<Loc>(`/api/v1/locations/${b.id}`, { name: 'B座后区库房楼', version: b.version });
    expect(ok.body.version).toBe(b.version + 1);
    const stale = await admin.patch<Err>(`/api/v1/locations/${b.id}`, { name: '覆盖', version: b.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    const dupRename = await admin.patch<Err>(`/api/v1/locations/${b.id}`, { code: 'CC-A', version: ok.body.version });
    expect(dupRename.status).toBe(409);
    expect(dupRename.body.error.code).toBe('DUPLICATE');
  });

  it('refuses to deactivate a location with active children, and to activate under an inactive parent', async () => {
    const floor = await loc('CC-B-1F');
    const refused = await admin.post<Err>(`/api/v1/locations/${floor.id}/deactivate`, { version: floor.version });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('1 个启用的下级位置');
    const room = await loc('CC-B-1F-01');
    const off = await admin.post<Loc>(`/api/v1/locations/${room.id}/deactivate`, { version: room.version });
    expect(off.body.active).toBe(false);
    const floorOff = await admin.post<Loc>(`/api/v1/locations/${floor.id}/deactivate`, { version: floor.version });
    expect(floorOff.status).toBe(200);
    const roomOn = await admin.post<Err>(`/api/v1/locations/${room.id}/activate`, { version: off.body.version });
    expect(roomOn.status).toBe(409);
    expect(roomOn.body.error.message).toContain('上级位置');
    const under = await admin.post<Err>('/api/v1/locations', {
      siteId: site.CC,
      parentId: floor.id,
      code: 'CC-B-1F-02',
      name: 'x',
      kind: 'room',
    });
    expect(under.status).toBe(400);
    const inactive = await admin.get<Page<Loc>>(`/api/v1/locations?siteId=${site.CC}&active=0`);
    expect(inactive.body.items.map((l) => l.code).sort()).toEqual(['CC-B-1F', 'CC-B-1F-01']);
    await admin.post(`/api/v1/locations/${floor.id}/activate`, { version: floorOff.body.version });
    expect((await admin.post<Loc>(`/api/v1/locations/${room.id}/activate`, { version: off.body.version })).body.active).toBe(true);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', room.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['deactivate', 'activate']);
  });

  it('keeps 沈阳店 locations away from a 长春店 user: 404 and absent from lists', async () => {
    const tech = await login(t.app, 'tech');
    const sy = await loc('SY-A-1F');
    expect((await tech.get<Err>(`/api/v1/locations/${sy.id}`)).status).toBe(404);
    expect((await tech.get<Err>(`/api/v1/locations?under=${sy.id}`)).status).toBe(404);
    expect((await tech.get<Err>(`/api/v1/locations/tree?siteId=${site.SY}`)).status).toBe(404);
    const list = await tech.get<Page<Loc>>('/api/v1/locations?limit=200');
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((l) => l.siteId === site.CC)).toBe(true);
    expect((await tech.get<Page<Loc>>(`/api/v1/locations?siteId=${site.SY}`)).body.items).toEqual([]);
    // a reader without org:manage cannot change its own site's locations either
    const cc = await loc('CC-A');
    expect((await tech.patch<Err>(`/api/v1/locations/${cc.id}`, { name: 'x', version: cc.version })).status).toBe(403);
    expect((await tech.post<Err>('/api/v1/locations', { siteId: site.CC, code: 'CC-Z', name: 'x', kind: 'room' })).status).toBe(403);
  });

  it('exports the filtered list with full path names', async () => {
    const b1 = await loc('CC-A-B1');
    const res = await admin.req('GET', `/api/v1/locations?under=${b1.id}&sort=path&format=xlsx`);
    expect(res.status).toBe(200);
    expect(String(res.raw.headers['content-type'])).toContain('spreadsheetml');
    const sheet = await readXlsx(res.raw.rawPayload);
    expect(sheet.headers).toEqual(['场所编码', '位置编码', '名称', '类型', '上级位置编码', '完整路径', '层级', '排序', '状态']);
    expect(sheet.rows).toHaveLength(4);
    const room = sheet.rows.find((r) => r.values['位置编码'] === 'CC-A-B1-01');
    expect(room?.values).toMatchObject({
      场所编码: 'CC',
      名称: '配电室',
      类型: '房间',
      上级位置编码: 'CC-A-B1',
      完整路径: '长春店 / A座主楼 / 地下一层 / 配电室',
      层级: '3',
      状态: '启用',
    });
    expect(sheet.rows[0]?.values['位置编码']).toBe('CC-A-B1');
  });
});
