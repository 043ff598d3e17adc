import { describe, expect, it } from 'vitest';
import {
  ancestorIds,
  buildTree,
  childPath,
  depthOf,
  isWithin,
  joinPathName,
  orderParentsFirst,
  pathIds,
  rebasePath,
  subtreeRange,
  wouldCycle,
} from './tree.js';

describe('materialised paths', () => {
  it('builds child paths and reads ids, ancestors and depth back', () => {
    const a = childPath(null, 'a');
    const c = childPath(childPath(a, 'b'), 'c');
    expect(a).toBe('/a/');
    expect(c).toBe('/a/b/c/');
    expect(pathIds(c)).toEqual(['a', 'b', 'c']);
    expect(ancestorIds(c)).toEqual(['a', 'b']);
    expect(ancestorIds(a)).toEqual([]);
    expect(depthOf(a)).toBe(0);
    expect(depthOf(c)).toBe(2);
  });

  it('has a byte-wise range holding exactly the subtree', () => {
    const { from, to } = subtreeRange('/a/b/');
    const inside = (p: string) => p >= from && p < to;
    expect(['/a/b/', '/a/b/c/', '/a/b/c/d/', '/a/b/zzz/'].every(inside)).toBe(true);
    // siblings whose ids share the prefix "b" must fall outside
    expect(['/a/', '/a/bb/', '/a/b0/', '/a/c/', '/a/ba/x/', '/b/'].some(inside)).toBe(false);
    expect(() => subtreeRange('/a/b')).toThrow();
  });

  it('tells descendants apart from prefix-sharing siblings', () => {
    expect(isWithin('/a/b/c/', '/a/b/')).toBe(true);
    expect(isWithin('/a/b/', '/a/b/')).toBe(true);
    expect(isWithin('/a/bc/', '/a/b/')).toBe(false);
  });

  it('rebases a descendant path onto the new root', () => {
    expect(rebasePath('/a/b/c/d/', '/a/b/', '/x/b/')).toBe('/x/b/c/d/');
    expect(rebasePath('/a/b/', '/a/b/', '/b/')).toBe('/b/');
    expect(() => rebasePath('/z/', '/a/', '/b/')).toThrow();
  });

  it('joins a path name, skipping missing parts', () => {
    expect(joinPathName(['长春店', 'A座主楼', undefined, '一层', '配电室'])).toBe('长春店 / A座主楼 / 一层 / 配电室');
  });
});

describe('buildTree', () => {
  it('nests by parent and keeps sibling order; orphans become roots', () => {
    const tree = buildTree([
      { id: 'b', parentId: null, n: 1 },
      { id: 'a', parentId: null, n: 2 },
      { id: 'b2', parentId: 'b', n: 3 },
      { id: 'b1', parentId: 'b', n: 4 },
      { id: 'x', parentId: 'gone', n: 5 },
      { id: 'b2a', parentId: 'b2', n: 6 },
    ]);
    expect(tree.map((n) => n.id)).toEqual(['b', 'a', 'x']);
    expect(tree[0]?.children.map((n) => n.id)).toEqual(['b2', 'b1']);
    expect(tree[0]?.children[0]?.children.map((n) => n.id)).toEqual(['b2a']);
    expect(tree[1]?.children).toEqual([]);
  });

  it('handles children listed before their parent', () => {
    const tree = buildTree([
      { id: 'c', parentId: 'p' },
      { id: 'p', parentId: null },
    ]);
    expect(tree).toHaveLength(1);
    expect(tree[0]?.children.map((n) => n.id)).toEqual(['c']);
  });
});

describe('wouldCycle', () => {
  const parents = new Map<string, string | null>([
    ['root', null],
    ['a', 'root'],
    ['b', 'a'],
    ['c', 'b'],
  ]);
  const parentOf = (id: string) => parents.get(id);
  it('refuses a node under itself or its descendants', () => {
    expect(wouldCycle(parentOf, 'a', 'a')).toBe(true);
    expect(wouldCycle(parentOf, 'a', 'c')).toBe(true);
    expect(wouldCycle(parentOf, 'root', 'b')).toBe(true);
  });
  it('allows moves elsewhere and to the top level', () => {
    expect(wouldCycle(parentOf, 'c', 'root')).toBe(false);
    expect(wouldCycle(parentOf, 'b', null)).toBe(false);
    expect(wouldCycle(parentOf, 'c', 'a')).toBe(false);
  });
  it('treats corrupt data (an existing loop) as a loop instead of hanging', () => {
    const loop = new Map([
      ['x', 'y'],
      ['y', 'x'],
    ]);
    expect(wouldCycle((id) => loop.get(id), 'z', 'x', 50)).toBe(true);
  });
});

describe('orderParentsFirst', () => {
  it('puts every parent before its children, including forward references', () => {
    const items = [
      { key: 'room', parentKey: 'floor' },
      { key: 'floor', parentKey: 'building' },
      { key: 'building', parentKey: null },
      { key: 'other', parentKey: 'existing-in-db' },
    ];
    const { order, blocked, cycles } = orderParentsFirst(items);
    const pos = (k: string) => order.indexOf(items.findIndex((i) => i.key === k));
    expect(order).toHaveLength(4);
    expect(pos('building')).toBeLessThan(pos('floor'));
    expect(pos('floor')).toBeLessThan(pos('room'));
    expect(blocked).toEqual([]);
    expect(cycles).toEqual([]);
  });

  it('reports loops once and blocks what hangs below them', () => {
    const items = [
      { key: 'a', parentKey: 'b' },
      { key: 'b', parentKey: 'c' },
      { key: 'c', parentKey: 'a' },
      { key: 'below', parentKey: 'a' },
      { key: 'self', parentKey: 'self' },
      { key: 'fine', parentKey: null },
    ];
    const { order, blocked, cycles } = orderParentsFirst(items);
    expect(order).toEqual([5]);
    expect(blocked).toEqual([0, 1, 2, 3, 4]);
    expect(cycles).toHaveLength(2);
    expect(cycles.find((c) => c.length === 3)?.sort()).toEqual(['a', 'b', 'c']);
    expect(cycles).toContainEqual(['self']);
  });
});
