import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { type ApiAsset, assetRow, createAsset, createLocation, siteIdOf, type TestLocation } from './testing.js';

interface Counts {
  expected: number;
  found: number;
  missing: number;
  unexpected: number;
  misplaced: number;
}
interface Stocktake {
  id: string;
  number: string;
  status: string;
  version: number;
  locationPath: string | null;
  counts: Counts;
  actions: string[];
  result: (Counts & { markedLost: number; recovered: number; moved: number; note: string | null }) | null;
}
interface Item {
  id: string;
  assetId: string;
  assetCode: string;
  state: string;
  expected: boolean;
  foundLocationId: string | null;
  foundLocationPath: string | null;
  expectedLocationPath: string | null;
}
interface ScanAnswer {
  outcome: string;
  message: string;
  item: Item;
}
type ErrorBody = { error: { code: string; message: string; details?: { fields?: { field: string; message: string }[] } } };

describe(`stocktake (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;
  let property: Client;
  let tech: Client;
  let cc: string;
  let sy: string;
  let building: TestLocation;
  let r1: TestLocation;
  let r2: TestLocation;
  let outside: TestLocation;
  let s: Record<'s1' | 's2' | 's3' | 's4' | 'scrapped' | 'x1' | 'far', ApiAsset>;
  let st: Stocktake;

  const items = async (state: string) =>
    (await property.get<{ items: Item[] }>(`/api/v1/stocktakes/${st.id}/items?state=${state}`)).body.items.map((i) => i.assetCode).sort();
  const scan = (c: Client, code: string, locationId?: string) =>
    c.post<ScanAnswer & ErrorBody>(`/api/v1/stocktakes/${st.id}/scan`, { code, locationId });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
    property = await login(t.app, 'property');
    tech = await login(t.app, 'tech');
    cc = await siteIdOf(t.db, 'CC');
    sy = await siteIdOf(t.db, 'SY');
    building = await createLocation(admin, cc, 'CC-ST', '盘点测试楼');
    r1 = await createLocation(admin, cc, 'CC-ST-1', '一号库', building.id);
    r2 = await createLocation(admin, cc, 'CC-ST-2', '二号库', building.id);
    outside = await createLocation(admin, cc, 'CC-SX', '其他楼');
    const mk = (code: string, siteId: string, locationId: string | null, status?: 'scrapped') =>
      createAsset(admin, t.db, { code, siteId, locationId, status });
    s = {
      s1: await mk('PD-T1', cc, r1.id),
      s2: await mk('PD-T2', cc, r1.id),
      s3: await mk('PD-T3', cc, r2.id),
      s4: await mk('PD-T4', cc, r2.id),
      scrapped: await mk('PD-T5', cc, r1.id, 'scrapped'),
      x1: await mk('PD-X1', cc, outside.id),
      far: await mk('PD-SY1', sy, null),
    };
    await t.db.updateTable('assets').set({ lost: 1 }).where('id', '=', s.s4.id).execute();
  });
  afterAll(() => t.close());

  it('starts with a PD number and a snapshot of every non-scrapped asset of the subtree', async () => {
    const res = await property.post<Stocktake>('/api/v1/stocktakes', { siteId: cc, locationId: building.id, title: '一季度盘点' });
    expect(res.status).toBe(201);
    st = res.body;
    expect(st.number).toMatch(/^PD-202603-\d{3}$/);
    expect(st.status).toBe('open');
    expect(st.locationPath).toBe('长春店 / 盘点测试楼');
    expect(st.counts).toEqual({ expected: 4, found: 0, missing: 4, unexpected: 0, misplaced: 0 });
    expect(await items('pending')).toEqual(['PD-T1', 'PD-T2', 'PD-T3', 'PD-T4']);

    const twice = await admin.post<ErrorBody>('/api/v1/stocktakes', { siteId: cc, locationId: building.id, title: '重复' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain(st.number);
    expect((await tech.post<ErrorBody>('/api/v1/stocktakes', { siteId: cc, title: '无权限' })).status).toBe(403);
  });

  it('scans by code, by QR code and by QR URL; scans are idempotent', async () => {
    const first = await scan(property, 'PD-T1');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ outcome: 'found', item: { assetCode: 'PD-T1', state: 'found', foundLocationId: r1.id } });
    const again = await scan(property, 'PD-T1', r2.id);
    expect(again.body.outcome).toBe('already');
    expect(again.body.item.foundLocationId).toBe(r1.id);

    const byQr = await scan(property, s.s2.qrCode as string, r2.id);
    expect(byQr.body).toMatchObject({
      outcome: 'misplaced',
      item: { assetCode: 'PD-T2', state: 'misplaced', foundLocationPath: '长春店 / 盘点测试楼 / 二号库' },
    });
    expect(byQr.body.message).toContain('不在账面位置');
    const byUrl = await scan(property, `https://houqin.example/q/${s.s4.qrCode}`);
    expect(byUrl.body.outcome).toBe('found');

    const unexpected = await scan(property, 'PD-X1', r1.id);
    expect(unexpected.body).toMatchObject({
      outcome: 'unexpected',
      item: { expected: false, state: 'unexpected', expectedLocationPath: '长春店 / 其他楼' },
    });
    expect((await scan(property, 'PD-X1', r1.id)).body.outcome).toBe('already');

    // another site: unknown to a 长春店 counter, an unexpected find for someone who sees both
    expect((await scan(property, 'PD-SY1')).status).toBe(404);
    expect((await scan(admin, 'PD-SY1')).body.outcome).toBe('unexpected');
    const unknown = await scan(property, 'NO-SUCH-CODE');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('NO-SUCH-CODE');
    const syRoom = await t.db.selectFrom('locations').select('id').where('code', '=', 'SY-A-1F-01').executeTakeFirstOrThrow();
    const badPlace = await scan(admin, 'PD-T3', syRoom.id);
    expect(badPlace.status).toBe(400);
    expect(badPlace.body.error.details?.fields?.[0]?.field).toBe('locationId');

    const detail = await property.get<Stocktake>(`/api/v1/stocktakes/${st.id}`);
    expect(detail.body.counts).toEqual({ expected: 4, found: 3, missing: 1, unexpected: 2, misplaced: 1 });
  });

  it('ticks and unticks by hand', async () => {
    const pending = (await property.get<{ items: Item[] }>(`/api/v1/stocktakes/${st.id}/items?state=pending`)).body.items;
    expect(pending.map((i) => i.assetCode)).toEqual(['PD-T3']);
    const url = `/api/v1/stocktakes/${st.id}/items/${pending[0]?.id}/found`;
    const ticked = await property.post<Item>(url, { found: true, note: '在货架后面' });
    expect(ticked.body).toMatchObject({ state: 'found', foundLocationId: r2.id });
    const unticked = await property.post<Item>(url, { found: false });
    expect(unticked.body).toMatchObject({ state: 'pending', foundLocationId: null });
    expect(await items('missing')).toEqual(['PD-T3']);
    expect(await items('misplaced')).toEqual(['PD-T2']);
    expect(await items('unexpected')).toEqual(['PD-SY1', 'PD-X1']);
    expect(await items('found')).toEqual(['PD-T1', 'PD-T2', 'PD-T4']);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', st.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'scan', 'scan', 'scan', 'scan', 'scan', 'tick', 'untick']);
  });

  it('closes: flags missing assets lost, un-flags found ones, moves misplaced ones, all audited', async () => {
    const stale = await property.post<ErrorBody>(`/api/v1/stocktakes/${st.id}/close`, { version: st.version + 1, markMissingLost: true });
    expect(stale.body.error.code).toBe('STALE_VERSION');
    const before = await assetRow(t.db, s.s3.id);
    const closed = await property.post<Stocktake>(`/api/v1/stocktakes/${st.id}/close`, {
      version: st.version,
      markMissingLost: true,
      moveMisplaced: true,
      note: '季度盘点完成',
    });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.actions).toEqual([]);
    expect(closed.body.result).toMatchObject({
      expected: 4,
      found: 3,
      missing: 1,
      unexpected: 2,
      misplaced: 1,
      markedLost: 1,
      recovered: 1,
      moved: 2,
      note: '季度盘点完成',
    });

    const s3 = await assetRow(t.db, s.s3.id);
    expect(s3.lost).toBe(1);
    expect(s3.version).toBe(before.version + 1);
    expect((await assetRow(t.db, s.s4.id)).lost).toBe(0);
    expect((await assetRow(t.db, s.s2.id)).location_id).toBe(r2.id);
    expect((await assetRow(t.db, s.x1.id)).location_id).toBe(r1.id);
    expect((await assetRow(t.db, s.far.id)).location_id).toBeNull();
    expect((await assetRow(t.db, s.s1.id)).location_id).toBe(r1.id);

    const assetAudit = await t.db
      .selectFrom('audit_log')
      .select(['entity_id', 'action'])
      .where('entity', '=', 'asset')
      .where('action', 'in', ['lost', 'found', 'move'])
      .execute();
    const byAsset = Object.fromEntries(assetAudit.map((a) => [a.entity_id, a.action]));
    expect(byAsset).toEqual({ [s.s3.id]: 'lost', [s.s4.id]: 'found', [s.s2.id]: 'move', [s.x1.id]: 'move' });
    expect(await t.db.selectFrom('assets').select('id').where('id', '=', s.s3.id).executeTakeFirst()).toBeDefined();

    expect(await items('missing')).toEqual(['PD-T3']);
    const missing = (await property.get<{ items: Item[] }>(`/api/v1/stocktakes/${st.id}/items?state=missing`)).body.items[0];
    expect(missing?.state).toBe('missing');

    const late = await scan(property, 'PD-T3');
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('ILLEGAL_TRANSITION');
    const twice = await property.post<ErrorBody>(`/api/v1/stocktakes/${st.id}/close`, {
      version: closed.body.version,
      markMissingLost: false,
    });
    expect(twice.body.error.code).toBe('ILLEGAL_TRANSITION');

    const timeline = await admin.get<{ kind: string; title: string }[]>(`/api/v1/assets/${s.s2.id}/timeline`);
    expect(timeline.body.filter((e) => e.kind === 'stocktake').map((e) => e.title)).toEqual(['盘点：位置与账面不符']);
  });

  it('re-finds a lost asset in the next count and cancels without touching assets', async () => {
    const next = await property.post<Stocktake>('/api/v1/stocktakes', { siteId: cc, locationId: building.id, title: '复盘' });
    expect(next.status).toBe(201);
    expect(next.body.number).not.toBe(st.number);
    expect(next.body.counts.expected).toBe(5);
    st = next.body;
    expect((await scan(property, 'PD-T3')).body.outcome).toBe('found');
    const closed = await property.post<Stocktake>(`/api/v1/stocktakes/${st.id}/close`, { version: st.version, markMissingLost: false });
    expect(closed.body.result).toMatchObject({ recovered: 1, markedLost: 0, moved: 0, missing: 4 });
    expect((await assetRow(t.db, s.s3.id)).lost).toBe(0);
    expect((await assetRow(t.db, s.s1.id)).lost).toBe(0);

    const whole = await property.post<Stocktake>('/api/v1/stocktakes', { siteId: cc, title: '全店盘点' });
    expect(whole.body.locationPath).toBeNull();
    expect(whole.body.counts.expected).toBeGreaterThan(6);
    const cancelled = await property.post<Stocktake>(`/api/v1/stocktakes/${whole.body.id}/cancel`, { version: whole.body.version });
    expect(cancelled.body.status).toBe('cancelled');
    const again = await property.post<ErrorBody>(`/api/v1/stocktakes/${whole.body.id}/cancel`, { version: cancelled.body.version });
    expect(again.body.error.code).toBe('ILLEGAL_TRANSITION');
  });

  it('keeps 沈阳店 stocktakes away from 长春店 users (404) and validates input', async () => {
    const storekeeper = await login(t.app, 'storekeeper');
    const syTake = await storekeeper.post<Stocktake>('/api/v1/stocktakes', { siteId: sy, title: '沈阳店盘点' });
    expect(syTake.status).toBe(201);
    for (const path of ['', '/items']) {
      const res = await tech.get<ErrorBody>(`/api/v1/stocktakes/${syTake.body.id}${path}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    expect((await property.post<ErrorBody>(`/api/v1/stocktakes/${syTake.body.id}/scan`, { code: 'PD-SY1' })).status).toBe(404);
    expect((await property.post<ErrorBody>('/api/v1/stocktakes', { siteId: sy, title: '越权' })).status).toBe(404);
    const list = await tech.get<{ items: { siteId: string }[] }>('/api/v1/stocktakes');
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((i) => i.siteId === cc)).toBe(true);

    const invalid = await admin.post<ErrorBody>('/api/v1/stocktakes', { siteId: cc, title: '', locationId: { id: 1 } });
    expect(invalid.status).toBe(400);
    expect([...new Set(invalid.body.error.details?.fields?.map((f) => f.field))].sort()).toEqual(['locationId', 'title']);
    const syRoom = await t.db.selectFrom('locations').select('id').where('code', '=', 'SY-A-1F-01').executeTakeFirstOrThrow();
    const wrongSite = await admin.post<ErrorBody>('/api/v1/stocktakes', { siteId: cc, locationId: syRoom.id, title: '错位' });
    expect(wrongSite.status).toBe(400);
    expect(wrongSite.body.error.details?.fields?.[0]).toMatchObject({ field: 'locationId', message: '位置不属于所选场所' });
    const badState = await admin.get<ErrorBody>(`/api/v1/stocktakes/${syTake.body.id}/items?state=lost`);
    expect(badState.status).toBe(400);
  });
});
