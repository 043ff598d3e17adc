import { type Expression, type SqlBool, sql } from 'kysely';
import type { RoundStatus } from '../../../../contracts/patrols.js';
import type { Page } from '../../../../contracts/types.js';
import type { SiteScope } from '../../platform/access/actor.js';
import type { Db, Tx } from '../../platform/context.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import type { DoerView } from './access.js';
import './schema.js';

export type RoundRow = Row<'patrol_rounds'>;
export type RoundPointRow = Row<'patrol_round_points'>;
export type RoundListRow = RoundRow & { plan_name: string; site_name: string; site_timezone: string; done_by_name: string | null };

export interface RoundFilter extends PageQuery {
  siteId?: string | string[];
  planId?: string;
  status?: RoundStatus | RoundStatus[];
  /** the rounds the actor is the assignee of (in person, by team or by role) */
  mine?: DoerView;
  /** the rounds given to one assignee, as the compliance rows key them (a person, a team, a role) */
  assignedTo?: { type: 'user' | 'team' | 'role'; id: string };
  level?: string;
  /** due in [from, to) */
  from?: string;
  to?: string;
  /** finished by the window's end (true) or after it (false) */
  onTime?: boolean;
}

const SORT: SortSpec = {
  columns: { dueAt: 'r.due_at', number: 'r.number', createdAt: 'r.created_at', id: 'r.id' },
  default: '-dueAt',
  id: 'r.id',
};

const SORT_VALUE: Record<string, (r: RoundListRow) => unknown> = {
  dueAt: (r) => r.due_at,
  number: (r) => r.number,
  createdAt: (r) => r.created_at,
  id: (r) => r.id,
};

function baseQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('patrol_rounds as r')
    .innerJoin('patrol_plans as p', 'p.id', 'r.plan_id')
    .innerJoin('sites as s', 's.id', 'r.site_id')
    .leftJoin('users as d', 'd.id', 'r.done_by')
    .selectAll('r')
    .select(['p.name as plan_name', 's.name as site_name', 's.timezone as site_timezone', 'd.name as done_by_name'])
    .where('r.org_id', '=', orgId);
}

export function findRound(db: Db | Tx, orgId: string, id: string): Promise<RoundListRow | undefined> {
  return baseQuery(db, orgId).where('r.id', '=', id).executeTakeFirst();
}

export function listRounds(db: Db, orgId: string, scope: SiteScope, f: RoundFilter): Promise<Page<RoundListRow>> {
  let q = baseQuery(db, orgId);
  if (scope !== 'all') q = scope.length ? q.where('r.site_id', 'in', scope) : q.where('r.id', '=', '');
  if (typeof f.siteId === 'string') q = q.where('r.site_id', '=', f.siteId);
  else if (f.siteId?.length) q = q.where('r.site_id', 'in', f.siteId);
  if (f.planId) q = q.where('r.plan_id', '=', f.planId);
  if (typeof f.status === 'string') q = q.where('r.status', '=', f.status);
  else if (f.status?.length) q = q.where('r.status', 'in', f.status);
  if (f.level) q = q.where('r.level', '=', f.level);
  if (f.from) q = q.where('r.due_at', '>=', f.from);
  if (f.to) q = q.where('r.due_at', '<', f.to);
  if (f.onTime !== undefined) {
    q = q.where('r.status', '=', 'done');
    q = f.onTime ? q.where(sql<SqlBool>`r.finished_at <= r.window_end_at`) : q.where(sql<SqlBool>`r.finished_at > r.window_end_at`);
  }
  if (f.assignedTo) {
    const { type, id } = f.assignedTo;
    q = q.where('r.assignee_type', '=', type).where(type === 'role' ? 'r.assignee_role' : 'r.assignee_id', '=', id);
  }
  const mine = f.mine;
  if (mine) {
    q = q.where((eb) => {
      const any: Expression<SqlBool>[] = [];
      if (mine.userId) any.push(eb.and([eb('r.assignee_type', '=', 'user'), eb('r.assignee_id', '=', mine.userId)]));
      if (mine.teamIds.size) any.push(eb.and([eb('r.assignee_type', '=', 'team'), eb('r.assignee_id', 'in', [...mine.teamIds])]));
      for (const role of mine.roles) {
        const conds = [eb('r.assignee_type', '=', 'role'), eb('r.assignee_role', '=', role.code)];
        if (role.siteId) conds.push(eb('r.site_id', '=', role.siteId));
        any.push(eb.and(conds));
      }
      return any.length ? eb.or(any) : sql<SqlBool>`1 = 0`;
    });
  }
  return keysetPage<RoundListRow>(q, SORT, f, (row, key) => SORT_VALUE[key]?.(row) ?? row.id);
}

export function roundPointsOf(db: Db | Tx, roundIds: string[]): Promise<RoundPointRow[]> {
  if (!roundIds.length) return Promise.resolve([]);
  return db.selectFrom('patrol_round_points').selectAll().where('round_id', 'in', roundIds).orderBy('round_id').orderBy('seq').execute();
}

export function findRoundPoint(db: Db | Tx, orgId: string, id: string): Promise<RoundPointRow | undefined> {
  return db.selectFrom('patrol_round_points').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** The status of each checklist result (a point's checklist is submitted or still a draft). */
export async function checklistStatuses(db: Db | Tx, ids: string[]): Promise<Map<string, 'draft' | 'submitted'>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('checklist_results').select(['id', 'status']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.status]));
}
