/**
 * Repair requests and work orders (维修工单): the shapes the server answers with and
 * the web renders. One record carries the request (who reported what, where, how) and
 * the work done on it; its status follows the state machine in
 * server/src/modules/workorders/state.ts.
 */
export const WORK_ORDER_STATUSES = [
  'pending', // 待派单
  'dispatched', // 已派单
  'accepted', // 已接单
  'arrived', // 已到场
  'in_progress', // 维修中
  'paused', // 暂停
  'resolved', // 待验收
  'completed', // 已完成
  'rated', // 已评价
  'cancelled', // 已取消
] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

/** statuses in which the work is not finished (the backlog) */
export const OPEN_STATUSES: readonly WorkOrderStatus[] = ['pending', 'dispatched', 'accepted', 'arrived', 'in_progress', 'paused'];

export const WORK_ORDER_ACTIONS = [
  'dispatch', // 派单 (to a person or a team)
  'pool', // 放入抢单池
  'claim', // 抢单
  'accept', // 接单
  'send_back', // 退回 (reason)
  'transfer', // 转派 (reason)
  'arrive', // 到场
  'start', // 开始维修
  'pause', // 暂停 (reason: parts / vendor / requester)
  'resume', // 继续
  'finish', // 完工 → 待验收
  'approve', // 验收通过
  'reject', // 验收不通过 → back to work (counts as rework)
  'auto_approve', // 超期自动验收
  'rate', // 评价
  'reopen', // 重开 (返修, counts as rework)
  'cancel', // 取消 (reason)
] as const;
export type WorkOrderAction = (typeof WORK_ORDER_ACTIONS)[number];

export const PAUSE_REASONS = ['parts', 'vendor', 'requester'] as const; // 等待配件/等待外协/等待报修人
export type PauseReason = (typeof PAUSE_REASONS)[number];

export const CHANNELS = ['qr', 'web', 'phone', 'hotline', 'walk_in', 'patrol', 'maintenance', 'counter'] as const;
export type Channel = (typeof CHANNELS)[number];

export const WORK_ORDER_KINDS = ['repair', 'maintenance', 'counter_repair'] as const;
export type WorkOrderKind = (typeof WORK_ORDER_KINDS)[number];

export const CAUSES = ['human', 'ageing', 'natural', 'other'] as const; // 人为/老化/自然/其他
export type Cause = (typeof CAUSES)[number];

/** effective = repair or maintenance work; the rest is logged but excluded from 工时工效 */
export const LABOUR_KINDS = ['effective', 'waiting', 'travel', 'material', 'standby'] as const;
export type LabourKind = (typeof LABOUR_KINDS)[number];

export const MATERIAL_SUPPLIERS = ['department', 'counter', 'requester', 'vendor'] as const; // 后勤/专柜/报修人/外协
export type MaterialSupplier = (typeof MATERIAL_SUPPLIERS)[number];

export const SLA_KINDS = ['response', 'arrival', 'resolution'] as const;
export type SlaKind = (typeof SLA_KINDS)[number];

export interface SlaTimerDto {
  kind: SlaKind;
  dueAt: string;
  /** when the step was done (null while running) */
  metAt: string | null;
  warnedAt: string | null;
  breachedAt: string | null;
  /** ms left at the time of the answer, counting pauses/business hours as the policy says; negative when late */
  remainingMs: number | null;
}

export interface WorkOrderDto {
  id: string;
  number: string;
  kind: WorkOrderKind;
  channel: Channel;
  status: WorkOrderStatus;
  pauseReason: PauseReason | null;
  siteId: string;
  siteName: string;
  locationId: string | null;
  locationPath: string | null;
  assetId: string | null;
  assetCode: string | null;
  assetName: string | null;
  category: string;
  urgency: string;
  description: string;
  requesterId: string | null;
  requesterName: string | null;
  requesterPhone: string | null;
  requesterDepartment: string | null;
  counterId: string | null;
  appointmentAt: string | null;
  /** 首问负责人: the clerk who took the request, shown until it closes */
  ownerId: string | null;
  ownerName: string | null;
  teamId: string | null;
  teamName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  inPool: boolean;
  dispatchedAt: string | null;
  acceptedAt: string | null;
  arrivedAt: string | null;
  startedAt: string | null;
  resolvedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  reworkCount: number;
  cause: Cause | null;
  result: string | null;
  ratingAttitude: number | null;
  ratingQuality: number | null;
  ratingEfficiency: number | null;
  ratingComment: string | null;
  ratedAt: string | null;
  /** fen */
  materialCost: number;
  sourceType: string | null;
  sourceId: string | null;
  timers: SlaTimerDto[];
  /** actions the current user may take now */
  actions: WorkOrderAction[];
  /** the current user is the technician on it: its assignee, or a member of its team while nobody is named */
  onOrder: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface WorkOrderEventDto {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  fromStatus: WorkOrderStatus | null;
  toStatus: WorkOrderStatus | null;
  reason: string | null;
  data: Record<string, unknown> | null;
}

export interface LabourDto {
  id: string;
  workOrderId: string;
  userId: string;
  userName: string;
  kind: LabourKind;
  startedAt: string | null;
  endedAt: string | null;
  minutes: number;
  note: string | null;
  version: number;
}

export interface MaterialDto {
  id: string;
  workOrderId: string;
  name: string;
  spec: string | null;
  quantity: number;
  unit: string;
  /** fen */
  unitPrice: number;
  suppliedBy: MaterialSupplier;
  /** stock item, once the stock module links it */
  itemId: string | null;
  version: number;
}

/** What the public tracking page (no login, by number + token) may show. */
export interface PublicWorkOrderDto {
  number: string;
  status: WorkOrderStatus;
  siteName: string;
  locationPath: string | null;
  assetName: string | null;
  category: string;
  categoryName: { zh: string; en: string };
  description: string;
  createdAt: string;
  assigneeName: string | null;
  resolvedAt: string | null;
  completedAt: string | null;
  result: string | null;
  rated: boolean;
  /** accept / reject / rate, when the status allows */
  actions: ('approve' | 'reject' | 'rate')[];
  events: { at: string; action: string; toStatus: WorkOrderStatus | null }[];
}

/** Automatic dispatch rule (派单规则) of one site: a category and location subtree to a person or a team. */
export interface DispatchRuleDto {
  id: string;
  siteId: string;
  siteName: string;
  category: string | null;
  /** the category's label (Chinese), null for any category */
  categoryName: string | null;
  locationId: string | null;
  locationPath: string | null;
  teamId: string | null;
  teamName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  sort: number;
  /** whose turn it was last (team rules) */
  lastAssigneeName: string | null;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Standard hours (标准工时) of one repair category, for the whole organisation. */
export interface WorkStandardDto {
  id: string;
  category: string;
  categoryName: string;
  name: string;
  standardMinutes: number;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Deadline policy (时限规则) by site × category × urgency; null site/category/urgency matches any. */
export interface SlaPolicyDto {
  id: string;
  name: string;
  siteId: string | null;
  siteName: string | null;
  category: string | null;
  urgency: string | null;
  responseMinutes: number | null;
  arrivalMinutes: number | null;
  resolutionMinutes: number | null;
  notOvernight: boolean;
  businessHours: boolean;
  excludePaused: boolean;
  warnBeforeMinutes: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The labour logged on one work order, added up. */
export interface LabourSummaryDto {
  totalMinutes: number;
  effectiveMinutes: number;
  /** 工时工效: effective ÷ logged (0–1), null when nothing is logged */
  effectiveRatio: number | null;
  /** the category's standard minutes, null when no standard is set */
  standardMinutes: number | null;
  /** standard ÷ effective, null without a standard or without effective time */
  efficiency: number | null;
  byUser: { userId: string; userName: string; totalMinutes: number; effectiveMinutes: number }[];
}

/** GET /work-orders/:id/labour */
export interface LabourListDto {
  items: LabourDto[];
  summary: LabourSummaryDto;
}

/** GET /work-orders/:id/materials; amounts in fen */
export interface MaterialListDto {
  items: (MaterialDto & { amount: number })[];
  /** fen: all lines, whoever supplied them */
  totalAmount: number;
  /** fen: the department's lines = work_orders.material_cost */
  materialCost: number;
}

/** What POST /sla-policies takes (PATCH takes any part of it); minutes null = that step is not timed. */
export interface SlaPolicyInput {
  name: string;
  siteId?: string | null;
  category?: string | null;
  urgency?: string | null;
  responseMinutes?: number | null;
  arrivalMinutes?: number | null;
  resolutionMinutes?: number | null;
  notOvernight?: boolean;
  businessHours?: boolean;
  excludePaused?: boolean;
  warnBeforeMinutes?: number;
}
