import { type Expression, type SqlBool, sql } from 'kysely';
import type { Page } from '../../../../contracts/types.js';
import type { SiteScope } from '../../platform/access/actor.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import { localDate } from './projects.dates.js';
import type { CalendarDate, ProjectStatus, ProjectType } from './schema.js';

export type ProjectRow = Row<'projects'>;
export type ProjectUpdateRow = Row<'project_updates'>;
export type ProjectListRow = ProjectRow & {
  site_name: string;
  site_timezone: string;
  manager_name: string | null;
  accepted_by_name: string | null;
};

export interface ProjectFilter extends PageQuery {
  /** one site, or several (the summary's total links name every reported site) */
  siteId?: string | string[];
  status?: ProjectStatus;
  type?: ProjectType;
  managerId?: string;
  locationId?: string;
  /** planned period (planned_start … planned_end) overlaps [plannedFrom, plannedTo] */
  plannedFrom?: CalendarDate;
  plannedTo?: CalendarDate;
  /** actual period (actual_start … actual_end or still running) overlaps [actualFrom, actualTo] */
  actualFrom?: CalendarDate;
  actualTo?: CalendarDate;
  /** actual start day within the range (the summary's "started") */
  startedFrom?: CalendarDate;
  startedTo?: CalendarDate;
  /** acceptance day within the range (the summary's "completed") */
  acceptedFrom?: CalendarDate;
  acceptedTo?: CalendarDate;
  /** planned end day within the range */
  dueFrom?: CalendarDate;
  dueTo?: CalendarDate;
  /** planned end passed and still open */
  overdue?: boolean;
  /** planned end passed without acceptance by that day (open or accepted late; not cancelled) */
  late?: boolean;
  q?: string;
}

const SORT: SortSpec = {
  columns: {
    createdAt: 'p.created_at',
    number: 'p.number',
    plannedStart: 'p.planned_start',
    plannedEnd: 'p.planned_end',
    progress: 'p.progress',
    budget: 'p.budget',
    id: 'p.id',
  },
  default: '-createdAt',
  id: 'p.id',
};

const SORT_VALUE: Record<string, (r: ProjectListRow) => unknown> = {
  createdAt: (r) => r.created_at,
  number: (r) => r.number,
  plannedStart: (r) => r.planned_start,
  plannedEnd: (r) => r.planned_end,
  progress: (r) => r.progress,
  budget: (r) => r.budget,
  id: (r) => r.id,
};

function baseQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('projects as p')
    .innerJoin('sites as s', 's.id', 'p.site_id')
    .leftJoin('users as m', 'm.id', 'p.manager_id')
    .leftJoin('users as au', 'au.id', 'p.accepted_by')
    .selectAll('p')
    .select(['s.name as site_name', 's.timezone as site_timezone', 'm.name as manager_name', 'au.name as accepted_by_name'])
    .where('p.org_id', '=', orgId);
}

export function findProject(db: Db | Tx, orgId: string, id: string): Promise<ProjectListRow | undefined> {
  return baseQuery(db, orgId).where('p.id', '=', id).executeTakeFirst();
}

/** The time zones the organisation's sites use (a handful), for "today" per site in SQL. */
export async function siteTimezones(db: Db | Tx, orgId: string): Promise<string[]> {
  const rows = await db.selectFrom('sites').select('timezone').distinct().where('org_id', '=', orgId).execute();
  return rows.map((r) => r.timezone);
}

/** `today` of the row's site: a CASE over the zones, each mapped to its local day at `now`. */
export function siteTodaySql(timezones: string[], now: Date, timezoneColumn = 's.timezone') {
  if (timezones.length === 0) return sql<string>`''`;
  const whens = timezones.map((tz) => sql`when ${tz} then ${localDate(now, tz)}`);
  return sql<string>`(case ${sql.ref(timezoneColumn)} ${sql.join(whens, sql` `)} end)`;
}

/** Open (not accepted, not cancelled) with its planned end before the site's today. */
export function overdueSql(today: Expression<string>) {
  return sql<SqlBool>`(p.planned_end is not null and p.planned_end < ${today} and p.status not in ('accepted', 'cancelled'))`;
}

/** Its planned end passed before the project was accepted (or it still is not); cancelled projects are not late. */
export function lateSql(today: Expression<string>) {
  return sql<SqlBool>`(p.planned_end is not null and p.planned_end < ${today} and p.status <> 'cancelled'
    and (p.accepted_on is null or p.accepted_on > p.planned_end))`;
}

/** `column` within [from, to] (either bound optional) as plain string compares of `YYYY-MM-DD`. */
function dateRange(column: string, from: string | undefined, to: string | undefined): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  if (from) out.push(sql<SqlBool>`${sql.ref(column)} >= ${from}`);
  if (to) out.push(sql<SqlBool>`${sql.ref(column)} <= ${to}`);
  return out;
}

export async function listProjects(db: Db, orgId: string, scope: SiteScope, f: ProjectFilter, now: Date): Promise<Page<ProjectListRow>> {
  let q = baseQuery(db, orgId);
  if (scope !== 'all') q = scope.length ? q.where('p.site_id', 'in', scope) : q.where('p.id', '=', '');
  if (typeof f.siteId === 'string') q = q.where('p.site_id', '=', f.siteId);
  else if (f.siteId?.length) q = q.where('p.site_id', 'in', f.siteId);
  if (f.status) q = q.where('p.status', '=', f.status);
  if (f.type) q = q.where('p.type', '=', f.type);
  if (f.managerId) q = q.where('p.manager_id', '=', f.managerId);
  if (f.locationId) q = q.where('p.location_id', '=', f.locationId);
  if (f.plannedFrom) q = q.where(sql<SqlBool>`coalesce(p.planned_end, p.planned_start) >= ${f.plannedFrom}`);
  if (f.plannedTo) q = q.where(sql<SqlBool>`coalesce(p.planned_start, p.planned_end) <= ${f.plannedTo}`);
  if (f.actualFrom) {
    q = q
      .where('p.actual_start', 'is not', null)
      .where((eb) => eb.or([eb('p.actual_end', 'is', null), eb('p.actual_end', '>=', f.actualFrom as string)]));
  }
  if (f.actualTo) q = q.where('p.actual_start', '<=', f.actualTo);
  for (const cond of [
    ...dateRange('p.actual_start', f.startedFrom, f.startedTo),
    ...dateRange('p.accepted_on', f.acceptedFrom, f.acceptedTo),
    ...dateRange('p.planned_end', f.dueFrom, f.dueTo),
  ]) {
    q = q.where(cond);
  }
  if (f.overdue || f.late) {
    const today = siteTodaySql(await siteTimezones(db, orgId), now);
    if (f.overdue) q = q.where(overdueSql(today));
    if (f.late) q = q.where(lateSql(today));
  }
  if (f.q) q = q.where(matchesAny(db, ['p.number', 'p.name', 'p.contractor'], f.q));
  return keysetPage<ProjectListRow>(q, SORT, f, (row, key) => SORT_VALUE[key]?.(row) ?? row.id);
}

export async function insertProject(tx: Tx, row: ProjectRow): Promise<void> {
  await tx.insertInto('projects').values(row).execute();
}

export async function insertUpdate(tx: Tx, row: ProjectUpdateRow): Promise<void> {
  await tx.insertInto('project_updates').values(row).execute();
}

export function listUpdates(db: Db, projectId: string): Promise<ProjectUpdateRow[]> {
  return db
    .selectFrom('project_updates')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Location rows for path names ("长春店 / A座主楼 / 一层"), read in one query. */
export function findLocationRows(db: Db | Tx, orgId: string, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('locations')
    .select(['id', 'site_id', 'path', 'name', 'parent_id'])
    .where('org_id', '=', orgId)
    .where('id', 'in', wanted)
    .execute();
}

export function findSiteRow(db: Db | Tx, orgId: string, id: string) {
  return db.selectFrom('sites').select(['id', 'timezone', 'active']).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findActiveUser(db: Db | Tx, orgId: string, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('active', '=', 1)
    .executeTakeFirst();
}
