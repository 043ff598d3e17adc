import type { Page } from '../../../../contracts/types.js';
import type { SiteScope } from '../../platform/access/actor.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';

export type TeamRow = Row<'teams'>;
export type TeamListRow = TeamRow & {
  site_code: string | null;
  site_name: string | null;
  leader_name: string | null;
  member_count: number | string;
};
export interface TeamMember {
  id: string;
  name: string;
  username: string;
  active: number;
}

export interface TeamFilter extends PageQuery {
  q?: string;
  /** a site id, or `none` for organisation-wide teams */
  siteId?: string;
  active?: boolean;
}

const SORT: SortSpec = { columns: { code: 't.code', name: 't.name', id: 't.id' }, default: 'code', id: 't.id' };

export function findTeam(db: Db | Tx, orgId: string, id: string): Promise<TeamRow | undefined> {
  return db.selectFrom('teams').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findTeamByCode(db: Db | Tx, orgId: string, code: string): Promise<TeamRow | undefined> {
  return db.selectFrom('teams').selectAll().where('org_id', '=', orgId).where('code', '=', code).executeTakeFirst();
}

/** Site-bound teams only within `scope`; organisation-wide teams (no site) for everyone. */
export function listTeams(db: Db, orgId: string, scope: SiteScope, f: TeamFilter): Promise<Page<TeamListRow>> {
  let q = db
    .selectFrom('teams as t')
    .leftJoin('sites as s', 's.id', 't.site_id')
    .leftJoin('users as u', 'u.id', 't.leader_id')
    .selectAll('t')
    .select((eb) => [
      's.code as site_code',
      's.name as site_name',
      'u.name as leader_name',
      eb
        .selectFrom('team_members as m')
        .select(eb.fn.countAll<number | string>().as('n'))
        .whereRef('m.team_id', '=', 't.id')
        .as('member_count'),
    ])
    .where('t.org_id', '=', orgId);
  if (scope !== 'all')
    q = q.where((eb) => (scope.length ? eb.or([eb('t.site_id', 'is', null), eb('t.site_id', 'in', scope)]) : eb('t.site_id', 'is', null)));
  if (f.siteId === 'none') q = q.where('t.site_id', 'is', null);
  else if (f.siteId) q = q.where('t.site_id', '=', f.siteId);
  if (f.active !== undefined) q = q.where('t.active', '=', f.active ? 1 : 0);
  if (f.q) q = q.where(matchesAny(db, ['t.code', 't.name'], f.q));
  return keysetPage<TeamListRow>(q, SORT, f, (row, key) => row[key as keyof TeamListRow]);
}

export function teamMembers(db: Db | Tx, teamId: string): Promise<TeamMember[]> {
  return db
    .selectFrom('team_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.name', 'u.username', 'u.active'])
    .where('m.team_id', '=', teamId)
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
}

export async function memberIdsOf(db: Db | Tx, teamId: string): Promise<string[]> {
  const rows = await db.selectFrom('team_members').select('user_id').where('team_id', '=', teamId).orderBy('user_id').execute();
  return rows.map((r) => r.user_id);
}

/** Active teams that have the user as a member. */
export function teamsWithMember(db: Db | Tx, orgId: string, userId: string): Promise<TeamRow[]> {
  return db
    .selectFrom('teams as t')
    .innerJoin('team_members as m', 'm.team_id', 't.id')
    .selectAll('t')
    .where('t.org_id', '=', orgId)
    .where('m.user_id', '=', userId)
    .where('t.active', '=', 1)
    .orderBy('t.code')
    .execute();
}

export function findUserBrief(db: Db | Tx, orgId: string, id: string): Promise<{ id: string; name: string; username: string } | undefined> {
  return db.selectFrom('users').select(['id', 'name', 'username']).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** Of `ids`, those that are active users of the organisation. */
export async function activeUserIds(db: Db | Tx, orgId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('org_id', '=', orgId)
    .where('active', '=', 1)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function replaceMembers(tx: Tx, teamId: string, userIds: string[]): Promise<void> {
  await tx.deleteFrom('team_members').where('team_id', '=', teamId).execute();
  if (userIds.length) {
    await tx
      .insertInto('team_members')
      .values(userIds.map((user_id) => ({ team_id: teamId, user_id })))
      .execute();
  }
}
