import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { newId } from '../../platform/db/ids.js';
import { readXlsx } from '../../platform/print/excel.js';

interface Entry {
  id: string;
  at: string;
  entity: string;
  entityId: string;
  action: string;
  actorName: string | null;
  siteId: string | null;
  siteName: string | null;
  diff: Record<string, [unknown, unknown]>;
}
type Page = { items: Entry[]; nextCursor: string | null };
type Err = { error: { code: string; details: { fields: { field: string; message: string }[] } } };

describe(`audit log (${ENGINE})`, () => {
  let t: TestApp;
  const site: Record<string, string> = {};
  let dictionaryId = '';

  beforeAll(async () => {
    t = await createTestApp();
    for (const s of await t.db.selectFrom('sites').select(['id', 'code']).execute()) site[s.code] = s.id;
    // a head-like user limited to 长春店: the dispatcher also holds the head role, on CC only
    const dispatcher = await t.db
      .selectFrom('users')
      .select(['id', 'org_id'])
      .where('username', '=', 'dispatcher')
      .executeTakeFirstOrThrow();
    const head = await t.db.selectFrom('roles').select('id').where('code', '=', 'head').executeTakeFirstOrThrow();
    await t.db
      .insertInto('memberships')
      .values({
        id: newId(),
        org_id: dispatcher.org_id,
        user_id: dispatcher.id,
        role_id: head.id,
        site_id: site.CC ?? null,
        created_at: '2026-03-01T00:00:00.000Z',
      })
      .execute();

    const admin = await login(t.app, 'admin');
    const rename = async (code: string, name: string) => {
      const current = await admin.get<{ version: number }>(`/api/v1/sites/${site[code]}`);
      const res = await admin.patch(`/api/v1/sites/${site[code]}`, { name, version: current.body.version });
      expect(res.status).toBe(200);
    };
    t.clock.set('2026-03-10T03:00:00.000Z');
    await rename('CC', '长春旗舰店');
    t.clock.set('2026-03-12T03:00:00.000Z');
    await rename('SY', '沈阳太原街店');
    // 23:30 on the 14th in Shanghai
    t.clock.set('2026-03-14T15:30:00.000Z');
    const dict = await admin.post<{ id: string }>('/api/v1/dictionaries', {
      type: 'urgency',
      code: 'scheduled',
      labelZh: '预约',
      labelEn: 'Scheduled',
    });
    expect(dict.status).toBe(201);
    dictionaryId = dict.body.id;
    // 00:30 on the 15th in Shanghai, still the 14th in UTC
    t.clock.set('2026-03-14T16:30:00.000Z');
    await rename('CC', '长春店');
  });
  afterAll(() => t.close());

  it('shows a 长春店-limited head only 长春店 entries — no 沈阳店, no organisation-wide ones', async () => {
    const headCc = await login(t.app, 'dispatcher');
    const res = await headCc.get<Page>('/api/v1/audit?limit=200');
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(2);
    expect(res.body.items.every((e) => e.siteId === site.CC)).toBe(true);
    expect(res.body.items.filter((e) => e.entity === 'site').map((e) => e.diff.name)).toEqual([
      ['长春旗舰店', '长春店'],
      ['长春店', '长春旗舰店'],
    ]);
    // asking for 沈阳店 explicitly does not widen the scope
    const sy = await headCc.get<Page>(`/api/v1/audit?siteId=${site.SY}`);
    expect(sy.body.items).toEqual([]);
  });

  it('shows an all-sites reader every entry, organisation-wide ones included', async () => {
    const leader = await login(t.app, 'leader');
    const res = await leader.get<Page>('/api/v1/audit?limit=200');
    const keys = res.body.items.map((e) => `${e.entity}:${e.siteName ?? '-'}`);
    expect(keys).toEqual(expect.arrayContaining(['site:长春店', 'site:沈阳太原街店', 'dictionary:-']));
  });

  it('narrows to the switcher’s site', async () => {
    const leader = await login(t.app, 'leader');
    const res = await leader.get<Page>('/api/v1/audit?limit=200', { 'x-houqin-site': site.SY as string });
    // the demo's own history (action items carried through their loop) is there too
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((e) => e.siteId === site.SY)).toBe(true);
  });

  it('refuses users without audit:read', async () => {
    const tech = await login(t.app, 'tech');
    const res = await tech.get<Err>('/api/v1/audit');
    expect(res.status).toBe(403);
    expect((await tech.get<Err>(`/api/v1/audit/site/${site.CC}`)).status).toBe(403);
  });

  it('gives a record’s history newest first with actor, time, action and parsed diff', async () => {
    const headCc = await login(t.app, 'dispatcher');
    const res = await headCc.get<{ items: Entry[] }>(`/api/v1/audit/site/${site.CC}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((e) => [e.action, e.actorName, e.at, e.diff])).toEqual([
      ['update', '系统管理员', '2026-03-14T16:30:00.000Z', { name: ['长春旗舰店', '长春店'] }],
      ['update', '系统管理员', '2026-03-10T03:00:00.000Z', { name: ['长春店', '长春旗舰店'] }],
    ]);
  });

  it('answers 404 for another site’s record history and for organisation-wide history without all-site access', async () => {
    const headCc = await login(t.app, 'dispatcher');
    const sy = await headCc.get<Err>(`/api/v1/audit/site/${site.SY}`);
    expect(sy.status).toBe(404);
    expect(sy.body.error.code).toBe('NOT_FOUND');
    expect((await headCc.get<Err>(`/api/v1/audit/dictionary/${dictionaryId}`)).status).toBe(404);
    const leader = await login(t.app, 'leader');
    const dict = await leader.get<{ items: Entry[] }>(`/api/v1/audit/dictionary/${dictionaryId}`);
    expect(dict.body.items).toHaveLength(1);
    expect(dict.body.items[0]?.action).toBe('create');
    expect(dict.body.items[0]?.diff.code).toEqual([null, 'scheduled']);
    // no history at all is an empty panel, not an error
    expect((await leader.get<{ items: Entry[] }>('/api/v1/audit/site/no-such-id')).body.items).toEqual([]);
  });

  it('filters by local days in the organisation’s zone, entity, action, actor and site', async () => {
    const admin = await login(t.app, 'admin');
    const day15 = await admin.get<Page>('/api/v1/audit?entity=site&from=2026-03-15&to=2026-03-15');
    expect(day15.body.items.map((e) => e.at)).toEqual(['2026-03-14T16:30:00.000Z']);
    const day14 = await admin.get<Page>('/api/v1/audit?from=2026-03-14&to=2026-03-14');
    expect(day14.body.items.map((e) => e.entity)).toEqual(['dictionary']);
    const instants = await admin.get<Page>('/api/v1/audit?entity=site&from=2026-03-10T03:00:00Z&to=2026-03-12T03:00:00Z');
    expect(instants.body.items.map((e) => e.at)).toEqual(['2026-03-12T03:00:00.000Z', '2026-03-10T03:00:00.000Z']);
    const bySite = await admin.get<Page>(`/api/v1/audit?siteId=${site.SY}&action=update&actorId=${admin.userId}`);
    expect(bySite.body.items.map((e) => e.entityId)).toEqual([site.SY]);
    const byRecord = await admin.get<Page>(`/api/v1/audit?entity=dictionary&entityId=${dictionaryId}`);
    expect(byRecord.body.items.map((e) => e.action)).toEqual(['create']);
    const searched = await admin.get<Page>(`/api/v1/audit?q=${dictionaryId.slice(-12)}`);
    expect(searched.body.items.map((e) => e.entity)).toEqual(['dictionary']);
    const nobody = await admin.get<Page>('/api/v1/audit?actorId=nobody');
    expect(nobody.body.items).toEqual([]);
  });

  it('lists every bad date in one validation error', async () => {
    const admin = await login(t.app, 'admin');
    const bad = await admin.get<Err>('/api/v1/audit?from=2026-02-30&to=yesterday-ish');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION');
    expect(bad.body.error.details.fields.map((f) => f.field).sort()).toEqual(['from', 'to']);
    const reversed = await admin.get<Err>('/api/v1/audit?from=2026-03-15&to=2026-03-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.details.fields[0]?.field).toBe('to');
    const badSort = await admin.get<Err>('/api/v1/audit?sort=actor');
    expect(badSort.status).toBe(400);
  });

  it('pages newest first with a keyset cursor', async () => {
    const admin = await login(t.app, 'admin');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url = `/api/v1/audit?entity=site&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const res: { body: Page } = await admin.get<Page>(url);
      expect(res.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...res.body.items.map((e) => e.at));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['2026-03-14T16:30:00.000Z', '2026-03-12T03:00:00.000Z', '2026-03-10T03:00:00.000Z']);
    const oldestFirst = await admin.get<Page>('/api/v1/audit?entity=site&sort=at');
    expect(oldestFirst.body.items[0]?.at).toBe('2026-03-10T03:00:00.000Z');
  });

  it('exports the filtered list as xlsx with local times and readable changes', async () => {
    const admin = await login(t.app, 'admin');
    const res = await admin.req('GET', '/api/v1/audit?entity=site&format=xlsx');
    expect(res.status).toBe(200);
    expect(String(res.raw.headers['content-type'])).toContain('spreadsheetml');
    const sheet = await readXlsx(res.raw.rawPayload);
    expect(sheet.headers).toEqual(['时间', '操作人', '场所', '对象类型', '对象ID', '动作', '变更内容', '请求号']);
    expect(sheet.rows).toHaveLength(3);
    expect(sheet.rows[0]?.values).toMatchObject({ 时间: '2026-03-15 00:30', 操作人: '系统管理员', 场所: '长春店', 动作: '修改' });
    expect(sheet.rows[0]?.values['变更内容']).toBe('name: 长春旗舰店 → 长春店');
  });
});
