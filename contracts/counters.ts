import type { MaterialDto } from './workorders.js';

/**
 * Vendor counters (专柜), their rectification notices (整改通知) and their monthly
 * statements: the shapes the server answers with and the web renders. A notice's
 * status follows the state machine in server/src/modules/counters/notices.state.ts.
 */

/** in the order the pages list them: open ones first, then the final ones */
export const NOTICE_STATUSES = ['issued', 'rectified', 'overdue', 'verified', 'converted', 'cancelled'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export const NOTICE_ACTIONS = ['rectify', 'verify', 'reject', 'mark_overdue', 'convert', 'cancel'] as const;
export type NoticeAction = (typeof NOTICE_ACTIONS)[number];

/** who supplied the materials of a repair; each has its own charge rule */
export const CHARGE_SUPPLIERS = ['counter', 'department'] as const;
export type ChargeSupplier = (typeof CHARGE_SUPPLIERS)[number];

export interface CounterMemberDto {
  userId: string;
  name: string;
  username: string;
  phone: string | null;
  active: boolean;
}

export interface CounterDto {
  id: string;
  siteId: string;
  siteName: string;
  locationId: string | null;
  locationPath: string | null;
  code: string;
  name: string;
  contactName: string | null;
  contactPhone: string | null;
  notes: string | null;
  active: boolean;
  members: CounterMemberDto[];
  /** notices issued, rectified (awaiting verification) or overdue */
  openNotices: number;
  /** the signed-in person works for this counter */
  isMember: boolean;
  /** the signed-in person may edit it (counters:manage on its site) */
  canManage: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface NoticeDto {
  id: string;
  number: string;
  siteId: string;
  siteName: string;
  counterId: string;
  counterCode: string;
  counterName: string;
  locationId: string | null;
  locationPath: string | null;
  foundAt: string;
  description: string;
  requirement: string;
  deadline: string;
  status: NoticeStatus;
  issuedBy: string | null;
  issuedByName: string | null;
  rectifiedAt: string | null;
  rectifiedByName: string | null;
  rectifyNote: string | null;
  verifiedAt: string | null;
  verifiedByName: string | null;
  rejectReason: string | null;
  overdueAt: string | null;
  convertedAt: string | null;
  workOrderId: string | null;
  workOrderNumber: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  /** actions the signed-in person may take now */
  actions: NoticeAction[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** what one supplier's rule says (篇1: the counter pays nothing for materials it supplies) */
export interface ChargeTerms {
  supplier: ChargeSupplier;
  chargeMaterials: boolean;
  chargeLabour: boolean;
  /** fen per hour */
  labourRate: number;
}

export interface ChargeRuleDto extends ChargeTerms {
  /** 0 while the organisation still uses the built-in default (no row stored yet) */
  version: number;
  updatedAt: string | null;
}

/** the part of a work order's material line that its charge is computed from */
export type ChargeableMaterial = Pick<MaterialDto, 'id' | 'name' | 'spec' | 'quantity' | 'unit' | 'unitPrice' | 'suppliedBy'>;

/** a material line as charged; `id` is the work order's material line */
export interface StatementLineDto extends ChargeableMaterial {
  /** quantity × unit price, fen, rounded to the fen */
  amount: number;
  charged: boolean;
}

/** what one repair costs the counter; money in fen */
export interface ChargeAmounts {
  /** fen charged for materials */
  materialsAmount: number;
  labourMinutes: number;
  labourCharged: boolean;
  /** fen per hour applied (0 when labour is free) */
  labourRate: number;
  /** fen charged for labour */
  labourAmount: number;
  total: number;
}

export interface StatementItemDto extends ChargeAmounts {
  workOrderId: string;
  number: string;
  /** completion day in the site's zone, YYYY-MM-DD */
  date: string;
  completedAt: string;
  description: string;
  materials: StatementLineDto[];
}

export interface StatementDto {
  counter: { id: string; code: string; name: string; siteId: string; siteName: string };
  /** YYYY-MM */
  month: string;
  timeZone: string;
  /** the month's bounds as UTC instants [from, to) */
  from: string;
  to: string;
  rules: ChargeRuleDto[];
  items: StatementItemDto[];
  materialsAmount: number;
  labourAmount: number;
  total: number;
  /** 大写金额 */
  totalInCapitals: string;
  generatedAt: string;
}
