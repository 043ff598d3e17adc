import type { Generated } from 'kysely';
import type { PatrolAssigneeType, PatrolKind, PatrolTargetType, RoundPointStatus, RoundStatus } from '../../../../contracts/patrols.js';
import type { Bool, Timestamp } from '../../platform/db/schema.js';

/** Patrol tables (migration 0018_patrols). A plan's recurrence lives in its schedule (owner_type 'patrol_plan'). */
export interface PatrolPlansTable {
  id: string;
  org_id: string;
  site_id: string;
  name: string;
  description: string | null;
  level: string;
  kind: PatrolKind;
  random_count: number | null;
  every_hours_while_open: number | null;
  window_minutes: number;
  assignee_type: PatrolAssigneeType;
  assignee_id: string | null;
  assignee_role: string | null;
  supervisor_id: string | null;
  active: Bool;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface PatrolPointsTable {
  id: string;
  org_id: string;
  plan_id: string;
  seq: number;
  target_type: PatrolTargetType;
  target_id: string;
  checklist_template_id: string | null;
}

export interface PatrolRoundsTable {
  id: string;
  org_id: string;
  site_id: string;
  number: string;
  plan_id: string;
  occurrence_id: string | null;
  level: string;
  kind: PatrolKind;
  due_at: Timestamp;
  window_end_at: Timestamp;
  status: RoundStatus;
  assignee_type: PatrolAssigneeType;
  assignee_id: string | null;
  assignee_role: string | null;
  assignee_name: string;
  supervisor_id: string | null;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  done_by: string | null;
  note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface PatrolRoundPointsTable {
  id: string;
  org_id: string;
  round_id: string;
  seq: number;
  target_type: PatrolTargetType;
  target_id: string;
  checklist_template_id: string | null;
  status: RoundPointStatus;
  checked_in_at: Timestamp | null;
  checked_in_by: string | null;
  check_in_method: 'qr' | 'manual' | null;
  check_in_reason: string | null;
  out_of_order: Bool;
  skip_reason: string | null;
  checklist_result_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    patrol_plans: PatrolPlansTable;
    patrol_points: PatrolPointsTable;
    patrol_rounds: PatrolRoundsTable;
    patrol_round_points: PatrolRoundPointsTable;
  }
}
