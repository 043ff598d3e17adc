import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQRModule from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { insertAsset, locationIdOf, siteIdOf, type TestAsset } from './testing.js';

// jsqr is CommonJS: Node hands ESM its module.exports, whose `default` is the decoder
const jsQR = jsQRModule.default;

/** Text extraction and page rendering need poppler-utils (pdftotext, pdfinfo, pdftoppm, pdffonts). */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-labels-'));
let n = 0;
function savePdf(bytes: Buffer): string {
  const file = path.join(tmp, `labels-${++n}.pdf`);
  fs.writeFileSync(file, bytes);
  return file;
}
/** The text in drawing order (= label order) with line breaks removed, since long names wrap on a label. */
const pdfText = (file: string) => execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
const pdfPages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);

/** Renders page 1 as a greyscale PGM and decodes the QR symbol on it. */
function decodeQr(file: string): string | undefined {
  const base = path.join(tmp, `page-${++n}`);
  execFileSync('pdftoppm', ['-gray', '-r', '100', '-f', '1', '-l', '1', '-singlefile', file, base]);
  const pgm = fs.readFileSync(`${base}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('unexpected PGM header');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) rgba.fill(pixels[i] ?? 255, i * 4, i * 4 + 3).fill(255, i * 4 + 3, i * 4 + 4);
  return jsQR(rgba, width, height)?.data;
}

describe(`QR label printing (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;
  let chiller: TestAsset;
  let pump: TestAsset;
  let sy: TestAsset;
  const print = (c: Client, body: unknown) => c.req('POST', '/api/v1/labels', body);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
    chiller = await insertAsset(t.db, { code: 'ZC-CC-0101', name: '中央空调冷水机组一号', site: 'CC', location: 'CC-A-B1-03' });
    pump = await insertAsset(t.db, { code: 'ZC-CC-0102', name: '生活水泵', site: 'CC', location: 'CC-A-B1-02' });
    await insertAsset(t.db, { code: 'ZC-CC-0103', name: '报废水泵', site: 'CC', location: 'CC-A-B1-02', status: 'scrapped' });
    sy = await insertAsset(t.db, { code: 'ZC-SY-0101', name: '沈阳店配电柜', site: 'SY', location: 'SY-A-B1-01' });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('prints chosen assets as a 50×30 sheet with the Chinese names, codes and an embedded CJK font', async () => {
    const res = await print(admin, {
      targets: [
        { type: 'asset', id: chiller.id },
        { type: 'asset', id: pump.id },
        { type: 'asset', id: sy.id },
      ],
      size: '50x30',
    });
    expect(res.status).toBe(200);
    expect(res.raw.headers['content-type']).toBe('application/pdf');
    const file = savePdf(res.raw.rawPayload);
    const text = pdfText(file);
    for (const s of ['中央空调冷水机组一号', 'ZC-CC-0101', '生活水泵', 'ZC-CC-0102', '沈阳店配电柜', 'ZC-SY-0101', '沈阳店']) {
      expect(text).toContain(s);
    }
    expect(pdfPages(file)).toBe(1);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/\+NotoSansCJKsc-\w+\s+CID Type 0C\s+Identity-H\s+yes yes/);
    // printing gave the assets their codes
    const codes = await t.db.selectFrom('qr_codes').select('target_id').where('target_type', '=', 'asset').execute();
    expect(codes.map((c) => c.target_id)).toEqual(expect.arrayContaining([chiller.id, pump.id, sy.id]));
  });

  it('prints a location subtree with its assets in tree order, one label each, paged by size', async () => {
    const root = await locationIdOf(t.db, 'CC-A-B1');
    const res = await print(admin, { targets: { locationId: root, includeAssets: true }, size: '70x40', cutLines: false });
    expect(res.status).toBe(200);
    const file = savePdf(res.raw.rawPayload);
    const text = pdfText(file);
    // 地下一层, its 3 rooms and every live asset in them (the scrapped pump is left out)
    const rooms = await t.db.selectFrom('locations').select(['id', 'code']).where('code', 'like', 'CC-A-B1%').execute();
    const assets = await t.db
      .selectFrom('assets')
      .select(['code', 'name'])
      .where(
        'location_id',
        'in',
        rooms.map((r) => r.id),
      )
      .where('status', '!=', 'scrapped')
      .execute();
    expect(rooms).toHaveLength(4);
    for (const code of [...rooms.map((r) => r.code), ...assets.map((a) => a.code)]) expect(text).toContain(code);
    for (const name of ['地下一层', '配电室', '水泵房', '空调机房', '生活水泵', '中央空调冷水机组一号']) expect(text).toContain(name);
    expect(text).not.toContain('报废水泵');
    expect(pdfPages(file)).toBe(Math.ceil((rooms.length + assets.length) / 14));
    // tree order: each room, then the assets placed in it
    const order = ['CC-A-B1', 'CC-A-B1-01', 'CC-A-B1-02', 'ZC-CC-0102', 'CC-A-B1-03', 'ZC-CC-0101'].map((c) => text.indexOf(`${c}长春店`));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    const site = await t.db
      .selectFrom('locations')
      .select('id')
      .where('site_id', '=', await siteIdOf(t.db, 'CC'))
      .execute();
    const tops = await t.db.selectFrom('locations').select('id').where('code', 'in', ['CC-A', 'CC-B']).execute();
    let labels = 0;
    let pages = 0;
    for (const top of tops) {
      const whole = await print(admin, { targets: { locationId: top.id }, size: '50x30' });
      const f = savePdf(whole.raw.rawPayload);
      pages += pdfPages(f);
      labels += (pdfText(f).match(/CC-[AB][-\w]*/g) ?? []).length;
    }
    expect(labels).toBe(site.length);
    expect(pages).toBe(2);

    const only = await print(admin, { targets: { locationId: root, subtree: false }, size: 'a5-sign' });
    expect(pdfPages(savePdf(only.raw.rawPayload))).toBe(1);
  });

  it('prints one A5 room sign per location whose QR decodes to the public page', async () => {
    const room = await locationIdOf(t.db, 'CC-A-1F-03');
    const res = await print(admin, {
      targets: [
        { type: 'location', id: room },
        { type: 'asset', id: chiller.id },
      ],
      size: 'a5-sign',
    });
    expect(res.status).toBe(200);
    const file = savePdf(res.raw.rawPayload);
    expect(pdfPages(file)).toBe(2);
    const text = pdfText(file);
    expect(text).toContain('消防控制室');
    expect(text).toContain('扫码查看位置信息');
    const code = (await t.db.selectFrom('qr_codes').select('code').where('target_id', '=', room).executeTakeFirstOrThrow()).code;
    expect(decodeQr(file)).toBe(`${t.config.publicUrl}/q/${code}`);
  });

  it('answers 404 for any target outside the printer’s sites, and 403 without labels:print', async () => {
    const property = await login(t.app, 'property'); // labels:print on 长春店 only
    const ok = await print(property, { targets: [{ type: 'asset', id: chiller.id }], size: '50x30' });
    expect(ok.status).toBe(200);
    const mixed = await print(property, {
      targets: [
        { type: 'asset', id: chiller.id },
        { type: 'asset', id: sy.id },
      ],
      size: '50x30',
    });
    expect(mixed.status).toBe(404);
    expect((mixed.body as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    const syRoot = await locationIdOf(t.db, 'SY-A');
    expect((await print(property, { targets: { locationId: syRoot }, size: '50x30' })).status).toBe(404);
    expect((await print(property, { targets: [{ type: 'location', id: 'no-such-id' }], size: '50x30' })).status).toBe(404);
    const tech = await login(t.app, 'tech');
    expect((await print(tech, { targets: [{ type: 'asset', id: chiller.id }], size: '50x30' })).status).toBe(403);
  });

  it('rejects an unknown size and an empty list with a validation error', async () => {
    const res = await print(admin, { targets: [], size: 'huge' });
    expect(res.status).toBe(400);
    const body = res.body as { error: { code: string; details: { fields: { field: string }[] } } };
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.details.fields.map((f) => f.field)).toEqual(expect.arrayContaining(['size']));
  });
});
