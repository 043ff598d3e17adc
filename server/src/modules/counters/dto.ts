import type { MaterialSupplier } from '../../../../contracts/workorders.js';
import type { NoticeAction } from './notices.state.js';
import type { ChargeSupplier, NoticeStatus } from './schema.js';

/** Shapes the counters module answers with (mirrored in web/src/modules/counters/types.ts). */
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

export interface ChargeRuleDto {
  supplier: ChargeSupplier;
  chargeMaterials: boolean;
  chargeLabour: boolean;
  /** fen per hour */
  labourRate: number;
  /** 0 while the organisation still uses the built-in default (no row stored yet) */
  version: number;
  updatedAt: string | null;
}

export interface StatementLineDto {
  /** the work order's material line */
  id: string;
  name: string;
  spec: string | null;
  quantity: number;
  unit: string;
  unitPrice: number;
  suppliedBy: MaterialSupplier;
  amount: number;
  charged: boolean;
}

export interface StatementItemDto {
  workOrderId: string;
  number: string;
  /** completion day in the site's zone, YYYY-MM-DD */
  date: string;
  completedAt: string;
  description: string;
  materials: StatementLineDto[];
  materialsAmount: number;
  labourMinutes: number;
  labourCharged: boolean;
  labourRate: number;
  labourAmount: number;
  total: number;
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
