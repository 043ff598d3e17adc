import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';

interface Dto {
  id: string;
  createdByName: string | null;
  mime: string;
  size: number;
  sha256: string;
  filename: string;
  siteId: string | null;
}
interface ErrorBody {
  error: { code: string; message: string; details?: { fields: { field: string; message: string }[] } };
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(24, 1)]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.from([0x90, 0x00, 0x03, 0x00]), Buffer.alloc(64)]);

function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer; type?: string }) {
  const boundary = `----houqin${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function upload(c: Client, fields: Record<string, string>, file?: { name: string; data: Buffer; type?: string }) {
  const { body, headers } = multipart(fields, file);
  return c.req<Dto & ErrorBody>('POST', '/api/v1/attachments', body, headers);
}

describe(`attachments (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;
  let sites: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
    const list = await admin.get<{ items: { id: string; code: string }[] }>('/api/v1/sites');
    sites = Object.fromEntries(list.body.items.map((s) => [s.code, s.id]));
  });
  afterAll(() => t.close());

  it('types an upload from its bytes and downloads it byte for byte; a PDF named .jpg is type spoofing (415)', async () => {
    const res = await upload(
      admin,
      { ownerType: 'site', ownerId: sites.SY as string },
      { name: '消防检查报告.pdf', data: PDF, type: 'application/octet-stream' },
    );
    expect(res.status).toBe(201);
    expect(res.body.mime).toBe('application/pdf');
    expect(res.body.siteId).toBe(sites.SY);
    expect(res.body.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));
    const dl = await admin.req('GET', `/api/v1/attachments/${res.body.id}/content`);
    expect(dl.status).toBe(200);
    expect(dl.raw.rawPayload.equals(PDF)).toBe(true);
    expect(dl.raw.headers['content-type']).toBe('application/pdf');
    expect(dl.raw.headers['content-disposition']).toBe(
      `inline; filename="______.pdf"; filename*=UTF-8''${encodeURIComponent('消防检查报告.pdf')}`,
    );
    expect(dl.raw.headers['x-content-type-options']).toBe('nosniff');
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', res.body.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);
    const spoofed = await upload(
      admin,
      { ownerType: 'site', ownerId: sites.SY as string },
      { name: '消防检查报告.jpg', data: PDF, type: 'image/jpeg' },
    );
    expect(spoofed.status).toBe(415);
    expect(spoofed.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses an .exe renamed .png with 415 naming the allowed types', async () => {
    const res = await upload(
      admin,
      { ownerType: 'site', ownerId: sites.CC as string },
      { name: 'photo.png', data: EXE, type: 'image/png' },
    );
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(res.body.error.message).toContain('JPEG');
    expect(res.body.error.message).toContain('PDF');
    const stored = await t.db.selectFrom('attachments').select('id').where('filename', '=', 'photo.png').execute();
    expect(stored).toEqual([]);
  });

  it('serves text as an attachment download with charset, and lists by owner', async () => {
    const csv = Buffer.from('编号,名称\nA-01,配电室\n');
    const res = await upload(admin, { ownerType: 'site', ownerId: sites.CC as string }, { name: '房间.csv', data: csv });
    expect(res.body.mime).toBe('text/csv');
    const dl = await admin.req('GET', `/api/v1/attachments/${res.body.id}/content`);
    expect(dl.raw.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(String(dl.raw.headers['content-disposition'])).toMatch(/^attachment; /);
    const list = await admin.get<{ items: Dto[] }>(`/api/v1/attachments?ownerType=site&ownerId=${sites.CC}`);
    expect(list.body.items.map((a) => a.filename)).toEqual(['房间.csv']);
    expect(list.body.items[0]?.createdByName).toBe('系统管理员');
  });

  it('hides another site’s attachments from a 长春店 user (404), and lets them see their own site’s', async () => {
    const sy = await upload(admin, { ownerType: 'site', ownerId: sites.SY as string }, { name: 'plan.png', data: PNG });
    const tech = await login(t.app, 'tech');
    const content = await tech.get<ErrorBody>(`/api/v1/attachments/${sy.body.id}/content`);
    expect(content.status).toBe(404);
    expect(content.body.error.code).toBe('NOT_FOUND');
    expect((await tech.get(`/api/v1/attachments?ownerType=site&ownerId=${sites.SY}`)).status).toBe(404);
    expect((await tech.post(`/api/v1/attachments/${sy.body.id}/delete`)).status).toBe(404);
    const own = await upload(tech, { ownerType: 'site', ownerId: sites.SY as string }, { name: 'x.png', data: PNG });
    expect(own.status).toBe(404);
    expect((await tech.get(`/api/v1/attachments?ownerType=site&ownerId=${sites.CC}`)).status).toBe(200);
    // tech may read 长春店 but not change the site record: uploading to it is forbidden
    const cc = await upload(tech, { ownerType: 'site', ownerId: sites.CC as string }, { name: 'x.png', data: PNG });
    expect(cc.status).toBe(403);
  });

  it('soft-deletes with an audit entry; the file disappears from lists and downloads', async () => {
    const up = await upload(admin, { ownerType: 'site', ownerId: sites.XX as string }, { name: '食堂.png', data: PNG });
    const del = await admin.post<{ deletedAt: string }>(`/api/v1/attachments/${up.body.id}/delete`);
    expect(del.status).toBe(200);
    expect(del.body.deletedAt).toBe(t.clock.now().toISOString());
    const row = await t.db.selectFrom('attachments').selectAll().where('id', '=', up.body.id).executeTakeFirstOrThrow();
    expect(row.deleted_at).not.toBeNull();
    expect((await admin.get(`/api/v1/attachments/${up.body.id}/content`)).status).toBe(404);
    const list = await admin.get<{ items: Dto[] }>(`/api/v1/attachments?ownerType=site&ownerId=${sites.XX}`);
    expect(list.body.items).toEqual([]);
    expect((await admin.post(`/api/v1/attachments/${up.body.id}/delete`)).status).toBe(404);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'diff']).where('entity_id', '=', up.body.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
    expect(Object.keys(JSON.parse(audit[1]?.diff ?? '{}'))).toEqual(['deleted_at']);
  });

  it('lets a person attach files to their own profile; others need users:read', async () => {
    const requester = await login(t.app, 'requester');
    const up = await upload(requester, { ownerType: 'user', ownerId: requester.userId }, { name: '证件.png', data: PNG });
    expect(up.status).toBe(201);
    expect(up.body.siteId).toBeNull();
    const mine = await requester.get<{ items: Dto[] }>(`/api/v1/attachments?ownerType=user&ownerId=${requester.userId}`);
    expect(mine.body.items).toHaveLength(1);
    const tech = await login(t.app, 'tech'); // users:read
    expect((await tech.get(`/api/v1/attachments/${up.body.id}/content`)).status).toBe(200);
    const vendor = await login(t.app, 'vendor'); // no users:read
    expect((await vendor.get(`/api/v1/attachments/${up.body.id}/content`)).status).toBe(404);
    // the requester cannot even see other users (no users:read): 404, not 403
    const other = await upload(requester, { ownerType: 'user', ownerId: tech.userId }, { name: 'x.png', data: PNG });
    expect(other.status).toBe(404);
    // tech sees users but may not change them (no users:manage): 403
    const techUpload = await upload(tech, { ownerType: 'user', ownerId: requester.userId }, { name: 'x.png', data: PNG });
    expect(techUpload.status).toBe(403);
  });

  it('lists every missing field, and refuses unknown owner types with 400', async () => {
    const none = await upload(admin, {});
    expect(none.status).toBe(400);
    expect(none.body.error.details?.fields.map((f) => f.field).sort()).toEqual(['file', 'ownerId', 'ownerType']);
    const unknown = await upload(admin, { ownerType: 'spaceship', ownerId: 'x' }, { name: 'a.png', data: PNG });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details?.fields[0]?.field).toBe('ownerType');
    const listUnknown = await admin.get<ErrorBody>('/api/v1/attachments?ownerType=spaceship&ownerId=x');
    expect(listUnknown.status).toBe(400);
    const json = await admin.post<ErrorBody>('/api/v1/attachments', { ownerType: 'site' });
    expect(json.status).toBe(415);
  });
});

describe(`attachments size limit (${ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { UPLOAD_MAX_MB: '1' } });
  });
  afterAll(() => t.close());

  it('answers 413 above UPLOAD_MAX_MB and accepts a file just under it', async () => {
    const admin = await login(t.app, 'admin');
    const site = (await admin.get<{ items: { id: string }[] }>('/api/v1/sites')).body.items[0]?.id as string;
    const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024, 0x20)]);
    const res = await upload(admin, { ownerType: 'site', ownerId: site }, { name: 'big.pdf', data: big });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.body.error.message).toContain('1 MB');
    const ok = await upload(admin, { ownerType: 'site', ownerId: site }, { name: 'ok.pdf', data: big.subarray(0, 1024 * 1024 - 10) });
    expect(ok.status).toBe(201);
    expect(ok.body.size).toBe(1024 * 1024 - 10);
  });
});
