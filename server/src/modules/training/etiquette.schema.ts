import type { Generated } from 'kysely';
import type { Row, Timestamp } from '../../platform/db/schema.js';

/** The etiquette checks' table (migration 0024_etiquette); the answers are its checklist result's. */
export interface EtiquetteChecksTable {
  id: string;
  org_id: string;
  site_id: string;
  number: string;
  person_id: string | null;
  person_name: string;
  person_unit: string | null;
  template_id: string;
  checklist_result_id: string;
  score: number;
  /** JSON string[]: labels of the failed items */
  failed_items: string;
  note: string | null;
  checked_at: Timestamp;
  checked_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    etiquette_checks: EtiquetteChecksTable;
  }
}

export type EtiquetteCheckRow = Row<'etiquette_checks'>;
