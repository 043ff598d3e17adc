import type { Generated } from 'kysely';
import type { ChargeSupplier, NoticeStatus } from '../../../../contracts/counters.js';
import type { Bool, Timestamp } from '../../platform/db/schema.js';

export { CHARGE_SUPPLIERS, type ChargeSupplier, NOTICE_STATUSES, type NoticeStatus } from '../../../../contracts/counters.js';

/** Vendor counters (专柜) and their staff (migration 0010_workorders; notices and charges in 0012_counters). */
export interface CountersTable {
  id: string;
  org_id: string;
  site_id: string;
  location_id: string | null;
  code: string;
  name: string;
  contact_name: string | null;
  contact_phone: string | null;
  notes: string | null;
  active: Bool;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface CounterMembersTable {
  counter_id: string;
  user_id: string;
}

/** 整改通知: found on an inspection, rectified by the counter by a deadline, or repaired for a fee. */
export interface CounterNoticesTable {
  id: string;
  org_id: string;
  site_id: string;
  number: string;
  counter_id: string;
  location_id: string | null;
  found_at: Timestamp;
  description: string;
  requirement: string;
  deadline: Timestamp;
  status: NoticeStatus;
  issued_by: string | null;
  rectified_at: Timestamp | null;
  rectified_by: string | null;
  rectify_note: string | null;
  verified_at: Timestamp | null;
  verified_by: string | null;
  /** why the last verification failed (the notice went back to issued) */
  reject_reason: string | null;
  overdue_at: Timestamp | null;
  converted_at: Timestamp | null;
  /** the paid repair raised when the counter did not rectify in time */
  work_order_id: string | null;
  cancelled_at: Timestamp | null;
  cancel_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface CounterChargeRulesTable {
  id: string;
  org_id: string;
  supplier: ChargeSupplier;
  charge_materials: Bool;
  charge_labour: Bool;
  /** fen per hour of effective labour */
  labour_rate: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    counters: CountersTable;
    counter_members: CounterMembersTable;
    counter_notices: CounterNoticesTable;
    counter_charge_rules: CounterChargeRulesTable;
  }
}
