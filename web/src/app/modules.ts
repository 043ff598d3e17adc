import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import type { Permission } from '../../../contracts/permissions';
import { mergeGroups } from './menu';

/**
 * The module registry. Each folder web/src/modules/<name>/ has an index.ts(x) whose
 * default export is an AppModule; they are found here by file name, so adding a
 * module touches no shared file. Routes become children of the signed-in layout;
 * menu items appear in the side menu when the person holds the permission on at
 * least one site.
 */
export interface ModuleRoute {
  /** path under the shell, without a leading slash, e.g. 'org/sites' or 'org/sites/:id' */
  path: string;
  /** a React.lazy page, so each page is its own chunk */
  component: LazyExoticComponent<ComponentType>;
  /** shown as 403 when the person lacks it on every site */
  permission?: Permission;
}

export interface ModuleMenuItem {
  /** unique key; for a leaf it is the route path it opens, e.g. 'org/sites' */
  key: string;
  /** i18n key with namespace, e.g. 'org:menu.sites' */
  label: string;
  icon?: ReactNode;
  /** leaf only: hidden without this permission on any site */
  permission?: Permission;
  /** a group: shown when at least one child is visible */
  children?: ModuleMenuItem[];
}

/** A page outside the signed-in layout that needs no login (e.g. the QR landing page `/q/:code`). */
export interface PublicRoute {
  /** full path without a leading slash, e.g. 'q/:code' */
  path: string;
  component: LazyExoticComponent<ComponentType>;
}

export interface AppModule {
  id: string;
  /** position in the side menu, smaller first (org = 900: administration sits low) */
  order: number;
  routes: ModuleRoute[];
  menu: ModuleMenuItem[];
  /** pages anyone may open without signing in; they render without the shell */
  publicRoutes?: PublicRoute[];
}

const found = import.meta.glob<{ default: AppModule }>('../modules/*/index.{ts,tsx}', { eager: true });

export const appModules: AppModule[] = Object.values(found)
  .map((m) => m.default)
  .filter((m): m is AppModule => Boolean(m?.id))
  .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));

export const moduleRoutes: ModuleRoute[] = appModules.flatMap((m) => m.routes);
export const moduleMenu: ModuleMenuItem[] = mergeGroups(appModules.flatMap((m) => m.menu));
export const modulePublicRoutes: PublicRoute[] = appModules.flatMap((m) => m.publicRoutes ?? []);

export { firstPath, mergeGroups, visibleMenu } from './menu';
