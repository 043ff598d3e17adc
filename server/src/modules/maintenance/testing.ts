import type { PlanSystem } from '../../../../contracts/maintenance.js';
import type { Db } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';

/**
 * Fixtures for the maintenance measures' tests: a site and a bare time plan written
 * straight to the tables, so that the figures can be built occurrence by occurrence
 * through the engine without the plan service's validation and side effects.
 */

export async function insertTestSite(
  db: Db,
  orgId: string,
  code: string,
  name: string,
  at: Date,
  timezone = 'Asia/Shanghai',
): Promise<string> {
  const id = newId();
  const now = at.toISOString();
  await db
    .insertInto('sites')
    .values({
      id,
      org_id: orgId,
      code,
      name,
      kind: 'store',
      timezone,
      address: null,
      opening_hours: null,
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function insertTestPlan(
  db: Db,
  p: { orgId: string; siteId: string; name: string; system: PlanSystem; estimatedMinutes?: number; active?: 0 | 1; at: Date },
): Promise<string> {
  const id = newId();
  const now = p.at.toISOString();
  await db
    .insertInto('maintenance_plans')
    .values({
      id,
      org_id: p.orgId,
      site_id: p.siteId,
      name: p.name,
      description: null,
      system: p.system,
      target: 'asset',
      asset_id: null,
      category_id: null,
      location_ids: '[]',
      checklist_template_id: null,
      team_id: null,
      assignee_id: null,
      work_category: 'general',
      estimated_minutes: p.estimatedMinutes ?? 60,
      lead_days: 0,
      trigger: 'time',
      meter_name: null,
      meter_unit: null,
      meter_interval: null,
      meter_baseline: null,
      active: p.active ?? 1,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}
