import type { Generated } from 'kysely';
import type {
  Cause,
  Channel,
  LabourKind,
  MaterialSupplier,
  PauseReason,
  SlaKind,
  WorkOrderKind,
  WorkOrderStatus,
} from '../../../../contracts/workorders.js';
import type { Bool, Timestamp } from '../../platform/db/schema.js';

/** Work-order tables (migration 0010_workorders). */
export interface WorkOrdersTable {
  id: string;
  org_id: string;
  site_id: string;
  number: string;
  kind: WorkOrderKind;
  channel: Channel;
  status: WorkOrderStatus;
  pause_reason: PauseReason | null;
  /** dictionary repair_category */
  category: string;
  /** dictionary urgency */
  urgency: string;
  location_id: string | null;
  asset_id: string | null;
  description: string;
  requester_id: string | null;
  requester_name: string | null;
  requester_phone: string | null;
  requester_department: string | null;
  counter_id: string | null;
  appointment_at: Timestamp | null;
  owner_id: string | null;
  team_id: string | null;
  assignee_id: string | null;
  in_pool: Bool;
  dispatched_at: Timestamp | null;
  accepted_at: Timestamp | null;
  arrived_at: Timestamp | null;
  started_at: Timestamp | null;
  paused_at: Timestamp | null;
  /** total paused time so far (closed pauses only) */
  paused_ms: Generated<number>;
  resolved_at: Timestamp | null;
  completed_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  cancel_reason: string | null;
  rework_count: Generated<number>;
  cause: Cause | null;
  result: string | null;
  rating_attitude: number | null;
  rating_quality: number | null;
  rating_efficiency: number | null;
  rating_comment: string | null;
  rated_at: Timestamp | null;
  /** fen */
  material_cost: Generated<number>;
  sla_policy_id: string | null;
  /** what raised it: 'patrol', 'maintenance', 'counter_notice'… */
  source_type: string | null;
  source_id: string | null;
  /** secret for the public follow-up link; never listed */
  tracking_token: string;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface WorkOrderEventsTable {
  id: string;
  org_id: string;
  work_order_id: string;
  at: Timestamp;
  actor_id: string | null;
  /** for anonymous reporters (QR page) and the scheduler */
  actor_name: string | null;
  action: string;
  from_status: WorkOrderStatus | null;
  to_status: WorkOrderStatus | null;
  reason: string | null;
  /** JSON */
  data: string | null;
}

export interface WorkOrderLabourTable {
  id: string;
  org_id: string;
  work_order_id: string;
  user_id: string;
  kind: LabourKind;
  started_at: Timestamp | null;
  ended_at: Timestamp | null;
  minutes: number;
  note: string | null;
  deleted_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface WorkOrderMaterialsTable {
  id: string;
  org_id: string;
  work_order_id: string;
  name: string;
  spec: string | null;
  quantity: number;
  unit: string;
  unit_price: number;
  supplied_by: MaterialSupplier;
  item_id: string | null;
  deleted_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface WorkOrderTimersTable {
  work_order_id: string;
  kind: SlaKind;
  org_id: string;
  site_id: string;
  due_at: Timestamp;
  warn_at: Timestamp | null;
  met_at: Timestamp | null;
  warned_at: Timestamp | null;
  breached_at: Timestamp | null;
}

export interface SlaPoliciesTable {
  id: string;
  org_id: string;
  /** null: every site */
  site_id: string | null;
  /** null: any category */
  category: string | null;
  /** null: any urgency */
  urgency: string | null;
  name: string;
  response_minutes: number | null;
  arrival_minutes: number | null;
  resolution_minutes: number | null;
  /** 不过夜: resolved before the end of the site's day */
  not_overnight: Bool;
  /** count only the site's opening hours */
  business_hours: Bool;
  exclude_paused: Bool;
  warn_before_minutes: number;
  active: Bool;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface DispatchRulesTable {
  id: string;
  org_id: string;
  site_id: string;
  category: string | null;
  /** matches this location and everything under it */
  location_id: string | null;
  team_id: string | null;
  assignee_id: string | null;
  sort: number;
  /** round-robin pointer within the team */
  last_assignee_id: string | null;
  active: Bool;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface WorkStandardsTable {
  id: string;
  org_id: string;
  category: string;
  name: string;
  standard_minutes: number;
  active: Bool;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface WorkOrderSettingsTable {
  org_id: string;
  auto_accept_days: number;
  public_intake: Bool;
  updated_at: Timestamp;
  version: Generated<number>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    work_orders: WorkOrdersTable;
    work_order_events: WorkOrderEventsTable;
    work_order_labour: WorkOrderLabourTable;
    work_order_materials: WorkOrderMaterialsTable;
    work_order_timers: WorkOrderTimersTable;
    sla_policies: SlaPoliciesTable;
    dispatch_rules: DispatchRulesTable;
    work_standards: WorkStandardsTable;
    work_order_settings: WorkOrderSettingsTable;
  }
}
