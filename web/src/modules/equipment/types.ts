/** JSON shapes of the equipment endpoints (docs/modules/equipment.md). */
export type AttributeType = 'text' | 'number' | 'date' | 'choice';
export type AssetStatus = 'in_use' | 'standby' | 'under_repair' | 'disabled' | 'scrapped';
export type Criticality = 'high' | 'medium' | 'low';

export const ASSET_STATUSES: AssetStatus[] = ['in_use', 'standby', 'under_repair', 'disabled', 'scrapped'];
export const CRITICALITIES: Criticality[] = ['high', 'medium', 'low'];
export const ATTRIBUTE_TYPES: AttributeType[] = ['text', 'number', 'date', 'choice'];

export interface Category {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  nameEn: string;
  depth: number;
  sort: number;
  active: boolean;
  assetCount?: number;
  version: number;
}

export type CategoryNode = Category & { children: CategoryNode[] };

export interface AttributeDef {
  id: string;
  categoryId: string;
  key: string;
  label: string;
  labelEn: string;
  type: AttributeType;
  unit: string | null;
  options: string[];
  required: boolean;
  sort: number;
  active: boolean;
  version: number;
  /** with `inherited=1`: the ancestor category the definition comes from; null = the category's own */
  inheritedFrom?: { id: string; code: string; name: string } | null;
}

export type AttributeValue = string | number;

export interface Asset {
  id: string;
  code: string;
  name: string;
  siteId: string;
  siteName: string;
  locationId: string | null;
  locationPath: string | null;
  categoryId: string;
  categoryName: string;
  categoryCode?: string;
  parentId: string | null;
  parentName: string | null;
  brand: string | null;
  model: string | null;
  serialNo: string | null;
  supplier: string | null;
  purchaseDate: string | null;
  /** fen */
  purchaseCost: number | null;
  warrantyEnd: string | null;
  custodianId: string | null;
  custodianName: string | null;
  departmentId: string | null;
  departmentName: string | null;
  status: AssetStatus;
  criticality: Criticality;
  attributes: Record<string, AttributeValue>;
  lost: boolean;
  fireRuleId: string | null;
  fireRuleName?: string | null;
  productionDate: string | null;
  notes: string | null;
  qrCode: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface AssetComponent {
  id: string;
  code: string;
  name: string;
  status: AssetStatus;
  lost: boolean;
}

export interface AssetDetail extends Asset {
  /** components (assets whose parent is this one) */
  children: AssetComponent[];
  /** the definitions that apply to its category, plus inactive ones it still has values for */
  attributeDefinitions: AttributeDef[];
}

export interface TimelineEntry {
  at: string;
  kind: string;
  title: string;
  detail?: string | null;
  link?: string | null;
  actorName?: string | null;
}

export type TransferStatus = 'pending' | 'confirmed' | 'rejected' | 'cancelled';

export interface CustodyTransfer {
  id: string;
  siteId: string;
  siteName?: string;
  fromUserId: string | null;
  fromUserName?: string | null;
  toUserId: string;
  toUserName?: string | null;
  toDepartmentId?: string | null;
  toDepartmentName?: string | null;
  status: TransferStatus;
  reason: string | null;
  requestedBy: string;
  requestedByName?: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  /** GET /custody-transfers/:id only */
  assets?: { id: string; code: string; name: string; custodianName: string | null }[];
  assetCount?: number;
  version: number;
  createdAt: string;
}

export type StocktakeStatus = 'open' | 'closed' | 'cancelled';

/** While open, `missing` = not found yet (未盘); once closed it is the shortfall (盘亏). */
export interface StocktakeCounts {
  expected: number;
  found: number;
  missing: number;
  unexpected: number;
  misplaced: number;
}

export interface Stocktake {
  id: string;
  siteId: string;
  siteName?: string;
  locationId: string | null;
  locationPath?: string | null;
  number: string;
  title: string;
  status: StocktakeStatus;
  startedBy: string;
  startedByName?: string | null;
  closedBy: string | null;
  closedByName?: string | null;
  closedAt: string | null;
  result: StocktakeResult | null;
  version: number;
  createdAt: string;
}

export interface StocktakeDetail extends Stocktake {
  counts: StocktakeCounts;
  actions: ('close' | 'cancel')[];
}

export interface StocktakeResult extends StocktakeCounts {
  markMissingLost: boolean;
  moveMisplaced: boolean;
  /** assets newly flagged lost */
  markedLost: number;
  /** lost assets found again and un-flagged */
  recovered: number;
  /** assets moved to where they were found */
  moved: number;
  note: string | null;
}

export type StocktakeItemState = 'pending' | 'found' | 'missing' | 'unexpected' | 'misplaced';

export interface StocktakeItem {
  id: string;
  assetId: string;
  assetCode: string;
  assetName: string;
  assetLost: boolean;
  expected: boolean;
  state: StocktakeItemState;
  expectedLocationId: string | null;
  expectedLocationPath: string | null;
  foundLocationId: string | null;
  foundLocationPath: string | null;
  foundAt: string | null;
  foundByName: string | null;
  note: string | null;
}

export type ScanOutcome = 'found' | 'misplaced' | 'unexpected' | 'already';

export interface ScanResult {
  outcome?: ScanOutcome;
  result?: ScanOutcome;
  item: StocktakeItem;
}

export interface FireRule {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  checkIntervalDays: number;
  firstServiceYears: number | null;
  serviceIntervalYears: number | null;
  scrapYears: number | null;
  active: boolean;
  version: number;
}

export type FireState = 'ok' | 'check_due' | 'service_due' | 'scrap_due' | 'missing';

/** One row of GET /fire-equipment (server fire.equipment.ts). */
export interface FireItem {
  id: string;
  code: string;
  name: string;
  siteId: string;
  siteName: string;
  locationId: string | null;
  locationPath: string | null;
  status: AssetStatus;
  lost: boolean;
  ruleId: string;
  ruleCode: string;
  ruleName: string;
  productionDate: string | null;
  lastCheckAt: string | null;
  /** the check's day in the site's zone */
  lastCheckOn: string | null;
  lastCheckUsable: boolean | null;
  lastServiceOn: string | null;
  nextCheckDue: string;
  nextServiceDue: string | null;
  scrapDate: string | null;
  state: FireState;
}
