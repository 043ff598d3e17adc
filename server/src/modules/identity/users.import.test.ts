import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access/actor.js';
import { type ImportedUser, parseUserRow, repeatsWithinFile, resolveReferences } from './users.import.js';

const row = (over: Record<string, string> = {}) => ({
  用户名: 'zhang3',
  姓名: '张三',
  手机号: '',
  工号: '',
  部门编码: '',
  邮箱: '',
  角色编码: '',
  场所编码: '',
  初始密码: 'Welcome2026',
  ...over,
});

function parse(values: Record<string, string>) {
  const errors: string[] = [];
  const item = parseUserRow(values, (column, message) => errors.push(`${column}:${message}`));
  return { item, errors };
}

const actor = (grants: [string | null, string[]][]): Actor => ({
  kind: 'user',
  userId: 'u',
  name: 'x',
  orgId: 'o',
  grants: grants.map(([siteId, p]) => ({ siteId, permissions: new Set(p) })),
  selectedSiteId: null,
});

const maps = {
  departments: new Map([['GW', 'd-gw']]),
  roles: new Map([
    ['technician', { id: 'r-tech', permissions: ['org:read'] }],
    ['admin', { id: 'r-admin', permissions: ['org:read', 'roles:manage'] }],
  ]),
  sites: new Map([
    ['CC', 's-cc'],
    ['SY', 's-sy'],
  ]),
};

describe('user import rows', () => {
  it('parses a good row, empty optional cells becoming null', () => {
    const { item, errors } = parse(row({ 手机号: '13900000001', 角色编码: 'technician', 场所编码: 'CC' }));
    expect(errors).toEqual([]);
    expect(item).toMatchObject({
      username: 'zhang3',
      phone: '13900000001',
      employeeNo: null,
      email: null,
      roleCode: 'technician',
      siteCode: 'CC',
    });
  });

  it('reports every bad cell of a row by column', () => {
    const { errors } = parse(
      row({ 用户名: '13900000001', 手机号: '139', 工号: '工号1', 邮箱: 'x@', 角色编码: 'technician', 初始密码: 'abc' }),
    );
    expect(errors.map((e) => e.split(':')[0])).toEqual(['用户名', '手机号', '工号', '邮箱', '场所编码', '初始密码']);
  });

  it('finds repeats within the file with the first row they repeat', () => {
    const rows = [
      { row: 2, item: { u: 'a' } },
      { row: 3, item: { u: 'b' } },
      { row: 5, item: { u: 'a' } },
      { row: 6, item: { u: '' } },
      { row: 7, item: { u: '' } },
    ];
    expect(repeatsWithinFile(rows, (i) => i.u || null)).toEqual([{ row: 5, firstRow: 2 }]);
  });

  it('resolves codes and checks what the importer may grant', () => {
    const resolve = (a: Actor, over: Record<string, string>) => {
      const errors: string[] = [];
      const item = parse(row(over)).item as ImportedUser;
      resolveReferences(item, maps, a, (c, m) => errors.push(`${c}:${m}`));
      return { item, errors };
    };
    const global = actor([[null, ['users:manage', 'org:read', 'roles:manage']]]);
    expect(resolve(global, { 部门编码: 'GW', 角色编码: 'admin', 场所编码: '全部' }).item).toMatchObject({
      departmentId: 'd-gw',
      grant: { roleId: 'r-admin', siteId: null },
    });
    expect(resolve(global, { 部门编码: 'XX', 角色编码: 'nope', 场所编码: 'MARS' }).errors.map((e) => e.split(':')[0])).toEqual([
      '部门编码',
      '角色编码',
      '场所编码',
    ]);
    expect(resolve(global, {}).errors).toEqual([]);
    const cc = actor([['s-cc', ['users:manage', 'org:read']]]);
    expect(resolve(cc, { 角色编码: 'technician', 场所编码: 'CC' }).item.grant).toEqual({ roleId: 'r-tech', siteId: 's-cc' });
    expect(resolve(cc, { 角色编码: 'technician', 场所编码: 'SY' }).errors).toEqual(['场所编码:你无权在此场所授予角色']);
    expect(resolve(cc, { 角色编码: 'admin', 场所编码: 'CC' }).errors).toEqual(['角色编码:不能授予超出自己权限的角色，缺少：roles:manage']);
    expect(resolve(cc, {}).errors).toEqual(['角色编码:请填写角色编码和你所管理的场所编码']);
  });
});
