import type { Generated } from 'kysely';
import type { PlanSystem, PlanTarget, PlanTrigger } from '../../../../contracts/maintenance.js';
import type { Bool, Timestamp } from '../../platform/db/schema.js';

/** Maintenance tables (migration 0016_maintenance). A plan's recurrence lives in its schedule (owner_type 'maintenance_plan'). */
export interface MaintenancePlansTable {
  id: string;
  org_id: string;
  site_id: string;
  name: string;
  description: string | null;
  system: PlanSystem;
  target: PlanTarget;
  asset_id: string | null;
  category_id: string | null;
  /** JSON string[] */
  location_ids: string;
  checklist_template_id: string | null;
  team_id: string | null;
  assignee_id: string | null;
  work_category: string;
  estimated_minutes: number;
  lead_days: number;
  trigger: PlanTrigger;
  meter_name: string | null;
  meter_unit: string | null;
  meter_interval: number | null;
  meter_baseline: number | null;
  active: Bool;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface MaintenanceSettingsTable {
  org_id: string;
  grace_percent: number;
  grace_cap_days: number;
  meter_window_days: number;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface AssetMeterReadingsTable {
  id: string;
  org_id: string;
  site_id: string;
  asset_id: string;
  meter_name: string;
  unit: string | null;
  value: number;
  read_at: Timestamp;
  read_by: string | null;
  note: string | null;
  created_at: Timestamp;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    maintenance_plans: MaintenancePlansTable;
    maintenance_settings: MaintenanceSettingsTable;
    asset_meter_readings: AssetMeterReadingsTable;
  }
}
