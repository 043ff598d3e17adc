import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { type ApiAsset, assetRow, createAsset, siteIdOf, userIdOf } from './testing.js';

interface Transfer {
  id: string;
  status: string;
  fromUserId: string | null;
  toUserId: string;
  toDepartmentId: string | null;
  assetCount: number;
  version: number;
  actions: string[];
  assets: { id: string; custodianId: string | null }[];
}
type ErrorBody = { error: { code: string; message: string; details?: { fields?: { field: string; message: string }[] } } };
interface Notification {
  kind: string;
  title: string;
  body: string;
  link: string | null;
}

describe(`custody transfers (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;
  let tech: Client;
  let security: Client;
  let property: Client;
  let techSy: Client;
  let cc: string;
  let sy: string;
  let ids: Record<string, string>;
  let baDept: string;
  let a1: ApiAsset;
  let a2: ApiAsset;
  let a3: ApiAsset;
  let sy1: ApiAsset;

  const inbox = async (c: Client) => (await c.get<{ items: Notification[] }>('/api/v1/notifications?kind=custody.transfer')).body.items;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
    tech = await login(t.app, 'tech');
    security = await login(t.app, 'security');
    property = await login(t.app, 'property');
    techSy = await login(t.app, 'tech_sy');
    cc = await siteIdOf(t.db, 'CC');
    sy = await siteIdOf(t.db, 'SY');
    ids = Object.fromEntries(
      await Promise.all(['tech', 'security', 'property', 'tech_sy', 'cleaner'].map(async (u) => [u, await userIdOf(t.db, u)] as const)),
    );
    baDept = (await t.db.selectFrom('departments').select('id').where('code', '=', 'BA').executeTakeFirstOrThrow()).id;
    a1 = await createAsset(admin, t.db, { code: 'CU-001', name: '对讲机一号', siteId: cc, custodianId: ids.tech });
    a2 = await createAsset(admin, t.db, { code: 'CU-002', name: '对讲机二号', siteId: cc, custodianId: ids.tech });
    a3 = await createAsset(admin, t.db, { code: 'CU-003', name: '笔记本电脑', siteId: cc, custodianId: ids.property });
    sy1 = await createAsset(admin, t.db, { code: 'CU-SY1', name: '沈阳对讲机', siteId: sy, custodianId: ids.tech_sy });
  });
  afterAll(() => t.close());

  it('lets the custodian hand over, notifies the receiver, and moves custody on confirmation', async () => {
    const created = await tech.post<Transfer>('/api/v1/custody-transfers', {
      assetIds: [a1.id, a2.id],
      toUserId: ids.security,
      toDepartmentId: baDept,
      reason: '岗位调整',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'pending',
      fromUserId: ids.tech,
      toUserId: ids.security,
      assetCount: 2,
      actions: ['cancel'],
    });

    const note = (await inbox(security))[0];
    expect(note).toMatchObject({ title: '资产移交待您确认', link: `/equipment/custody/${created.body.id}` });
    expect(note?.body).toContain('对讲机一号（CU-001）');

    const busy = await property.post<ErrorBody>('/api/v1/custody-transfers', { assetIds: [a2.id, a3.id], toUserId: ids.tech });
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('CONFLICT');
    expect(busy.body.error.message).toContain('CU-002');

    const seen = await security.get<Transfer>(`/api/v1/custody-transfers/${created.body.id}`);
    expect(seen.body.actions).toEqual(['confirm', 'reject']);
    const confirmed = await security.post<Transfer>(`/api/v1/custody-transfers/${created.body.id}/confirm`, { note: '已收到' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect(confirmed.body.assets.map((a) => a.custodianId)).toEqual([ids.security, ids.security]);

    for (const a of [a1, a2]) {
      const row = await assetRow(t.db, a.id);
      expect(row.custodian_id).toBe(ids.security);
      expect(row.department_id).toBe(baDept);
      expect(row.version).toBe(a.version + 1);
    }
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['entity', 'entity_id', 'action', 'diff'])
      .where((eb) => eb.or([eb('entity_id', '=', created.body.id), eb('entity_id', 'in', [a1.id, a2.id])]))
      .where('action', 'in', ['create', 'confirm', 'custodian'])
      .orderBy('id')
      .execute();
    expect(audit.filter((a) => a.entity === 'custody_transfer').map((a) => a.action)).toEqual(['create', 'confirm']);
    const custodian = audit.filter((a) => a.action === 'custodian');
    expect(custodian.map((a) => a.entity_id).sort()).toEqual([a1.id, a2.id].sort());
    expect(JSON.parse(custodian[0]?.diff ?? '{}').custodian_id).toEqual([ids.tech, ids.security]);

    const decided = (await inbox(tech))[0];
    expect(decided).toMatchObject({ title: '资产移交已确认接收', link: `/equipment/custody/${created.body.id}` });

    const again = await security.post<ErrorBody>(`/api/v1/custody-transfers/${created.body.id}/confirm`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ILLEGAL_TRANSITION');

    const timeline = await admin.get<{ kind: string; title: string }[]>(`/api/v1/assets/${a1.id}/timeline`);
    expect(timeline.body.some((e) => e.kind === 'custody' && e.title === '发起资产移交')).toBe(true);
    expect(timeline.body.some((e) => e.kind === 'asset' && e.title.includes('责任人变更'))).toBe(true);
  });

  it('lets only the receiver decide: 403 for others who can see it, 404 for those who cannot', async () => {
    const created = await security.post<Transfer>('/api/v1/custody-transfers', { assetIds: [a1.id], toUserId: ids.tech });
    expect(created.status).toBe(201);
    const url = `/api/v1/custody-transfers/${created.body.id}`;
    expect((await security.post<ErrorBody>(`${url}/confirm`, {})).status).toBe(403);
    expect((await admin.post<ErrorBody>(`${url}/confirm`, {})).status).toBe(403);
    const foreign = await techSy.post<ErrorBody>(`${url}/confirm`, {});
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
    expect((await techSy.get(url)).status).toBe(404);

    const noNote = await tech.post<ErrorBody>(`${url}/reject`, {});
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.details?.fields?.map((f) => f.field)).toEqual(['note']);
    const rejected = await tech.post<Transfer>(`${url}/reject`, { note: '不是我的岗位' });
    expect(rejected.body.status).toBe('rejected');
    expect((await assetRow(t.db, a1.id)).custodian_id).toBe(ids.security);
    expect((await inbox(security))[0]).toMatchObject({ title: '资产移交已拒绝接收' });
    expect((await inbox(security))[0]?.body).toContain('不是我的岗位');
  });

  it('lets the requester withdraw a pending transfer and nobody else', async () => {
    const created = await security.post<Transfer>('/api/v1/custody-transfers', { assetIds: [a2.id], toUserId: ids.tech });
    const url = `/api/v1/custody-transfers/${created.body.id}`;
    expect((await tech.post<ErrorBody>(`${url}/cancel`, {})).status).toBe(403);
    const cancelled = await security.post<Transfer>(`${url}/cancel`, {});
    expect(cancelled.body.status).toBe('cancelled');
    expect((await assetRow(t.db, a2.id)).custodian_id).toBe(ids.security);
    expect((await inbox(tech))[0]).toMatchObject({ title: '资产移交已撤回' });
    expect((await tech.post<ErrorBody>(`${url}/confirm`, {})).body.error.code).toBe('ILLEGAL_TRANSITION');
  });

  it('requires assets:manage on the site or holding every asset', async () => {
    const notMine = await tech.post<ErrorBody>('/api/v1/custody-transfers', { assetIds: [a3.id], toUserId: ids.security });
    expect(notMine.status).toBe(403);
    const manager = await property.post<Transfer>('/api/v1/custody-transfers', { assetIds: [a3.id], toUserId: ids.tech });
    expect(manager.status).toBe(201);
    expect(manager.body.fromUserId).toBe(ids.property);
    const cancelled = await property.post<Transfer>(`/api/v1/custody-transfers/${manager.body.id}/cancel`, { note: '重新安排' });
    expect(cancelled.body.status).toBe('cancelled');
  });

  it('lists every bad field: mixed sites, scrapped assets, a receiver without access, an unknown department', async () => {
    await t.db.updateTable('assets').set({ status: 'scrapped' }).where('id', '=', a3.id).execute();
    const mixed = await admin.post<ErrorBody>('/api/v1/custody-transfers', {
      assetIds: [a3.id, sy1.id],
      toUserId: ids.tech,
      toDepartmentId: 'no-such-department',
    });
    expect(mixed.status).toBe(400);
    const fields = mixed.body.error.details?.fields ?? [];
    expect(fields.map((f) => f.field)).toEqual(['assetIds', 'assetIds', 'toDepartmentId']);
    expect(fields[0]?.message).toContain('同一场所');
    expect(fields[1]?.message).toContain('CU-003');

    const outsider = await admin.post<ErrorBody>('/api/v1/custody-transfers', { assetIds: [a1.id], toUserId: ids.tech_sy });
    expect(outsider.status).toBe(400);
    expect(outsider.body.error.details?.fields?.[0]).toMatchObject({ field: 'toUserId' });
    expect(outsider.body.error.details?.fields?.[0]?.message).toContain('没有任何授权');

    const same = await admin.post<ErrorBody>('/api/v1/custody-transfers', { assetIds: [a1.id], toUserId: ids.security });
    expect(same.body.error.details?.fields?.[0]?.message).toContain('已经是接收人');

    const empty = await admin.post<ErrorBody>('/api/v1/custody-transfers', { assetIds: [], toUserId: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details?.fields?.map((f) => f.field).sort()).toEqual(['assetIds', 'toUserId']);
  });

  it('keeps another site’s transfers and assets out of reach (404) and out of lists', async () => {
    const created = await techSy.post<Transfer>('/api/v1/custody-transfers', { assetIds: [sy1.id], toUserId: ids.cleaner });
    expect(created.status).toBe(201);
    const url = `/api/v1/custody-transfers/${created.body.id}`;
    expect((await tech.get<ErrorBody>(url)).status).toBe(404);
    expect((await tech.post<ErrorBody>(`${url}/cancel`, {})).status).toBe(404);
    const steal = await tech.post<ErrorBody>('/api/v1/custody-transfers', { assetIds: [sy1.id], toUserId: ids.tech });
    expect(steal.status).toBe(404);
    const list = await tech.get<{ items: { id: string; siteId: string }[] }>('/api/v1/custody-transfers');
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((i) => i.siteId === cc)).toBe(true);

    const cleaner = await login(t.app, 'cleaner');
    const incoming = await cleaner.get<{ items: { id: string }[] }>('/api/v1/custody-transfers?mine=incoming&status=pending');
    expect(incoming.body.items.map((i) => i.id)).toEqual([created.body.id]);
    const confirmed = await cleaner.post<Transfer>(`${url}/confirm`, {});
    expect(confirmed.body.status).toBe('confirmed');
    expect((await assetRow(t.db, sy1.id)).custodian_id).toBe(ids.cleaner);
  });

  it('filters by direction and status, and exports', async () => {
    const outgoing = await security.get<{ items: { requestedBy: string; fromUserId: string | null }[] }>(
      '/api/v1/custody-transfers?mine=outgoing',
    );
    expect(outgoing.body.items.length).toBe(2);
    expect(outgoing.body.items.every((i) => i.requestedBy === ids.security)).toBe(true);
    const incoming = await tech.get<{ items: { status: string }[] }>('/api/v1/custody-transfers?mine=incoming');
    expect(incoming.body.items.map((i) => i.status).sort()).toEqual(['cancelled', 'cancelled', 'rejected']);
    const xlsx = await admin.req('GET', '/api/v1/custody-transfers?format=xlsx');
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.raw.headers['content-type'])).toContain('spreadsheetml');
  });
});
