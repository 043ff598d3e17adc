import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_ROLES } from '../../../../contracts/roles.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import type { ImportResult } from '../../platform/http/import.js';
import { readXlsx, writeXlsx } from '../../platform/print/excel.js';

const TECHNICIAN_PERMISSIONS = BUILTIN_ROLES.find((r) => r.code === 'technician')?.permissions ?? [];

const HEADERS = ['用户名', '姓名', '手机号', '工号', '部门编码', '邮箱', '角色编码', '场所编码', '初始密码'];

function xlsx(rows: string[][], headers = HEADERS): Promise<Buffer> {
  return writeXlsx(
    '用户',
    headers.map((h, i) => ({ header: h, value: (r: string[]) => r[i] ?? '' })),
    rows,
  );
}

function multipart(file: Buffer, filename = 'users.xlsx'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----houqin-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
      'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
  );
  return {
    payload: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe(`user import (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t.close());

  const upload = async (client: Client, rows: string[][], dryRun: boolean, headers = HEADERS) => {
    const { payload, headers: h } = multipart(await xlsx(rows, headers));
    return client.req<ImportResult>('POST', `/api/v1/users/import?dryRun=${dryRun ? 1 : 0}`, payload, h);
  };
  const userCount = async () => (await t.db.selectFrom('users').select('id').execute()).length;

  it('downloads a template whose headers are the import columns', async () => {
    const res = await admin.req('GET', '/api/v1/users/import-template');
    expect(res.status).toBe(200);
    const sheet = await readXlsx(res.raw.rawPayload);
    expect(sheet.headers).toEqual(HEADERS);
    expect(sheet.rows[0]?.values['场所编码']).toBe('CC');
  });

  it('a dry run reports every error by row and column and writes nothing', async () => {
    const before = await userCount();
    const res = await upload(
      admin,
      [
        ['liu1', '刘一', '13911110001', 'N001', 'GW', 'liu1@example.com', 'technician', 'CC', 'Welcome2026'],
        ['liu2', '刘二', '1391111', 'N002', 'XX-DEPT', 'bad-mail', 'technician', 'CC', 'Welcome2026'],
        ['liu3', '刘三', '', '', '', '', 'wizard', 'MARS', 'Welcome2026'],
        ['liu1', '刘一重复', '13911110001', 'N001', '', '', '', '', 'Welcome2026'],
        ['tech', '已存在', '13800000001', 'E0002', '', '', '', '', 'Welcome2026'],
        ['liu6', '', '', '', '', '', 'technician', '', 'short'],
      ],
      true,
    );
    expect(res.status).toBe(200);
    expect(res.body.imported).toBe(0);
    const errs = res.body.errors.map((e) => `${e.row}:${e.column}`);
    expect(errs).toEqual(
      expect.arrayContaining([
        '3:手机号',
        '3:部门编码',
        '3:邮箱',
        '4:角色编码',
        '4:场所编码',
        '5:用户名',
        '5:手机号',
        '5:工号',
        '6:用户名',
        '6:手机号',
        '6:工号',
        '7:姓名',
        '7:场所编码',
        '7:初始密码',
      ]),
    );
    expect(errs).not.toContain('2:用户名');
    expect(res.body.errors.find((e) => e.row === 5 && e.column === '用户名')?.message).toBe('与第 2 行重复');
    expect(res.body.errors.find((e) => e.row === 3 && e.column === '手机号')?.message).toBe('应为 11 位中国大陆手机号');
    expect(await userCount()).toBe(before);
  });

  it('imports nothing when one row is wrong, everything when all rows are right', async () => {
    const before = await userCount();
    const good = [
      ['zhao1', '赵一', '13922220001', 'M001', 'GW', '', 'technician', 'CC', 'Welcome2026'],
      ['zhao2', '赵二', '13922220002', 'M002', 'BJ', '', 'cleaning', 'SY', 'Welcome2026'],
      ['zhao3', '赵三', '', '', 'HQ', '', 'leader', '全部', 'Another2026'],
    ];
    const oneBad = await upload(admin, [...good, ['zhao4', '赵四', '', '', 'NOPE', '', '', '', 'Welcome2026']], false);
    expect(oneBad.body.imported).toBe(0);
    expect(oneBad.body.errors).toEqual([{ row: 5, column: '部门编码', message: '部门编码 NOPE 不存在或已停用' }]);
    expect(await userCount()).toBe(before);

    const dry = await upload(admin, good, true);
    expect(dry.body).toMatchObject({ dryRun: true, total: 3, imported: 0, errors: [] });
    expect(dry.body.preview.map((p) => p.values.username)).toEqual(['zhao1', 'zhao2', 'zhao3']);
    expect(JSON.stringify(dry.body.preview)).not.toContain('Welcome2026');
    expect(await userCount()).toBe(before);

    const done = await upload(admin, good, false);
    expect(done.body).toMatchObject({ dryRun: false, total: 3, imported: 3, errors: [] });
    expect(await userCount()).toBe(before + 3);
    const rows = await t.db
      .selectFrom('users as u')
      .innerJoin('memberships as m', 'm.user_id', 'u.id')
      .innerJoin('roles as r', 'r.id', 'm.role_id')
      .leftJoin('sites as s', 's.id', 'm.site_id')
      .select(['u.username', 'u.must_change_password', 'r.code as role', 's.code as site'])
      .where('u.username', 'in', ['zhao1', 'zhao2', 'zhao3'])
      .orderBy('u.username')
      .execute();
    expect(rows).toEqual([
      { username: 'zhao1', must_change_password: 1, role: 'technician', site: 'CC' },
      { username: 'zhao2', must_change_password: 1, role: 'cleaning', site: 'SY' },
      { username: 'zhao3', must_change_password: 1, role: 'leader', site: null },
    ]);
    const zhao3 = await login(t.app, 'zhao3', 'Another2026', { firstSignIn: true });
    expect((await zhao3.get<{ user: { mustChangePassword: boolean } }>('/api/v1/auth/me')).body.user.mustChangePassword).toBe(true);
    const audit = await t.db.selectFrom('audit_log').select('diff').where('action', '=', 'import').execute();
    expect(audit).toHaveLength(3);
    expect(audit.map((a) => a.diff).join()).not.toMatch(/Welcome2026|argon2/);
    // the same file again: every username now exists
    const again = await upload(admin, good, true);
    expect(again.body.errors.filter((e) => e.column === '用户名').map((e) => e.row)).toEqual([2, 3, 4]);
  });

  it('a 长春店-only manager may import only onto 长春店', async () => {
    const role = await admin.post<{ id: string }>('/api/v1/roles', {
      code: 'cc_hr',
      name: '长春店人事',
      nameEn: 'CC HR',
      // a technician who also manages users: granting is limited to what the granter holds
      permissions: [...TECHNICIAN_PERMISSIONS, 'users:manage'],
    });
    const cc = (await t.db.selectFrom('sites').select('id').where('code', '=', 'CC').executeTakeFirstOrThrow()).id;
    await admin.post('/api/v1/users', {
      username: 'cchr',
      name: '长春人事',
      password: 'Renshi2026x',
      memberships: [{ roleId: role.body.id, siteId: cc }],
    });
    const cchr = await login(t.app, 'cchr', 'Renshi2026x');
    // a new account must replace its initial password before anything else
    await cchr.post('/api/v1/auth/password', { currentPassword: 'Renshi2026x', newPassword: 'Renshi2026y' });
    const res = await upload(
      cchr,
      [
        ['sun1', '孙一', '', '', '', '', 'technician', 'CC', 'Welcome2026'],
        ['sun2', '孙二', '', '', '', '', 'technician', 'SY', 'Welcome2026'],
        ['sun3', '孙三', '', '', '', '', 'leader', '全部', 'Welcome2026'],
        ['sun4', '孙四', '', '', '', '', '', '', 'Welcome2026'],
        ['sun5', '孙五', '', '', '', '', 'admin', 'CC', 'Welcome2026'],
      ],
      true,
    );
    expect(res.body.errors.map((e) => `${e.row}:${e.column}`)).toEqual(['3:场所编码', '4:场所编码', '5:角色编码', '6:角色编码']);
  });

  it('refuses a file that is not a spreadsheet or lacks required columns', async () => {
    const junk = multipart(Buffer.from('not a spreadsheet'), 'users.csv');
    const res = await admin.req<{ error: { code: string } }>('POST', '/api/v1/users/import?dryRun=1', junk.payload, junk.headers);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('IMPORT_INVALID');
    const missing = await upload(admin, [['x', 'y']], true, ['用户名', '手机号']);
    expect(missing.body.errors.map((e) => `${e.row}:${e.column}`)).toEqual(['1:姓名', '1:初始密码']);
    const noFile = await admin.req<{ error: { code: string } }>('POST', '/api/v1/users/import', { a: 1 });
    expect(noFile.status).toBe(415);
  });
});
