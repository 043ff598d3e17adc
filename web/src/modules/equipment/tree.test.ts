import { describe, expect, it } from 'vitest';
import { ancestry, filterNodes, isFireCategory, toTreeOptions } from './tree';
import type { CategoryNode } from './types';

const node = (id: string, code: string, name: string, children: CategoryNode[] = [], active = true): CategoryNode => ({
  id,
  code,
  name,
  nameEn: name,
  parentId: null,
  depth: 0,
  sort: 0,
  active,
  version: 1,
  children,
});

const tree = [
  node('hvac', 'hvac', '空调暖通'),
  node('fire', 'fire', '消防', [node('ext', 'extinguisher', '灭火器'), node('old', 'old', '旧分类', [], false)]),
];

describe('category tree', () => {
  it('knows when a category lies under 消防', () => {
    expect(isFireCategory(tree, 'ext')).toBe(true);
    expect(isFireCategory(tree, 'fire')).toBe(true);
    expect(isFireCategory(tree, 'hvac')).toBe(false);
    expect(isFireCategory(tree, undefined)).toBe(false);
  });
  it('walks from the top to a node', () => {
    expect(ancestry(tree, 'ext').map((n) => n.name)).toEqual(['消防', '灭火器']);
    expect(ancestry(tree, 'nope')).toEqual([]);
  });
  it('offers active nodes only unless asked', () => {
    expect(toTreeOptions(tree)[1]?.children.map((c) => c.value)).toEqual(['ext']);
    expect(toTreeOptions(tree, true)[1]?.children).toHaveLength(2);
    expect(toTreeOptions(tree)[0]?.title).toBe('空调暖通（hvac）');
  });
  it('filters by name or code keeping ancestors', () => {
    const { nodes, expand } = filterNodes(tree, '灭火');
    expect(nodes.map((n) => n.id)).toEqual(['fire']);
    expect(expand).toEqual(['fire']);
  });
});
