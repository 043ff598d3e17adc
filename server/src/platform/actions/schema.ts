import type { Generated } from 'kysely';
import type { ActionKind, ActionOwnerType, ActionStatus } from '../../../../contracts/actions.js';
import type { Timestamp } from '../db/schema.js';

/** Table of migration 0020_actions. `due_date` and `submitted_on` are `YYYY-MM-DD` in the site's zone. */
export interface ActionItemsTable {
  id: string;
  org_id: string;
  site_id: string;
  owner_type: ActionOwnerType;
  owner_id: string;
  number: string;
  kind: ActionKind;
  title: string;
  description: string | null;
  assignee_id: string;
  due_date: string;
  verifier_id: string | null;
  status: ActionStatus;
  evidence_note: string | null;
  submitted_at: Timestamp | null;
  submitted_on: string | null;
  submitted_by: string | null;
  verified_at: Timestamp | null;
  verified_by: string | null;
  verify_note: string | null;
  reject_reason: string | null;
  rejected_at: Timestamp | null;
  reject_count: Generated<number>;
  cancel_reason: string | null;
  cancelled_at: Timestamp | null;
  remind_notified_at: Timestamp | null;
  overdue_notified_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

declare module '../db/schema.js' {
  interface Database {
    action_items: ActionItemsTable;
  }
}
