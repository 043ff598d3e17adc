import { describe, expect, it } from 'vitest';
import { grantsOf, permissionSet } from './grants.js';

describe('role permission sets', () => {
  it('shares one parsed set per distinct stored list, and an edited list is a new set', () => {
    const stored = JSON.stringify(['org:read', 'org:manage']);
    const set = permissionSet(stored);
    expect([...set]).toEqual(['org:read', 'org:manage']);
    expect(permissionSet(JSON.stringify(['org:read', 'org:manage']))).toBe(set);
    const edited = permissionSet(JSON.stringify(['org:read']));
    expect(edited).not.toBe(set);
    expect(edited.has('org:manage')).toBe(false);
  });

  it('turns membership rows into grants, leaving out rows whose role is missing or inactive', () => {
    const grants = grantsOf([
      { site_id: null, permissions: '["org:read"]' },
      { site_id: 'cc', permissions: null },
      { site_id: 'sy', permissions: '["users:manage"]' },
    ]);
    expect(grants.map((g) => [g.siteId, [...g.permissions]])).toEqual([
      [null, ['org:read']],
      ['sy', ['users:manage']],
    ]);
  });
});
