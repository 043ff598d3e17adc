import type { LocationNode } from './types';

export interface TreeDataNode {
  key: string;
  value: string;
  title: string;
  node: LocationNode;
  disabled?: boolean;
  children: TreeDataNode[];
}

/** Server tree → antd Tree/TreeSelect data; `disable` marks nodes that cannot be chosen. */
export function toTreeData(nodes: LocationNode[], disable?: (n: LocationNode) => boolean): TreeDataNode[] {
  return nodes.map((n) => ({
    key: n.id,
    value: n.id,
    title: `${n.name}（${n.code}）`,
    node: n,
    disabled: disable?.(n) ?? false,
    children: toTreeData(n.children, disable),
  }));
}

/** Keeps nodes whose name or code contains `term`, with their ancestors; returns the ids to expand. */
export function filterTree(nodes: LocationNode[], term: string): { nodes: LocationNode[]; expand: string[] } {
  const needle = term.trim().toLowerCase();
  if (!needle) return { nodes, expand: [] };
  const expand: string[] = [];
  const walk = (list: LocationNode[]): LocationNode[] =>
    list.flatMap((n) => {
      const children = walk(n.children);
      const hit = n.name.toLowerCase().includes(needle) || n.code.toLowerCase().includes(needle);
      if (!hit && children.length === 0) return [];
      if (children.length) expand.push(n.id);
      return [{ ...n, children }];
    });
  return { nodes: walk(nodes), expand };
}

/** Finds a node by id anywhere in the tree. */
export function findNode(nodes: LocationNode[], id: string | null | undefined): LocationNode | null {
  if (!id) return null;
  for (const n of nodes) {
    if (n.id === id) return n;
    const inner = findNode(n.children, id);
    if (inner) return inner;
  }
  return null;
}

/** "A座主楼 / 一层 / 配电室" for a node, from the top of the tree. */
export function pathNameOf(nodes: LocationNode[], id: string): string {
  const trail: string[] = [];
  const walk = (list: LocationNode[]): boolean => {
    for (const n of list) {
      trail.push(n.name);
      if (n.id === id || walk(n.children)) return true;
      trail.pop();
    }
    return false;
  };
  return walk(nodes) ? trail.join(' / ') : '';
}

/** True when `path` is the materialised path of `ancestorPath` or lies below it. */
export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}
