import { describe, expect, it } from 'vitest';
import type { Permission } from '../../../contracts/permissions';
import { firstPath, mergeGroups, visibleMenu } from './menu';
import type { ModuleMenuItem } from './modules';

const menu: ModuleMenuItem[] = [
  {
    key: 'org',
    label: 'org:menu.group',
    children: [
      { key: 'org/sites', label: 'org:menu.sites', permission: 'org:read' },
      { key: 'org/secret', label: 'x', permission: 'org:manage' },
    ],
  },
  { key: 'admin', label: 'admin', children: [{ key: 'admin/roles', label: 'roles', permission: 'roles:manage' }] },
  { key: 'help', label: 'help' },
];

describe('visibleMenu', () => {
  it('keeps leaves the person may open and drops groups left empty', () => {
    const held = new Set<Permission>(['org:read']);
    const shown = visibleMenu(menu, (p) => held.has(p));
    expect(shown.map((m) => m.key)).toEqual(['org', 'help']);
    expect(shown[0]?.children?.map((c) => c.key)).toEqual(['org/sites']);
  });

  it('shows nothing permission-bound to someone without permissions', () => {
    expect(visibleMenu(menu, () => false).map((m) => m.key)).toEqual(['help']);
  });
});

describe('firstPath', () => {
  it('finds the first leaf depth-first', () => {
    expect(firstPath(visibleMenu(menu, () => true))).toBe('org/sites');
    expect(firstPath([])).toBeNull();
  });
});

describe('mergeGroups', () => {
  it("joins groups with the same key at the first one's place, children in order", () => {
    const merged = mergeGroups([
      { key: 'safety', label: 'safety:menu.group', children: [{ key: 'safety/overview', label: 'a' }] },
      { key: 'help', label: 'help' },
      { key: 'safety', label: 'safety:menu.group', children: [{ key: 'incidents', label: 'b' }] },
    ]);
    expect(merged.map((m) => m.key)).toEqual(['safety', 'help']);
    expect(merged[0]?.children?.map((c) => c.key)).toEqual(['safety/overview', 'incidents']);
  });
});
