import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { isQrCode } from './qr.codes.js';
import { ensureQrCodesForLocations } from './qr.service.js';
import { insertAsset, locationIdOf, orgIdOf, type TestAsset } from './testing.js';

interface PublicView {
  type: string;
  name: string;
  code: string;
  siteName: string;
  locationPath: string | null;
  status: string;
}

describe(`QR codes (${ENGINE})`, () => {
  let t: TestApp;
  let cc: TestAsset;
  let sy: TestAsset;
  const publicGet = (code: string, remoteAddress = '10.0.0.1') =>
    t.app.inject({ method: 'GET', url: `/api/v1/public/q/${code}`, remoteAddress });

  beforeAll(async () => {
    t = await createTestApp();
    cc = await insertAsset(t.db, {
      code: 'ZC-CC-0001',
      name: '1号冷水机组',
      site: 'CC',
      location: 'CC-A-B1-03',
      status: 'under_repair',
      qr: 'CCQR2345',
    });
    sy = await insertAsset(t.db, { code: 'ZC-SY-0001', name: '沈阳店配电柜', site: 'SY', location: 'SY-A-B1-01', qr: 'SYQR2345' });
  });
  afterAll(() => t.close());

  it('shows a scanned asset without login: name, code, place and status only', async () => {
    const res = await publicGet('CCQR2345');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      type: 'asset',
      name: '1号冷水机组',
      code: 'ZC-CC-0001',
      siteName: '长春店',
      locationPath: '长春店 / A座主楼 / 地下一层 / 空调机房',
      status: 'under_repair',
    });
  });

  it('accepts a code typed in lower case and answers 404 for unknown or malformed codes', async () => {
    expect((await publicGet('ccqr2345')).json<PublicView>().code).toBe('ZC-CC-0001');
    const unknown = await publicGet('ZZZZ2345');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ error: { code: string } }>().error.code).toBe('NOT_FOUND');
    expect((await publicGet('not-a-code')).statusCode).toBe(404);
    expect((await publicGet('O0O0I1I1')).statusCode).toBe(404);
  });

  it('gives every location a code in bulk, once, and shows a location publicly', async () => {
    const orgId = await orgIdOf(t.db);
    const locations = await t.db.selectFrom('locations').select('id').execute();
    // start-up may already have run it: take one location's code away to see it filled in
    const first = await locationIdOf(t.db, 'CC-A');
    await t.db.deleteFrom('qr_codes').where('target_id', '=', first).execute();
    const had = await t.db.selectFrom('qr_codes').select('code').where('target_type', '=', 'location').execute();
    const created = await ensureQrCodesForLocations(t.db, orgId);
    expect(created).toBe(locations.length - had.length);
    expect(created).toBeGreaterThan(0);
    expect(await ensureQrCodesForLocations(t.db, orgId)).toBe(0);
    const rows = await t.db.selectFrom('qr_codes').selectAll().where('target_type', '=', 'location').execute();
    expect(rows).toHaveLength(locations.length);
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
    expect(rows.every((r) => isQrCode(r.code))).toBe(true);

    const room = await locationIdOf(t.db, 'CC-A-1F-03');
    const code = rows.find((r) => r.target_id === room)?.code ?? '';
    expect((await publicGet(code)).json()).toEqual({
      type: 'location',
      name: '消防控制室',
      code: 'CC-A-1F-03',
      siteName: '长春店',
      locationPath: '长春店 / A座主楼 / 一层 / 消防控制室',
      status: 'active',
    });
  });

  it('links a signed-in person to the full record, and 404s a code of another site', async () => {
    const tech = await login(t.app, 'tech');
    const mine = await tech.get<{ type: string; id: string; link: string }>('/api/v1/q/CCQR2345');
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({ type: 'asset', id: cc.id, link: `/equipment/assets/${cc.id}` });
    const foreign = await tech.get<{ error: { code: string } }>('/api/v1/q/SYQR2345');
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
    const techSy = await login(t.app, 'tech_sy');
    expect((await techSy.get<{ id: string }>('/api/v1/q/SYQR2345')).body.id).toBe(sy.id);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/q/CCQR2345' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('serves the QR image as PNG or SVG to those who may see the record', async () => {
    const tech = await login(t.app, 'tech');
    const png = await tech.req('GET', '/api/v1/qr/CCQR2345.png?width=300');
    expect(png.status).toBe(200);
    expect(png.raw.headers['content-type']).toBe('image/png');
    expect(png.raw.rawPayload.readUInt32BE(16)).toBe(300);
    const svg = await tech.req('GET', '/api/v1/qr/CCQR2345.svg');
    expect(String(svg.raw.headers['content-type'])).toContain('image/svg+xml');
    expect(String(svg.body)).toContain('<svg');
    expect((await tech.req('GET', '/api/v1/qr/SYQR2345.png')).status).toBe(404);
    expect((await tech.req('GET', '/api/v1/qr/CCQR2345.gif')).status).toBe(400);
  });

  it('creates a missing location code on first request and keeps it stable', async () => {
    const admin = await login(t.app, 'admin');
    const room = await locationIdOf(t.db, 'SY-A-2F-01');
    await t.db.deleteFrom('qr_codes').where('target_id', '=', room).execute();
    const first = await admin.get<{ code: string; url: string }>(`/api/v1/qr-codes/location/${room}`);
    expect(first.status).toBe(200);
    expect(isQrCode(first.body.code)).toBe(true);
    expect(first.body.url).toBe(`${t.config.publicUrl}/q/${first.body.code}`);
    const again = await admin.get<{ code: string }>(`/api/v1/qr-codes/location/${room}`);
    expect(again.body.code).toBe(first.body.code);
    const tech = await login(t.app, 'tech');
    expect((await tech.get(`/api/v1/qr-codes/location/${room}`)).status).toBe(404);
    expect((await tech.get<{ code: string }>(`/api/v1/qr-codes/asset/${cc.id}`)).body.code).toBe('CCQR2345');
  });

  it('rate-limits the public page per client address', async () => {
    const address = '10.9.9.9';
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await publicGet('CCQR2345', address)).statusCode);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    const limited = await publicGet('CCQR2345', address);
    expect(statuses[60]).toBe(429);
    expect(limited.json<{ error: { code: string } }>().error.code).toBe('RATE_LIMITED');
    // another phone is not affected
    expect((await publicGet('CCQR2345', '10.9.9.10')).statusCode).toBe(200);
  });
});
