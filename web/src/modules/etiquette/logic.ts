import type { ChecklistAnswer, ChecklistPurpose, ChecklistResultDto, ChecklistTemplateDto, EtiquetteCheckInput } from './types';
import { SUBJECT } from './types';

/**
 * The etiquette pages' pure logic: who is checked (a user of the site, or a name written
 * out with their counter), the checklist of a template as a fill form before the check
 * exists, the draft kept on the phone until it is submitted, and how a score reads.
 * Tested without a browser (logic.test.ts).
 */

// ── the person checked ────────────────────────────────────────────────────────────

/** a user of the site picked from the list, or a person named by hand (a vendor counter's staff) */
export type PersonMode = 'user' | 'name';

export interface CheckValues {
  siteId?: string;
  personMode?: PersonMode;
  personId?: string | null;
  personName?: string | null;
  personUnit?: string | null;
  templateId?: string;
  note?: string | null;
}

const text = (v: string | null | undefined): string | null => (v?.trim() ? v.trim() : null);

/** POST /training/etiquette-checks: the person either by id or by name, never both. */
export function checkInput(v: CheckValues, answers: ChecklistAnswer[]): EtiquetteCheckInput {
  const byUser = (v.personMode ?? 'user') === 'user';
  return {
    siteId: v.siteId ?? '',
    personId: byUser ? (v.personId ?? null) : null,
    personName: byUser ? null : text(v.personName),
    personUnit: text(v.personUnit),
    templateId: v.templateId ?? '',
    answers,
    note: text(v.note),
  };
}

// ── the checklists an etiquette check is filled on ────────────────────────────────

/** the template purposes the server accepts for an etiquette check */
export const ETIQUETTE_PURPOSES: readonly ChecklistPurpose[] = ['inspection', 'other'];
/** the codes of the two checklists every organisation starts with (仪容仪表, 礼貌礼仪) */
export const SEEDED_PREFIX = 'ETIQUETTE-';

/**
 * The templates to offer: those of an accepted purpose, the seeded etiquette checklists
 * first (by code: 仪容仪表 before 礼貌礼仪), then the organisation's own by name.
 */
export function etiquetteTemplates<T extends Pick<ChecklistTemplateDto, 'code' | 'name' | 'purpose'>>(rows: readonly T[]): T[] {
  const seeded = (r: T) => r.code.startsWith(SEEDED_PREFIX);
  return rows
    .filter((r) => ETIQUETTE_PURPOSES.includes(r.purpose))
    .sort((a, b) => {
      if (seeded(a) !== seeded(b)) return seeded(a) ? -1 : 1;
      return seeded(a) ? a.code.localeCompare(b.code) : a.name.localeCompare(b.name, 'zh-CN');
    });
}

// ── the checklist before the check exists ─────────────────────────────────────────

/**
 * The template's current items as a draft result for the fill form: the answers are sent
 * with the check itself (one POST), so nothing is stored on the server until then.
 * `revision` changes when a draft is saved, so the form takes the saved answers.
 */
export function draftResult(template: ChecklistTemplateDto, answers: ChecklistAnswer[], revision: number): ChecklistResultDto {
  return {
    id: `draft-${template.id}`,
    subjectType: SUBJECT,
    subjectId: '',
    templateId: template.id,
    templateCode: template.code,
    templateName: template.name,
    templateVersion: template.currentVersion,
    items: template.items,
    answers,
    findings: [],
    followUps: [],
    status: 'draft',
    filledBy: null,
    filledByName: null,
    submittedAt: null,
    canFill: true,
    updatedAt: '',
    version: revision,
  };
}

// ── the draft kept on the phone ───────────────────────────────────────────────────

/** What 保存草稿 keeps in the browser: the whole form, so a dropped connection or a reload loses nothing. */
export interface LocalDraft {
  values: CheckValues;
  /** the label of the picked user, to show it again without a request */
  personLabel: string | null;
  answers: ChecklistAnswer[];
  savedAt: string;
}

export const DRAFT_KEY = 'houqin.etiquette.draft';

const isAnswer = (a: unknown): a is ChecklistAnswer =>
  typeof a === 'object' && a !== null && typeof (a as { key?: unknown }).key === 'string';

/** A stored draft read back, or null when there is none or it is not one (another version of the page, a hand edit). */
export function parseDraft(raw: string | null): LocalDraft | null {
  if (!raw) return null;
  try {
    const d = JSON.parse(raw) as Partial<LocalDraft>;
    if (!d || typeof d !== 'object' || typeof d.values !== 'object' || d.values === null) return null;
    if (!Array.isArray(d.answers) || !d.answers.every(isAnswer) || typeof d.savedAt !== 'string') return null;
    return {
      values: d.values,
      personLabel: typeof d.personLabel === 'string' ? d.personLabel : null,
      answers: d.answers,
      savedAt: d.savedAt,
    };
  } catch {
    return null;
  }
}

/** The draft's answers for a template: those of its items only (the template may have changed since). */
export function draftAnswers(draft: LocalDraft | null, template: Pick<ChecklistTemplateDto, 'id' | 'items'>): ChecklistAnswer[] {
  if (!draft || draft.values.templateId !== template.id) return [];
  const keys = new Set(template.items.map((i) => i.key));
  return draft.answers.filter((a) => keys.has(a.key));
}

// ── scores ────────────────────────────────────────────────────────────────────────

export type ScoreTone = 'good' | 'fair' | 'poor';

/** 90 and above reads well, below 60 poorly (the colours of the list and the detail). */
export function scoreTone(score: number): ScoreTone {
  if (score >= 90) return 'good';
  if (score >= 60) return 'fair';
  return 'poor';
}

export const TONE_COLORS: Record<ScoreTone, string> = { good: 'green', fair: 'orange', poor: 'red' };

/** 92.5 → "92.5", 100 → "100" (one decimal at most, as the server rounds). */
export const scoreText = (score: number): string => String(Math.round(score * 10) / 10);

// ── list filters ──────────────────────────────────────────────────────────────────

/**
 * The list's filters, all in the URL (summary facts and a person's record link to it);
 * `departmentId` (a department's figures) keeps the checks of its staff.
 */
export const CHECK_FILTERS = ['siteId', 'personId', 'templateId', 'from', 'to', 'departmentId'] as const;
