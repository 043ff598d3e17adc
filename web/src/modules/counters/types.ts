/** Shapes of the counters API (server/src/modules/counters/dto.ts). */
export type NoticeStatus = 'issued' | 'rectified' | 'verified' | 'overdue' | 'converted' | 'cancelled';
export type NoticeAction = 'rectify' | 'verify' | 'reject' | 'mark_overdue' | 'convert' | 'cancel';
export type ChargeSupplier = 'counter' | 'department';
export type MaterialSupplier = 'department' | 'counter' | 'requester' | 'vendor';

export const NOTICE_STATUSES: NoticeStatus[] = ['issued', 'rectified', 'overdue', 'verified', 'converted', 'cancelled'];

export interface CounterMember {
  userId: string;
  name: string;
  username: string;
  phone: string | null;
  active: boolean;
}

export interface Counter {
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
  members: CounterMember[];
  openNotices: number;
  isMember: boolean;
  canManage: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Notice {
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
  actions: NoticeAction[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ChargeRule {
  supplier: ChargeSupplier;
  chargeMaterials: boolean;
  chargeLabour: boolean;
  /** fen per hour */
  labourRate: number;
  version: number;
  updatedAt: string | null;
}

export interface StatementLine {
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

export interface StatementItem {
  workOrderId: string;
  number: string;
  date: string;
  completedAt: string;
  description: string;
  materials: StatementLine[];
  materialsAmount: number;
  labourMinutes: number;
  labourCharged: boolean;
  labourRate: number;
  labourAmount: number;
  total: number;
}

export interface Statement {
  counter: { id: string; code: string; name: string; siteId: string; siteName: string };
  month: string;
  timeZone: string;
  from: string;
  to: string;
  rules: ChargeRule[];
  items: StatementItem[];
  materialsAmount: number;
  labourAmount: number;
  total: number;
  totalInCapitals: string;
  generatedAt: string;
}

/** the slice of a work order the counter pages list */
export interface CounterWorkOrder {
  id: string;
  number: string;
  status: string;
  kind: string;
  description: string;
  createdAt: string;
  completedAt: string | null;
  assigneeName: string | null;
}

export interface DictionaryItem {
  id: string;
  code: string;
  labelZh: string;
  labelEn: string;
}
