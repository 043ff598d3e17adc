import type { Generated } from 'kysely';
import type { ProjectStatus, ProjectType } from '../../../../contracts/projects.js';
import type { Timestamp } from '../../platform/db/schema.js';

export { PROJECT_STATUSES, PROJECT_TYPES, type ProjectStatus, type ProjectType } from '../../../../contracts/projects.js';

/**
 * Project types are a fixed list rather than a dictionary: the work summary counts
 * projects by type, and a fixed list keeps those counts comparable across periods and
 * organisations. The list is in contracts/projects.ts; labels live here (server: exports,
 * messages) and in the web locales.
 */
export const PROJECT_TYPE_LABELS: Record<ProjectType, string> = {
  renovation: '改造',
  construction: '施工',
  installation: '安装',
  other: '其他',
};

/** Calendar day `YYYY-MM-DD` in the site's time zone. */
export type CalendarDate = string;

/** Projects tables (migration 0013_projects). Money is integer fen. */
export interface ProjectsTable {
  id: string;
  org_id: string;
  site_id: string;
  location_id: string | null;
  number: string;
  name: string;
  type: ProjectType;
  description: string | null;
  budget: number;
  contractor: string | null;
  contractor_contact: string | null;
  manager_id: string | null;
  planned_start: CalendarDate | null;
  planned_end: CalendarDate | null;
  actual_start: CalendarDate | null;
  actual_end: CalendarDate | null;
  progress: number;
  status: ProjectStatus;
  acceptance_note: string | null;
  accepted_by: string | null;
  accepted_at: Timestamp | null;
  /** the site-local day of acceptance: what "completed in the period" counts */
  accepted_on: CalendarDate | null;
  actual_cost: number | null;
  cancel_reason: string | null;
  cancelled_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

/** One entry of a project's log: a progress report (`kind` progress) or a life-cycle step (`kind` = the action). */
export interface ProjectUpdatesTable {
  id: string;
  org_id: string;
  project_id: string;
  at: Timestamp;
  author_id: string | null;
  author_name: string | null;
  kind: string;
  from_status: ProjectStatus | null;
  to_status: ProjectStatus | null;
  progress: number | null;
  note: string | null;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    projects: ProjectsTable;
    project_updates: ProjectUpdatesTable;
  }
}
