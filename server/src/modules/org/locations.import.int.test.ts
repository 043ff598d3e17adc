import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { readXlsx, writeXlsx } from '../../platform/print/excel.js';

type Client = Awaited<ReturnType<typeof login>>;
interface ImportResult {
  dryRun: boolean;
  total: number;
  imported: number;
  errors: { row: number; column: string; message: string }[];
  preview: { row: number; values: Record<string, unknown> }[];
}
interface Loc {
  id: string;
  code: string;
  parentId: string | null;
  path: string;
  depth: number;
  pathName: string;
}

const HEADERS = ['场所编码', '位置编码', '名称', '类型', '上级位置编码'];

async function workbook(rows: string[][]): Promise<Buffer> {
  return writeXlsx(
    '位置',
    HEADERS.map((header, i) => ({ header, value: (r: string[]) => r[i] ?? '' })),
    rows,
  );
}

async function upload(client: Client, t: TestApp, file: Buffer, dryRun: '0' | '1') {
  const boundary = '----houqin-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="locations.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/locations/import?dryRun=${dryRun}`,
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  return { status: res.statusCode, body: res.json() as ImportResult };
}

describe(`location import (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;
  const byCode = async (code: string) =>
    (await admin.get<{ items: Loc[] }>(`/api/v1/locations?q=${code}&limit=200`)).body.items.find((l) => l.code === code);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t.close());

  it('offers a template with the import columns and an example row', async () => {
    const res = await admin.req('GET', '/api/v1/locations/import-template');
    expect(res.status).toBe(200);
    const sheet = await readXlsx(res.raw.rawPayload);
    expect(sheet.headers).toEqual(HEADERS);
    expect(sheet.rows[0]?.values).toMatchObject({ 场所编码: 'CC', 类型: '楼层', 上级位置编码: 'CC-A' });
  });

  it('dry run lists every error by row and column and writes nothing; the commit refuses too', async () => {
    const file = await workbook([
      ['CC', 'CC-N1', '新楼', '楼栋', ''], // 2 ok
      ['CC', 'CC-N1-1F', '一层', '楼层', 'CC-N1'], // 3 ok
      ['CC', 'CC-A', '重名楼', '楼栋', ''], // 4 code already in the database
      ['ZZ', 'ZZ-1', '某处', '房间', ''], // 5 unknown site
      ['CC', 'CC-N1', '又一栋', 'building', ''], // 6 duplicate of row 2
      ['CC', 'CC-P1', '城堡', '城堡', ''], // 7 bad kind
      ['CC', 'CC-P2', '跨店', 'room', 'SY-A-1F'], // 8 parent in another site
      ['CC', 'CC-P3', '无父', 'room', 'NOPE'], // 9 unknown parent
      ['CC', 'CC-L1', '环一', '', 'CC-L2'], // 10 cycle
      ['CC', 'CC-L2', '环二', '', 'CC-L1'], // 11 cycle
      ['CC', '', '缺编码', '房间', ''], // 12 missing code
    ]);
    const dry = await upload(admin, t, file, '1');
    expect(dry.status).toBe(200);
    expect(dry.body.dryRun).toBe(true);
    expect(dry.body.total).toBe(11);
    expect(dry.body.imported).toBe(0);
    const got = dry.body.errors.map((e) => `${e.row}:${e.column}`);
    expect(got).toEqual([
      '4:位置编码',
      '5:场所编码',
      '6:位置编码',
      '7:类型',
      '8:上级位置编码',
      '9:上级位置编码',
      '10:上级位置编码',
      '11:上级位置编码',
      '12:位置编码',
    ]);
    const message = (row: number) => dry.body.errors.find((e) => e.row === row)?.message ?? '';
    expect(message(4)).toContain('已存在');
    expect(message(6)).toContain('第 2 行');
    expect(message(8)).toContain('沈阳店');
    expect(message(10)).toContain('循环');
    expect(message(12)).toBe('必填');
    expect(dry.body.preview.map((p) => p.row)).toContain(2);
    expect(await byCode('CC-N1')).toBeUndefined();

    const commit = await upload(admin, t, file, '0');
    expect(commit.body.dryRun).toBe(false);
    expect(commit.body.imported).toBe(0);
    expect(commit.body.errors.length).toBe(9);
    expect(await byCode('CC-N1')).toBeUndefined();
    expect(await byCode('CC-N1-1F')).toBeUndefined();
  });

  it('imports parents first, whatever the row order, with correct paths and depths', async () => {
    const file = await workbook([
      ['CC', 'CC-D-2F-01', '会议室', '房间', 'CC-D-2F'], // parent two rows below
      ['CC', 'CC-D-2F', '二层', 'floor', 'CC-D'],
      ['CC', 'CC-D', 'D座办公楼', '楼栋', ''],
      ['CC', 'CC-A-1F-09', '新区域', '区域', 'CC-A-1F'], // parent already in the database
      ['SY', 'CC-D', '沈阳D座', '楼栋', ''], // same code, other site: allowed
    ]);
    const dry = await upload(admin, t, file, '1');
    expect(dry.body.errors).toEqual([]);
    expect(dry.body.preview).toHaveLength(5);
    const res = await upload(admin, t, file, '0');
    expect(res.status).toBe(200);
    expect(res.body.imported).toBe(5);

    const building = (await byCode('CC-D')) as Loc;
    const floor = (await byCode('CC-D-2F')) as Loc;
    const room = (await byCode('CC-D-2F-01')) as Loc;
    expect(building.depth).toBe(0);
    expect(floor.parentId).toBe(building.id);
    expect(room.path).toBe(`/${building.id}/${floor.id}/${room.id}/`);
    expect(room.depth).toBe(2);
    expect(room.pathName).toBe('长春店 / D座办公楼 / 二层 / 会议室');
    const area = (await byCode('CC-A-1F-09')) as Loc;
    expect(area.pathName).toBe('长春店 / A座主楼 / 一层 / 新区域');
    expect(area.depth).toBe(2);
    const both = (await admin.get<{ items: Loc[] }>('/api/v1/locations?q=CC-D&limit=50')).body.items.filter((l) => l.code === 'CC-D');
    expect(both).toHaveLength(2);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', room.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['import']);

    // importing the same file again: every code is now taken
    const again = await upload(admin, t, file, '1');
    expect(again.body.errors.filter((e) => e.column === '位置编码')).toHaveLength(5);
  });

  it('refuses users without org:manage and files that are not spreadsheets', async () => {
    const tech = await login(t.app, 'tech');
    const file = await workbook([['CC', 'CC-T1', '某处', '房间', '']]);
    expect((await upload(tech, t, file, '1')).status).toBe(403);
    const junk = await upload(admin, t, Buffer.from('not a spreadsheet'), '1');
    expect(junk.status).toBe(422);
  });
});
