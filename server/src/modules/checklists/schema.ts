import type { Generated } from 'kysely';
import type { ChecklistPurpose, ChecklistResultStatus } from '../../../../contracts/checklists.js';
import type { Bool, Timestamp } from '../../platform/db/schema.js';

/** Checklist tables (migration 0016_maintenance). JSON columns hold contracts/checklists.ts shapes. */
export interface ChecklistTemplatesTable {
  id: string;
  org_id: string;
  code: string;
  name: string;
  purpose: ChecklistPurpose;
  description: string | null;
  current_version: number;
  active: Bool;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ChecklistTemplateVersionsTable {
  template_id: string;
  template_version: number;
  org_id: string;
  /** ChecklistItem[] */
  items: string;
  created_at: Timestamp;
  created_by: string | null;
}

export interface ChecklistResultsTable {
  id: string;
  org_id: string;
  site_id: string;
  subject_type: string;
  subject_id: string;
  template_id: string;
  template_version: number;
  /** ChecklistAnswer[] */
  answers: string;
  /** ChecklistFinding[] (filled on submit) */
  findings: string;
  /** ChecklistFollowUp[] */
  follow_ups: string;
  status: ChecklistResultStatus;
  filled_by: string | null;
  submitted_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    checklist_templates: ChecklistTemplatesTable;
    checklist_template_versions: ChecklistTemplateVersionsTable;
    checklist_results: ChecklistResultsTable;
  }
}
