import { QUESTION_KINDS, type QuestionDto, type QuestionInput, type QuestionKind } from '../../../../contracts/training.js';

/**
 * Questions of a bank and the scoring of an attempt — pure, so the rules are tested
 * without a database: a single choice and a true/false question have exactly one answer,
 * a multiple choice at least one; a multiple choice scores only when exactly right; every
 * question weighs the same.
 */

export type StoredQuestion = QuestionDto;

export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 8;
export const MAX_QUESTIONS = 500;
/** the two options of a true/false question (判断题), in this order */
export const JUDGE_OPTIONS = ['对', '错'] as const;

export const KIND_LABELS: Record<QuestionKind, string> = { single: '单选题', multiple: '多选题', judge: '判断题' };

type Add = (field: string, message: string) => void;

const isIndex = (v: unknown, size: number): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < size;

/** Trimmed text, or '' */
const clean = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

export type QuestionField = 'kind' | 'text' | 'options' | 'answer' | 'explanation';

/** The problems of one question as it would be stored, each under its field (the caller adds where it is). */
export function questionProblems(q: QuestionInput): { field: QuestionField; message: string }[] {
  const out: { field: QuestionField; message: string }[] = [];
  const add = (field: QuestionField, message: string) => out.push({ field, message });
  if (!QUESTION_KINDS.includes(q.kind)) {
    add('kind', '题型应为单选、多选或判断');
    return out;
  }
  const text = clean(q.text);
  if (!text) add('text', '请填写题目');
  else if (text.length > 1000) add('text', '题目不能超过 1000 个字');
  const options = (q.options ?? []).map(clean);
  if (q.kind === 'judge') {
    if (options.length !== 2 || options[0] !== JUDGE_OPTIONS[0] || options[1] !== JUDGE_OPTIONS[1]) {
      add('options', '判断题的选项必须是“对”“错”两项');
    }
  } else if (options.length < MIN_OPTIONS || options.length > MAX_OPTIONS) {
    add('options', `选项应为 ${MIN_OPTIONS} 到 ${MAX_OPTIONS} 个`);
  } else if (options.some((o) => !o)) add('options', '选项不能为空');
  else if (options.some((o) => o.length > 200)) add('options', '每个选项不能超过 200 个字');
  else if (new Set(options).size !== options.length) add('options', '选项不能重复');
  const answer = q.answer ?? [];
  if (answer.some((a) => !isIndex(a, options.length))) add('answer', '答案不是有效的选项');
  else if (new Set(answer).size !== answer.length) add('answer', '答案不能重复');
  else if (q.kind === 'multiple' && answer.length < 1) add('answer', '多选题至少要有一个正确答案');
  else if (q.kind !== 'multiple' && answer.length !== 1) add('answer', `${KIND_LABELS[q.kind]}必须有且只有一个正确答案`);
  if (clean(q.explanation).length > 2000) add('explanation', '解析不能超过 2000 个字');
  return out;
}

/** A checked question as stored: trimmed texts, answers in option order. */
export function normaliseQuestion(q: QuestionInput, id: string): StoredQuestion {
  return {
    id,
    kind: q.kind,
    text: clean(q.text),
    options: q.options.map(clean),
    answer: [...new Set(q.answer)].sort((a, b) => a - b),
    explanation: clean(q.explanation) || null,
  };
}

export interface ChosenAnswer {
  questionId: string;
  chosen: number[];
}

/**
 * The problems of a submission: every question answered (the unanswered ones listed by
 * number in one message), choices that exist, one choice for a single or true/false
 * question, no answer to a question not in the attempt.
 */
export function answerProblems(questions: StoredQuestion[], answers: ChosenAnswer[], add: Add): void {
  const ids = new Set(questions.map((q) => q.id));
  const seen = new Set<string>();
  answers.forEach((a, i) => {
    if (!ids.has(a.questionId)) add(`answers.${i}.questionId`, '不是本次答题的题目');
    else if (seen.has(a.questionId)) add(`answers.${i}.questionId`, '同一题目只能作答一次');
    seen.add(a.questionId);
  });
  const byId = new Map(answers.map((a) => [a.questionId, a.chosen]));
  const unanswered: number[] = [];
  questions.forEach((q, i) => {
    const chosen = byId.get(q.id) ?? [];
    if (chosen.length === 0) {
      unanswered.push(i + 1);
      return;
    }
    if (chosen.some((c) => !isIndex(c, q.options.length))) add(`answers.${q.id}`, `第 ${i + 1} 题选择的选项不存在`);
    else if (new Set(chosen).size !== chosen.length) add(`answers.${q.id}`, `第 ${i + 1} 题的选项重复`);
    else if (q.kind !== 'multiple' && chosen.length !== 1)
      add(`answers.${q.id}`, `第 ${i + 1} 题为${KIND_LABELS[q.kind]}，只能选择一个答案`);
  });
  if (unanswered.length) add('answers', `还有题目未作答：第 ${unanswered.join('、')} 题`);
}

/** Exactly the right options (a multiple choice with one missing or one extra is wrong). */
export function isCorrect(q: Pick<StoredQuestion, 'answer'>, chosen: number[]): boolean {
  const want = new Set(q.answer);
  const got = new Set(chosen);
  return want.size === got.size && [...want].every((a) => got.has(a));
}

/** Correct ÷ total × 100, one decimal. */
export function scoreOf(correct: number, total: number): number {
  return total === 0 ? 0 : Math.round((correct / total) * 1000) / 10;
}

export interface Scored {
  correct: Map<string, boolean>;
  correctCount: number;
  score: number;
  passed: boolean;
}

/** Scores a checked submission: equal weights, pass at or above the mark. */
export function scoreAttempt(questions: StoredQuestion[], answers: ChosenAnswer[], passMark: number): Scored {
  const byId = new Map(answers.map((a) => [a.questionId, a.chosen]));
  const correct = new Map(questions.map((q) => [q.id, isCorrect(q, byId.get(q.id) ?? [])]));
  const correctCount = [...correct.values()].filter(Boolean).length;
  const score = scoreOf(correctCount, questions.length);
  return { correct, correctCount, score, passed: score >= passMark };
}

/** "AC" → [0, 2]; 判断题 also takes 对/错 (or 正确/错误, √/×). null when the text names no option. */
export function parseAnswerLetters(text: string, kind: QuestionKind): number[] | null {
  const t = text.replace(/[\s,，、;；]/g, '').toUpperCase();
  if (!t) return null;
  if (kind === 'judge') {
    if (['对', '正确', '√', 'A', 'T', 'TRUE', 'Y'].includes(t)) return [0];
    if (['错', '错误', '×', 'B', 'F', 'FALSE', 'N'].includes(t)) return [1];
    return null;
  }
  const out: number[] = [];
  for (const ch of t) {
    const i = ch.charCodeAt(0) - 65;
    if (i < 0 || i >= MAX_OPTIONS) return null;
    out.push(i);
  }
  return out;
}

/** 单选/单选题/多选/判断… → the kind */
export function parseKind(text: string): QuestionKind | null {
  const t = text.trim();
  if (/^单选/.test(t) || t === 'single') return 'single';
  if (/^多选/.test(t) || t === 'multiple') return 'multiple';
  if (/^判断/.test(t) || t === 'judge') return 'judge';
  return null;
}
