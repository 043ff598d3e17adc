import { type SqlBool, sql } from 'kysely';
import type { AlertOutcome } from '../../../../contracts/incidents.js';
import type { Page } from '../../../../contracts/types.js';
import type { SiteScope } from '../../platform/access/actor.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import './schema.js';

export type AlertRow = Row<'security_alerts'>;
export type AlertListRow = AlertRow & {
  site_name: string;
  site_timezone: string;
  recorded_by_name: string;
  incident_number: string | null;
};
export type CommendationRow = Row<'security_commendations'>;

export interface AlertFilter extends PageQuery {
  siteId?: string | string[];
  type?: string;
  source?: string;
  outcome?: AlertOutcome[];
  /** one of the alert's officers */
  officerId?: string;
  /** received_at within [from, to) */
  from?: string;
  to?: string;
  q?: string;
  /** with at least one commendation */
  commended?: boolean;
  incidentId?: string;
}

const SORT: SortSpec = {
  columns: { receivedAt: 'a.received_at', number: 'a.number', createdAt: 'a.created_at', id: 'a.id' },
  default: '-receivedAt',
  id: 'a.id',
};
const SORT_VALUE: Record<string, (r: AlertListRow) => unknown> = {
  receivedAt: (r) => r.received_at,
  number: (r) => r.number,
  createdAt: (r) => r.created_at,
  id: (r) => r.id,
};

function baseQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('security_alerts as a')
    .innerJoin('sites as s', 's.id', 'a.site_id')
    .innerJoin('users as rb', 'rb.id', 'a.recorded_by')
    .leftJoin('incidents as i', 'i.id', 'a.incident_id')
    .selectAll('a')
    .select(['s.name as site_name', 's.timezone as site_timezone', 'rb.name as recorded_by_name', 'i.number as incident_number'])
    .where('a.org_id', '=', orgId);
}

export function findAlert(db: Db | Tx, orgId: string, id: string): Promise<AlertListRow | undefined> {
  return baseQuery(db, orgId).where('a.id', '=', id).executeTakeFirst() as Promise<AlertListRow | undefined>;
}

/** A page of alerts on the readable sites, plus those the actor recorded anywhere. */
export async function listAlerts(
  db: Db,
  orgId: string,
  scope: SiteScope,
  userId: string | null,
  f: AlertFilter,
): Promise<Page<AlertListRow>> {
  let q = baseQuery(db, orgId);
  if (scope !== 'all') {
    q = q.where((eb) =>
      eb.or([
        ...(scope.length ? [eb('a.site_id', 'in', scope)] : []),
        ...(userId ? [eb('a.recorded_by', '=', userId)] : []),
        sql<SqlBool>`1 = 0`,
      ]),
    );
  }
  if (typeof f.siteId === 'string') q = q.where('a.site_id', '=', f.siteId);
  else if (f.siteId?.length) q = q.where('a.site_id', 'in', f.siteId);
  if (f.type) q = q.where('a.type', '=', f.type);
  if (f.source) q = q.where('a.source', '=', f.source);
  if (f.outcome?.length) q = q.where('a.outcome', 'in', f.outcome);
  if (f.from) q = q.where('a.received_at', '>=', f.from);
  if (f.to) q = q.where('a.received_at', '<', f.to);
  if (f.incidentId) q = q.where('a.incident_id', '=', f.incidentId);
  const officer = f.officerId;
  if (officer) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('security_alert_officers as o')
          .select('o.alert_id')
          .whereRef('o.alert_id', '=', 'a.id')
          .where('o.user_id', '=', officer),
      ),
    );
  }
  if (f.commended !== undefined) {
    q = q.where((eb) => {
      const any = eb.exists(eb.selectFrom('security_commendations as c').select('c.id').whereRef('c.alert_id', '=', 'a.id'));
      return f.commended ? any : eb.not(any);
    });
  }
  if (f.q) q = q.where(matchesAny(db, ['a.number', 'a.description', 'a.place', 'a.handling'], f.q));
  return keysetPage<AlertListRow>(q, SORT, f, (row, key) => SORT_VALUE[key]?.(row) ?? row.id);
}

/** The officers of each alert, by name. */
export async function officersOf(db: Db | Tx, alertIds: string[]): Promise<Map<string, { userId: string; name: string }[]>> {
  const out = new Map<string, { userId: string; name: string }[]>();
  if (!alertIds.length) return out;
  const rows = await db
    .selectFrom('security_alert_officers as o')
    .innerJoin('users as u', 'u.id', 'o.user_id')
    .select(['o.alert_id', 'o.user_id', 'u.name'])
    .where('o.alert_id', 'in', [...new Set(alertIds)])
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
  for (const r of rows) out.set(r.alert_id, [...(out.get(r.alert_id) ?? []), { userId: r.user_id, name: r.name }]);
  return out;
}

export interface CommendationListRow extends CommendationRow {
  alert_number: string;
  officer_name: string;
  commended_by_name: string;
}

/** The commendations of each alert, oldest first. */
export async function commendationsOf(db: Db | Tx, alertIds: string[]): Promise<Map<string, CommendationListRow[]>> {
  const out = new Map<string, CommendationListRow[]>();
  if (!alertIds.length) return out;
  const rows = await db
    .selectFrom('security_commendations as c')
    .innerJoin('security_alerts as a', 'a.id', 'c.alert_id')
    .innerJoin('users as o', 'o.id', 'c.officer_id')
    .innerJoin('users as b', 'b.id', 'c.commended_by')
    .selectAll('c')
    .select(['a.number as alert_number', 'o.name as officer_name', 'b.name as commended_by_name'])
    .where('c.alert_id', 'in', [...new Set(alertIds)])
    .orderBy('c.id')
    .execute();
  for (const r of rows) out.set(r.alert_id, [...(out.get(r.alert_id) ?? []), r]);
  return out;
}
