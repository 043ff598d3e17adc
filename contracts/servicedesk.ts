/**
 * The service desk (客服): complaints (投诉), return visits (回访) and hotline calls
 * (热线): the values their enumerated fields take and the shapes the server answers
 * with. A complaint's status follows server/src/modules/servicedesk/complaints.state.ts.
 */
export const COMPLAINT_STATUSES = ['open', 'handling', 'resolved', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const COMPLAINT_ACTIONS = ['assign', 'handle', 'resolve', 'close', 'reopen'] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

export const COMPLAINT_CHANNELS = ['phone', 'hotline', 'web', 'walk_in', 'letter'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

export const COMPLAINT_CATEGORIES = ['service_attitude', 'quality', 'timeliness', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/** the complainant's view after handling, and a return visit's result: 满意 / 基本满意 / 不满意 */
export const SATISFACTION = ['satisfied', 'basically', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTION)[number];

export const VISIT_METHODS = ['phone', 'on_site', 'wechat'] as const;
export type VisitMethod = (typeof VISIT_METHODS)[number];

export const HOTLINE_OUTCOMES = ['work_order', 'complaint', 'info', 'transfer', 'other'] as const;
export type HotlineOutcome = (typeof HOTLINE_OUTCOMES)[number];

export interface ComplaintDto {
  id: string;
  number: string;
  siteId: string;
  siteName: string;
  workOrderId: string | null;
  workOrderNumber: string | null;
  channel: ComplaintChannel;
  complainantName: string | null;
  complainantPhone: string | null;
  subject: string;
  content: string;
  category: ComplaintCategory;
  status: ComplaintStatus;
  receivedAt: string;
  /** answer due by */
  deadlineAt: string;
  /** open or handling past the deadline at the time of the answer */
  overdue: boolean;
  handlerId: string | null;
  handlerName: string | null;
  handlingNotes: string | null;
  resolution: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  satisfaction: Satisfaction | null;
  reopenCount: number;
  /** what raised it: 'return_visit', 'hotline_call' */
  sourceType: string | null;
  sourceId: string | null;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** steps the signed-in person may take now */
  actions: ComplaintAction[];
}

export interface ComplaintEventDto {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: 'create' | ComplaintAction;
  fromStatus: ComplaintStatus | null;
  toStatus: ComplaintStatus | null;
  note: string | null;
}

export interface ComplaintDetailDto extends ComplaintDto {
  events: ComplaintEventDto[];
}

export interface ReturnVisitDto {
  id: string;
  siteId: string;
  siteName: string;
  workOrderId: string;
  workOrderNumber: string;
  workOrderDescription: string;
  requesterName: string | null;
  visitedAt: string;
  visitedBy: string;
  visitedByName: string;
  method: VisitMethod;
  result: Satisfaction;
  comment: string | null;
  followUpNeeded: boolean;
  /** the complaint raised from a dissatisfied visit */
  complaintId: string | null;
  complaintNumber: string | null;
  createdAt: string;
  version: number;
}

export interface HotlineCallDto {
  id: string;
  siteId: string;
  siteName: string;
  receivedAt: string;
  callerName: string | null;
  callerPhone: string | null;
  content: string;
  outcome: HotlineOutcome;
  /** the answer given, or where the call was transferred */
  note: string | null;
  workOrderId: string | null;
  workOrderNumber: string | null;
  workOrderStatus: string | null;
  complaintId: string | null;
  complaintNumber: string | null;
  complaintStatus: ComplaintStatus | null;
  takenBy: string;
  takenByName: string;
  createdAt: string;
  version: number;
}
