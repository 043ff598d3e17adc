/**
 * The one checklist engine (DESIGN.md §4): maintenance, patrols, readings and acceptance
 * checks all fill in versioned templates of these items, and a result always names the
 * template version it was filled against. Evaluation: server/src/platform/checklists/evaluate.ts.
 */

export const CHECKLIST_ITEM_KINDS = ['pass_fail', 'number', 'choice', 'text', 'photo', 'signature'] as const;
export type ChecklistItemKind = (typeof CHECKLIST_ITEM_KINDS)[number];

export interface ChecklistItem {
  /** stable within the template across versions, so results compare version to version */
  key: string;
  label: string;
  kind: ChecklistItemKind;
  required: boolean;
  hint?: string | null;
  /** number: unit shown after the value (°C, MPa, A…) */
  unit?: string | null;
  /** number: an allowed range (either end may be open) … */
  min?: number | null;
  max?: number | null;
  /** … or a target with a tolerance (24 ± 1 °C) */
  target?: number | null;
  tolerance?: number | null;
  /** choice: the options; those in `failOptions` count as a failed item */
  options?: string[] | null;
  failOptions?: string[] | null;
  /** pass_fail: a photo is needed when the item fails (evidence of the defect) */
  photoOnFail?: boolean;
}

/** pass / fail / not applicable */
export type PassFail = 'pass' | 'fail' | 'na';

export interface ChecklistAnswer {
  key: string;
  /** pass_fail: PassFail; number: a finite number; choice: one option; text and signature: text (a signature is the signer's name or an image attachment id) */
  value: PassFail | number | string | null;
  /** attachment ids (photo items, and evidence for a failed item) */
  photoIds?: string[];
  note?: string | null;
}

/** Why an item became a finding. */
export type FindingReason = 'failed' | 'below_min' | 'above_max' | 'out_of_tolerance' | 'fail_option';

export interface ChecklistFinding {
  key: string;
  label: string;
  reason: FindingReason;
  /** what was entered, for the finding's description */
  value: PassFail | number | string | null;
  /** the allowed band or target as text, e.g. "24 ± 1 °C" or "0.1–0.3 MPa" */
  expected: string | null;
  note: string | null;
}

/** What a template is for; patrols, readings and acceptance checks add theirs. */
export const CHECKLIST_PURPOSES = ['maintenance', 'fire', 'patrol', 'inspection', 'acceptance', 'other'] as const;
export type ChecklistPurpose = (typeof CHECKLIST_PURPOSES)[number];

/**
 * A template (检查表模板) of the organisation. Saving new items makes a new version; the
 * earlier versions stay readable because results name the version they were filled against.
 */
export interface ChecklistTemplateDto {
  id: string;
  code: string;
  name: string;
  purpose: ChecklistPurpose;
  description: string | null;
  /** the version new results are filled against */
  currentVersion: number;
  /** the items of `currentVersion` */
  items: ChecklistItem[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ChecklistTemplateInput {
  code: string;
  name: string;
  purpose: ChecklistPurpose;
  description?: string | null;
  items: ChecklistItem[];
}

export interface ChecklistTemplateVersionDto {
  templateVersion: number;
  items: ChecklistItem[];
  createdAt: string;
  createdBy: string | null;
  createdByName: string | null;
}

export const CHECKLIST_RESULT_STATUSES = ['draft', 'submitted'] as const;
export type ChecklistResultStatus = (typeof CHECKLIST_RESULT_STATUSES)[number];

/**
 * What a failed item became: a repair work order (a maintenance checklist), or a finding of
 * the hazards module (发现问题, a patrol point's checklist) to be handled there.
 */
export interface ChecklistFollowUp {
  key: string;
  type: 'work_order' | 'finding';
  id: string;
  number: string;
}

/**
 * One filled checklist, attached to what it was filled for (a maintenance work order
 * now; a patrol point, a reading… later). `items` are those of `templateVersion`.
 */
export interface ChecklistResultDto {
  id: string;
  subjectType: string;
  subjectId: string;
  templateId: string;
  templateCode: string;
  templateName: string;
  templateVersion: number;
  items: ChecklistItem[];
  answers: ChecklistAnswer[];
  findings: ChecklistFinding[];
  followUps: ChecklistFollowUp[];
  status: ChecklistResultStatus;
  filledBy: string | null;
  filledByName: string | null;
  submittedAt: string | null;
  /** whether the signed-in person may fill it now */
  canFill: boolean;
  updatedAt: string;
  version: number;
}

/** PUT …/checklist: answers are saved as a draft, or submitted (then checked and turned into findings) */
export interface ChecklistResultInput {
  answers: ChecklistAnswer[];
  submit: boolean;
  version: number;
}
