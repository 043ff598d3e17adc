import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { readXlsx, writeXlsx } from '../../platform/print/excel.js';
import type { AssetDto } from './assets.dto.js';

type Client = Awaited<ReturnType<typeof login>>;
interface ImportResult {
  dryRun: boolean;
  mode: string;
  total: number;
  valid: number;
  imported: number;
  errors: { row: number; column: string; message: string }[];
  preview: { row: number; values: Record<string, unknown> }[];
}

const HEADERS = [
  '设备编码',
  '设备名称',
  '分类编码',
  '场所编码',
  '位置编码',
  '上级设备编码',
  '购置日期',
  '购置金额(元)',
  '责任人(用户名)',
  '责任部门编码',
  '状态',
  '生产日期',
  '消防器材类型',
  '属性:车牌号',
  '属性:规格',
];

async function workbook(rows: Record<string, string>[]): Promise<Buffer> {
  return writeXlsx(
    '设备台账',
    HEADERS.map((header) => ({ header, value: (r: Record<string, string>) => r[header] ?? '' })),
    rows,
  );
}

async function upload(client: Client, t: TestApp, file: Buffer, query: string) {
  const boundary = '----houqin-asset-import';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="assets.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`;
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/assets/import?${query}`,
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
  return { status: res.statusCode, body: res.json() as ImportResult };
}

const row = (values: Record<string, string>) => ({ 分类编码: 'office', 场所编码: 'CC', ...values });

describe(`asset import (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;
  const byCode = async (code: string) =>
    (await admin.get<{ items: AssetDto[] }>(`/api/v1/assets?q=${encodeURIComponent(code)}&limit=200`)).body.items.find(
      (a) => a.code === code,
    );

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t.close());

  it('offers a template with Chinese headers and the chosen category’s attribute columns', async () => {
    const vehicle = (await admin.get<{ id: string; code: string }[]>('/api/v1/asset-categories')).body.find((c) => c.code === 'vehicle');
    const res = await admin.req('GET', `/api/v1/assets/import-template?categoryId=${vehicle?.id}`);
    expect(res.status).toBe(200);
    const sheet = await readXlsx(res.raw.rawPayload);
    expect(sheet.headers.slice(0, 4)).toEqual(['设备编码', '设备名称', '分类编码', '场所编码']);
    expect(sheet.headers).toEqual(expect.arrayContaining(['购置金额(元)', '责任人(用户名)', '消防器材类型', '属性:车牌号', '属性:座位数']));
    expect(sheet.headers).not.toContain('属性:规格');
  });

  it('dry run reports every error by row and column; mode all then imports nothing', async () => {
    await admin.post('/api/v1/assets', {
      code: 'IMP-TAKEN',
      name: '已有设备',
      categoryId: (await t.db.selectFrom('asset_categories').select('id').where('code', '=', 'office').executeTakeFirstOrThrow()).id,
      siteId: (await t.db.selectFrom('sites').select('id').where('code', '=', 'CC').executeTakeFirstOrThrow()).id,
    });
    const file = await workbook([
      row({ 设备编码: 'IMP-1', 设备名称: '打印机', 位置编码: 'CC-A-1F-03', '购置金额(元)': '3,999.50', '责任人(用户名)': 'tech' }), // 2 ok
      row({ 设备编码: 'IMP-2', 设备名称: '复印机', 上级设备编码: 'IMP-1', 购置日期: '2026-13-01' }), // 3 bad date
      row({ 设备编码: 'IMP-3', 设备名称: '车', 分类编码: 'nope' }), // 4 unknown category
      row({ 设备编码: 'IMP-4', 设备名称: '柜', 场所编码: 'ZZ' }), // 5 unknown site
      row({ 设备编码: 'IMP-5', 设备名称: '柜', 位置编码: 'SY-A-1F' }), // 6 location of another site
      row({ 设备编码: 'IMP-6', 设备名称: '柜', '责任人(用户名)': 'ghost', 责任部门编码: 'XX9' }), // 7 unknown user + department
      row({ 设备编码: 'IMP-1', 设备名称: '重复' }), // 8 duplicate in file
      row({ 设备编码: 'IMP-TAKEN', 设备名称: '重复' }), // 9 duplicate in database
      row({ 设备名称: '大巴', 分类编码: 'vehicle' }), // 10 missing required attribute
      row({ 设备名称: '灭火器', 分类编码: 'extinguisher', '属性:规格': '3kg', 消防器材类型: '干粉灭火器' }), // 11 bad choice + no production date
      row({ 设备名称: '钱', '购置金额(元)': '12.345' }), // 12 bad money
      row({ 设备名称: '无父', 上级设备编码: 'NOPE' }), // 13 unknown parent
      row({ 设备名称: '', 状态: '坏了' }), // 14 missing name + bad status
    ]);
    const dry = await upload(admin, t, file, 'dryRun=1');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, total: 13, valid: 1, imported: 0 });
    expect(dry.body.errors.map((e) => `${e.row}:${e.column}`)).toEqual([
      '3:购置日期',
      '4:分类编码',
      '5:场所编码',
      '6:位置编码',
      '7:责任人(用户名)',
      '7:责任部门编码',
      '8:设备编码',
      '9:设备编码',
      '10:属性:车牌号',
      '11:生产日期',
      '11:属性:规格',
      '12:购置金额(元)',
      '13:上级设备编码',
      '14:设备名称',
      '14:状态',
    ]);
    const message = (r: number, c: string) => dry.body.errors.find((e) => e.row === r && e.column === c)?.message ?? '';
    expect(message(3, '购置日期')).toContain('2026-13-01');
    expect(message(6, '位置编码')).toContain('其他场所');
    expect(message(8, '设备编码')).toContain('第 2 行');
    expect(message(9, '设备编码')).toContain('已存在');
    expect(message(10, '属性:车牌号')).toBe('车牌号必填');
    expect(message(11, '属性:规格')).toContain('不是可选值');
    expect(dry.body.preview.map((p) => p.row)).toEqual([2]);
    expect(dry.body.preview[0]?.values).toMatchObject({ code: 'IMP-1', purchaseCost: 399950 });

    const all = await upload(admin, t, file, 'dryRun=0&mode=all');
    expect(all.body.imported).toBe(0);
    expect(await byCode('IMP-1')).toBeUndefined();
  });

  it('mode valid imports only the rows without errors, leaving children of bad rows out', async () => {
    const file = await workbook([
      row({ 设备编码: 'V-1', 设备名称: '服务器机柜', 位置编码: 'CC-A-B1-01', '购置金额(元)': '12000', 状态: '备用' }),
      row({ 设备编码: 'V-2', 设备名称: '交换机', 上级设备编码: 'V-1' }),
      row({ 设备编码: 'V-3', 设备名称: '坏日期', 购置日期: '2026-02-30' }),
      row({ 设备编码: 'V-4', 设备名称: '坏父级的子设备', 上级设备编码: 'V-3' }),
      row({ 设备名称: '自动编号的投影仪' }),
    ]);
    const res = await upload(admin, t, file, 'dryRun=0&mode=valid');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, mode: 'valid', total: 5, valid: 3, imported: 3 });
    expect(res.body.errors.map((e) => `${e.row}:${e.column}`)).toEqual(['4:购置日期', '5:上级设备编码']);
    const cabinet = (await byCode('V-1')) as AssetDto;
    expect(cabinet).toMatchObject({ status: 'standby', purchaseCost: 1200000, locationPath: '长春店 / A座主楼 / 地下一层 / 配电室' });
    expect(cabinet.qrCode).toHaveLength(8);
    expect((await byCode('V-2'))?.parentId).toBe(cabinet.id);
    expect(await byCode('V-3')).toBeUndefined();
    expect(await byCode('V-4')).toBeUndefined();
    const numbered = (await admin.get<{ items: AssetDto[] }>(`/api/v1/assets?q=${encodeURIComponent('自动编号')}`)).body.items[0];
    expect(numbered?.code).toMatch(/^ZC-\d{6}$/);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', cabinet.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['import']);
  });

  it('imports a clean file whole, with attribute values, and refuses users without assets:manage', async () => {
    const file = await workbook([
      row({
        设备编码: 'CAR-1',
        设备名称: '商务车',
        分类编码: 'vehicle',
        '属性:车牌号': '吉A12345',
        '责任人(用户名)': 'tech',
        责任部门编码: 'GW',
      }),
      row({
        设备名称: '灭火器',
        分类编码: 'extinguisher',
        '属性:规格': '4kg',
        消防器材类型: 'dry_powder',
        生产日期: '2020/3/1',
        位置编码: 'CC-A-1F-03',
      }),
    ]);
    const res = await upload(admin, t, file, 'dryRun=0');
    expect(res.body.errors).toEqual([]);
    expect(res.body.imported).toBe(2);
    expect((await byCode('CAR-1'))?.attributes).toEqual({ plate_no: '吉A12345' });
    const tech = await login(t.app, 'tech');
    expect((await upload(tech, t, file, 'dryRun=1')).status).toBe(403);
  });
});
