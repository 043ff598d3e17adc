import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { newId } from '../../platform/db/ids.js';
import { readXlsx } from '../../platform/print/excel.js';
import { dictionaryLabels, isActiveDictionaryCode } from './index.js';

interface Dict {
  id: string;
  type: string;
  code: string;
  labelZh: string;
  labelEn: string;
  sort: number;
  active: boolean;
  version: number;
}
type Page = { items: Dict[]; nextCursor: string | null };
type Err = { error: { code: string; details: { fields: { field: string; message: string }[] } } };

describe(`dictionaries (${ENGINE})`, () => {
  let t: TestApp;
  let orgId = '';

  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await t.db.selectFrom('organizations').select('id').executeTakeFirstOrThrow()).id;
    // the dispatcher additionally holds the head role (dictionaries:manage) on 长春店 only
    const dispatcher = await t.db.selectFrom('users').select('id').where('username', '=', 'dispatcher').executeTakeFirstOrThrow();
    const head = await t.db.selectFrom('roles').select('id').where('code', '=', 'head').executeTakeFirstOrThrow();
    const cc = await t.db.selectFrom('sites').select('id').where('code', '=', 'CC').executeTakeFirstOrThrow();
    await t.db
      .insertInto('memberships')
      .values({
        id: newId(),
        org_id: orgId,
        user_id: dispatcher.id,
        role_id: head.id,
        site_id: cc.id,
        created_at: '2026-03-01T00:00:00.000Z',
      })
      .execute();
  });
  afterAll(() => t.close());

  it('seeds the default types with zh/en names and counts for a new organisation', async () => {
    const requester = await login(t.app, 'requester');
    const res =
      await requester.get<{ type: string; nameZh: string; nameEn: string; total: number; active: number; builtin: boolean }[]>(
        '/api/v1/dictionaries/types',
      );
    expect(res.status).toBe(200);
    const counts = Object.fromEntries(res.body.map((r) => [r.type, r.total]));
    expect(counts).toEqual({
      repair_category: 12,
      urgency: 3,
      hazard_category: 8,
      hazard_grade: 2,
      hazard_subgrade: 4,
      incident_type: 10,
      drill_type: 8,
      security_alert_source: 7,
      security_alert_type: 5,
      training_type: 6,
      patrol_level: 9,
      asset_status: 5,
    });
    expect(res.body.find((r) => r.type === 'hazard_grade')).toMatchObject({
      nameZh: '隐患等级',
      nameEn: 'Hazard grade',
      active: 2,
      builtin: true,
    });
  });

  it('lists one type in display order to any signed-in user', async () => {
    const requester = await login(t.app, 'requester');
    const urgency = await requester.get<Page>('/api/v1/dictionaries?type=urgency');
    expect(urgency.body.items.map((d) => [d.code, d.labelZh, d.labelEn])).toEqual([
      ['emergency', '紧急', 'Emergency'],
      ['urgent', '加急', 'Urgent'],
      ['normal', '一般', 'Normal'],
    ]);
    const repair = await requester.get<Page>('/api/v1/dictionaries?type=repair_category&limit=200');
    expect(repair.body.items.map((d) => d.labelZh)).toEqual([
      '空调暖通',
      '电梯',
      '给排水',
      '强电',
      '弱电',
      '消防',
      '土建装修',
      '门窗五金',
      '厨房设备',
      '办公设备',
      '网络通讯',
      '其他',
    ]);
    const search = await requester.get<Page>(`/api/v1/dictionaries?q=${encodeURIComponent('巡')}`);
    expect(search.body.items.map((d) => d.code).sort()).toEqual(['fire_patrol', 'property_admin', 'manager_pre_opening', 'patrol'].sort());
    const english = await requester.get<Page>('/api/v1/dictionaries?type=asset_status&q=SCRAP');
    expect(english.body.items.map((d) => d.code)).toEqual(['scrapped']);
  });

  it('creates, rejects duplicates, updates with a version, keeps the code, and audits', async () => {
    const head = await login(t.app, 'head');
    const created = await head.post<Dict>('/api/v1/dictionaries', {
      type: 'repair_category',
      code: 'signage',
      labelZh: '标识标牌',
      labelEn: 'Signage',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'signage', sort: 130, active: true, version: 1 });

    const dup = await head.post<Err>('/api/v1/dictionaries', { type: 'repair_category', code: 'signage', labelZh: '重复', labelEn: 'Dup' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE');
    expect(dup.body.error.details.fields[0]?.field).toBe('code');
    // the same code in another type is a different entry
    const other = await head.post<Dict>('/api/v1/dictionaries', {
      type: 'training_type',
      code: 'signage',
      labelZh: '标识培训',
      labelEn: 'Signage',
      sort: 5,
    });
    expect(other.status).toBe(201);
    expect(other.body.sort).toBe(5);

    const id = created.body.id;
    const ok = await head.patch<Dict>(`/api/v1/dictionaries/${id}`, { labelZh: '标识标牌维护', sort: 125, version: 1 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ labelZh: '标识标牌维护', labelEn: 'Signage', sort: 125, version: 2 });
    const stale = await head.patch<Err>(`/api/v1/dictionaries/${id}`, { labelZh: '覆盖', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    const recode = await head.patch<Err>(`/api/v1/dictionaries/${id}`, { code: 'signs', type: 'urgency', version: 2 });
    expect(recode.status).toBe(400);
    expect(recode.body.error.details.fields.map((f) => f.field).sort()).toEqual(['code', 'type']);

    const history = await head.get<{ items: { action: string; diff: Record<string, unknown> }[] }>(`/api/v1/audit/dictionary/${id}`);
    expect(history.body.items.map((e) => e.action)).toEqual(['update', 'create']);
    expect(history.body.items[0]?.diff).toEqual({ label_zh: ['标识标牌', '标识标牌维护'], sort: [130, 125] });
  });

  it('deactivates and activates, and the active filter follows', async () => {
    const head = await login(t.app, 'head');
    const normal = (await head.get<Page>('/api/v1/dictionaries?type=urgency&q=normal')).body.items[0] as Dict;
    const off = await head.post<Dict>(`/api/v1/dictionaries/${normal.id}/deactivate`, { version: normal.version });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    const active = await head.get<Page>('/api/v1/dictionaries?type=urgency&active=1');
    expect(active.body.items.map((d) => d.code)).toEqual(['emergency', 'urgent']);
    const inactive = await head.get<Page>('/api/v1/dictionaries?type=urgency&active=0');
    expect(inactive.body.items.map((d) => d.code)).toEqual(['normal']);

    // the service other modules use keeps the label for old records but marks it inactive
    const labels = await dictionaryLabels(t.db, orgId, 'urgency');
    expect([...labels.keys()]).toEqual(['emergency', 'urgent', 'normal']);
    expect(labels.get('normal')).toMatchObject({ zh: '一般', en: 'Normal', active: false });
    expect(await isActiveDictionaryCode(t.db, orgId, 'urgency', 'normal')).toBe(false);
    expect(await isActiveDictionaryCode(t.db, orgId, 'urgency', 'urgent')).toBe(true);
    expect(await isActiveDictionaryCode(t.db, orgId, 'urgency', 'nonsense')).toBe(false);

    const on = await head.post<Dict>(`/api/v1/dictionaries/${normal.id}/activate`, { version: off.body.version });
    expect(on.body.active).toBe(true);
    const again = await head.post<Err>(`/api/v1/dictionaries/${normal.id}/activate`, { version: off.body.version });
    expect(again.status).toBe(409);
  });

  it('lists every bad field in one validation error', async () => {
    const head = await login(t.app, 'head');
    const res = await head.post<Err>('/api/v1/dictionaries', { type: 'Bad Type', code: 'UPPER', labelEn: '', sort: -1 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    expect(res.body.error.details.fields.map((f) => f.field).sort()).toEqual(['code', 'labelEn', 'labelZh', 'sort', 'type']);
    const blank = await head.post<Err>('/api/v1/dictionaries', { type: 'urgency', code: 'blank', labelZh: '   ', labelEn: '  ' });
    expect(blank.status).toBe(400);
    expect(blank.body.error.details.fields.map((f) => f.field).sort()).toEqual(['labelEn', 'labelZh']);
  });

  it('needs dictionaries:manage on every site to change entries', async () => {
    const requester = await login(t.app, 'requester');
    expect((await requester.post<Err>('/api/v1/dictionaries', { type: 'urgency', code: 'x1', labelZh: '某', labelEn: 'X' })).status).toBe(
      403,
    );
    const headCc = await login(t.app, 'dispatcher');
    const res = await headCc.post<Err>('/api/v1/dictionaries', { type: 'urgency', code: 'x2', labelZh: '某', labelEn: 'X' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });

  it('answers 404 for an unknown id and lists custom types after the known ones', async () => {
    const head = await login(t.app, 'head');
    expect((await head.get<Err>('/api/v1/dictionaries/missing')).status).toBe(404);
    await head.post('/api/v1/dictionaries', { type: 'vehicle_type', code: 'van', labelZh: '面包车', labelEn: 'Van' });
    const types = await head.get<{ type: string; builtin: boolean; total: number }[]>('/api/v1/dictionaries/types');
    expect(types.body.at(-1)).toEqual({
      type: 'vehicle_type',
      nameZh: 'vehicle_type',
      nameEn: 'vehicle_type',
      builtin: false,
      total: 1,
      active: 1,
    });
  });

  it('exports one type as xlsx', async () => {
    const head = await login(t.app, 'head');
    const res = await head.req('GET', '/api/v1/dictionaries?type=hazard_grade&format=xlsx');
    expect(res.status).toBe(200);
    const sheet = await readXlsx(res.raw.rawPayload);
    expect(sheet.rows.map((r) => [r.values['编码'], r.values['中文名称'], r.values['英文名称']])).toEqual([
      ['general', '一般', 'General'],
      ['major', '重大', 'Major'],
    ]);
  });
});
