import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import type { AssetDto } from './assets.dto.js';

type Client = Awaited<ReturnType<typeof login>>;
interface ErrorBody {
  error: { code: string; details?: { fields: { field: string; message: string }[] } };
}

describe(`asset bulk actions (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;
  let cc: AssetDto[];
  let sy: AssetDto[];
  const locationId = async (code: string) =>
    (await t.db.selectFrom('locations').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const userId = async (username: string) =>
    (await t.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const auditActions = async (id: string) =>
    (await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).orderBy('id').execute()).map((a) => a.action);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
    const all = (await admin.get<{ items: AssetDto[] }>('/api/v1/assets?limit=200&fire=0')).body.items;
    cc = all.filter((a) => a.siteCode === 'CC');
    sy = all.filter((a) => a.siteCode === 'SY');
  });
  afterAll(() => t.close());

  it('moves several assets in one transaction and audits each', async () => {
    const picked = cc.slice(0, 3).map((a) => a.id);
    const target = await locationId('CC-B-1F-01');
    const res = await admin.post<{ updated: number }>('/api/v1/assets/bulk', { ids: picked, action: 'move', locationId: target });
    expect(res.status).toBe(200);
    expect(res.body.updated).toBe(3);
    for (const id of picked) {
      const a = (await admin.get<AssetDto>(`/api/v1/assets/${id}`)).body;
      expect(a.locationPath).toBe('长春店 / B座后区 / 一层库房 / 专柜库房');
      expect(a.version).toBe(2);
      expect(await auditActions(id)).toEqual(['move']);
    }
    // repeating the same move changes nothing
    const again = await admin.post<{ updated: number }>('/api/v1/assets/bulk', { ids: picked, action: 'move', locationId: target });
    expect(again.body.updated).toBe(0);
  });

  it('changes custodian and department, and status', async () => {
    const picked = cc.slice(3, 5).map((a) => a.id);
    const res = await admin.post<{ updated: number }>('/api/v1/assets/bulk', {
      ids: picked,
      action: 'custodian',
      custodianId: await userId('dispatcher'),
      departmentId: null,
    });
    expect(res.body.updated).toBe(2);
    const a = (await admin.get<AssetDto>(`/api/v1/assets/${picked[0]}`)).body;
    expect(a).toMatchObject({ custodianName: '李调度', departmentId: null });
    const status = await admin.post<{ updated: number }>('/api/v1/assets/bulk', { ids: picked, action: 'status', status: 'disabled' });
    expect(status.body.updated).toBe(2);
    expect(await auditActions(picked[1] as string)).toEqual(['custodian', 'status']);
    const timeline = (await admin.get<{ title: string }[]>(`/api/v1/assets/${picked[1]}/timeline`)).body;
    expect(timeline.map((e) => e.title)).toEqual(['状态变更', '责任人变更', '建档']);
  });

  it('changes nothing when one asset is on another site than the target location', async () => {
    const mixed = [cc[5]?.id, sy[0]?.id] as string[];
    const res = await admin.post<ErrorBody>('/api/v1/assets/bulk', {
      ids: mixed,
      action: 'move',
      locationId: await locationId('CC-A-1F-01'),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details?.fields[0]?.message).toContain(sy[0]?.code as string);
    expect(await auditActions(cc[5]?.id as string)).toEqual([]);
  });

  it('answers 404 and changes nothing when one asset is outside the actor’s sites', async () => {
    const property = await login(t.app, 'property');
    const ids = [cc[6]?.id, sy[1]?.id] as string[];
    const res = await property.post<ErrorBody>('/api/v1/assets/bulk', { ids, action: 'status', status: 'scrapped' });
    expect(res.status).toBe(404);
    expect((await admin.get<AssetDto>(`/api/v1/assets/${cc[6]?.id}`)).body.status).toBe('in_use');
    const unknown = await property.post<ErrorBody>('/api/v1/assets/bulk', {
      ids: [cc[6]?.id, 'no-such-id'],
      action: 'status',
      status: 'scrapped',
    });
    expect(unknown.status).toBe(404);
    const own = await property.post<{ updated: number }>('/api/v1/assets/bulk', { ids: [cc[6]?.id], action: 'status', status: 'standby' });
    expect(own.body.updated).toBe(1);
  });

  it('refuses readers without assets:manage and a missing target', async () => {
    const tech = await login(t.app, 'tech');
    expect((await tech.post('/api/v1/assets/bulk', { ids: [cc[7]?.id], action: 'status', status: 'standby' })).status).toBe(403);
    const missing = await admin.post<ErrorBody>('/api/v1/assets/bulk', { ids: [cc[7]?.id], action: 'status' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details?.fields[0]?.field).toBe('status');
  });
});
