import type { PlanSystem, PlanTarget, PlanTrigger } from '../../../../contracts/maintenance.js';
import type { Page } from '../../../../contracts/types.js';
import type { SiteScope } from '../../platform/access/actor.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import { PLAN_OWNER, type PlanRow } from './schedule.js';

export type PlanListRow = PlanRow & {
  site_name: string;
  site_timezone: string;
  asset_code: string | null;
  asset_name: string | null;
  category_name: string | null;
  template_name: string | null;
  team_name: string | null;
  assignee_name: string | null;
  recurrence: string | null;
};

export interface PlanFilter extends PageQuery {
  siteId?: string | string[];
  system?: PlanSystem;
  target?: PlanTarget;
  trigger?: PlanTrigger;
  active?: boolean;
  assetId?: string;
  categoryId?: string;
  q?: string;
}

const SORT: SortSpec = {
  columns: { name: 'p.name', createdAt: 'p.created_at', updatedAt: 'p.updated_at', id: 'p.id' },
  default: 'name',
  id: 'p.id',
};

const SORT_VALUE: Record<string, (r: PlanListRow) => unknown> = {
  name: (r) => r.name,
  createdAt: (r) => r.created_at,
  updatedAt: (r) => r.updated_at,
  id: (r) => r.id,
};

function baseQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('maintenance_plans as p')
    .innerJoin('sites as s', 's.id', 'p.site_id')
    .leftJoin('assets as a', 'a.id', 'p.asset_id')
    .leftJoin('asset_categories as c', 'c.id', 'p.category_id')
    .leftJoin('checklist_templates as t', 't.id', 'p.checklist_template_id')
    .leftJoin('teams as tm', 'tm.id', 'p.team_id')
    .leftJoin('users as u', 'u.id', 'p.assignee_id')
    .leftJoin('schedules as sc', (j) => j.onRef('sc.owner_id', '=', 'p.id').on('sc.owner_type', '=', PLAN_OWNER))
    .selectAll('p')
    .select([
      's.name as site_name',
      's.timezone as site_timezone',
      'a.code as asset_code',
      'a.name as asset_name',
      'c.name as category_name',
      't.name as template_name',
      'tm.name as team_name',
      'u.name as assignee_name',
      'sc.recurrence as recurrence',
    ])
    .where('p.org_id', '=', orgId);
}

export function findPlan(db: Db | Tx, orgId: string, id: string): Promise<PlanListRow | undefined> {
  return baseQuery(db, orgId).where('p.id', '=', id).executeTakeFirst();
}

export function listPlans(db: Db, orgId: string, scope: SiteScope, f: PlanFilter): Promise<Page<PlanListRow>> {
  let q = baseQuery(db, orgId);
  if (scope !== 'all') q = scope.length ? q.where('p.site_id', 'in', scope) : q.where('p.id', '=', '');
  if (typeof f.siteId === 'string') q = q.where('p.site_id', '=', f.siteId);
  else if (f.siteId?.length) q = q.where('p.site_id', 'in', f.siteId);
  if (f.system) q = q.where('p.system', '=', f.system);
  if (f.target) q = q.where('p.target', '=', f.target);
  if (f.trigger) q = q.where('p.trigger', '=', f.trigger);
  if (f.active !== undefined) q = q.where('p.active', '=', f.active ? 1 : 0);
  if (f.assetId) q = q.where('p.asset_id', '=', f.assetId);
  if (f.categoryId) q = q.where('p.category_id', '=', f.categoryId);
  if (f.q) q = q.where(matchesAny(db, ['p.name', 'a.code', 'a.name'], f.q));
  return keysetPage<PlanListRow>(q, SORT, f, (row, key) => SORT_VALUE[key]?.(row) ?? row.id);
}

/** Per plan: the next open occurrence's due time and the last completion. */
export async function occurrenceFacts(
  db: Db | Tx,
  planIds: string[],
): Promise<{ next: Map<string, string>; lastDone: Map<string, string> }> {
  if (!planIds.length) return { next: new Map(), lastDone: new Map() };
  const [next, done] = await Promise.all([
    db
      .selectFrom('occurrences')
      .select(['owner_id'])
      .select((eb) => eb.fn.min('due_at').as('at'))
      .where('owner_type', '=', PLAN_OWNER)
      .where('owner_id', 'in', planIds)
      .where('status', '=', 'open')
      .groupBy('owner_id')
      .execute(),
    db
      .selectFrom('occurrences')
      .select(['owner_id'])
      .select((eb) => eb.fn.max('done_at').as('at'))
      .where('owner_type', '=', PLAN_OWNER)
      .where('owner_id', 'in', planIds)
      .where('status', '=', 'done')
      .groupBy('owner_id')
      .execute(),
  ]);
  const map = (rows: { owner_id: string; at: unknown }[]) =>
    new Map(rows.filter((r) => r.at !== null).map((r) => [r.owner_id, new Date(r.at as string).toISOString()]));
  return { next: map(next), lastDone: map(done) };
}

/** The latest reading of each (asset, meter) pair. */
export async function latestReadings(db: Db | Tx, pairs: { assetId: string; meterName: string }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const p of pairs) {
    const key = `${p.assetId}\u0000${p.meterName}`;
    if (out.has(key)) continue;
    const row = await latestReading(db, p.assetId, p.meterName);
    if (row) out.set(key, row.value);
  }
  return out;
}

export function latestReading(db: Db | Tx, assetId: string, meterName: string) {
  return db
    .selectFrom('asset_meter_readings')
    .select(['value', 'read_at', 'unit'])
    .where('asset_id', '=', assetId)
    .where('meter_name', '=', meterName)
    .orderBy('read_at', 'desc')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function locationRows(db: Db | Tx, orgId: string, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('locations')
    .select(['id', 'site_id', 'path', 'name', 'parent_id'])
    .where('org_id', '=', orgId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
}
