import type { Generated } from 'kysely';
import type { PeriodKind, SummaryVersionKind, WorkSummaryStatus } from '../../../../contracts/reports.js';
import type { Timestamp } from '../../platform/db/schema.js';

/** Tables of migration 0026_summaries. */
export interface WorkSummariesTable {
  id: string;
  org_id: string;
  number: string;
  title: string;
  period_kind: PeriodKind;
  period_from: Timestamp;
  period_to: Timestamp;
  start_date: string;
  end_date: string;
  label_zh: string;
  label_en: string;
  /** JSON string[]; [] = every site of the organisation */
  site_ids: string;
  department_id: string | null;
  status: WorkSummaryStatus;
  current_version_no: number;
  author_id: string;
  submitted_at: Timestamp | null;
  approved_at: Timestamp | null;
  approved_by: string | null;
  return_reason: string | null;
  approval_note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface WorkSummarySitesTable {
  summary_id: string;
  site_id: string;
}

export interface WorkSummaryVersionsTable {
  id: string;
  summary_id: string;
  no: number;
  kind: SummaryVersionKind;
  note: string | null;
  /** JSON Record<SummaryLang, SummaryBody> */
  body: string;
  /** JSON ReportFactsDto */
  facts: string;
  created_by: string;
  created_at: Timestamp;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    work_summaries: WorkSummariesTable;
    work_summary_sites: WorkSummarySitesTable;
    work_summary_versions: WorkSummaryVersionsTable;
  }
}
