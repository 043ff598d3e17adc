import type { ChecklistAnswer, ChecklistFinding, ChecklistItem, FindingReason } from '../../../contracts/checklists';
import { evaluateChecklist, expectedText } from '../../../server/src/platform/checklists/evaluate';

/**
 * What the fill form shows while a checklist is being filled in: which items still
 * need an answer, which answers will become findings (and so follow-up work orders),
 * and the allowed band of each number. The findings and counts come from the
 * server's own evaluator (server/src/platform/checklists/evaluate.ts, pure), so the
 * phone shows exactly what submitting will produce; only the reasons an item still
 * blocks submitting are named here as codes, because the evaluator's sentences are
 * Chinese and the form speaks both languages.
 */

export { expectedText };

/** the answers being edited, by item key */
export type AnswerMap = Record<string, ChecklistAnswer>;

/** why an item blocks submitting */
export type MissingReason = 'required' | 'photo' | 'signature' | 'photoOnFail';

export interface ItemHint {
  answered: boolean;
  missing: MissingReason | null;
  /** the answer will become a finding on submit */
  finding: FindingReason | null;
}

export interface ChecklistHints {
  byKey: Record<string, ItemHint>;
  total: number;
  answered: number;
  /** items that block submitting */
  missing: number;
  findings: ChecklistFinding[];
}

const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

export function answerMap(answers: readonly ChecklistAnswer[]): AnswerMap {
  const out: AnswerMap = {};
  for (const a of answers) out[a.key] = { ...a, photoIds: a.photoIds ? [...a.photoIds] : [] };
  return out;
}

/**
 * The answers to send, in item order: empty ones are left out (a draft may be partly
 * filled), text is trimmed and a note only travels when it says something.
 */
export function answerList(items: readonly ChecklistItem[], answers: AnswerMap): ChecklistAnswer[] {
  const out: ChecklistAnswer[] = [];
  for (const item of items) {
    const a = answers[item.key];
    if (!a) continue;
    const value = typeof a.value === 'string' ? (a.value.trim() === '' ? null : a.value.trim()) : a.value;
    const photoIds = a.photoIds?.length ? [...a.photoIds] : [];
    const note = a.note?.trim() ? a.note.trim() : null;
    if (value === null && photoIds.length === 0 && note === null) continue;
    out.push({ key: item.key, value, photoIds, note });
  }
  return out;
}

function missingReason(item: ChecklistItem, a: ChecklistAnswer | undefined): MissingReason | null {
  const photos = a?.photoIds?.length ?? 0;
  if (item.kind === 'photo') return photos === 0 && item.required ? 'photo' : null;
  if (isBlank(a?.value)) return item.required ? (item.kind === 'signature' ? 'signature' : 'required') : null;
  if (item.kind === 'pass_fail' && a?.value === 'fail' && item.photoOnFail && photos === 0) return 'photoOnFail';
  return null;
}

/** Per-item hints and totals for the answers as they stand. */
export function checklistHints(items: readonly ChecklistItem[], answers: AnswerMap): ChecklistHints {
  const list = answerList(items, answers);
  const evaluation = evaluateChecklist([...items], list);
  const findingOf = new Map(evaluation.findings.map((f) => [f.key, f.reason]));
  const byKey: Record<string, ItemHint> = {};
  let missing = 0;
  for (const item of items) {
    const a = list.find((x) => x.key === item.key);
    const reason = missingReason(item, a);
    if (reason) missing++;
    byKey[item.key] = {
      answered: item.kind === 'photo' ? (a?.photoIds?.length ?? 0) > 0 : !isBlank(a?.value),
      missing: reason,
      finding: findingOf.get(item.key) ?? null,
    };
  }
  return { byKey, total: items.length, answered: evaluation.answered, missing, findings: evaluation.findings };
}

/** A typed number as the answer's value: empty or not a finite number → null. */
export function parseNumber(input: string | number | null | undefined): number | null {
  if (input === null || input === undefined) return null;
  if (typeof input === 'number') return Number.isFinite(input) ? input : null;
  const trimmed = input.trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

/**
 * The item key a server field error points at: `answers.<key>` (a problem with that
 * item) or `answers[3].key` (the 4th answer sent), mapped back through what was sent.
 */
export function fieldItemKey(field: string, sent: readonly ChecklistAnswer[]): string | null {
  const byKey = field.match(/^answers\.([^.[\]]+)$/);
  if (byKey) return byKey[1] ?? null;
  const byIndex = field.match(/^answers\[(\d+)\]/) ?? field.match(/^answers\.(\d+)\./);
  if (byIndex) return sent[Number(byIndex[1])]?.key ?? null;
  return null;
}
