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
