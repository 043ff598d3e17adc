import type { Generated } from 'kysely';
import type { AlertOutcome, IncidentStatus } from '../../../../contracts/incidents.js';
import type { Timestamp } from '../../platform/db/schema.js';

/** Tables of migration 0021_incidents. */
export interface IncidentsTable {
  id: string;
  org_id: string;
  site_id: string;
  number: string;
  title: string;
  type: string;
  occurred_at: Timestamp;
  location_id: string | null;
  place: string | null;
  responsible_id: string | null;
  responsible_name: string | null;
  summary: string;
  course: string | null;
  handling: string | null;
  losses: string | null;
  loss_fen: number | null;
  cause_analysis: string | null;
  resolved_at: Timestamp | null;
  deadline_at: Timestamp | null;
  work_order_id: string | null;
  author_id: string;
  submitted_at: Timestamp | null;
  reviewer_id: string | null;
  reviewed_at: Timestamp | null;
  review_note: string | null;
  returned_count: Generated<number>;
  status: IncidentStatus;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface IncidentSettingsTable {
  org_id: string;
  /** JSON string[] of incident_type codes */
  deadline_types: string;
  deadline_mode: 'overnight' | 'hours';
  deadline_hours: number;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface SecurityAlertsTable {
  id: string;
  org_id: string;
  site_id: string;
  number: string;
  received_at: Timestamp;
  source: string;
  type: string;
  location_id: string | null;
  place: string | null;
  description: string;
  handling: string | null;
  outcome: AlertOutcome;
  apprehended_count: Generated<number>;
  closed_at: Timestamp | null;
  incident_id: string | null;
  recorded_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface SecurityAlertOfficersTable {
  alert_id: string;
  user_id: string;
}

export interface SecurityCommendationsTable {
  id: string;
  org_id: string;
  alert_id: string;
  officer_id: string;
  note: string;
  commended_at: Timestamp;
  commended_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    incidents: IncidentsTable;
    incident_settings: IncidentSettingsTable;
    security_alerts: SecurityAlertsTable;
    security_alert_officers: SecurityAlertOfficersTable;
    security_commendations: SecurityCommendationsTable;
  }
}
