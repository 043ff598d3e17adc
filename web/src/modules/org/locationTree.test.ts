import { describe, expect, it } from 'vitest';
import { filterTree, findNode, isWithin, pathNameOf, toTreeData } from './locationTree';
import type { LocationNode } from './types';

function node(id: string, name: string, path: string, children: LocationNode[] = []): LocationNode {
  return {
    id,
    siteId: 's',
    parentId: null,
    path,
    depth: path.split('/').filter(Boolean).length - 1,
    code: id.toUpperCase(),
    name,
    kind: 'room',
    sort: 0,
    active: true,
    version: 1,
    createdAt: '',
    updatedAt: '',
    children,
  };
}

const tree = [
  node('a', 'A座主楼', '/a/', [node('f1', '一层', '/a/f1/', [node('r1', '配电室', '/a/f1/r1/')]), node('f2', '二层', '/a/f2/')]),
  node('b', 'B座后区', '/b/'),
];

describe('location tree helpers', () => {
  it('filters by name or code and keeps the ancestors of each hit, expanded', () => {
    const { nodes, expand } = filterTree(tree, '配电');
    expect(nodes.map((n) => n.id)).toEqual(['a']);
    expect(nodes[0]?.children.map((n) => n.id)).toEqual(['f1']);
    expect(expand.sort()).toEqual(['a', 'f1']);
    expect(filterTree(tree, 'b').nodes.map((n) => n.id)).toEqual(['b']);
    expect(filterTree(tree, '  ').nodes).toBe(tree);
  });

  it('finds nodes and names their path from the top', () => {
    expect(findNode(tree, 'r1')?.name).toBe('配电室');
    expect(findNode(tree, 'zz')).toBeNull();
    expect(pathNameOf(tree, 'r1')).toBe('A座主楼 / 一层 / 配电室');
    expect(pathNameOf(tree, 'zz')).toBe('');
  });

  it('disables a node and its subtree as move targets', () => {
    const data = toTreeData(tree, (n) => isWithin(n.path, '/a/f1/'));
    const a = data[0];
    expect(a?.disabled).toBe(false);
    expect(a?.children.map((c) => [c.key, c.disabled])).toEqual([
      ['f1', true],
      ['f2', false],
    ]);
    expect(a?.children[0]?.children[0]?.disabled).toBe(true);
  });
});
