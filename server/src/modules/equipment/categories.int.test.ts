import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { seedEquipmentDefaults } from './seed.defaults.js';

type Client = Awaited<ReturnType<typeof login>>;
interface Category {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  depth: number;
  path: string;
  active: boolean;
  assetCount: number;
  version: number;
  children?: Category[];
}
interface Attr {
  id: string;
  key: string;
  label: string;
  type: string;
  options: string[];
  required: boolean;
  active: boolean;
  version: number;
  inheritedFrom?: { code: string } | null;
}
interface ErrorBody {
  error: { code: string; details?: { fields: { field: string; message: string }[] } };
}

describe(`asset categories and attributes (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;
  const categories = async () => (await admin.get<Category[]>('/api/v1/asset-categories')).body;
  const byCode = async (code: string) => (await categories()).find((c) => c.code === code) as Category;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t.close());

  it('seeds the default tree with attributes and asset counts', async () => {
    const list = await categories();
    expect(list.filter((c) => c.depth === 0).map((c) => c.code)).toEqual([
      'hvac',
      'elevator',
      'plumbing',
      'power',
      'low_voltage',
      'fire',
      'kitchen',
      'office',
      'vehicle',
    ]);
    const fire = list.find((c) => c.code === 'fire') as Category;
    expect(list.filter((c) => c.parentId === fire.id).map((c) => c.name)).toEqual(['灭火器', '消火栓', '应急照明', '火灾报警']);
    expect((list.find((c) => c.code === 'extinguisher') as Category).assetCount).toBe(20);
    const tree = (await admin.get<Category[]>('/api/v1/asset-categories/tree')).body;
    expect(tree.find((c) => c.code === 'fire')?.children?.map((c) => c.code)).toContain('extinguisher');
    const vehicle = await byCode('vehicle');
    const attrs = (await admin.get<Attr[]>(`/api/v1/asset-categories/${vehicle.id}/attributes`)).body;
    expect(attrs.find((a) => a.key === 'plate_no')).toMatchObject({ label: '车牌号', type: 'text', required: true });
  });

  it('counts only the assets of the reader’s sites', async () => {
    const tech = await login(t.app, 'tech');
    const list = (await tech.get<Category[]>('/api/v1/asset-categories')).body;
    expect(list.find((c) => c.code === 'extinguisher')?.assetCount).toBe(10);
  });

  it('seeding again adds nothing and keeps what administrators changed', async () => {
    const hvac = await byCode('hvac');
    await admin.patch(`/api/v1/asset-categories/${hvac.id}`, { name: '暖通空调', version: hvac.version });
    const count = async (table: 'asset_categories' | 'asset_attributes' | 'fire_equipment_rules' | 'numbering_rules') =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await Promise.all([
      count('asset_categories'),
      count('asset_attributes'),
      count('fire_equipment_rules'),
      count('numbering_rules'),
    ]);
    const org = await t.db.selectFrom('organizations').select('id').executeTakeFirstOrThrow();
    await t.db.transaction().execute((tx) => seedEquipmentDefaults(tx, org.id, new Date().toISOString()));
    await t.db.transaction().execute((tx) => seedEquipmentDefaults(tx, org.id, new Date().toISOString()));
    const after = await Promise.all([
      count('asset_categories'),
      count('asset_attributes'),
      count('fire_equipment_rules'),
      count('numbering_rules'),
    ]);
    expect(after).toEqual(before);
    expect(before[2]).toBe(5);
    expect((await byCode('hvac')).name).toBe('暖通空调');
    const zc = await t.db.selectFrom('numbering_rules').selectAll().where('code', '=', 'ZC').executeTakeFirstOrThrow();
    expect(zc).toMatchObject({ prefix: 'ZC', date_format: '', seq_width: 6, reset: 'never', per_site: 0 });
    const rules = await t.db.selectFrom('fire_equipment_rules').selectAll().orderBy('code').execute();
    expect(rules.find((r) => r.code === 'dry_powder')).toMatchObject({
      check_interval_days: 30,
      first_service_years: 5,
      service_interval_years: 2,
      scrap_years: 10,
    });
    expect(rules.find((r) => r.code === 'co2')).toMatchObject({ first_service_years: 5, service_interval_years: 2, scrap_years: 12 });
  });

  it('creates subcategories that inherit attributes, and moves a subtree', async () => {
    const hvac = await byCode('hvac');
    const created = await admin.post<Category>('/api/v1/asset-categories', {
      parentId: hvac.id,
      code: 'split_ac',
      name: '分体空调',
      nameEn: 'Split AC',
    });
    expect(created.status).toBe(201);
    expect(created.body.depth).toBe(1);
    const leaf = await admin.post<Category>('/api/v1/asset-categories', {
      parentId: created.body.id,
      code: 'wall_ac',
      name: '壁挂机',
      nameEn: 'Wall AC',
    });
    const own = await admin.post<Attr>('/api/v1/asset-attributes', {
      categoryId: created.body.id,
      key: 'horsepower',
      label: '匹数',
      labelEn: 'HP',
      type: 'choice',
      options: ['1P', '1.5P', '2P'],
      required: true,
    });
    expect(own.status).toBe(201);
    const inherited = (await admin.get<Attr[]>(`/api/v1/asset-categories/${leaf.body.id}/attributes?inherited=1`)).body;
    expect(inherited.map((a) => a.key)).toEqual(['cooling_capacity', 'refrigerant', 'horsepower']);
    expect(inherited[0]?.inheritedFrom?.code).toBe('hvac');
    expect((await admin.get<Attr[]>(`/api/v1/asset-categories/${leaf.body.id}/attributes`)).body).toEqual([]);

    // a key already defined above or below is refused
    const clash = await admin.post<ErrorBody>('/api/v1/asset-attributes', {
      categoryId: leaf.body.id,
      key: 'refrigerant',
      label: '冷媒',
      labelEn: 'R',
      type: 'text',
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error.details?.fields[0]?.field).toBe('key');

    // moving the subtree under 强电 re-paths the grandchild
    const power = await byCode('power');
    const moved = await admin.patch<Category>(`/api/v1/asset-categories/${created.body.id}`, {
      parentId: power.id,
      version: created.body.version,
    });
    expect(moved.status).toBe(200);
    const leafNow = await byCode('wall_ac');
    expect(leafNow.path).toBe(`/${power.id}/${created.body.id}/${leaf.body.id}/`);
    expect(leafNow.depth).toBe(2);
    const cycle = await admin.patch<ErrorBody>(`/api/v1/asset-categories/${created.body.id}`, {
      parentId: leaf.body.id,
      version: moved.body.version,
    });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.details?.fields[0]?.field).toBe('parentId');
  });

  it('validates definitions, refuses duplicates and stale versions, and audits', async () => {
    const office = await byCode('office');
    const bad = await admin.post<ErrorBody>('/api/v1/asset-attributes', {
      categoryId: office.id,
      key: 'Bad Key',
      label: '',
      labelEn: 'x',
      type: 'colour',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details?.fields.map((f) => f.field)).toEqual(expect.arrayContaining(['key', 'label', 'type']));
    const noOptions = await admin.post<ErrorBody>('/api/v1/asset-attributes', {
      categoryId: office.id,
      key: 'kind',
      label: '种类',
      labelEn: 'Kind',
      type: 'choice',
    });
    expect(noOptions.status).toBe(400);
    expect(noOptions.body.error.details?.fields[0]?.field).toBe('options');
    const dup = await admin.post<ErrorBody>('/api/v1/asset-categories', { code: 'office', name: '重复', nameEn: 'dup' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE');

    const attr = await admin.post<Attr>('/api/v1/asset-attributes', {
      categoryId: office.id,
      key: 'ip',
      label: 'IP 地址',
      labelEn: 'IP',
      type: 'text',
    });
    const typeChange = await admin.patch<ErrorBody>(`/api/v1/asset-attributes/${attr.body.id}`, { type: 'number', version: 1 });
    expect(typeChange.status).toBe(400);
    const ok = await admin.patch<Attr>(`/api/v1/asset-attributes/${attr.body.id}`, { label: 'IP', version: 1 });
    expect(ok.body).toMatchObject({ label: 'IP', version: 2 });
    const stale = await admin.patch<ErrorBody>(`/api/v1/asset-attributes/${attr.body.id}`, { label: 'x', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    const off = await admin.post<Attr>(`/api/v1/asset-attributes/${attr.body.id}/deactivate`, { version: 2 });
    expect(off.body.active).toBe(false);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', attr.body.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'deactivate']);
  });

  it('refuses to deactivate a category with active subcategories and limits changes to managers of every site', async () => {
    const fire = await byCode('fire');
    const res = await admin.post<ErrorBody>(`/api/v1/asset-categories/${fire.id}/deactivate`, { version: fire.version });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
    const property = await login(t.app, 'property'); // assets:manage on 长春店 only
    const denied = await property.post<ErrorBody>('/api/v1/asset-categories', { code: 'x1', name: 'x', nameEn: 'x' });
    expect(denied.status).toBe(403);
    const requester = await login(t.app, 'requester');
    expect((await requester.get('/api/v1/asset-categories')).status).toBe(403);
  });
});
