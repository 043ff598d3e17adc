import type { Generated } from 'kysely';
import type { Bool, Timestamp } from '../db/schema.js';

export const OCCURRENCE_STATUSES = ['open', 'done', 'missed', 'skipped', 'cancelled'] as const;
export type OccurrenceStatus = (typeof OCCURRENCE_STATUSES)[number];

export interface SchedulesTable {
  id: string;
  org_id: string;
  site_id: string;
  owner_type: string;
  owner_id: string;
  /** JSON of contracts/occurrences.ts Recurrence */
  recurrence: string;
  window_minutes: number;
  lead_minutes: number;
  active: Bool;
  generated_until: Timestamp | null;
  last_completed_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface OccurrencesTable {
  id: string;
  org_id: string;
  site_id: string;
  schedule_id: string;
  owner_type: string;
  owner_id: string;
  due_at: Timestamp;
  window_end_at: Timestamp;
  /** due_at minus the schedule's lead time: when the owner's work item is created */
  lead_at: Timestamp;
  status: OccurrenceStatus;
  item_type: string | null;
  item_id: string | null;
  done_at: Timestamp | null;
  done_by: string | null;
  missed_at: Timestamp | null;
  skip_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface SiteHolidaysTable {
  site_id: string;
  date: string;
  org_id: string;
  name: string;
  created_at: Timestamp;
}

declare module '../db/schema.js' {
  interface Database {
    schedules: SchedulesTable;
    occurrences: OccurrencesTable;
    site_holidays: SiteHolidaysTable;
  }
}
