import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access/actor.js';
import {
  checkPermissionNames,
  chunks,
  isMobile,
  managesMembership,
  managesUser,
  mergeScopes,
  passwordProblem,
  permissionsHeldAnywhere,
  permissionsNotHeld,
  usernameProblem,
  userVisible,
} from './identity.rules.js';

const actor = (grants: [string | null, string[]][], tokenPermissions?: string[]): Actor => ({
  kind: tokenPermissions ? 'token' : 'user',
  userId: 'u1',
  name: 'x',
  orgId: 'o1',
  grants: grants.map(([siteId, perms]) => ({ siteId, permissions: new Set(perms) })),
  selectedSiteId: null,
  ...(tokenPermissions && { tokenPermissions: new Set(tokenPermissions) }),
});

describe('identity rules', () => {
  it('accepts mainland mobile numbers only', () => {
    expect(isMobile('13800000001')).toBe(true);
    expect(isMobile('19912345678')).toBe(true);
    expect(isMobile('12800000001')).toBe(false);
    expect(isMobile('1380000000')).toBe(false);
    expect(isMobile('+8613800000001')).toBe(false);
  });

  it('rejects usernames that are malformed or look like a phone number', () => {
    expect(usernameProblem('tech_sy')).toBeNull();
    expect(usernameProblem('20230001')).toBeNull();
    expect(usernameProblem('a')).toMatch(/2–32/);
    expect(usernameProblem('张三')).toMatch(/字母/);
    expect(usernameProblem('13800000001')).toMatch(/手机号/);
  });

  it('wants passwords of 8+ characters with letters and digits', () => {
    expect(passwordProblem('Start2026')).toBeNull();
    expect(passwordProblem('short1')).toBe('密码至少 8 位，且须同时包含字母和数字');
    expect(passwordProblem('onlyletters')).toBe('密码至少 8 位，且须同时包含字母和数字');
    expect(passwordProblem('1234567890')).toBe('密码至少 8 位，且须同时包含字母和数字');
    expect(passwordProblem(`a1${'x'.repeat(199)}`)).toBe('密码不能超过 200 个字符');
  });

  it('refuses passwords made of one or two repeated characters, and common ones in any case', () => {
    expect(passwordProblem('aaaa1111')).toMatch(/过于简单/);
    expect(passwordProblem('a1a1a1a1a1')).toMatch(/过于简单/);
    expect(passwordProblem('ab1ab1ab1')).toMatch(/过于简单/);
    expect(passwordProblem('abc1abc1')).toBeNull();
    for (const common of ['Password1', 'ABCD1234', 'qwer1234', '1qaz2wsx', 'woaini1314', 'Admin123', 'P@ssw0rd', 'Houqin123']) {
      expect(passwordProblem(common), common).toBe('该密码过于常见，容易被猜中，请换一个');
    }
  });

  it('refuses a password that is or contains the username or the phone number', () => {
    expect(passwordProblem('zhangsan1', { username: 'zhangsan' })).toBe('密码不能与用户名相同或包含用户名');
    expect(passwordProblem('My-ZhangSan-2026', { username: 'zhangsan' })).toBe('密码不能与用户名相同或包含用户名');
    expect(passwordProblem('wang2026x', { username: 'wang2026x' })).toBe('密码不能与用户名相同或包含用户名');
    expect(passwordProblem('a13800000001', { username: 'li', phone: '13800000001' })).toBe('密码不能包含手机号');
    // a two-letter username is too short to be "contained" meaningfully
    expect(passwordProblem('Glitter2026', { username: 'li' })).toBeNull();
    expect(passwordProblem('Start2026', { username: 'zhangsan', phone: '13800000001' })).toBeNull();
  });

  it('lists every unknown permission by position and drops repeats', () => {
    expect(checkPermissionNames(['org:read', 'x:y', 'org:read', 'z'])).toEqual({
      permissions: ['org:read'],
      errors: [
        { field: 'permissions.1', message: '未知权限：x:y' },
        { field: 'permissions.3', message: '未知权限：z' },
      ],
    });
  });

  it('shows a user to site-limited readers when they share a site or the user works on every site', () => {
    expect(userVisible('all', [])).toBe(true);
    expect(userVisible(['cc'], ['cc', 'sy'])).toBe(true);
    expect(userVisible(['cc'], ['sy'])).toBe(false);
    expect(userVisible(['cc'], [null])).toBe(true);
    expect(userVisible(['cc'], [])).toBe(false);
    expect(mergeScopes(['cc'], ['sy', 'cc'])).toEqual(['cc', 'sy']);
    expect(mergeScopes(['cc'], 'all')).toBe('all');
  });

  it('lets a site manager change only users who work solely on their sites', () => {
    const cc = actor([['cc', ['users:manage']]]);
    const global = actor([[null, ['users:manage']]]);
    expect(managesUser(cc, ['cc'])).toBe(true);
    expect(managesUser(cc, ['cc', 'sy'])).toBe(false);
    expect(managesUser(cc, ['cc', null])).toBe(false);
    expect(managesUser(cc, [])).toBe(false);
    expect(managesUser(global, ['sy', null])).toBe(true);
    expect(managesMembership(cc, 'cc', ['cc', 'sy'])).toBe(true);
    expect(managesMembership(cc, null, ['cc'])).toBe(false);
    expect(managesMembership(cc, 'cc', [null])).toBe(false);
  });

  it('never lets anyone hand on a permission they do not hold where it is granted', () => {
    const a = actor([
      [null, ['org:read']],
      ['cc', ['users:manage', 'users:read']],
    ]);
    expect(permissionsNotHeld(a, ['org:read', 'users:read'], 'cc')).toEqual([]);
    expect(permissionsNotHeld(a, ['org:read', 'users:read'], 'sy')).toEqual(['users:read']);
    expect(permissionsNotHeld(a, ['users:read', 'bogus'], null)).toEqual(['users:read', 'bogus']);
  });

  it('limits what a token may pass on to its own permissions', () => {
    const viaToken = actor([[null, ['org:read', 'org:manage', 'tokens:manage']]], ['org:read', 'tokens:manage']);
    expect([...permissionsHeldAnywhere(viaToken)].sort()).toEqual(['org:read', 'tokens:manage']);
  });

  it('splits lists into chunks', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([], 2)).toEqual([]);
  });
});
