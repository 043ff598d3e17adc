import { type SqlBool, sql } from 'kysely';
import type { Permission } from '../../../../contracts/permissions.js';
import type { PeriodKind, WorkSummaryStatus } from '../../../../contracts/reports.js';
import type { Page } from '../../../../contracts/types.js';
import type { SiteScope } from '../../platform/access/actor.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import './schema.js';

export type SummaryRow = Row<'work_summaries'>;
export type SummaryListRow = SummaryRow & {
  author_name: string;
  approved_by_name: string | null;
  department_name: string | null;
};
export type VersionRow = Row<'work_summary_versions'>;
export type VersionListRow = Omit<VersionRow, 'body' | 'facts'> & { created_by_name: string };

export interface SummaryFilter extends PageQuery {
  status?: WorkSummaryStatus[];
  kind?: PeriodKind[];
  /** summaries whose scope includes the site: naming it, or covering every site */
  siteId?: string;
  q?: string;
}

const SORT: SortSpec = {
  columns: { createdAt: 's.created_at', periodFrom: 's.period_from', number: 's.number', id: 's.id' },
  default: '-createdAt',
  id: 's.id',
};
const SORT_VALUE: Record<string, (r: SummaryListRow) => unknown> = {
  createdAt: (r) => r.created_at,
  periodFrom: (r) => r.period_from,
  number: (r) => r.number,
  id: (r) => r.id,
};

function baseQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('work_summaries as s')
    .innerJoin('users as au', 'au.id', 's.author_id')
    .leftJoin('users as ap', 'ap.id', 's.approved_by')
    .leftJoin('departments as d', 'd.id', 's.department_id')
    .selectAll('s')
    .select(['au.name as author_name', 'ap.name as approved_by_name', 'd.name as department_name'])
    .where('s.org_id', '=', orgId);
}

export function findSummary(db: Db | Tx, orgId: string, id: string): Promise<SummaryListRow | undefined> {
  return baseQuery(db, orgId).where('s.id', '=', id).executeTakeFirst() as Promise<SummaryListRow | undefined>;
}

/**
 * A page of the summaries a reader sees: with 'all', every one; otherwise those naming
 * at least one site, all of them among the reader's (a summary of every site is for
 * organisation-wide readers only).
 */
export async function listSummaries(db: Db, orgId: string, scope: SiteScope, f: SummaryFilter): Promise<Page<SummaryListRow>> {
  let q = baseQuery(db, orgId);
  if (scope !== 'all') {
    if (!scope.length) q = q.where(sql<SqlBool>`1 = 0`);
    else {
      q = q
        .where((eb) => eb.exists(eb.selectFrom('work_summary_sites as ws').select('ws.site_id').whereRef('ws.summary_id', '=', 's.id')))
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('work_summary_sites as ws')
                .select('ws.site_id')
                .whereRef('ws.summary_id', '=', 's.id')
                .where('ws.site_id', 'not in', scope),
            ),
          ),
        );
    }
  }
  if (f.status?.length) q = q.where('s.status', 'in', f.status);
  if (f.kind?.length) q = q.where('s.period_kind', 'in', f.kind);
  if (f.siteId) {
    const siteId = f.siteId;
    q = q.where((eb) =>
      eb.or([
        eb('s.site_ids', '=', '[]'),
        eb.exists(
          eb
            .selectFrom('work_summary_sites as ws')
            .select('ws.site_id')
            .whereRef('ws.summary_id', '=', 's.id')
            .where('ws.site_id', '=', siteId),
        ),
      ]),
    );
  }
  if (f.q) q = q.where(matchesAny(db, ['s.number', 's.title'], f.q));
  return keysetPage<SummaryListRow>(q, SORT, f, (row, key) => SORT_VALUE[key]?.(row) ?? row.id);
}

/** Every version of a summary without its content, newest first. */
export function listVersions(db: Db | Tx, summaryId: string): Promise<VersionListRow[]> {
  return db
    .selectFrom('work_summary_versions as v')
    .innerJoin('users as u', 'u.id', 'v.created_by')
    .select(['v.id', 'v.summary_id', 'v.no', 'v.kind', 'v.note', 'v.created_by', 'v.created_at', 'u.name as created_by_name'])
    .where('v.summary_id', '=', summaryId)
    .orderBy('v.no', 'desc')
    .execute();
}

export function findVersion(db: Db | Tx, summaryId: string, no: number): Promise<VersionRow | undefined> {
  return db.selectFrom('work_summary_versions').selectAll().where('summary_id', '=', summaryId).where('no', '=', no).executeTakeFirst();
}

/** The names of sites by id (of the organisation). */
export async function siteNames(db: Db | Tx, orgId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('sites').select(['id', 'name']).where('org_id', '=', orgId).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Active users who hold `perm` on every one of `siteIds` — through a role on every site
 * when the list is empty (a summary of every site). Roles keep their permissions as
 * JSON, so the few active roles are filtered here (as identity's usersWithPermission does).
 */
export async function holdersOnEverySite(db: Db | Tx, orgId: string, perm: Permission, siteIds: string[]): Promise<string[]> {
  const roles = await db.selectFrom('roles').select(['id', 'permissions']).where('org_id', '=', orgId).where('active', '=', 1).execute();
  const roleIds = roles.filter((r) => (JSON.parse(r.permissions) as string[]).includes(perm)).map((r) => r.id);
  if (!roleIds.length) return [];
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('memberships as m', 'm.user_id', 'u.id')
    .select(['u.id', 'm.site_id'])
    .where('u.org_id', '=', orgId)
    .where('u.active', '=', 1)
    .where('m.role_id', 'in', roleIds)
    .execute();
  const sitesOf = new Map<string, Set<string | null>>();
  for (const r of rows) {
    const held = sitesOf.get(r.id) ?? new Set<string | null>();
    held.add(r.site_id);
    sitesOf.set(r.id, held);
  }
  return [...sitesOf]
    .filter(([, held]) => held.has(null) || (siteIds.length > 0 && siteIds.every((s) => held.has(s))))
    .map(([id]) => id)
    .sort();
}
