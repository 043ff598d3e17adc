import type { Generated } from 'kysely';
import type { DrillStatus } from '../../../../contracts/drills.js';
import type { Bool, Row, Timestamp } from '../../platform/db/schema.js';

/** Drill tables (migration 0022_drills). A plan's recurrence lives in its schedule (owner_type 'drill_plan'). */
export interface DrillPlansTable {
  id: string;
  org_id: string;
  site_id: string;
  name: string;
  type: string;
  scenario: string;
  location_id: string | null;
  place: string | null;
  commander_id: string | null;
  window_hours: number;
  lead_days: number;
  active: Bool;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface DrillsTable {
  id: string;
  org_id: string;
  site_id: string;
  number: string;
  plan_id: string | null;
  occurrence_id: string | null;
  type: string;
  title: string;
  scenario: string;
  planned_at: Timestamp;
  due_by: Timestamp;
  status: DrillStatus;
  location_id: string | null;
  place: string | null;
  commander_id: string | null;
  started_at: Timestamp | null;
  ended_at: Timestamp | null;
  /** JSON DrillParticipantGroup[] */
  participants: string;
  participant_count: number;
  preparation: string | null;
  purpose: string | null;
  course: string | null;
  problems: string | null;
  causes: string | null;
  lessons: string | null;
  evaluation: string | null;
  improvements: string | null;
  report_filed_at: Timestamp | null;
  report_filed_by: string | null;
  cancel_reason: string | null;
  recorded_by: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    drill_plans: DrillPlansTable;
    drills: DrillsTable;
  }
}

export type DrillPlanRow = Row<'drill_plans'>;
export type DrillRow = Row<'drills'>;
