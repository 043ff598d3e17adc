import type { Generated } from 'kysely';
import type { DeviationStatus, MeterKind, ReadingPointKind, ReadingSource } from '../../../../contracts/readings.js';
import type { Bool, Timestamp } from '../../platform/db/schema.js';

/** Readings tables (migration 0019_readings). A point's recurrence lives in its schedule (owner_type 'reading_point'). */
export interface ReadingPointsTable {
  id: string;
  org_id: string;
  site_id: string;
  code: string;
  name: string;
  target_type: 'location' | 'asset';
  target_id: string;
  kind: ReadingPointKind;
  quantity: string;
  unit: string;
  meter_kind: MeterKind | null;
  target: number | null;
  tolerance: number | null;
  min: number | null;
  max: number | null;
  window_minutes: number;
  recheck_minutes: number;
  patrol_plan_id: string | null;
  active: Bool;
  last_value: number | null;
  last_read_at: Timestamp | null;
  last_in_band: Bool | null;
  missed_notified_on: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ReadingsTable {
  id: string;
  org_id: string;
  site_id: string;
  point_id: string;
  value: number;
  read_at: Timestamp;
  read_by: string | null;
  source: ReadingSource;
  in_band: Bool | null;
  consumption: number | null;
  occurrence_id: string | null;
  deviation_id: string | null;
  is_recheck: Bool;
  note: string | null;
  created_at: Timestamp;
}

export interface ReadingDeviationsTable {
  id: string;
  org_id: string;
  site_id: string;
  point_id: string;
  number: string;
  reading_id: string;
  status: DeviationStatus;
  opened_at: Timestamp;
  recheck_due_at: Timestamp;
  corrective_note: string | null;
  corrected_by: string | null;
  corrected_at: Timestamp | null;
  recheck_reading_id: string | null;
  closed_at: Timestamp | null;
  failed_rechecks: number;
  overdue_notified_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    reading_points: ReadingPointsTable;
    readings: ReadingsTable;
    reading_deviations: ReadingDeviationsTable;
  }
}
