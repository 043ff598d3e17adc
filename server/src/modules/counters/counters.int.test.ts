import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../../contracts/types.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { readXlsx } from '../../platform/print/excel.js';
import { locationIdOf, siteIdOf, userIdOf } from '../equipment/testing.js';
import type { ChargeRuleDto, CounterDto } from './dto.js';
import { createCounter, type ErrorBody, seedDefaults } from './testing.js';

describe(`vendor counters: CRUD, members, who sees what, charge rules (${ENGINE})`, () => {
  let t: TestApp;
  let property: Client;
  let head: Client;
  let vendor: Client;
  let dispatcher: Client;
  let tech: Client;
  let cc: string;
  let sy: string;
  let vendorId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDefaults(t);
    [property, head, vendor, dispatcher, tech] = (await Promise.all(
      ['property', 'head', 'vendor', 'dispatcher', 'tech'].map((u) => login(t.app, u)),
    )) as [Client, Client, Client, Client, Client];
    cc = await siteIdOf(t.db, 'CC');
    sy = await siteIdOf(t.db, 'SY');
    vendorId = await userIdOf(t.db, 'vendor');
    // the demo puts `vendor` on the staff of 悦颜化妆品专柜; here it works only for the counters the tests create
    await t.db.deleteFrom('counter_members').where('user_id', '=', vendorId).execute();
  });
  afterAll(() => t.close());

  it('creates, edits with a version, deactivates and lists counters with filters and export', async () => {
    const loc = await locationIdOf(t.db, 'CC-A-1F-01');
    const created = await property.post<CounterDto>('/api/v1/counters', {
      siteId: cc,
      code: 'LANCOME',
      name: '兰蔻',
      locationId: loc,
      contactName: '王店长',
      contactPhone: '0431-8888888',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ code: 'LANCOME', siteName: '长春店', active: true, members: [], openNotices: 0, canManage: true });
    expect(created.body.locationPath).toContain('化妆品区');

    const dup = await property.post<ErrorBody>('/api/v1/counters', { siteId: cc, code: 'LANCOME', name: '另一个' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE');

    const bad = await property.post<ErrorBody>('/api/v1/counters', {
      siteId: cc,
      code: 'bad code!',
      name: ' ',
      contactPhone: 'abc',
      locationId: await locationIdOf(t.db, 'SY-A-1F-01'),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details?.fields?.map((f) => f.field).sort()).toEqual(['code', 'contactPhone', 'locationId', 'name']);

    const otherSite = await property.post<ErrorBody>('/api/v1/counters', { siteId: sy, code: 'X1', name: '沈阳专柜' });
    expect(otherSite.status).toBe(400);
    expect(otherSite.body.error.details?.fields?.[0]?.field).toBe('siteId');

    const edited = await property.patch<CounterDto>(`/api/v1/counters/${created.body.id}`, {
      version: 1,
      name: '兰蔻专柜',
      notes: '一层东侧',
    });
    expect(edited.body).toMatchObject({ name: '兰蔻专柜', notes: '一层东侧', version: 2 });
    const stale = await property.patch<ErrorBody>(`/api/v1/counters/${created.body.id}`, { version: 1, name: '旧' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');

    const off = await property.post<CounterDto>(`/api/v1/counters/${created.body.id}/deactivate`, { version: 2 });
    expect(off.body.active).toBe(false);
    const active = await property.get<Page<CounterDto>>(`/api/v1/counters?siteId=${cc}&active=1&q=${encodeURIComponent('兰蔻')}`);
    expect(active.body.items).toHaveLength(0);
    const inactive = await property.get<Page<CounterDto>>(`/api/v1/counters?active=0&q=${encodeURIComponent('兰蔻')}`);
    expect(inactive.body.items.map((c) => c.code)).toEqual(['LANCOME']);
    await property.post(`/api/v1/counters/${created.body.id}/activate`, { version: 3 });

    const xlsx = await property.req('GET', '/api/v1/counters?format=xlsx');
    expect(xlsx.status).toBe(200);
    const sheet = await readXlsx(xlsx.raw.rawPayload);
    expect(sheet.headers).toContain('专柜人员');
    expect(sheet.rows.some((r) => r.values['编码'] === 'LANCOME')).toBe(true);

    const history = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', created.body.id).orderBy('id').execute();
    expect(history.map((h) => h.action)).toEqual(['create', 'update', 'deactivate', 'activate']);
  });

  it('adds and removes members; a member sees only their own counter, without counters:read', async () => {
    const mine = await createCounter(property, cc, 'MINE', [vendorId]);
    const other = await createCounter(property, cc, 'OTHER');
    expect(mine.members.map((m) => m.username)).toEqual(['vendor']);

    const bogus = await property.post<ErrorBody>(`/api/v1/counters/${mine.id}/members`, { userIds: [vendorId, 'nobody'] });
    expect(bogus.status).toBe(400);
    expect(bogus.body.error.details?.fields?.map((f) => f.field)).toEqual(['userIds/1']);
    expect((await vendor.post(`/api/v1/counters/${mine.id}/members`, { userIds: [vendorId] })).status).toBe(403);

    const list = await vendor.get<Page<CounterDto>>('/api/v1/counters');
    expect((await property.get<Page<CounterDto>>('/api/v1/counters?mine=1')).body.items).toEqual([]);
    expect((await vendor.get<Page<CounterDto>>('/api/v1/counters?mine=1')).body.items.map((c) => c.code)).toEqual(['MINE']);
    expect(list.body.items.map((c) => c.code)).toEqual(['MINE']);
    expect(list.body.items[0]).toMatchObject({ isMember: true, canManage: false });
    expect((await vendor.get(`/api/v1/counters/${mine.id}`)).status).toBe(200);
    expect((await vendor.get(`/api/v1/counters/${other.id}`)).status).toBe(404);
    expect((await vendor.patch(`/api/v1/counters/${mine.id}`, { version: mine.version, name: '改名' })).status).toBe(403);

    // a technician holds no counters:read and works for no counter
    expect((await tech.get<Page<CounterDto>>('/api/v1/counters')).body.items).toHaveLength(0);
    expect((await tech.get(`/api/v1/counters/${mine.id}`)).status).toBe(404);
    // the dispatcher reads every counter of 长春店 but may not change them
    expect((await dispatcher.get(`/api/v1/counters/${other.id}`)).status).toBe(200);
    expect((await dispatcher.post('/api/v1/counters', { siteId: cc, code: 'D1', name: 'x' })).status).toBe(403);

    const removed = await property.req<CounterDto>('DELETE', `/api/v1/counters/${mine.id}/members/${vendorId}`);
    expect(removed.body.members).toEqual([]);
    expect((await vendor.get(`/api/v1/counters/${mine.id}`)).status).toBe(404);
    expect((await property.req('DELETE', `/api/v1/counters/${mine.id}/members/${vendorId}`)).status).toBe(404);
  });

  it("answers 404 for another site's counter (cross-site)", async () => {
    const shenyang = await createCounter(head, sy, 'SY-ONLY');
    for (const c of [property, dispatcher, vendor]) {
      expect((await c.get(`/api/v1/counters/${shenyang.id}`)).status).toBe(404);
      expect((await c.get(`/api/v1/counters/${shenyang.id}/statements/2026-03`)).status).toBe(404);
    }
    expect((await property.patch(`/api/v1/counters/${shenyang.id}`, { version: 1, name: 'x' })).status).toBe(404);
    expect((await property.post(`/api/v1/counters/${shenyang.id}/members`, { userIds: [vendorId] })).status).toBe(404);
    const ccList = await property.get<Page<CounterDto>>('/api/v1/counters?limit=200');
    expect(ccList.body.items.every((c) => c.siteId === cc)).toBe(true);
    expect((await head.get(`/api/v1/counters/${shenyang.id}`)).status).toBe(200);
  });

  it('keeps charge rules organisation-wide: seeded defaults, edits by a global manager only, audited', async () => {
    const rules = (await property.get<ChargeRuleDto[]>('/api/v1/counter-charge-rules')).body;
    expect(rules.map((r) => [r.supplier, r.chargeMaterials, r.chargeLabour, r.labourRate])).toEqual([
      ['counter', false, false, 0],
      ['department', true, false, 0],
    ]);
    const dept = rules.find((r) => r.supplier === 'department') as ChargeRuleDto;
    const body = { rules: [{ ...dept, chargeLabour: true, labourRate: 6000 }] };
    expect((await property.req('PUT', '/api/v1/counter-charge-rules', body)).status).toBe(403);
    expect((await tech.get('/api/v1/counter-charge-rules')).status).toBe(404);

    const noRate = await head.req<ErrorBody>('PUT', '/api/v1/counter-charge-rules', {
      rules: [{ ...dept, chargeLabour: true, labourRate: 0 }],
    });
    expect(noRate.status).toBe(400);
    expect(noRate.body.error.details?.fields?.map((f) => f.field)).toEqual(['rules/0/labourRate']);

    const saved = await head.req<ChargeRuleDto[]>('PUT', '/api/v1/counter-charge-rules', body);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.find((r) => r.supplier === 'department')).toMatchObject({
      chargeLabour: true,
      labourRate: 6000,
      version: dept.version + 1,
    });
    const stale = await head.req<ErrorBody>('PUT', '/api/v1/counter-charge-rules', body);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    const audit = await t.db.selectFrom('audit_log').select('diff').where('entity', '=', 'counter_charge_rule').execute();
    expect(audit.map((a) => JSON.parse(a.diff))).toContainEqual({ charge_labour: [false, true], labour_rate: [0, 6000] });
  });
});
