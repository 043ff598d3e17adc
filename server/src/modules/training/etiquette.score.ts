import type { ChecklistAnswer, ChecklistItem } from '../../../../contracts/checklists.js';
import { type Evaluation, evaluateChecklist } from '../../platform/checklists/evaluate.js';

/**
 * The score of an etiquette check (礼仪检查得分): the share of applicable items passed, in
 * percent with one decimal. Applicable are the pass/fail items judged 合格 or 不合格 (not
 * 不适用, not left blank) and the answered number and choice items — those pass when the
 * checklist engine found nothing wrong with them (in their band, not a failing option).
 * Text, photo and signature items are records, not judgements: they do not count.
 */
export interface EtiquetteScore {
  /** null when no item was judged (nothing to score) */
  score: number | null;
  applicable: number;
  passed: number;
  /** labels of the failed items, in the template's order */
  failedItems: string[];
  evaluation: Evaluation;
}

const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

export function etiquetteScore(items: ChecklistItem[], answers: ChecklistAnswer[]): EtiquetteScore {
  const evaluation = evaluateChecklist(items, answers);
  const failed = new Set(evaluation.findings.map((f) => f.key));
  const byKey = new Map(answers.map((a) => [a.key, a]));
  let applicable = 0;
  let passed = 0;
  const failedItems: string[] = [];
  for (const item of items) {
    const value = byKey.get(item.key)?.value;
    const judged =
      item.kind === 'pass_fail'
        ? value === 'pass' || value === 'fail'
        : (item.kind === 'number' || item.kind === 'choice') && !blank(value);
    if (!judged) continue;
    applicable++;
    if (failed.has(item.key)) failedItems.push(item.label);
    else passed++;
  }
  const score = applicable ? Math.round((passed / applicable) * 1000) / 10 : null;
  return { score, applicable, passed, failedItems, evaluation };
}
