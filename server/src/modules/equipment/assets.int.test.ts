import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { readXlsx } from '../../platform/print/excel.js';
import type { AssetDto } from './assets.dto.js';
import { QR_ALPHABET } from './qr.codes.js';

type Client = Awaited<ReturnType<typeof login>>;
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface ErrorBody {
  error: { code: string; details?: { fields: { field: string; message: string }[] } };
}

describe(`assets (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;
  const ids: Record<string, string> = {};

  const list = async (client: Client, query: string) => (await client.get<Page<AssetDto>>(`/api/v1/assets?limit=200&${query}`)).body;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
    for (const table of ['sites', 'locations', 'asset_categories', 'users', 'departments', 'fire_equipment_rules'] as const) {
      const key = table === 'users' ? 'username' : 'code';
      const rows = (await t.db
        .selectFrom(table)
        .select(['id', key as 'id'])
        .execute()) as unknown as Record<string, string>[];
      for (const r of rows) ids[`${table}:${r[key]}`] = r.id as string;
    }
  });
  afterAll(() => t.close());

  const base = () => ({
    name: '3号冷水机组',
    categoryId: ids['asset_categories:hvac'],
    siteId: ids['sites:CC'],
    locationId: ids['locations:CC-A-B1-03'],
  });

  it('creates an asset numbered by rule ZC, with its QR code, names and location path', async () => {
    const res = await admin.post<AssetDto>('/api/v1/assets', {
      ...base(),
      brand: '格力',
      purchaseDate: '2024-05-10',
      purchaseCost: 26800000,
      warrantyEnd: '2027-05-09',
      custodianId: ids['users:tech'],
      departmentId: ids['departments:GW'],
      criticality: 'high',
      attributes: { cooling_capacity: '1,200', refrigerant: 'R134a' },
    });
    expect(res.status).toBe(201);
    // 42 demo assets took ZC-000001 … ZC-000042
    expect(res.body.code).toBe('ZC-000043');
    expect(res.body).toMatchObject({
      siteName: '长春店',
      locationPath: '长春店 / A座主楼 / 地下一层 / 空调机房',
      categoryName: '空调暖通',
      custodianName: '张维修',
      departmentName: '工务部',
      status: 'in_use',
      criticality: 'high',
      purchaseCost: 26800000,
      attributes: { cooling_capacity: 1200, refrigerant: 'R134a' },
      lost: false,
      version: 1,
    });
    expect(res.body.qrCode).toMatch(new RegExp(`^[${QR_ALPHABET}]{8}$`));
    const qr = await t.db.selectFrom('qr_codes').selectAll().where('target_id', '=', res.body.id).execute();
    expect(qr).toHaveLength(1);
    expect(qr[0]).toMatchObject({ code: res.body.qrCode, target_type: 'asset', site_id: ids['sites:CC'] });
    ids.created = res.body.id;
  });

  it('accepts an explicit code once per organisation and skips it when numbering', async () => {
    const own = await admin.post<AssetDto>('/api/v1/assets', { ...base(), code: 'ZC-000044', name: '手工编码' });
    expect(own.status).toBe(201);
    const dup = await admin.post<ErrorBody>('/api/v1/assets', { ...base(), siteId: ids['sites:SY'], locationId: null, code: 'ZC-000044' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE');
    expect(dup.body.error.details?.fields[0]?.field).toBe('code');
    const next = await admin.post<AssetDto>('/api/v1/assets', base());
    expect(next.body.code).toBe('ZC-000045');
  });

  it('lists every bad field, including one per bad attribute', async () => {
    const res = await admin.post<ErrorBody>('/api/v1/assets', {
      name: '坏数据',
      categoryId: ids['asset_categories:vehicle'],
      siteId: ids['sites:CC'],
      locationId: ids['locations:SY-A-1F'],
      custodianId: 'nobody',
      purchaseDate: '2026-13-01',
      warrantyEnd: '2025-01-01',
      fireRuleId: ids['fire_equipment_rules:dry_powder'],
      attributes: { seats: 'many', colour: 'red' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    expect(res.body.error.details?.fields.map((f) => f.field).sort()).toEqual([
      'attributes.colour',
      'attributes.plate_no',
      'attributes.seats',
      'custodianId',
      'locationId',
      'productionDate',
      'purchaseDate',
    ]);
    const msg = (f: string) => res.body.error.details?.fields.find((x) => x.field === f)?.message;
    expect(msg('attributes.plate_no')).toBe('车牌号必填');
    expect(msg('locationId')).toContain('不属于该设备所在的场所');
  });

  it('updates with the version, refuses stale ones, validates parents and audits status changes', async () => {
    const id = ids.created as string;
    const system = await admin.post<AssetDto>('/api/v1/assets', { ...base(), name: '空调系统（测试）' });
    const moved = await admin.patch<AssetDto>(`/api/v1/assets/${id}`, {
      status: 'under_repair',
      parentId: system.body.id,
      locationId: ids['locations:CC-A-B1-01'],
      version: 1,
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      status: 'under_repair',
      parentName: '空调系统（测试）',
      version: 2,
      locationPath: '长春店 / A座主楼 / 地下一层 / 配电室',
    });
    const stale = await admin.patch<ErrorBody>(`/api/v1/assets/${id}`, { name: 'x', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    // the system cannot become a component of its own component
    const loop = await admin.patch<ErrorBody>(`/api/v1/assets/${system.body.id}`, { parentId: id, version: 1 });
    expect(loop.status).toBe(400);
    expect(loop.body.error.details?.fields[0]).toMatchObject({ field: 'parentId' });
    const syParent = (await list(admin, `siteId=${ids['sites:SY']}&categoryId=${ids['asset_categories:power']}`)).items[0] as AssetDto;
    const cross = await admin.patch<ErrorBody>(`/api/v1/assets/${id}`, { parentId: syParent.id, version: 2 });
    expect(cross.body.error.details?.fields[0]?.message).toContain('属于其他场所');
    const badAttr = await admin.patch<ErrorBody>(`/api/v1/assets/${id}`, { attributes: { refrigerant: 'R999' }, version: 2 });
    expect(badAttr.body.error.details?.fields).toEqual([
      { field: 'attributes.refrigerant', message: '制冷剂不是可选值，可选：R22、R410A、R32、R134a' },
    ]);

    const detail = await admin.get<AssetDto & { children: { id: string }[]; attributeDefinitions: { key: string }[] }>(
      `/api/v1/assets/${system.body.id}`,
    );
    expect(detail.body.children.map((c) => c.id)).toEqual([id]);
    expect(detail.body.attributeDefinitions.map((d) => d.key)).toEqual(['cooling_capacity', 'refrigerant']);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'diff']).where('entity_id', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(JSON.parse(audit[1]?.diff ?? '{}').status).toEqual(['in_use', 'under_repair']);
  });

  it('filters by location subtree, category subtree, status, warranty, fire and text', async () => {
    const b1 = await list(admin, `locationId=${ids['locations:CC-A-B1']}&under=1`);
    expect(b1.items.length).toBeGreaterThan(5);
    expect(b1.items.every((a) => a.locationPath?.startsWith('长春店 / A座主楼 / 地下一层 / '))).toBe(true);
    const exact = await list(admin, `locationId=${ids['locations:CC-A-B1']}`);
    expect(exact.items).toEqual([]);
    const fireCat = await list(admin, `categoryId=${ids['asset_categories:fire']}`);
    expect(fireCat.items).toHaveLength(24); // 20 extinguishers + 4 emergency lights, both stores
    expect((await list(admin, 'fire=1')).items).toHaveLength(24);
    const repair = await list(admin, 'status=under_repair&status=disabled');
    expect(repair.items.map((a) => a.id)).toEqual([ids.created]);
    const warranty = await list(admin, 'warrantyBefore=2027-06-01');
    expect(warranty.items.length).toBeGreaterThan(0);
    expect(warranty.items.every((a) => a.warrantyEnd !== null && a.warrantyEnd <= '2027-06-01')).toBe(true);
    expect((await list(admin, 'q=格力')).items.map((a) => a.name)).toEqual(['1号冷水机组', '1号冷水机组', '3号冷水机组']);
    const bad = await admin.get<ErrorBody>('/api/v1/assets?status=broken');
    expect(bad.status).toBe(400);
  });

  it('pages with a keyset cursor without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<AssetDto> = (
        await admin.get<Page<AssetDto>>(`/api/v1/assets?limit=7&sort=-name${cursor ? `&cursor=${cursor}` : ''}`)
      ).body;
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe((await list(admin, '')).items.length);
  });

  it('scopes lists to the reader’s sites and answers 404 for another site’s asset', async () => {
    const tech = await login(t.app, 'tech');
    const mine = await list(tech, '');
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((a) => a.siteName === '长春店')).toBe(true);
    const sy = (await list(admin, `siteId=${ids['sites:SY']}`)).items[0] as AssetDto;
    const res = await tech.get<ErrorBody>(`/api/v1/assets/${sy.id}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect((await tech.get(`/api/v1/assets/${sy.id}/timeline`)).status).toBe(404);
    expect((await list(tech, `siteId=${ids['sites:SY']}`)).items).toEqual([]);
    // a 长春店 manager cannot create or edit on 沈阳店
    const property = await login(t.app, 'property');
    const create = await property.post<ErrorBody>('/api/v1/assets', { ...base(), siteId: ids['sites:SY'], locationId: null });
    expect(create.status).toBe(400);
    expect(create.body.error.details?.fields[0]?.field).toBe('siteId');
    expect((await property.patch(`/api/v1/assets/${sy.id}`, { name: 'x', version: 1 })).status).toBe(404);
  });

  it('lists my assets and answers the timeline newest first', async () => {
    const techSy = await login(t.app, 'tech_sy');
    const mine = (await techSy.get<Page<AssetDto>>('/api/v1/my/assets?limit=200')).body;
    expect(mine.items).toHaveLength(21);
    expect(mine.items.every((a) => a.custodianName === '赵维修')).toBe(true);
    const timeline = await admin.get<{ at: string; kind: string; title: string; detail: string; actorName: string }[]>(
      `/api/v1/assets/${ids.created}/timeline`,
    );
    expect(timeline.status).toBe(200);
    expect(timeline.body.map((e) => e.title)).toEqual(['状态变更、位置变更', '建档']);
    expect(timeline.body[0]).toMatchObject({ kind: 'asset', actorName: '系统管理员' });
    expect(timeline.body[0]?.detail).toContain('状态：在用 → 维修中');
    expect(timeline.body[0]?.detail).toContain('位置：空调机房 → 配电室');
    expect(timeline.body[0]?.detail).toContain('上级设备');
  });

  it('exports the filtered list with every column and the attribute columns', async () => {
    const res = await admin.req('GET', `/api/v1/assets?format=xlsx&categoryId=${ids['asset_categories:hvac']}`);
    expect(res.status).toBe(200);
    const sheet = await readXlsx(res.raw.rawPayload);
    expect(sheet.headers).toEqual(
      expect.arrayContaining([
        '设备编码',
        '设备名称',
        '分类编码',
        '场所编码',
        '位置',
        '购置金额(元)',
        '责任人(用户名)',
        '状态',
        '二维码',
        '属性:制冷量',
        '属性:制冷剂',
      ]),
    );
    expect(sheet.headers).not.toContain('属性:车牌号');
    const row = sheet.rows.find((r) => r.values['设备编码'] === 'ZC-000043');
    expect(row?.values['购置金额(元)']).toBe('268000');
    expect(row?.values['属性:制冷量']).toBe('1200');
    expect(row?.values['状态']).toBe('维修中');
    expect(sheet.rows.every((r) => r.values['分类编码'] === 'hvac')).toBe(true);
  });
});
