import type { Page } from '../../../../contracts/types.js';
import type { SiteScope } from '../access/actor.js';
import type { Db } from '../context.js';
import { matchesAny, ts } from '../db/dialect.js';
import type { Row } from '../db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../http/paging.js';

/** An audit entry with the name of its site (null for organisation-wide entries). */
export type AuditRow = Row<'audit_log'> & { site_name: string | null };

export interface AuditFilter extends PageQuery {
  /** contains-match on actor name, entity or record id */
  q?: string;
  entity?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  siteId?: string;
  /** inclusive lower bound, ISO instant */
  fromAt?: string;
  /** exclusive upper bound, ISO instant */
  beforeAt?: string;
}

const SORT: SortSpec = { columns: { at: 'a.at', id: 'a.id' }, default: '-at', id: 'a.id' };

function baseQuery(db: Db, orgId: string) {
  return db
    .selectFrom('audit_log as a')
    .leftJoin('sites as s', 's.id', 'a.site_id')
    .selectAll('a')
    .select('s.name as site_name')
    .where('a.org_id', '=', orgId);
}

/**
 * Entries the scope may see: with `all`, everything including organisation-wide
 * entries (site_id null); otherwise only entries of the listed sites.
 */
export function listAudit(db: Db, orgId: string, scope: SiteScope, f: AuditFilter): Promise<Page<AuditRow>> {
  let q = baseQuery(db, orgId);
  if (scope !== 'all') q = scope.length ? q.where('a.site_id', 'in', scope) : q.where('a.id', '=', '');
  if (f.entity) q = q.where('a.entity', '=', f.entity);
  if (f.entityId) q = q.where('a.entity_id', '=', f.entityId);
  if (f.actorId) q = q.where('a.actor_id', '=', f.actorId);
  if (f.action) q = q.where('a.action', '=', f.action);
  if (f.siteId) q = q.where('a.site_id', '=', f.siteId);
  if (f.fromAt) q = q.where('a.at', '>=', ts(db, f.fromAt));
  if (f.beforeAt) q = q.where('a.at', '<', ts(db, f.beforeAt));
  if (f.q) {
    q = q.where(matchesAny(db, ['a.actor_name', 'a.entity', 'a.entity_id'], f.q));
  }
  return keysetPage<AuditRow>(q, SORT, f, (row, key) => (key === 'at' ? row.at : row.id));
}

/**
 * The records whose entries belong in another record's history: a round's points and their
 * checklists are audited as records of their own, yet "who checked in where and when" is the
 * round's story. Answers the entity and ids of each kind of part.
 */
export type HistoryParts = (db: Db, orgId: string, entityId: string) => Promise<{ entity: string; ids: string[] }[]>;

const historyParts = new Map<string, HistoryParts>();

/** Called by a module at start-up for an entity whose history includes its parts' entries. */
export function registerHistoryParts(entity: string, parts: HistoryParts): void {
  historyParts.set(entity, parts);
}

/** Every entry about one record and its registered parts, newest first; the caller filters by scope. */
export async function recordHistory(db: Db, orgId: string, entity: string, entityId: string): Promise<AuditRow[]> {
  const parts = ((await historyParts.get(entity)?.(db, orgId, entityId)) ?? []).filter((p) => p.ids.length > 0);
  return baseQuery(db, orgId)
    .where((eb) =>
      eb.or([
        eb.and([eb('a.entity', '=', entity), eb('a.entity_id', '=', entityId)]),
        ...parts.map((p) => eb.and([eb('a.entity', '=', p.entity), eb('a.entity_id', 'in', p.ids)])),
      ]),
    )
    .orderBy('a.at', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
}
