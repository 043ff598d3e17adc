/**
 * Pure helpers for trees stored with a materialised path of ancestor ids including the
 * node itself (`/a/b/c/`, the root level being `/`), and for parent pointers in general
 * (departments, rows of an import file).
 */

export const ROOT_PATH = '/';

/** The path of a node `id` placed under a parent with `parentPath` (null: top level). */
export function childPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? ROOT_PATH}${id}/`;
}

/** Ids on the path from the top down to the node itself. */
export function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** Ids of the node's ancestors, from the top down, without the node itself. */
export function ancestorIds(path: string): string[] {
  return pathIds(path).slice(0, -1);
}

/** Depth of a node (0 at the top level) from its path. */
export function depthOf(path: string): number {
  return pathIds(path).length - 1;
}

/**
 * The half-open range [from, to) holding the node and all its descendants under a
 * byte-wise ordering: every such path starts with `path`, and `0` is the character right
 * after `/`, so `to` is the first string greater than every path with that prefix.
 */
export function subtreeRange(path: string): { from: string; to: string } {
  if (!path.endsWith('/')) throw new Error(`not a materialised path: ${path}`);
  return { from: path, to: `${path.slice(0, -1)}0` };
}

/** True when `path` is `rootPath` itself or lies below it. */
export function isWithin(path: string, rootPath: string): boolean {
  return path.startsWith(rootPath);
}

/** The path of a descendant after its subtree root moved from `oldRoot` to `newRoot`. */
export function rebasePath(path: string, oldRoot: string, newRoot: string): string {
  if (!isWithin(path, oldRoot)) throw new Error(`${path} is not under ${oldRoot}`);
  return newRoot + path.slice(oldRoot.length);
}

export type TreeNode<T> = T & { children: TreeNode<T>[] };

/**
 * Nests a flat list by parent id, keeping the list's order among siblings. A node whose
 * parent is not in the list (a filtered-out or foreign parent) becomes a root.
 */
export function buildTree<T extends { id: string; parentId: string | null }>(items: T[]): TreeNode<T>[] {
  const nodes = new Map<string, TreeNode<T>>();
  for (const item of items) nodes.set(item.id, { ...item, children: [] });
  const roots: TreeNode<T>[] = [];
  for (const item of items) {
    const node = nodes.get(item.id) as TreeNode<T>;
    const parent = item.parentId === null ? undefined : nodes.get(item.parentId);
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/**
 * Would setting `id`'s parent to `newParentId` close a loop? It would when `id` is the
 * new parent itself or one of its ancestors. `parentOf` answers the current parent of
 * any node; a walk longer than `limit` steps is treated as a loop too (corrupt data).
 */
export function wouldCycle(
  parentOf: (id: string) => string | null | undefined,
  id: string,
  newParentId: string | null,
  limit = 10_000,
): boolean {
  let cursor: string | null | undefined = newParentId;
  for (let steps = 0; cursor; steps++) {
    if (cursor === id || steps > limit) return true;
    cursor = parentOf(cursor);
  }
  return false;
}

export interface BatchNode {
  key: string;
  /** key of the parent when the parent is another item of the same batch, else null */
  parentKey: string | null;
}

/**
 * Orders a batch so that each item comes after its parent (parents first, in the
 * batch's order otherwise). Items that cannot be placed are reported: `cycles` holds
 * each loop once as the keys along it, `blocked` the indexes of every item on a loop
 * or below one.
 */
export function orderParentsFirst(items: BatchNode[]): { order: number[]; blocked: number[]; cycles: string[][] } {
  const index = new Map<string, number>();
  items.forEach((item, i) => {
    if (!index.has(item.key)) index.set(item.key, i);
  });
  const children = new Map<number, number[]>();
  const roots: number[] = [];
  items.forEach((item, i) => {
    const parent = item.parentKey === null ? undefined : index.get(item.parentKey);
    if (parent === undefined) roots.push(i);
    else children.set(parent, [...(children.get(parent) ?? []), i]);
  });
  const order: number[] = [];
  const placed = new Set<number>();
  // breadth-first from the roots: each level after the one above it
  for (let queue = roots; queue.length; ) {
    const next: number[] = [];
    for (const i of queue) {
      if (placed.has(i)) continue;
      placed.add(i);
      order.push(i);
      next.push(...(children.get(i) ?? []));
    }
    queue = next;
  }
  const blocked = items.map((_, i) => i).filter((i) => !placed.has(i));
  return { order, blocked, cycles: findCycles(items, index, blocked) };
}

function findCycles(items: BatchNode[], index: Map<string, number>, blocked: number[]): string[][] {
  const cycles: string[][] = [];
  const seen = new Set<number>();
  for (const start of blocked) {
    const trail: number[] = [];
    let cursor: number | undefined = start;
    while (cursor !== undefined && !seen.has(cursor) && !trail.includes(cursor)) {
      trail.push(cursor);
      const parentKey: string | null = items[cursor]?.parentKey ?? null;
      cursor = parentKey === null ? undefined : index.get(parentKey);
    }
    if (cursor !== undefined && trail.includes(cursor)) {
      cycles.push(trail.slice(trail.indexOf(cursor)).map((i) => items[i]?.key ?? ''));
    }
    for (const i of trail) seen.add(i);
  }
  return cycles;
}

/** "长春店 / A座主楼 / 一层 / 配电室": the site, then every level down to the node. */
export function joinPathName(parts: (string | null | undefined)[]): string {
  return parts.filter((p): p is string => Boolean(p)).join(' / ');
}
