import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { readXlsx } from '../../platform/print/excel.js';
import { type ApiAsset, assetRow, createAsset, createLocation, fireRuleIdOf, siteIdOf, type TestLocation } from './testing.js';

interface Rule {
  id: string;
  code: string;
  firstServiceYears: number | null;
  version: number;
}
interface Item {
  id: string;
  code: string;
  state: string;
  productionDate: string | null;
  lastCheckOn: string | null;
  lastCheckGaugeOk: boolean | null;
  lastServiceOn: string | null;
  nextCheckDue: string;
  nextServiceDue: string | null;
  scrapDate: string | null;
  lost: boolean;
  locationPath: string | null;
}
interface Check {
  id: string;
  present: boolean;
  gaugeOk: boolean | null;
  sealOk: boolean | null;
  usable: boolean;
  checkedByName: string;
}
type ErrorBody = { error: { code: string; message: string; details?: { fields?: { field: string; message: string }[] } } };

describe(`portable fire equipment (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;
  let head: Client;
  let security: Client;
  let techSy: Client;
  let tech: Client;
  let cc: string;
  let place: TestLocation;
  let f: Record<'f1' | 'f2' | 'f3' | 'f4' | 'f5' | 'plain', ApiAsset>;

  const list = async (query: string) => {
    const res = await head.get<{ items: Item[]; nextCursor: string | null }>(`/api/v1/fire-equipment?locationId=${place.id}&${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const codes = async (query: string) => (await list(query)).items.map((i) => i.code);
  const item = async (code: string) => (await list(`q=${code}`)).items[0] as Item;
  const check = (c: Client, body: object) => c.post<Check & ErrorBody>('/api/v1/fire-checks', body);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
    head = await login(t.app, 'head');
    security = await login(t.app, 'security');
    techSy = await login(t.app, 'tech_sy');
    tech = await login(t.app, 'tech');
    cc = await siteIdOf(t.db, 'CC');
    place = await createLocation(admin, cc, 'CC-FX', '消防测试区');
    const room = await createLocation(admin, cc, 'CC-FX-1', '楼梯间', place.id);
    const fire = async (code: string, rule: string, productionDate: string) =>
      createAsset(admin, t.db, {
        code,
        name: `${code} 灭火器`,
        siteId: cc,
        locationId: room.id,
        fireRuleId: await fireRuleIdOf(t.db, rule),
        productionDate,
      });
    f = {
      f1: await fire('FX-1', 'dry_powder', '2021-03-10'),
      f2: await fire('FX-2', 'dry_powder', '2016-03-01'),
      f3: await fire('FX-3', 'water_based', '2025-06-01'),
      f4: await fire('FX-4', 'co2', '2024-02-29'),
      f5: await fire('FX-5', 'hose', '2026-03-01'),
      plain: await createAsset(admin, t.db, { code: 'FX-PC', siteId: cc, locationId: room.id }),
    };
  });
  afterAll(() => t.close());

  it('manages the rule table: seeded defaults, validation of ages, duplicates, versions, permission', async () => {
    const rules = await head.get<{ items: Rule[] }>('/api/v1/fire-rules');
    expect(rules.body.items.map((r) => r.code)).toEqual(
      expect.arrayContaining(['co2', 'dry_powder', 'emergency_light', 'hose', 'water_based']),
    );

    const bad = await head.post<ErrorBody>('/api/v1/fire-rules', {
      code: 'Foam!',
      name: '',
      nameEn: 'Foam',
      checkIntervalDays: 0,
      firstServiceYears: 60,
      scrapYears: -1,
    });
    expect(bad.status).toBe(400);
    expect([...new Set(bad.body.error.details?.fields?.map((x) => x.field))].sort()).toEqual([
      'checkIntervalDays',
      'code',
      'firstServiceYears',
      'name',
      'scrapYears',
    ]);
    const order = await head.post<ErrorBody>('/api/v1/fire-rules', {
      code: 'foam',
      name: '泡沫灭火器',
      nameEn: 'Foam',
      checkIntervalDays: 30,
      firstServiceYears: 9,
      serviceIntervalYears: 0,
      scrapYears: 8,
    });
    expect(order.body.error.details?.fields?.map((x) => x.field)).toEqual(['firstServiceYears', 'serviceIntervalYears']);

    const created = await head.post<Rule>('/api/v1/fire-rules', {
      code: 'foam',
      name: '泡沫灭火器',
      nameEn: 'Foam',
      checkIntervalDays: 30,
      firstServiceYears: 3,
      serviceIntervalYears: 1,
      scrapYears: 8,
    });
    expect(created.status).toBe(201);
    const dup = await head.post<ErrorBody>('/api/v1/fire-rules', { code: 'foam', name: '重复', nameEn: 'Dup', checkIntervalDays: 30 });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE');
    const patched = await head.patch<Rule>(`/api/v1/fire-rules/${created.body.id}`, { firstServiceYears: 4, version: 1 });
    expect(patched.body).toMatchObject({ firstServiceYears: 4, version: 2 });
    expect((await head.patch<ErrorBody>(`/api/v1/fire-rules/${created.body.id}`, { scrapYears: 9, version: 1 })).body.error.code).toBe(
      'STALE_VERSION',
    );
    const tooLong = await head.patch<ErrorBody>(`/api/v1/fire-rules/${created.body.id}`, { scrapYears: 2, version: 2 });
    expect(tooLong.body.error.details?.fields?.map((x) => x.field)).toEqual(['firstServiceYears']);
    const off = await head.post<Rule & { active: boolean }>(`/api/v1/fire-rules/${created.body.id}/deactivate`, { version: 2 });
    expect(off.body.active).toBe(false);

    expect((await security.post('/api/v1/fire-rules', { code: 'x1', name: 'x', nameEn: 'x', checkIntervalDays: 30 })).status).toBe(403);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', created.body.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'deactivate']);
  });

  it('computes service, scrap and check dates and states for the ledger', async () => {
    const all = await list('');
    const byCode = Object.fromEntries(all.items.map((i) => [i.code, i]));
    expect(Object.keys(byCode).sort()).toEqual(['FX-1', 'FX-2', 'FX-3', 'FX-4', 'FX-5']);
    expect(byCode['FX-1']).toMatchObject({
      nextServiceDue: '2026-03-10',
      scrapDate: '2031-03-10',
      state: 'service_due',
      locationPath: '长春店 / 消防测试区 / 楼梯间',
    });
    expect(byCode['FX-2']).toMatchObject({ nextServiceDue: '2021-03-01', scrapDate: '2026-03-01', state: 'scrap_due' });
    expect(byCode['FX-3']).toMatchObject({
      nextCheckDue: '2025-07-01',
      nextServiceDue: '2028-06-01',
      scrapDate: '2031-06-01',
      state: 'check_due',
    });
    expect(byCode['FX-4']).toMatchObject({ nextServiceDue: '2029-02-28', scrapDate: '2036-02-29', state: 'check_due' });
    expect(byCode['FX-5']).toMatchObject({ nextCheckDue: '2026-03-31', nextServiceDue: null, scrapDate: null, state: 'ok' });
  });

  it('records monthly checks: usable needs present + gauge + seal; not present flags lost; found again clears it', async () => {
    const incomplete = await check(security, { assetId: f.f4.id, present: true });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error.details?.fields?.map((x) => x.field)).toEqual(['gaugeOk', 'sealOk']);
    const notFire = await check(security, { assetId: f.plain.id, present: true, gaugeOk: true, sealOk: true });
    expect(notFire.body.error.details?.fields?.[0]).toMatchObject({ field: 'assetId' });

    const ok = await check(security, { assetId: f.f4.id, present: true, gaugeOk: true, sealOk: true });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ present: true, gaugeOk: true, sealOk: true, usable: true, checkedByName: '陈保安' });
    expect(await item('FX-4')).toMatchObject({
      lastCheckOn: '2026-03-15',
      nextCheckDue: '2026-04-14',
      lastCheckGaugeOk: true,
      state: 'ok',
    });

    t.clock.advance(60_000);
    const gone = await check(security, { assetId: f.f5.id, present: false, gaugeOk: true });
    expect(gone.body).toMatchObject({ present: false, gaugeOk: null, usable: false });
    expect((await assetRow(t.db, f.f5.id)).lost).toBe(1);
    expect(await codes('due=missing')).toEqual(['FX-5']);
    expect((await item('FX-5')).state).toBe('missing');

    t.clock.advance(60_000);
    const back = await check(security, { assetId: f.f5.id, present: true, gaugeOk: true, sealOk: false, note: '铅封脱落' });
    expect(back.body.usable).toBe(false);
    expect((await assetRow(t.db, f.f5.id)).lost).toBe(0);
    expect(await codes('due=missing')).toEqual([]);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', f.f5.id)
      .where('action', 'in', ['lost', 'found'])
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['lost', 'found']);

    const history = await security.get<{ items: Check[] }>(`/api/v1/fire-checks?assetId=${f.f5.id}`);
    expect(history.body.items.map((c) => [c.present, c.usable])).toEqual([
      [true, false],
      [false, false],
    ]);
    expect((await security.get<{ items: Check[] }>(`/api/v1/fire-checks?assetId=${f.f5.id}&from=2026-03-16`)).body.items).toEqual([]);
    expect(
      (await security.get<{ items: Check[] }>(`/api/v1/fire-checks?assetId=${f.f5.id}&from=2026-03-15&to=2026-03-15`)).body.items,
    ).toHaveLength(2);
    const badRange = await security.get<ErrorBody>('/api/v1/fire-checks?from=2026-02-30&to=2026-01-01');
    expect(badRange.status).toBe(400);
    expect(badRange.body.error.details?.fields?.map((x) => x.field)).toEqual(['from']);

    const timeline = await admin.get<{ kind: string; title: string }[]>(`/api/v1/assets/${f.f5.id}/timeline`);
    expect(timeline.body.filter((e) => e.kind === 'fire_check').map((e) => e.title)).toEqual(['消防月检：不合格', '消防月检：器材缺失']);
  });

  it('lists what is due within a window, sorted by that date, paged by keyset', async () => {
    expect(await codes('due=service')).toEqual(['FX-2', 'FX-1']);
    expect(await codes('due=service&within=1200')).toEqual(['FX-2', 'FX-1', 'FX-3', 'FX-4']);
    expect(await codes('due=scrap')).toEqual(['FX-2']);
    expect(await codes('due=scrap&within=2000')).toEqual(['FX-2', 'FX-1', 'FX-3']);
    expect(await codes('due=check')).toEqual(['FX-2', 'FX-1', 'FX-3']);
    expect(await codes('state=scrap_due')).toEqual(['FX-2']);

    const first = await list('limit=2');
    expect(first.items.map((i) => i.code)).toEqual(['FX-1', 'FX-2']);
    const second = await list(`limit=2&cursor=${first.nextCursor}`);
    const third = await list(`limit=2&cursor=${second.nextCursor}`);
    expect([...second.items, ...third.items].map((i) => i.code)).toEqual(['FX-3', 'FX-4', 'FX-5']);
    expect(third.nextCursor).toBeNull();

    const bad = await head.get<ErrorBody>('/api/v1/fire-equipment?due=soon&within=-1&sort=brand');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details?.fields?.map((x) => x.field).sort()).toEqual(expect.arrayContaining(['due', 'within']));
  });

  it('records services and replacements that move the service and scrap dates', async () => {
    const future = await head.post<ErrorBody>('/api/v1/fire-services', { assetId: f.f1.id, servicedOn: '2026-03-16', kind: 'service' });
    expect(future.body.error.details?.fields?.map((x) => x.field)).toEqual(['servicedOn']);
    const noDate = await head.post<ErrorBody>('/api/v1/fire-services', { assetId: f.f2.id, servicedOn: '2026-03-14', kind: 'replace' });
    expect(noDate.body.error.details?.fields?.map((x) => x.field)).toEqual(['productionDate']);

    const served = await head.post<{ kind: string; servicedOn: string }>('/api/v1/fire-services', {
      assetId: f.f1.id,
      servicedOn: '2026-03-12',
      kind: 'service',
      vendor: '长春消防器材站',
    });
    expect(served.status).toBe(201);
    expect(await item('FX-1')).toMatchObject({ lastServiceOn: '2026-03-12', nextServiceDue: '2028-03-12', state: 'check_due' });

    await head.post('/api/v1/fire-services', { assetId: f.f2.id, servicedOn: '2021-03-05', kind: 'service' });
    const replaced = await head.post('/api/v1/fire-services', {
      assetId: f.f2.id,
      servicedOn: '2026-03-14',
      kind: 'replace',
      productionDate: '2026-01-10',
    });
    expect(replaced.status).toBe(201);
    expect((await assetRow(t.db, f.f2.id)).production_date).toBe('2026-01-10');
    // the new unit counts from its own production date; the old unit's service no longer applies
    expect(await item('FX-2')).toMatchObject({
      productionDate: '2026-01-10',
      lastServiceOn: null,
      nextServiceDue: '2031-01-10',
      scrapDate: '2036-01-10',
    });
    const services = await head.get<{ items: { kind: string }[] }>(`/api/v1/fire-services?assetId=${f.f2.id}`);
    expect(services.body.items.map((s) => s.kind)).toEqual(['replace', 'service']);
  });

  it('exports the 灭火器台账', async () => {
    const res = await head.req('GET', `/api/v1/fire-equipment?locationId=${place.id}&format=xlsx`);
    expect(res.status).toBe(200);
    const sheet = await readXlsx(res.raw.rawPayload);
    expect(sheet.headers).toEqual(expect.arrayContaining(['类型', '位置', '生产日期', '上次检查', '压力表', '下次维保', '报废日期']));
    const fx4 = sheet.rows.find((r) => r.values['器材编码'] === 'FX-4');
    expect(fx4?.values).toMatchObject({
      类型: '二氧化碳灭火器',
      生产日期: '2024-02-29',
      上次检查: '2026-03-15',
      压力表: '正常',
      下次维保: '2029-02-28',
      报废日期: '2036-02-29',
    });
    expect(sheet.rows).toHaveLength(5);
  });

  it('keeps fire items of 长春店 away from a 沈阳店 technician (404) and lists only one’s own sites', async () => {
    const foreign = await check(techSy, { assetId: f.f4.id, present: true, gaugeOk: true, sealOk: true });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
    expect(
      (await techSy.post<ErrorBody>('/api/v1/fire-services', { assetId: f.f4.id, servicedOn: '2026-03-01', kind: 'inspection' })).status,
    ).toBe(404);
    const checks = await techSy.get<{ items: unknown[] }>(`/api/v1/fire-checks?assetId=${f.f4.id}`);
    expect(checks.body.items).toEqual([]);
    const ledger = await tech.get<{ items: { code: string }[] }>(`/api/v1/fire-equipment?siteId=${await siteIdOf(t.db, 'SY')}`);
    expect(ledger.body.items).toEqual([]);
    const own = await tech.get<{ items: { siteName: string }[] }>('/api/v1/fire-equipment?limit=200');
    expect(own.body.items.length).toBeGreaterThan(5);
    expect(own.body.items.every((i) => i.siteName === '长春店')).toBe(true);
  });
});
