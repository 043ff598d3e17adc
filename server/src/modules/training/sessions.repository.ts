import { type Expression, type SqlBool, sql } from 'kysely';
import type { TrainingStatus } from '../../../../contracts/training.js';
import type { Page } from '../../../../contracts/types.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import './schema.js';

export type SessionRow = Row<'training_sessions'>;
export type SessionListRow = SessionRow & { site_name: string; site_timezone: string; trainer_user_name: string | null };
export type AttendeeRow = Row<'training_attendees'> & { name: string };

export interface SessionFilter extends PageQuery {
  /** sites where the actor reads every session (null: all) */
  sites: string[] | null;
  /**
   * also the sessions of these sites the actor may read as an attendee: invited or signed
   * in, or open to the whole site (no invitation list)
   */
  attendee?: { userId: string; sites: string[] | null };
  siteId?: string[];
  status?: TrainingStatus[];
  type?: string;
  trainerId?: string;
  /**
   * someone on this department's staff (users.department_id) signed in: the sessions
   * behind a department's attendance figure
   */
  departmentId?: string;
  /** starts in [from, to) */
  from?: string;
  to?: string;
  q?: string;
  now: string;
}

const SORT: SortSpec = {
  columns: { startsAt: 's.starts_at', number: 's.number', createdAt: 's.created_at', id: 's.id' },
  default: '-startsAt',
  id: 's.id',
};

const SORT_VALUE: Record<string, (r: SessionListRow) => unknown> = {
  startsAt: (r) => r.starts_at,
  number: (r) => r.number,
  createdAt: (r) => r.created_at,
  id: (r) => r.id,
};

function baseQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('training_sessions as s')
    .innerJoin('sites as site', 'site.id', 's.site_id')
    .leftJoin('users as tr', 'tr.id', 's.trainer_id')
    .selectAll('s')
    .select(['site.name as site_name', 'site.timezone as site_timezone', 'tr.name as trainer_user_name'])
    .where('s.org_id', '=', orgId);
}

export function findSession(db: Db | Tx, orgId: string, id: string): Promise<SessionListRow | undefined> {
  return baseQuery(db, orgId).where('s.id', '=', id).executeTakeFirst();
}

export function findSessionByCode(db: Db | Tx, code: string): Promise<SessionListRow | undefined> {
  return db
    .selectFrom('training_sessions as s')
    .innerJoin('sites as site', 'site.id', 's.site_id')
    .leftJoin('users as tr', 'tr.id', 's.trainer_id')
    .selectAll('s')
    .select(['site.name as site_name', 'site.timezone as site_timezone', 'tr.name as trainer_user_name'])
    .where('s.checkin_code', '=', code)
    .executeTakeFirst();
}

/** The SQL of a computed status: done once ended (or marked), planned before, cancelled as stored. */
export function statusSql(status: TrainingStatus, now: string): Expression<SqlBool> {
  if (status === 'cancelled') return sql<SqlBool>`s.status = 'cancelled'`;
  if (status === 'done') return sql<SqlBool>`(s.status = 'done' or (s.status = 'planned' and s.ends_at <= ${now}))`;
  return sql<SqlBool>`(s.status = 'planned' and s.ends_at > ${now})`;
}

/** the users on a department's staff (users.department_id), as a subquery: the measures and the lists behind them */
export function staffOf(db: Db | Tx, orgId: string, departmentId: string) {
  return db.selectFrom('users as du').select('du.id').where('du.org_id', '=', orgId).where('du.department_id', '=', departmentId);
}

export function listSessions(db: Db, orgId: string, f: SessionFilter): Promise<Page<SessionListRow>> {
  let q = baseQuery(db, orgId);
  const { sites, attendee } = f;
  q = q.where((eb) => {
    const any: Expression<SqlBool>[] = [];
    if (sites === null) any.push(sql<SqlBool>`1 = 1`);
    else if (sites.length) any.push(eb('s.site_id', 'in', sites));
    if (attendee && (attendee.sites === null || attendee.sites.length)) {
      const mine = eb.or([
        eb.exists(
          eb
            .selectFrom('training_attendees as a')
            .select('a.id')
            .whereRef('a.session_id', '=', 's.id')
            .where('a.user_id', '=', attendee.userId),
        ),
        eb.not(
          eb.exists(
            eb.selectFrom('training_attendees as i').select('i.id').whereRef('i.session_id', '=', 's.id').where('i.invited', '=', 1),
          ),
        ),
      ]);
      any.push(attendee.sites === null ? mine : eb.and([eb('s.site_id', 'in', attendee.sites), mine]));
    }
    return any.length ? eb.or(any) : sql<SqlBool>`1 = 0`;
  });
  if (f.siteId?.length) q = q.where('s.site_id', 'in', f.siteId);
  if (f.status?.length) {
    const statuses = f.status;
    q = q.where((eb) => eb.or(statuses.map((st) => statusSql(st, f.now))));
  }
  if (f.type) q = q.where('s.type', '=', f.type);
  if (f.trainerId) q = q.where('s.trainer_id', '=', f.trainerId);
  if (f.departmentId) {
    const staff = staffOf(db, orgId, f.departmentId);
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('training_attendees as da')
          .select('da.id')
          .whereRef('da.session_id', '=', 's.id')
          .where('da.signed_in_at', 'is not', null)
          .where('da.user_id', 'in', staff),
      ),
    );
  }
  if (f.from) q = q.where('s.starts_at', '>=', f.from);
  if (f.to) q = q.where('s.starts_at', '<', f.to);
  const term = f.q?.trim();
  if (term) q = q.where(matchesAny(db, ['s.title', 's.number'], term));
  return keysetPage<SessionListRow>(q, SORT, f, (row, key) => SORT_VALUE[key]?.(row) ?? row.id);
}

/** Invited people and everyone who signed in, of the given sessions, by name. */
export async function attendeesOf(db: Db | Tx, sessionIds: string[]): Promise<AttendeeRow[]> {
  if (!sessionIds.length) return [];
  return db
    .selectFrom('training_attendees as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .selectAll('a')
    .select('u.name')
    .where('a.session_id', 'in', sessionIds)
    .orderBy('a.session_id')
    .orderBy('u.name')
    .orderBy('a.user_id')
    .execute();
}

/**
 * The sessions of one person that end at or after `since`, not cancelled: those they are
 * invited to or signed in to, and those open to a whole site where they attend training.
 */
export function sessionsOfPerson(
  db: Db,
  orgId: string,
  userId: string,
  openSites: string[] | null,
  since: string,
  limit: number,
): Promise<SessionListRow[]> {
  return baseQuery(db, orgId)
    .where('s.status', '<>', 'cancelled')
    .where('s.ends_at', '>=', since)
    .where((eb) => {
      const mine = eb.exists(
        eb.selectFrom('training_attendees as a').select('a.id').whereRef('a.session_id', '=', 's.id').where('a.user_id', '=', userId),
      );
      const open = eb.not(
        eb.exists(eb.selectFrom('training_attendees as i').select('i.id').whereRef('i.session_id', '=', 's.id').where('i.invited', '=', 1)),
      );
      if (openSites === null) return eb.or([mine, open]);
      return openSites.length ? eb.or([mine, eb.and([eb('s.site_id', 'in', openSites), open])]) : mine;
    })
    .orderBy('s.starts_at')
    .orderBy('s.id')
    .limit(limit)
    .execute();
}
