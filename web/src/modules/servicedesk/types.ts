/** Shapes of the service-desk API (server/src/modules/servicedesk). */
export const COMPLAINT_STATUSES = ['open', 'handling', 'resolved', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const COMPLAINT_ACTIONS = ['assign', 'handle', 'resolve', 'close', 'reopen'] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];
export const COMPLAINT_CHANNELS = ['phone', 'hotline', 'web', 'walk_in', 'letter'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
export const COMPLAINT_CATEGORIES = ['service_attitude', 'quality', 'timeliness', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
export const SATISFACTION = ['satisfied', 'basically', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTION)[number];
export const VISIT_METHODS = ['phone', 'on_site', 'wechat'] as const;
export type VisitMethod = (typeof VISIT_METHODS)[number];
export const HOTLINE_OUTCOMES = ['work_order', 'complaint', 'info', 'transfer', 'other'] as const;
export type HotlineOutcome = (typeof HOTLINE_OUTCOMES)[number];

export interface Complaint {
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
  deadlineAt: string;
  overdue: boolean;
  handlerId: string | null;
  handlerName: string | null;
  handlingNotes: string | null;
  resolution: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  satisfaction: Satisfaction | null;
  reopenCount: number;
  sourceType: string | null;
  sourceId: string | null;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  actions: ComplaintAction[];
}

export interface ComplaintEvent {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: 'create' | ComplaintAction;
  fromStatus: ComplaintStatus | null;
  toStatus: ComplaintStatus | null;
  note: string | null;
}

export interface ComplaintDetail extends Complaint {
  events: ComplaintEvent[];
}

export interface ReturnVisit {
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
  complaintId: string | null;
  complaintNumber: string | null;
  createdAt: string;
  version: number;
}

export interface HotlineCall {
  id: string;
  siteId: string;
  siteName: string;
  receivedAt: string;
  callerName: string | null;
  callerPhone: string | null;
  content: string;
  outcome: HotlineOutcome;
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

export interface DictionaryItem {
  id: string;
  code: string;
  labelZh: string;
  labelEn: string;
}
