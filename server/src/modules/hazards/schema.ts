import type { Generated } from 'kysely';
import type {
  FindingResolution,
  FindingSource,
  HazardAddresseeType,
  HazardGrade,
  HazardSource,
  HazardStatus,
} from '../../../../contracts/hazards.js';
import type { Timestamp } from '../../platform/db/schema.js';

/** Tables of migration 0017_hazards. Calendar dates are `YYYY-MM-DD` text in the site's zone. */
export interface FindingsTable {
  id: string;
  org_id: string;
  site_id: string;
  number: string;
  location_id: string | null;
  asset_id: string | null;
  source: FindingSource;
  source_type: string | null;
  source_id: string | null;
  source_label: string | null;
  round_id: string | null;
  campaign_id: string | null;
  category: string | null;
  description: string;
  found_at: Timestamp;
  found_by: string | null;
  resolution: FindingResolution;
  fix_note: string | null;
  work_order_id: string | null;
  hazard_id: string | null;
  resolved_at: Timestamp | null;
  resolved_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface HazardsTable {
  id: string;
  org_id: string;
  site_id: string;
  number: string;
  location_id: string | null;
  asset_id: string | null;
  source: HazardSource;
  finding_id: string | null;
  campaign_id: string | null;
  category: string;
  grade: HazardGrade;
  sub_grade: string | null;
  title: string;
  description: string;
  found_at: Timestamp;
  found_by: string | null;
  addressee_type: HazardAddresseeType | null;
  addressee_id: string | null;
  responsible_id: string | null;
  measures: string | null;
  funds_fen: number | null;
  deadline: string | null;
  contingency_plan: string | null;
  temporary_measures: string | null;
  acceptance_standard: string | null;
  verifier_id: string | null;
  assigned_at: Timestamp | null;
  assigned_by: string | null;
  rectification_note: string | null;
  rectified_at: Timestamp | null;
  rectified_on: string | null;
  rectified_by: string | null;
  acceptance_note: string | null;
  accepted_at: Timestamp | null;
  accepted_by: string | null;
  rejected_count: Generated<number>;
  reject_note: string | null;
  rejected_at: Timestamp | null;
  signed_off_at: Timestamp | null;
  signed_off_by: string | null;
  sign_off_note: string | null;
  closed_at: Timestamp | null;
  cancel_reason: string | null;
  cancelled_at: Timestamp | null;
  status: HazardStatus;
  remind_notified_at: Timestamp | null;
  overdue_notified_at: Timestamp | null;
  acceptance_notified_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface HazardSettingsTable {
  org_id: string;
  acceptance_days: number;
  remind_days_before: number;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface InspectionCampaignsTable {
  id: string;
  org_id: string;
  name: string;
  description: string | null;
  /** JSON string[] of hazard_category codes */
  categories: string;
  start_date: string;
  end_date: string;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface InspectionCampaignSitesTable {
  campaign_id: string;
  site_id: string;
}

export interface InspectionCampaignTeamsTable {
  campaign_id: string;
  team_id: string;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    findings: FindingsTable;
    hazards: HazardsTable;
    hazard_settings: HazardSettingsTable;
    inspection_campaigns: InspectionCampaignsTable;
    inspection_campaign_sites: InspectionCampaignSitesTable;
    inspection_campaign_teams: InspectionCampaignTeamsTable;
  }
}
