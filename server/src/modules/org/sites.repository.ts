import type { Page } from '../../../../contracts/types.js';
import type { SiteScope } from '../../platform/access/actor.js';
import type { Db } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';

export type SiteRow = Row<'sites'>;

export interface SiteFilter extends PageQuery {
  q?: string;
  kind?: string;
  active?: boolean;
}

const SORT: SortSpec = { columns: { code: 'code', name: 'name', id: 'id' }, default: 'code', id: 'id' };

export function findSite(db: Db, orgId: string, id: string): Promise<SiteRow | undefined> {
  return db.selectFrom('sites').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function listSites(db: Db, orgId: string, scope: SiteScope, f: SiteFilter): Promise<Page<SiteRow>> {
  let q = db.selectFrom('sites').selectAll().where('org_id', '=', orgId);
  if (scope !== 'all') q = scope.length ? q.where('id', 'in', scope) : q.where('id', '=', '');
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
  if (f.q) q = q.where(matchesAny(db, ['name', 'code', 'address'], f.q));
  return keysetPage<SiteRow>(q, SORT, f, (row, key) => row[key as keyof SiteRow]);
}

export function findSitesByIds(db: Db, orgId: string, ids: string[]): Promise<SiteRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('sites').selectAll().where('org_id', '=', orgId).where('id', 'in', ids).execute();
}

export function findSitesByCodes(db: Db, orgId: string, codes: string[]): Promise<SiteRow[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom('sites').selectAll().where('org_id', '=', orgId).where('code', 'in', codes).execute();
}
