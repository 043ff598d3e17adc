import { describe, expect, it } from 'vitest';
import type { MeResponse } from '../../../../contracts/types';
import { managesMembership, managesUser, permissionsNotHeld } from './access';

const me = (grants: MeResponse['grants']): MeResponse => ({
  user: { id: 'u0', username: 'm', name: 'M', locale: 'zh-CN', mustChangePassword: false },
  csrfToken: '',
  grants,
  sites: [
    { id: 'cc', code: 'CC', name: '长春店', timezone: 'Asia/Shanghai' },
    { id: 'sy', code: 'SY', name: '沈阳店', timezone: 'Asia/Shanghai' },
  ],
  organization: { id: 'o', name: 'O' },
  demo: false,
});

const siteManager = me([{ siteId: 'cc', permissions: ['users:manage', 'users:read', 'org:read'] }]);
const globalManager = me([{ siteId: null, permissions: ['users:manage', 'users:read', 'org:read'] }]);

describe('identity access rules (mirroring the server)', () => {
  it('a site manager manages users who work only on their sites', () => {
    expect(managesUser(siteManager, [{ siteId: 'cc' }])).toBe(true);
    expect(managesUser(siteManager, [{ siteId: 'cc' }, { siteId: 'sy' }])).toBe(false);
    expect(managesUser(siteManager, [{ siteId: null }])).toBe(false);
    expect(managesUser(siteManager, [])).toBe(false);
    expect(managesUser(globalManager, [])).toBe(true);
    expect(managesUser(globalManager, [{ siteId: null }, { siteId: 'sy' }])).toBe(true);
  });

  it('granting needs users:manage on the site, and on every site for 全部场所 or an all-sites user', () => {
    expect(managesMembership(siteManager, 'cc', [])).toBe(true);
    expect(managesMembership(siteManager, 'sy', [])).toBe(false);
    expect(managesMembership(siteManager, null, [])).toBe(false);
    expect(managesMembership(siteManager, 'cc', [{ siteId: null }])).toBe(false);
    expect(managesMembership(globalManager, null, [{ siteId: null }])).toBe(true);
  });

  it('nobody hands on permissions they lack on that site', () => {
    expect(permissionsNotHeld(siteManager, ['users:read', 'org:read'], 'cc')).toEqual([]);
    expect(permissionsNotHeld(siteManager, ['users:read', 'audit:read'], 'cc')).toEqual(['audit:read']);
    expect(permissionsNotHeld(siteManager, ['users:read'], 'sy')).toEqual(['users:read']);
    expect(permissionsNotHeld(siteManager, ['users:read'], null)).toEqual(['users:read']);
    expect(permissionsNotHeld(globalManager, ['users:read'], 'sy')).toEqual([]);
  });
});
