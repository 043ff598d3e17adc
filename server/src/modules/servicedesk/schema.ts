import type { Generated } from 'kysely';
import type {
  ComplaintCategory,
  ComplaintChannel,
  ComplaintStatus,
  HotlineOutcome,
  Satisfaction,
  VisitMethod,
} from '../../../../contracts/servicedesk.js';
import type { Bool, Timestamp } from '../../platform/db/schema.js';

/** Service-desk tables (migration 0011_service_desk); the values their enumerated columns take are in contracts/servicedesk.ts. */
export {
  COMPLAINT_ACTIONS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  COMPLAINT_STATUSES,
  type ComplaintAction,
  type ComplaintCategory,
  type ComplaintChannel,
  type ComplaintStatus,
  HOTLINE_OUTCOMES,
  type HotlineOutcome,
  SATISFACTION,
  type Satisfaction,
  VISIT_METHODS,
  type VisitMethod,
} from '../../../../contracts/servicedesk.js';

export interface ComplaintsTable {
  id: string;
  org_id: string;
  site_id: string;
  number: string;
  work_order_id: string | null;
  channel: ComplaintChannel;
  complainant_name: string | null;
  complainant_phone: string | null;
  subject: string;
  content: string;
  category: ComplaintCategory;
  status: ComplaintStatus;
  received_at: Timestamp;
  /** answer due by (default three days after receipt) */
  deadline_at: Timestamp;
  handler_id: string | null;
  /** the latest handling note; every note is in complaint_events */
  handling_notes: string | null;
  resolution: string | null;
  resolved_at: Timestamp | null;
  closed_at: Timestamp | null;
  /** the complainant's satisfaction after handling, recorded at closing */
  satisfaction: Satisfaction | null;
  reopen_count: Generated<number>;
  /** what raised it: 'return_visit', 'hotline_call' */
  source_type: string | null;
  source_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ComplaintEventsTable {
  id: string;
  org_id: string;
  complaint_id: string;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string | null;
  /** 'create' or a ComplaintAction */
  action: string;
  from_status: ComplaintStatus | null;
  to_status: ComplaintStatus | null;
  note: string | null;
  /** JSON */
  data: string | null;
}

export interface ReturnVisitsTable {
  id: string;
  org_id: string;
  site_id: string;
  work_order_id: string;
  visited_at: Timestamp;
  visited_by: string;
  method: VisitMethod;
  result: Satisfaction;
  comment: string | null;
  follow_up_needed: Bool;
  /** the complaint raised from a dissatisfied visit */
  complaint_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface HotlineCallsTable {
  id: string;
  org_id: string;
  site_id: string;
  received_at: Timestamp;
  caller_name: string | null;
  caller_phone: string | null;
  content: string;
  outcome: HotlineOutcome;
  /** the answer given, or where the call was transferred */
  note: string | null;
  work_order_id: string | null;
  complaint_id: string | null;
  taken_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    complaints: ComplaintsTable;
    complaint_events: ComplaintEventsTable;
    return_visits: ReturnVisitsTable;
    hotline_calls: HotlineCallsTable;
  }
}
