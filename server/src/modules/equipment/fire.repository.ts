import { sql } from 'kysely';
import type { Page } from '../../../../contracts/types.js';
import type { SiteScope } from '../../platform/access/actor.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny, ts } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import { type LocationRow, locationSubtreeQuery } from '../org/index.js';
import type { AssetStatus } from './schema.js';

export type FireRuleRow = Row<'fire_equipment_rules'>;
export type FireCheckRow = Row<'fire_checks'>;
export type FireServiceRow = Row<'fire_services'>;

export interface FireRuleFilter extends PageQuery {
  active?: boolean;
  q?: string;
}

const RULE_SORT: SortSpec = { columns: { code: 'code', name: 'name', id: 'id' }, default: 'code', id: 'id' };

export function findRule(db: Db | Tx, orgId: string, id: string): Promise<FireRuleRow | undefined> {
  return db.selectFrom('fire_equipment_rules').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function listRules(db: Db, orgId: string, f: FireRuleFilter): Promise<Page<FireRuleRow>> {
  let q = db.selectFrom('fire_equipment_rules').selectAll().where('org_id', '=', orgId);
  if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
  if (f.q) q = q.where(matchesAny(db, ['code', 'name', 'name_en'], f.q));
  return keysetPage<FireRuleRow>(q, RULE_SORT, f, (row, key) => row[key as keyof FireRuleRow]);
}

/** What a check or a service needs to know about the asset. */
export function findFireAsset(db: Db | Tx, orgId: string, id: string) {
  return db
    .selectFrom('assets')
    .select(['id', 'site_id', 'code', 'name', 'status', 'lost', 'fire_rule_id', 'production_date', 'location_id'])
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface RecordFilter extends PageQuery {
  id?: string;
  assetId?: string;
  siteId?: string;
  /** inclusive lower bound (ISO instant for checks, date for services) */
  from?: string;
  /** exclusive upper bound */
  before?: string;
  usable?: boolean;
}

const CHECK_SORT: SortSpec = { columns: { checkedAt: 'c.checked_at', id: 'c.id' }, default: '-checkedAt', id: 'c.id' };
const SERVICE_SORT: SortSpec = { columns: { servicedOn: 'v.serviced_on', id: 'v.id' }, default: '-servicedOn', id: 'v.id' };

export type CheckListRow = FireCheckRow & {
  asset_code: string;
  asset_name: string;
  location_id: string | null;
  site_name: string;
  checked_by_name: string;
};

export function listChecks(db: Db, orgId: string, scope: SiteScope, f: RecordFilter): Promise<Page<CheckListRow>> {
  let q = db
    .selectFrom('fire_checks as c')
    .innerJoin('assets as a', 'a.id', 'c.asset_id')
    .innerJoin('sites as s', 's.id', 'c.site_id')
    .innerJoin('users as u', 'u.id', 'c.checked_by')
    .selectAll('c')
    .select(['a.code as asset_code', 'a.name as asset_name', 'a.location_id', 's.name as site_name', 'u.name as checked_by_name'])
    .where('c.org_id', '=', orgId);
  if (scope !== 'all') q = scope.length ? q.where('c.site_id', 'in', scope) : q.where('c.id', '=', '');
  if (f.id) q = q.where('c.id', '=', f.id);
  if (f.assetId) q = q.where('c.asset_id', '=', f.assetId);
  if (f.siteId) q = q.where('c.site_id', '=', f.siteId);
  if (f.from) q = q.where('c.checked_at', '>=', ts(db, f.from));
  if (f.before) q = q.where('c.checked_at', '<', ts(db, f.before));
  if (f.usable !== undefined) q = q.where('c.usable', '=', f.usable ? 1 : 0);
  return keysetPage<CheckListRow>(q, CHECK_SORT, f, (row, key) => (key === 'checkedAt' ? row.checked_at : row.id));
}

export type ServiceListRow = FireServiceRow & { asset_code: string; asset_name: string; site_name: string; created_by_name: string };

export function listServices(db: Db, orgId: string, scope: SiteScope, f: RecordFilter): Promise<Page<ServiceListRow>> {
  let q = db
    .selectFrom('fire_services as v')
    .innerJoin('assets as a', 'a.id', 'v.asset_id')
    .innerJoin('sites as s', 's.id', 'v.site_id')
    .innerJoin('users as u', 'u.id', 'v.created_by')
    .selectAll('v')
    .select(['a.code as asset_code', 'a.name as asset_name', 's.name as site_name', 'u.name as created_by_name'])
    .where('v.org_id', '=', orgId);
  if (scope !== 'all') q = scope.length ? q.where('v.site_id', 'in', scope) : q.where('v.id', '=', '');
  if (f.id) q = q.where('v.id', '=', f.id);
  if (f.assetId) q = q.where('v.asset_id', '=', f.assetId);
  if (f.siteId) q = q.where('v.site_id', '=', f.siteId);
  if (f.from) q = q.where('v.serviced_on', '>=', f.from);
  if (f.before) q = q.where('v.serviced_on', '<', f.before);
  return keysetPage<ServiceListRow>(q, SERVICE_SORT, f, (row, key) => (key === 'servicedOn' ? row.serviced_on : row.id));
}

export interface FireEquipmentQuery {
  siteId?: string;
  ruleId?: string;
  /** subtree root, already checked readable */
  under?: Pick<LocationRow, 'site_id' | 'path'>;
  statuses?: AssetStatus[];
  q?: string;
}

/**
 * Every fire item in scope with its rule, its latest check and its latest service, in
 * one statement: the latest check per asset comes from a `row_number()` window and the
 * latest service from a grouped `max()` — both run unchanged on SQLite and PostgreSQL.
 * A replacement resets the service clock (the new unit counts from its production date),
 * so services older than the current unit's production date are left out.
 */
export function fireEquipmentRows(db: Db, orgId: string, scope: SiteScope, f: FireEquipmentQuery) {
  let checks = db
    .selectFrom('fire_checks')
    .select([
      'asset_id',
      'checked_at',
      'present',
      'gauge_ok',
      'seal_ok',
      'usable',
      sql<number>`row_number() over (partition by asset_id order by checked_at desc, id desc)`.as('rn'),
    ])
    .where('org_id', '=', orgId);
  let services = db
    .selectFrom('fire_services as fs')
    .innerJoin('assets as sa', 'sa.id', 'fs.asset_id')
    .select(['fs.asset_id', sql<string>`max(fs.serviced_on)`.as('last_serviced_on')])
    .where('fs.org_id', '=', orgId)
    .where('fs.kind', '<>', 'replace')
    .where((eb) => eb.or([eb('sa.production_date', 'is', null), eb('fs.serviced_on', '>=', eb.ref('sa.production_date'))]))
    .groupBy('fs.asset_id');
  if (scope !== 'all') {
    const sites = scope.length ? scope : [''];
    checks = checks.where('site_id', 'in', sites);
    services = services.where('fs.site_id', 'in', sites);
  }
  let q = db
    .selectFrom('assets as a')
    .innerJoin('fire_equipment_rules as r', 'r.id', 'a.fire_rule_id')
    .innerJoin('sites as s', 's.id', 'a.site_id')
    .leftJoin(checks.as('lc'), (j) => j.onRef('lc.asset_id', '=', 'a.id').on('lc.rn', '=', 1))
    .leftJoin(services.as('ls'), (j) => j.onRef('ls.asset_id', '=', 'a.id'))
    .select([
      'a.id',
      'a.code',
      'a.name',
      'a.site_id',
      's.name as site_name',
      's.timezone',
      'a.location_id',
      'a.status',
      'a.lost',
      'a.production_date',
      'a.created_at',
      'r.id as rule_id',
      'r.code as rule_code',
      'r.name as rule_name',
      'r.check_interval_days',
      'r.first_service_years',
      'r.service_interval_years',
      'r.scrap_years',
      'lc.checked_at as last_checked_at',
      'lc.present as last_present',
      'lc.gauge_ok as last_gauge_ok',
      'lc.seal_ok as last_seal_ok',
      'lc.usable as last_usable',
      'ls.last_serviced_on',
    ])
    .where('a.org_id', '=', orgId);
  if (scope !== 'all') q = scope.length ? q.where('a.site_id', 'in', scope) : q.where('a.id', '=', '');
  if (f.siteId) q = q.where('a.site_id', '=', f.siteId);
  if (f.ruleId) q = q.where('a.fire_rule_id', '=', f.ruleId);
  if (f.under) q = q.where('a.location_id', 'in', locationSubtreeQuery(db, f.under));
  if (f.statuses?.length) q = q.where('a.status', 'in', f.statuses);
  else q = q.where('a.status', '<>', 'scrapped');
  if (f.q) q = q.where(matchesAny(db, ['a.code', 'a.name'], f.q));
  return q.execute();
}

export type FireEquipmentRow = Awaited<ReturnType<typeof fireEquipmentRows>>[number];
