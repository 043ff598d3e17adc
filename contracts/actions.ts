/**
 * Action items (整改措施): the tracked corrective, preventive and improvement measures of
 * an incident report (意外事件的纠正预防措施) or a drill report (演练改进措施). Each has an
 * owner, a due date, evidence and a verification by someone other than the person who
 * submitted it — the hazard register's 整改 → 验收 loop, for any record that registers as
 * an action owner (server/src/platform/actions). A failed verification sends the item back
 * to its owner; overdue items are reminded and escalated by the job `actions.reminders`.
 */

/** the records that carry action items; each registers itself with `registerActionOwner` */
export const ACTION_OWNER_TYPES = ['incident', 'drill'] as const;
export type ActionOwnerType = (typeof ACTION_OWNER_TYPES)[number];

/** 纠正措施 / 预防措施 / 改进措施 */
export const ACTION_KINDS = ['corrective', 'preventive', 'improvement'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** open (待落实) → submitted (待验证, evidence given) → verified (已验证) | back to open; cancelled */
export const ACTION_STATUSES = ['open', 'submitted', 'verified', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const ACTION_STEPS = ['submit', 'verify', 'reject', 'cancel'] as const;
export type ActionStep = (typeof ACTION_STEPS)[number];

export interface ActionItemDto {
  id: string;
  /** CS-YYYYMMDD-0001 (措施; ZG is the counters' 整改通知) */
  number: string;
  siteId: string;
  siteName: string;
  ownerType: ActionOwnerType;
  ownerId: string;
  /** the owner's number and title, for lists: SJ-20260312-0002 消防报警主机故障 */
  ownerNumber: string;
  ownerTitle: string;
  /** web path of the owner's page (its action-items panel): /incidents/:id, /drills/:id */
  ownerLink: string;
  kind: ActionKind;
  title: string;
  description: string | null;
  /** the person who carries it out */
  assigneeId: string;
  assigneeName: string;
  /** local date YYYY-MM-DD in the site's zone; submitted on or before it is on time */
  dueDate: string;
  /** who is asked to verify (optional); anyone with actions:verify on the site but the submitter may */
  verifierId: string | null;
  verifierName: string | null;
  status: ActionStatus;
  /** what was done; evidence photos/files are attachments of owner type `action_item` */
  evidenceNote: string | null;
  evidenceIds: string[];
  submittedAt: string | null;
  submittedBy: string | null;
  submittedByName: string | null;
  verifiedAt: string | null;
  verifiedBy: string | null;
  verifiedByName: string | null;
  verifyNote: string | null;
  /** the last rejection's reason, and how many times it was sent back */
  rejectReason: string | null;
  rejectCount: number;
  cancelReason: string | null;
  /** open past its due date (site's today) */
  overdue: boolean;
  /** verified and submitted (last time) on or before the due date; null while not verified */
  onTime: boolean | null;
  canSubmit: boolean;
  canVerify: boolean;
  /** open: edit the description, assignee, due date, verifier (whoever may manage the owner) */
  canEdit: boolean;
  /** open or submitted, and the actor may manage the owner */
  canCancel: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** POST /actions (with ownerType and ownerId), PUT /actions/:id (while open) */
export interface ActionItemInput {
  kind: ActionKind;
  title: string;
  description?: string | null;
  assigneeId: string;
  dueDate: string;
  verifierId?: string | null;
}

export interface ActionItemCreateInput extends ActionItemInput {
  ownerType: ActionOwnerType;
  ownerId: string;
}

/** POST /actions/:id/submit — a note is required; evidence files are uploaded to the item first */
export interface ActionSubmitInput {
  note: string;
  version: number;
}

/** POST /actions/:id/verify */
export interface ActionVerifyInput {
  note?: string | null;
  version: number;
}

/** POST /actions/:id/reject and /cancel */
export interface ActionReasonInput {
  reason: string;
  version: number;
}

/**
 * GET /actions: keyset list (+ format=xlsx). Filters: siteId (repeatable), ownerType,
 * ownerId, status (repeatable, or comma-separated), kind, assignee=me, assigneeId,
 * verifierId, overdue=true|false, onTime=true (verified by the due date) | false (verified
 * late), dueFrom/dueTo (local dates, inclusive), from/to (created in [from, to), ISO
 * instants: the measures' period), q (number, title). Sorted by due date (sort=dueDate,
 * -dueDate, number, createdAt). The items of the sites where the actor holds safety:read,
 * and anywhere the items they are assignee or verifier of.
 */
