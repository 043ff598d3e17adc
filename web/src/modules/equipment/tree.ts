import type { CategoryNode } from './types';

/** A node of the server's category or location tree (both carry id, code, name, children). */
export interface NamedNode {
  id: string;
  code: string;
  name: string;
  active?: boolean;
  children: NamedNode[];
}

export interface TreeOption {
  key: string;
  value: string;
  title: string;
  disabled?: boolean;
  children: TreeOption[];
}

/** Server tree → antd Tree/TreeSelect data, titled 名称（编码）; inactive nodes are offered only when `includeInactive`. */
export function toTreeOptions(nodes: NamedNode[], includeInactive = false): TreeOption[] {
  return nodes
    .filter((n) => includeInactive || n.active !== false)
    .map((n) => ({
      key: n.id,
      value: n.id,
      title: `${n.name}（${n.code}）`,
      children: toTreeOptions(n.children, includeInactive),
    }));
}

/** The node and its ancestors, from the top down; empty when the id is not in the tree. */
export function ancestry<T extends NamedNode>(nodes: T[], id: string | null | undefined): T[] {
  if (!id) return [];
  for (const n of nodes) {
    if (n.id === id) return [n];
    const inner = ancestry(n.children as T[], id);
    if (inner.length) return [n, ...inner];
  }
  return [];
}

export function findById<T extends NamedNode>(nodes: T[], id: string | null | undefined): T | null {
  return ancestry(nodes, id).at(-1) ?? null;
}

/** The code of the top-level category that holds portable fire equipment. */
export const FIRE_CATEGORY_CODE = 'fire';

/** True when the category is 消防 or lies under it: the asset form then shows the fire section. */
export function isFireCategory(nodes: CategoryNode[], id: string | null | undefined): boolean {
  return ancestry(nodes, id).some((n) => n.code === FIRE_CATEGORY_CODE);
}

/** Every id in the tree, depth first (to expand a whole tree). */
export function allIds(nodes: NamedNode[]): string[] {
  return nodes.flatMap((n) => [n.id, ...allIds(n.children)]);
}

/** Keeps nodes whose name or code contains `term`, with their ancestors; returns the ids to expand. */
export function filterNodes<T extends NamedNode>(nodes: T[], term: string): { nodes: T[]; expand: string[] } {
  const needle = term.trim().toLowerCase();
  if (!needle) return { nodes, expand: [] };
  const expand: string[] = [];
  const walk = (list: T[]): T[] =>
    list.flatMap((n) => {
      const children = walk(n.children as T[]);
      const hit = n.name.toLowerCase().includes(needle) || n.code.toLowerCase().includes(needle);
      if (!hit && children.length === 0) return [];
      if (children.length) expand.push(n.id);
      return [{ ...n, children }];
    });
  return { nodes: walk(nodes), expand };
}
