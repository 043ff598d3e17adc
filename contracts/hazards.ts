/**
 * Findings, the hazard register (隐患台账) and special inspection campaigns (专项检查).
 *
 * A finding (发现问题) is anything a patrol point, a checklist, a reading or a person
 * reports; each is handled one of three ways — fixed on the spot (with a photo), turned
 * into a repair work order, or registered as a hazard. "Problems found / handled" counts
 * come from findings. A hazard follows the state machine in
 * server/src/modules/hazards/hazards.state.ts: 登记 → 整改 (五落实 set) → 待验收 (after
 * photos) → 销号, with failed acceptance back to 整改 and 重大 hazards signed off by the head.
 */

/** where a finding came from */
export const FINDING_SOURCES = ['patrol', 'direct', 'reading', 'checklist'] as const;
export type FindingSource = (typeof FINDING_SOURCES)[number];

/** `open` until someone decides; the other three are how it was handled */
export const FINDING_RESOLUTIONS = ['open', 'fixed_on_spot', 'work_order', 'hazard'] as const;
export type FindingResolution = (typeof FINDING_RESOLUTIONS)[number];

export interface FindingDto {
  id: string;
  /** FX-YYYYMMDD-0001 */
  number: string;
  siteId: string;
  siteName: string;
  locationId: string | null;
  locationPath: string | null;
  assetId: string | null;
  assetName: string | null;
  source: FindingSource;
  /** patrol: the round and its point; checklist: the checklist result; reading: the deviation */
  sourceType: string | null;
  sourceId: string | null;
  /** e.g. the round number and point name, for the list */
  sourceLabel: string | null;
  roundId: string | null;
  campaignId: string | null;
  campaignName: string | null;
  /** hazard_category dictionary code (消防、用电…); null when not classified */
  category: string | null;
  description: string;
  /** photos taken when found (attachments of owner type `finding`) */
  photoIds: string[];
  foundAt: string;
  foundBy: string | null;
  foundByName: string | null;
  resolution: FindingResolution;
  /** fixed on the spot: what was done; photos of the fix are attachments of owner type `finding_fix` */
  fixNote: string | null;
  fixPhotoIds: string[];
  workOrderId: string | null;
  workOrderNumber: string | null;
  workOrderStatus: string | null;
  hazardId: string | null;
  hazardNumber: string | null;
  hazardStatus: HazardStatus | null;
  /** fixed on the spot, its work order finished (done/accepted/closed) or its hazard closed */
  handled: boolean;
  /** open, and the signed-in person is the finder or holds hazards:manage on the site */
  canResolve: boolean;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolvedByName: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/**
 * POST /findings: reported directly (patrol and checklist findings are created by those
 * modules). Photos are uploaded to the created finding (attachments of owner type `finding`).
 */
export interface FindingInput {
  siteId: string;
  locationId?: string | null;
  assetId?: string | null;
  category?: string | null;
  description: string;
  campaignId?: string | null;
}

/** POST /findings/:id/resolve */
export type FindingResolveInput =
  | { resolution: 'fixed_on_spot'; note: string; version: number }
  | { resolution: 'work_order'; urgency?: string; category?: string; note?: string | null; version: number }
  | {
      resolution: 'hazard';
      hazard: Omit<HazardInput, 'siteId' | 'locationId' | 'assetId' | 'description'> & { description?: string };
      version: number;
    };

// ── hazards ──────────────────────────────────────────────────────────────────────

/** in the order the register lists them: open ones first */
export const HAZARD_STATUSES = ['registered', 'rectifying', 'submitted', 'pending_signoff', 'closed', 'cancelled'] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];

export const HAZARD_ACTIONS = ['assign', 'submit', 'accept', 'reject', 'sign_off', 'cancel'] as const;
export type HazardAction = (typeof HAZARD_ACTIONS)[number];

/** 一般 / 重大: a 重大 hazard needs the head's sign-off before it is closed (销号) */
export const HAZARD_GRADES = ['general', 'major'] as const;
export type HazardGrade = (typeof HAZARD_GRADES)[number];

export const HAZARD_SOURCES = ['patrol', 'direct', 'campaign', 'reading', 'checklist'] as const;
export type HazardSource = (typeof HAZARD_SOURCES)[number];

/** who the 隐患整改通知单 is addressed to: a department of the organisation or a vendor counter */
export const HAZARD_ADDRESSEE_TYPES = ['department', 'counter'] as const;
export type HazardAddresseeType = (typeof HAZARD_ADDRESSEE_TYPES)[number];

export interface HazardDto {
  id: string;
  /** the YH numbering rule: YH-2026-0001, per site, restarting every year */
  number: string;
  siteId: string;
  siteName: string;
  locationId: string | null;
  locationPath: string | null;
  assetId: string | null;
  assetName: string | null;
  source: HazardSource;
  findingId: string | null;
  campaignId: string | null;
  campaignName: string | null;
  /** hazard_category dictionary code */
  category: string;
  grade: HazardGrade;
  /** hazard_subgrade dictionary code (configurable sub-grades), null when not used */
  subGrade: string | null;
  title: string;
  description: string;
  /** photos when found: attachments of owner type `hazard` */
  photoIds: string[];
  foundAt: string;
  foundBy: string | null;
  foundByName: string | null;
  addresseeType: HazardAddresseeType | null;
  addresseeId: string | null;
  addresseeName: string | null;
  // 五落实: responsibility, measures, funds, deadline, contingency plan
  responsibleId: string | null;
  responsibleName: string | null;
  measures: string | null;
  /** fen */
  fundsFen: number | null;
  /** local date YYYY-MM-DD in the site's zone: rectified on or before it is on time */
  deadline: string | null;
  contingencyPlan: string | null;
  temporaryMeasures: string | null;
  acceptanceStandard: string | null;
  verifierId: string | null;
  verifierName: string | null;
  /** when 五落实 was set (assign) */
  assignedAt: string | null;
  rectificationNote: string | null;
  /** after photos: attachments of owner type `hazard_after`; submitting needs at least one */
  afterPhotoIds: string[];
  rectifiedAt: string | null;
  rectifiedBy: string | null;
  rectifiedByName: string | null;
  acceptanceNote: string | null;
  acceptedAt: string | null;
  acceptedBy: string | null;
  acceptedByName: string | null;
  /** how often acceptance failed, and the last failure's reason and time */
  rejectedCount: number;
  rejectNote: string | null;
  rejectedAt: string | null;
  signedOffAt: string | null;
  signedOffBy: string | null;
  signedOffByName: string | null;
  signOffNote: string | null;
  closedAt: string | null;
  cancelReason: string | null;
  cancelledAt: string | null;
  status: HazardStatus;
  /** open past its deadline (today in the site's zone is after `deadline`) */
  overdue: boolean;
  /** acceptance is due by deadline + the organisation's acceptance days (default 10) */
  acceptanceDueDate: string | null;
  /** still awaiting acceptance after acceptanceDueDate */
  acceptanceOverdue: boolean;
  /**
   * closed and rectified by the deadline: true; known to be late (closed late, a late
   * rectification awaiting acceptance, or open and overdue): false; otherwise null
   */
  onTime: boolean | null;
  /** the actions the signed-in person may take now */
  actions: HazardAction[];
  /** PUT /hazards/:id is allowed now (registered or rectifying, hazards:manage on the site) */
  canEdit: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface HazardInput {
  siteId: string;
  locationId?: string | null;
  assetId?: string | null;
  category: string;
  grade: HazardGrade;
  subGrade?: string | null;
  title: string;
  description: string;
  campaignId?: string | null;
  addresseeType?: HazardAddresseeType | null;
  addresseeId?: string | null;
  temporaryMeasures?: string | null;
}

/** POST /hazards/:id/actions/:action — the body each action takes */
export interface HazardAssignInput {
  responsibleId: string;
  measures: string;
  fundsFen?: number | null;
  deadline: string;
  contingencyPlan?: string | null;
  temporaryMeasures?: string | null;
  acceptanceStandard?: string | null;
  verifierId: string;
  addresseeType?: HazardAddresseeType | null;
  addresseeId?: string | null;
  version: number;
}
export interface HazardSubmitInput {
  note: string;
  version: number;
}
export interface HazardDecisionInput {
  /** accept: optional; reject, cancel: required */
  note?: string | null;
  version: number;
}

export interface HazardSettingsDto {
  /** acceptance on site within this many days of the deadline (default 10) */
  acceptanceDays: number;
  /** a reminder goes this many days before the deadline (default 3) */
  remindDaysBefore: number;
  updatedAt: string;
  version: number;
}

export interface HazardSettingsInput {
  acceptanceDays: number;
  remindDaysBefore: number;
  version: number;
}

// ── campaigns ────────────────────────────────────────────────────────────────────

export interface CampaignSiteResult {
  siteId: string;
  siteName: string;
  /** findings and hazards recorded under the campaign at this site */
  findings: number;
  hazards: number;
  rectified: number;
  onTime: number;
  open: number;
  overdue: number;
}

/** 专项检查 (e.g. 4 a year): a scope of sites and categories over dates, done by teams */
export interface CampaignDto {
  id: string;
  name: string;
  description: string | null;
  siteIds: string[];
  siteNames: string[];
  /** hazard_category codes in scope; empty = every category */
  categories: string[];
  teamIds: string[];
  teamNames: string[];
  startDate: string;
  endDate: string;
  /** by today's date: planned before the start, active through the end, ended after it */
  phase: 'planned' | 'active' | 'ended';
  /** one entry per site of the campaign the signed-in person reads patrols on */
  results: CampaignSiteResult[];
  /** the signed-in person holds patrols:manage on every site of the campaign */
  canManage: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CampaignInput {
  name: string;
  description?: string | null;
  siteIds: string[];
  categories: string[];
  teamIds: string[];
  startDate: string;
  endDate: string;
}
