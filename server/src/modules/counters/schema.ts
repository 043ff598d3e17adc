import type { Generated } from 'kysely';
import type { Bool, Timestamp } from '../../platform/db/schema.js';

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

declare module '../../platform/db/schema.js' {
  interface Database {
    counters: CountersTable;
    counter_members: CounterMembersTable;
  }
}
