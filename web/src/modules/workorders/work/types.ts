import type { LabourDto, MaterialDto } from '../../../../../contracts/workorders';

/** GET /dispatch-rules (server dispatch.service.ts DispatchRuleDto). */
export interface DispatchRule {
  id: string;
  siteId: string;
  siteName: string;
  category: string | null;
  categoryName: string | null;
  locationId: string | null;
  locationPath: string | null;
  teamId: string | null;
  teamName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  sort: number;
  lastAssigneeName: string | null;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** GET /work-standards (server standards.service.ts WorkStandardDto). */
export interface WorkStandard {
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

/** GET /work-orders/:id/labour */
export interface LabourList {
  items: LabourDto[];
  summary: {
    totalMinutes: number;
    effectiveMinutes: number;
    effectiveRatio: number | null;
    standardMinutes: number | null;
    efficiency: number | null;
    byUser: { userId: string; userName: string; totalMinutes: number; effectiveMinutes: number }[];
  };
}

/** GET /work-orders/:id/materials; amounts in fen */
export interface MaterialList {
  items: (MaterialDto & { amount: number })[];
  totalAmount: number;
  materialCost: number;
}
