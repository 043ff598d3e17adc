import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicWorkOrderDto, WorkOrderDto, WorkOrderEventDto } from '../../../../contracts/workorders.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { siteIdOf, userIdOf } from '../equipment/testing.js';
import type { PublicReportOptions, PublicReportResult } from './public.intake.js';
import { REPORTS_PER_ADDRESS, REPORTS_PER_CODE } from './public.routes.js';
import type { PublicLookupItem } from './public.track.js';

type ErrorBody = { error: { code: string; message: string; details?: { fields?: { field: string; message: string }[] } } };
type Answer<T> = { status: number; body: T & ErrorBody };

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)]);
const PDF = Buffer.from('%PDF-1.4\n%fake\n');

interface Photo {
  name: string;
  data: Buffer;
}

function multipart(fields: Record<string, string>, photos: Photo[] = []) {
  const boundary = `----houqin${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const p of photos) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="photos"; filename="${p.name}"\r\ncontent-type: application/octet-stream\r\n\r\n`,
      ),
      p.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe(`public QR report and follow-up (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;
  let dispatcher: Client;
  let cc: string;
  let techId: string;
  let locationCode: string;
  let locationId: string;
  let ipCounter = 0;
  /** each test reports from its own address, so the per-address limit only bites where it is tested */
  const newIp = () => `203.0.113.${++ipCounter}`;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
    dispatcher = await login(t.app, 'dispatcher');
    cc = await siteIdOf(t.db, 'CC');
    techId = await userIdOf(t.db, 'tech');
    const qr = await t.db
      .selectFrom('qr_codes')
      .select(['code', 'target_id'])
      .where('target_type', '=', 'location')
      .where('site_id', '=', cc)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    locationCode = qr.code;
    locationId = qr.target_id;
  });
  afterAll(() => t.close());

  async function anon<T>(method: InjectOptions['method'], url: string, opts: { ip?: string; payload?: unknown } = {}): Promise<Answer<T>> {
    const res = await t.app.inject({ method, url, headers: { 'x-forwarded-for': opts.ip ?? newIp() }, payload: opts.payload as never });
    return { status: res.statusCode, body: res.json() };
  }

  async function report(code: string, fields: Record<string, string>, photos: Photo[] = [], ip = newIp()) {
    const { body, contentType } = multipart(fields, photos);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/q/${code}/report`,
      headers: { 'content-type': contentType, 'x-forwarded-for': ip },
      payload: body,
    });
    return { status: res.statusCode, body: res.json() as PublicReportResult & ErrorBody };
  }

  const validReport = { description: '男卫生间水龙头一直漏水', phone: '138-0000-1111', name: '李先生' };

  async function orderOf(number: string): Promise<WorkOrderDto> {
    const list = await dispatcher.get<{ items: WorkOrderDto[] }>(`/api/v1/work-orders?q=${encodeURIComponent(number)}`);
    const wo = list.body.items.find((w) => w.number === number);
    if (!wo) throw new Error(`work order ${number} not visible to the dispatcher`);
    return wo;
  }

  /** The dispatcher (who may take every step) brings the order to 待验收, whatever automatic dispatch did. */
  async function resolve(number: string): Promise<WorkOrderDto> {
    let wo = await orderOf(number);
    const steps: Record<string, [string, Record<string, unknown>]> = {
      pending: ['dispatch', { assigneeId: techId }],
      dispatched: ['accept', {}],
      accepted: ['arrive', {}],
      arrived: ['start', {}],
      in_progress: ['finish', { result: '更换阀芯', cause: 'ageing' }],
    };
    while (wo.status !== 'resolved') {
      const step = steps[wo.status];
      if (!step) throw new Error(`cannot resolve from ${wo.status}`);
      const res = await dispatcher.post<WorkOrderDto>(`/api/v1/work-orders/${wo.id}/actions/${step[0]}`, {
        version: wo.version,
        ...step[1],
      });
      if (res.status !== 200) throw new Error(`${step[0]} failed: ${res.status} ${JSON.stringify(res.body)}`);
      wo = res.body;
    }
    return wo;
  }

  it('offers the active categories and urgencies of the label’s organisation', async () => {
    const res = await anon<PublicReportOptions>('GET', `/api/v1/public/q/${locationCode.toLowerCase()}/options`);
    expect(res.status).toBe(200);
    expect(res.body.enabled).toBe(true);
    expect(res.body.categories.map((c) => c.code)).toContain('other');
    expect(res.body.categories.find((c) => c.code === 'plumbing')).toEqual({
      code: 'plumbing',
      zh: '给排水',
      en: 'Water supply & drainage',
    });
    expect(res.body.urgencies.map((u) => u.code)).toEqual(['emergency', 'urgent', 'normal']);
    expect(res.body.maxPhotos).toBe(3);
    expect((await anon('GET', '/api/v1/public/q/ZZZZZZZZ/options')).status).toBe(404);
  });

  it('takes an anonymous report from a location label with photos, and the follow-up link shows it without phone numbers', async () => {
    const res = await report(locationCode, { ...validReport, category: 'plumbing', urgency: 'urgent' }, [
      { name: 'leak.png', data: PNG },
      { name: 'C:\\fakepath\\tap.jpg', data: JPEG },
    ]);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.number).toMatch(/^WX-\d{8}-\d{4}$/);
    expect(res.body.trackUrl).toBe(`${t.config.publicUrl.replace(/\/+$/, '')}/track/${res.body.token}`);

    const wo = await orderOf(res.body.number);
    expect(wo).toMatchObject({
      channel: 'qr',
      siteId: cc,
      locationId,
      assetId: null,
      category: 'plumbing',
      urgency: 'urgent',
      requesterId: null,
      ownerId: null,
      requesterName: '李先生',
      requesterPhone: '138-0000-1111',
      createdBy: null,
    });
    const photos = await dispatcher.get<{ items: { filename: string; mime: string }[] }>(
      `/api/v1/attachments?ownerType=work_order&ownerId=${wo.id}`,
    );
    expect(photos.body.items.map((p) => [p.filename, p.mime]).sort()).toEqual([
      ['leak.png', 'image/png'],
      ['tap.jpg', 'image/jpeg'],
    ]);
    const events = (await dispatcher.get<WorkOrderEventDto[]>(`/api/v1/work-orders/${wo.id}/events`)).body;
    expect(events[0]).toMatchObject({ action: 'create', actorId: null, actorName: '扫码报修（李先生）' });

    const track = await anon<PublicWorkOrderDto>('GET', `/api/v1/public/track/${res.body.token}`);
    expect(track.status).toBe(200);
    expect(track.body).toMatchObject({
      number: res.body.number,
      category: 'plumbing',
      categoryName: { zh: '给排水', en: 'Water supply & drainage' },
      description: validReport.description,
      rated: false,
      actions: [],
    });
    expect(track.body.locationPath).toBeTruthy();
    expect(track.body.events[0]).toEqual({ at: expect.any(String), action: 'create', toStatus: 'pending' });
    const text = JSON.stringify(track.body);
    expect(text).not.toContain('1111');
    expect(text).not.toContain('李先生');
    expect(Object.keys(track.body)).not.toContain('requesterPhone');
  });

  it('takes a report from an asset label: the asset’s site and location; category and urgency default', async () => {
    const asset = await t.db
      .selectFrom('assets')
      .select(['id', 'site_id', 'location_id'])
      .where('site_id', '=', cc)
      .where('location_id', 'is not', null)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const qr = await admin.get<{ code: string }>(`/api/v1/qr-codes/asset/${asset.id}`);
    expect(qr.status).toBe(200);
    const res = await report(qr.body.code, { description: '空调不制冷', phone: '13900002222' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const wo = await orderOf(res.body.number);
    expect(wo).toMatchObject({
      channel: 'qr',
      siteId: asset.site_id,
      locationId: asset.location_id,
      assetId: asset.id,
      category: 'other',
      urgency: 'normal',
      requesterName: null,
    });
    const events = (await dispatcher.get<WorkOrderEventDto[]>(`/api/v1/work-orders/${wo.id}/events`)).body;
    expect(events[0]?.actorName).toBe('扫码报修');
  });

  it('lists every bad field at once and creates nothing when a photo is not an image', async () => {
    const count = async () => {
      const [orders, files] = await Promise.all([
        t.db
          .selectFrom('work_orders')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
        t.db
          .selectFrom('attachments')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return [Number(orders.n), Number(files.n)];
    };
    const before = await count();
    const pdf = await report(locationCode, validReport, [
      { name: 'ok.png', data: PNG },
      { name: 'scan.pdf', data: PDF },
    ]);
    expect(pdf.status).toBe(400);
    expect(pdf.body.error.details?.fields).toEqual([{ field: 'photos', message: expect.stringContaining('scan.pdf') }]);

    const bad = await report(locationCode, { description: ' ', phone: 'abc', category: 'nope', urgency: 'never', name: '名'.repeat(51) }, [
      { name: 'note.txt', data: Buffer.from('hello') },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details?.fields?.map((f) => f.field)).toEqual(['description', 'category', 'urgency', 'name', 'phone', 'photos']);
    const noPhone = await report(locationCode, { description: '门锁坏了' });
    expect(noPhone.body.error.details?.fields?.map((f) => f.field)).toEqual(['phone']);

    const tooMany = await report(
      locationCode,
      validReport,
      [1, 2, 3, 4].map((i) => ({ name: `${i}.png`, data: PNG })),
    );
    expect(tooMany.status).toBe(400);
    expect(await count()).toEqual(before);
    expect((await report('ZZZZZZZZ', validReport)).status).toBe(404);
  });

  it('answers 429 after the per-address limit, and after the per-label limit from many addresses', async () => {
    const ip = newIp();
    for (let i = 0; i < REPORTS_PER_ADDRESS.max; i++) {
      expect((await report(locationCode, { description: '' }, [], ip)).status).toBe(400);
    }
    const limited = await report(locationCode, validReport, [], ip);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect((await report(locationCode, validReport)).status).toBe(201);

    const other = await t.db
      .selectFrom('qr_codes')
      .select('code')
      .where('target_type', '=', 'location')
      .where('code', '!=', locationCode)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < REPORTS_PER_CODE.max; i++) expect((await report(other.code, { description: '' })).status).toBe(400);
    const crowd = await report(other.code, validReport);
    expect(crowd.status).toBe(429);
    expect(crowd.body.error.code).toBe('RATE_LIMITED');
  });

  it('refuses with 403 while the organisation has switched the QR report off', async () => {
    const orgId = (await t.db.selectFrom('organizations').select('id').executeTakeFirstOrThrow()).id;
    const previous = await t.db.selectFrom('work_order_settings').selectAll().where('org_id', '=', orgId).executeTakeFirst();
    await t.db.deleteFrom('work_order_settings').where('org_id', '=', orgId).execute();
    await t.db
      .insertInto('work_order_settings')
      .values({ org_id: orgId, auto_accept_days: 3, public_intake: 0, updated_at: new Date().toISOString() })
      .execute();
    try {
      const res = await report(locationCode, validReport);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      expect((await anon<PublicReportOptions>('GET', `/api/v1/public/q/${locationCode}/options`)).body.enabled).toBe(false);
    } finally {
      await t.db.deleteFrom('work_order_settings').where('org_id', '=', orgId).execute();
      if (previous) await t.db.insertInto('work_order_settings').values(previous).execute();
    }
    expect((await report(locationCode, validReport)).status).toBe(201);
  });

  it('lets the reporter reject with a reason, accept and rate through the link only', async () => {
    const { token, number } = (await report(locationCode, validReport)).body;
    const act = (action: string, body: Record<string, unknown> = {}, key = token) =>
      anon<PublicWorkOrderDto>('POST', `/api/v1/public/track/${key}/actions/${action}`, { payload: body });

    const early = await act('approve');
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { action: 'approve' } });

    await resolve(number);
    const shown = await anon<PublicWorkOrderDto>('GET', `/api/v1/public/track/${token}`);
    expect(shown.body).toMatchObject({ status: 'resolved', result: '更换阀芯', actions: ['approve', 'reject'] });
    expect(shown.body.assigneeName).toBeTruthy();

    expect((await act('approve', {}, 'x'.repeat(24))).status).toBe(404);
    expect((await anon('GET', `/api/v1/public/track/${'y'.repeat(24)}`)).status).toBe(404);
    expect((await act('cancel', { reason: '不修了' })).status).toBe(400);

    const noReason = await act('reject');
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details?.fields?.map((f) => f.field)).toEqual(['reason']);
    const rejected = await act('reject', { reason: '还在滴水' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'in_progress', actions: [] });

    await resolve(number);
    const approved = await act('approve');
    expect(approved.body).toMatchObject({ status: 'completed', actions: ['rate'], rated: false });
    expect(approved.body.completedAt).toBeTruthy();
    const partial = await act('rate', { ratingAttitude: 5, ratingQuality: 4 });
    expect(partial.status).toBe(400);
    expect(partial.body.error.details?.fields?.map((f) => f.field)).toEqual(['ratingEfficiency']);
    const rated = await act('rate', { ratingAttitude: 5, ratingQuality: 4, ratingEfficiency: 3, comment: '师傅很耐心' });
    expect(rated.body).toMatchObject({ status: 'rated', rated: true, actions: [] });
    expect((await act('rate', { ratingAttitude: 1, ratingQuality: 1, ratingEfficiency: 1 })).status).toBe(409);

    const wo = await orderOf(number);
    expect(wo).toMatchObject({ reworkCount: 1, ratingAttitude: 5, ratingQuality: 4, ratingEfficiency: 3, ratingComment: '师傅很耐心' });
    const events = (await dispatcher.get<WorkOrderEventDto[]>(`/api/v1/work-orders/${wo.id}/events`)).body;
    const byReporter = events.filter((e) => e.actorName === '报修人（扫码）');
    expect(byReporter.map((e) => [e.action, e.actorId])).toEqual([
      ['reject', null],
      ['approve', null],
      ['rate', null],
    ]);
    expect(byReporter[0]?.reason).toBe('还在滴水');
    expect(rated.body.events.map((e) => e.action)).toEqual(events.map((e) => e.action));
  });

  it('finds the link again by number and phone, with one 404 for a wrong number or a wrong phone', async () => {
    const { token, number } = (await report(locationCode, { ...validReport, phone: '(0431) 8888-1234' })).body;
    const find = (n: string, phone: string) =>
      anon<{ items: PublicLookupItem[] }>('GET', `/api/v1/public/track?number=${encodeURIComponent(n)}&phone=${encodeURIComponent(phone)}`);
    const found = await find(number.toLowerCase(), '043188881234');
    expect(found.status).toBe(200);
    expect(found.body.items).toEqual([{ token, number, siteName: '长春店', status: expect.any(String), createdAt: expect.any(String) }]);

    const wrongPhone = await find(number, '04318888123');
    const wrongNumber = await find('WX-19990101-0001', '043188881234');
    expect(wrongPhone.status).toBe(404);
    expect(wrongNumber.status).toBe(404);
    expect(wrongPhone.body.error.message).toBe(wrongNumber.body.error.message);
    expect((await find(number, '')).status).toBe(400);
  });
});
