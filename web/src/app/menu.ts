import type { Permission } from '../../../contracts/permissions';
import type { ModuleMenuItem } from './modules';

/** Menu items the person may open: leaves filtered by `allowed`, empty groups dropped. */
export function visibleMenu(items: ModuleMenuItem[], allowed: (perm: Permission) => boolean): ModuleMenuItem[] {
  const out: ModuleMenuItem[] = [];
  for (const item of items) {
    if (item.children) {
      const children = visibleMenu(item.children, allowed);
      if (children.length) out.push({ ...item, children });
    } else if (!item.permission || allowed(item.permission)) {
      out.push(item);
    }
  }
  return out;
}

/** The first leaf path of a menu, where the home route sends the person. */
export function firstPath(items: ModuleMenuItem[]): string | null {
  for (const item of items) {
    if (!item.children) return item.key;
    const inner = firstPath(item.children);
    if (inner) return inner;
  }
  return null;
}

/**
 * Several modules may fill one menu group (安全管理 holds incidents, drills, training…):
 * groups with the same key become one, at the first one's place, children in module order.
 */
export function mergeGroups(items: ModuleMenuItem[]): ModuleMenuItem[] {
  const out: ModuleMenuItem[] = [];
  const groups = new Map<string, ModuleMenuItem>();
  for (const item of items) {
    const existing = item.children ? groups.get(item.key) : undefined;
    if (existing?.children && item.children) {
      existing.children = [...existing.children, ...item.children];
      continue;
    }
    const copy = item.children ? { ...item, children: [...item.children] } : item;
    if (copy.children) groups.set(copy.key, copy);
    out.push(copy);
  }
  return out;
}
