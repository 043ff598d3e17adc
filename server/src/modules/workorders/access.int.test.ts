import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrderDto } from '../../../../contracts/workorders.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { createCounter } from '../counters/testing.js';
import { siteIdOf, userIdOf } from '../equipment/testing.js';

type ErrorBody = { error: { code: string; details?: { fields?: { field: string; message: string }[] } } };
// a 1×1 PNG: attachments are checked by their bytes
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** Who may touch what on a work order beyond the life cycle: photos, counters, cancel, dispatch targets, re-rating. */
describe(`work orders: the edges of access (${ENGINE})`, () => {
  let t: TestApp;
  let requester: Client;
  let dispatcher: Client;
  let tech: Client;
  let vendor: Client;
  let admin: Client;
  let cc: string;
  let techId: string;

  beforeAll(async () => {
    t = await createTestApp();
    requester = await login(t.app, 'requester');
    dispatcher = await login(t.app, 'dispatcher');
    tech = await login(t.app, 'tech');
    vendor = await login(t.app, 'vendor');
    admin = await login(t.app, 'admin');
    cc = await siteIdOf(t.db, 'CC');
    techId = await userIdOf(t.db, 'tech');
  });
  afterAll(() => t.close());

  const report = (c: Client, body: Record<string, unknown> = {}) =>
    c.post<WorkOrderDto & ErrorBody>('/api/v1/work-orders', {
      siteId: cc,
      category: 'power',
      urgency: 'normal',
      description: '插座没电',
      ...body,
    });
  const step = (c: Client, wo: WorkOrderDto, action: string, body: Record<string, unknown> = {}) =>
    c.post<WorkOrderDto & ErrorBody>(`/api/v1/work-orders/${wo.id}/actions/${action}`, { version: wo.version, ...body });

  function upload(c: Client, ownerType: string, ownerId: string) {
    const boundary = '----houqin-photo';
    const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const payload = Buffer.concat([
      Buffer.from(field('ownerType', ownerType) + field('ownerId', ownerId)),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`),
      PNG,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return c.req<{ id: string }>('POST', '/api/v1/attachments', payload as unknown as InjectOptions['payload'], {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
  }

  it('keeps the technician’s photos his: the reporter sees them but cannot add or delete', async () => {
    let wo = (await report(requester)).body;
    expect((await upload(requester, 'work_order', wo.id)).status).toBe(201); // the fault, while nobody is sent
    wo = (await step(dispatcher, wo, 'dispatch', { assigneeId: techId })).body;
    expect((await upload(requester, 'work_order', wo.id)).status).toBe(403);
    const after = await upload(tech, 'work_order_after', wo.id);
    expect(after.status).toBe(201);
    expect((await requester.get(`/api/v1/attachments?ownerType=work_order_after&ownerId=${wo.id}`)).status).toBe(200);
    expect((await upload(requester, 'work_order_after', wo.id)).status).toBe(403);
    expect((await requester.post(`/api/v1/attachments/${after.body.id}/delete`)).status).toBe(403);
    expect((await dispatcher.post(`/api/v1/attachments/${after.body.id}/delete`)).status).toBe(200);
  });

  it('bills a counter only when its own staff or a clerk raise the repair, and its staff cannot cancel it', async () => {
    const vendorId = await userIdOf(t.db, 'vendor');
    const mine = await createCounter(admin, cc, 'ACC-MINE', [vendorId]);
    const other = await createCounter(admin, cc, 'ACC-OTHER');
    const foreign = await report(vendor, { counterId: other.id });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details?.fields?.map((f) => f.field)).toEqual(['counterId']);
    expect((await report(requester, { counterId: mine.id })).status).toBe(400);
    const own = await report(vendor, { counterId: mine.id });
    expect(own.body).toMatchObject({ kind: 'counter_repair', counterId: mine.id });

    const billed = (
      await report(dispatcher, { counterId: mine.id, channel: 'phone', requesterName: '店长', requesterPhone: '13900000000' })
    ).body;
    expect(billed.kind).toBe('counter_repair');
    const seen = (await vendor.get<WorkOrderDto>(`/api/v1/work-orders/${billed.id}`)).body;
    expect(seen.actions).not.toContain('cancel');
    expect((await step(vendor, seen, 'cancel', { reason: '不想付费' })).status).toBe(403);
  });

  it('sends work only to someone who works on that site (and in that team)', async () => {
    const wo = (await report(requester)).body;
    const techSy = await userIdOf(t.db, 'tech_sy');
    const otherSite = await step(dispatcher, wo, 'dispatch', { assigneeId: techSy });
    expect(otherSite.status).toBe(400);
    expect(otherSite.body.error.details?.fields?.map((f) => f.field)).toEqual(['assigneeId']);
    const notTech = await step(dispatcher, wo, 'dispatch', { assigneeId: await userIdOf(t.db, 'requester') });
    expect(notTech.status).toBe(400);
    expect((await step(dispatcher, wo, 'dispatch', { assigneeId: techId })).status).toBe(200);
  });

  it('asks for a new rating after a reopen and keeps the earlier one in the log', async () => {
    let wo = (await report(requester)).body;
    wo = (await step(dispatcher, wo, 'dispatch', { assigneeId: techId })).body;
    for (const a of ['accept', 'arrive', 'start']) wo = (await step(tech, wo, a)).body;
    wo = (await step(tech, wo, 'finish', { result: '更换插座' })).body;
    wo = (await step(requester, wo, 'approve')).body;
    wo = (await step(requester, wo, 'rate', { ratingAttitude: 5, ratingQuality: 5, ratingEfficiency: 5 })).body;
    wo = (await step(requester, wo, 'reopen', { reason: '又没电了' })).body;
    expect(wo).toMatchObject({ status: 'accepted', reworkCount: 1, ratedAt: null, ratingQuality: null });
    const events = (await requester.get<{ action: string; data: Record<string, unknown> | null }[]>(`/api/v1/work-orders/${wo.id}/events`))
      .body;
    expect(events.find((e) => e.action === 'reopen')?.data).toMatchObject({ rework: true, earlierRating: { quality: 5 } });
  });
});
