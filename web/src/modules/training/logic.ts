import type { StatusStyle } from '../../components';
import { formatInZone } from '../maintenance/format';
import type {
  AttemptQuestion,
  PersonRecord,
  QuestionInput,
  QuestionKind,
  QuizSubmitInput,
  Session,
  SpotCheckStatus,
  TrainingStatus,
} from './types';

/**
 * The training pages' pure logic: the quiz on a phone (one question per screen, the
 * answers kept while the person goes back and forth and across a reload), whether a
 * session can be signed in to now and why not, the QR's link, a question's problems in
 * the bank editor, and how times and rates are written. Tested without a browser
 * (logic.test.ts).
 */

// ── status colours ────────────────────────────────────────────────────────────────

/**
 * Where a session stands for people: the server's `planned` covers both before the start
 * and while it runs, which read differently (未开始 / 进行中).
 */
export type SessionPhase = 'upcoming' | 'in_progress' | Exclude<TrainingStatus, 'planned'>;

export function sessionPhase(s: Pick<Session, 'status' | 'startsAt'>, now: Date): SessionPhase {
  if (s.status !== 'planned') return s.status;
  return now.getTime() >= Date.parse(s.startsAt) ? 'in_progress' : 'upcoming';
}

/** 未开始 blue, 进行中 orange, 已完成 green, 已取消 grey. */
export const SESSION_STYLES: Record<SessionPhase, StatusStyle> = {
  upcoming: { color: 'processing', label: 'training:sessionPhase.upcoming' },
  in_progress: { color: 'orange', label: 'training:sessionPhase.in_progress' },
  done: { color: 'success', label: 'training:sessionPhase.done' },
  cancelled: { color: 'default', label: 'training:sessionPhase.cancelled' },
};

/** 进行中 blue, 已结束 grey. */
export const SPOT_CHECK_STYLES: Record<SpotCheckStatus, StatusStyle> = {
  open: { color: 'processing', label: 'training:spotCheckStatus.open' },
  closed: { color: 'default', label: 'training:spotCheckStatus.closed' },
};

// ── the quiz ──────────────────────────────────────────────────────────────────────

/** question id → the chosen option indexes, ascending */
export type Answers = Record<string, number[]>;

export interface QuizState {
  /** the question on screen, 0-based */
  index: number;
  answers: Answers;
}

export type QuizAction =
  | { type: 'choose'; question: Pick<AttemptQuestion, 'id' | 'kind'>; option: number; checked: boolean }
  | { type: 'go'; index: number; total: number }
  | { type: 'next'; total: number }
  | { type: 'prev' }
  /** answers read back from the device; the screen opens at `index` (the first one still open) */
  | { type: 'restore'; answers: Answers; index: number };

/**
 * One choice: a single-choice or true/false question keeps only the option picked; a
 * multiple-choice question adds or removes it and keeps the options in order.
 */
export function choose(kind: QuestionKind, chosen: readonly number[], option: number, checked: boolean): number[] {
  if (kind !== 'multiple') return checked ? [option] : [];
  const set = new Set(chosen);
  if (checked) set.add(option);
  else set.delete(option);
  return [...set].sort((a, b) => a - b);
}

const clamp = (index: number, total: number) => Math.max(0, Math.min(index, Math.max(0, total - 1)));

export function quizReducer(state: QuizState, action: QuizAction): QuizState {
  switch (action.type) {
    case 'choose': {
      const { question, option, checked } = action;
      const next = choose(question.kind, state.answers[question.id] ?? [], option, checked);
      const answers = { ...state.answers };
      if (next.length) answers[question.id] = next;
      else delete answers[question.id];
      return { ...state, answers };
    }
    case 'go':
      return { ...state, index: clamp(action.index, action.total) };
    case 'next':
      return { ...state, index: clamp(state.index + 1, action.total) };
    case 'prev':
      return { ...state, index: Math.max(0, state.index - 1) };
    case 'restore':
      return { index: Math.max(0, action.index), answers: action.answers };
  }
}

export const isAnswered = (answers: Answers, questionId: string): boolean => (answers[questionId]?.length ?? 0) > 0;

/** The numbers (1-based, as the screen shows them) of the questions without an answer. */
export function unansweredNumbers(questions: readonly Pick<AttemptQuestion, 'id'>[], answers: Answers): number[] {
  return questions.flatMap((q, i) => (isAnswered(answers, q.id) ? [] : [i + 1]));
}

/** Where a quiz picks up again: the first question without an answer (the last one when all are answered). */
export function resumeIndex(questions: readonly Pick<AttemptQuestion, 'id'>[], answers: Answers): number {
  const first = questions.findIndex((q) => !isAnswered(answers, q.id));
  return first >= 0 ? first : Math.max(0, questions.length - 1);
}

/** The submit body: every question in the attempt's order, an unanswered one with no choice. */
export function submitBody(questions: readonly Pick<AttemptQuestion, 'id'>[], answers: Answers): QuizSubmitInput {
  return { answers: questions.map((q) => ({ questionId: q.id, chosen: answers[q.id] ?? [] })) };
}

/** Where a quiz in progress keeps its answers on this device, so a reload or a call loses nothing. */
export const draftKey = (attemptId: string) => `houqin.quiz.${attemptId}`;

/**
 * Answers read back from storage, trusting nothing: unknown questions, options out of
 * range and a second choice on a single-choice question are dropped.
 */
export function parseDraft(raw: string | null, questions: readonly Pick<AttemptQuestion, 'id' | 'kind' | 'options'>[]): Answers {
  if (!raw) return {};
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return {};
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return {};
  const out: Answers = {};
  for (const q of questions) {
    const value = (data as Record<string, unknown>)[q.id];
    if (!Array.isArray(value)) continue;
    const valid = [...new Set(value.filter((v): v is number => Number.isInteger(v) && v >= 0 && v < q.options.length))].sort(
      (a, b) => a - b,
    );
    const kept = q.kind === 'multiple' ? valid : valid.slice(0, 1);
    if (kept.length) out[q.id] = kept;
  }
  return out;
}

/** A, B, C… for options; a judge question's options are words (对/错) and need no letter. */
export const optionLetter = (index: number): string => String.fromCharCode(65 + index);

/** Chosen options as letters, `A、C`; nothing chosen → em dash. */
export function lettersOf(indexes: readonly number[] | null | undefined, kind: QuestionKind, options: readonly string[]): string {
  if (!indexes?.length) return '—';
  if (kind === 'judge') return indexes.map((i) => options[i] ?? '?').join('、');
  return indexes.map(optionLetter).join('、');
}

// ── sign-in ───────────────────────────────────────────────────────────────────────

/** Signing in opens this long before the start (and closes at the end). */
export const CHECKIN_OPENS_MINUTES = 30;

/**
 * What the sign-in page tells the person: signed in already, the session cancelled, too
 * early (with the time it opens), too late, open, or open but not for them (not invited,
 * or no training:attend on the session's site) — the server's `canSignIn` decides the last.
 */
export type CheckinState = 'signed_in' | 'cancelled' | 'early' | 'ended' | 'open' | 'not_allowed';

export function checkinOpensAt(startsAt: string): Date {
  return new Date(Date.parse(startsAt) - CHECKIN_OPENS_MINUTES * 60_000);
}

export function checkinState(s: Pick<Session, 'status' | 'startsAt' | 'endsAt' | 'signedIn' | 'canSignIn'>, now: Date): CheckinState {
  if (s.signedIn) return 'signed_in';
  if (s.status === 'cancelled') return 'cancelled';
  if (now < checkinOpensAt(s.startsAt)) return 'early';
  if (now.getTime() > Date.parse(s.endsAt)) return 'ended';
  return s.canSignIn ? 'open' : 'not_allowed';
}

/** The link a session's QR carries: the sign-in page of this app. */
export const checkinPath = (code: string) => `/training/checkin/${encodeURIComponent(code)}`;

/**
 * The code out of what a scan gives: the QR's link (…/training/checkin/<code>), a label's
 * /q/<code> link, or the code typed as it is.
 */
export function checkinCodeOf(raw: string): string {
  const text = raw.trim();
  const match = text.match(/\/(?:training\/checkin|q)\/([A-Za-z0-9_-]+)\/?(?:[?#].*)?$/);
  return match?.[1] ?? text;
}

/**
 * The invitation list to edit: the invited only. Walk-ins (signed in by QR on a session
 * open to the site, or by hand beside the list) stay off it, so editing a session neither
 * closes an open one nor invites those who came uninvited.
 */
export function invitedIds(s: Pick<Session, 'attendees'>): string[] {
  return s.attendees.filter((a) => a.invited).map((a) => a.userId);
}

// ── times and figures ─────────────────────────────────────────────────────────────

/** `2025-03-01 09:00–10:30` within one day, both ends in full otherwise; in the site's zone. */
export function sessionTimeText(startsAt: string, endsAt: string, timeZone: string | undefined): string {
  const start = formatInZone(startsAt, timeZone);
  const end = formatInZone(endsAt, timeZone);
  if (start === '—' || end === '—') return start;
  return start.slice(0, 10) === end.slice(0, 10) ? `${start}–${end.slice(11)}` : `${start} – ${end}`;
}

/** A score out of 100 with at most one decimal; not taken → em dash. */
export function scoreText(score: number | null | undefined): string {
  if (score === null || score === undefined || !Number.isFinite(score)) return '—';
  return (Math.round(score * 10) / 10).toLocaleString('zh-CN', { maximumFractionDigits: 1 });
}

/** Signed in of invited as `8/10`; an open session (nobody invited) shows only who signed in. */
export function attendanceText(s: Pick<Session, 'invitedCount' | 'signedInCount'>): string {
  return s.invitedCount ? `${s.signedInCount}/${s.invitedCount}` : String(s.signedInCount);
}

// ── the bank editor ───────────────────────────────────────────────────────────────

/** A true/false question's options, stored as words (the contract's 判断: 对/错). */
export const JUDGE_OPTIONS = ['对', '错'];

/** A fresh question of a kind: judge comes with 对/错, the others with four empty options. */
export function blankQuestion(kind: QuestionKind = 'single'): QuestionInput {
  return { kind, text: '', options: kind === 'judge' ? [...JUDGE_OPTIONS] : ['', '', '', ''], answer: [], explanation: null };
}

/**
 * A question switched to another kind: to judge its options become 对/错 and the answer
 * starts over; from judge four empty options; multiple → single keeps the first answer.
 */
export function withKind(q: QuestionInput, kind: QuestionKind): QuestionInput {
  if (kind === q.kind) return q;
  if (kind === 'judge') return { ...q, kind, options: [...JUDGE_OPTIONS], answer: [] };
  if (q.kind === 'judge') return { ...q, kind, options: ['', '', '', ''], answer: [] };
  return { ...q, kind, answer: kind === 'single' ? q.answer.slice(0, 1) : q.answer };
}

/** The question without one option; the correct answers after it move up by one. */
export function withoutOption(q: QuestionInput, index: number): QuestionInput {
  return {
    ...q,
    options: q.options.filter((_, i) => i !== index),
    answer: q.answer.filter((a) => a !== index).map((a) => (a > index ? a - 1 : a)),
  };
}

/** Each problem is a key of `training:bank.problem.*`, with the option's letter where it has one. */
export type QuestionProblem =
  | { key: 'text' }
  | { key: 'optionsFew' }
  | { key: 'optionEmpty'; letter: string }
  | { key: 'optionDuplicate'; letter: string }
  | { key: 'answerMissing' }
  | { key: 'answerOne' };

/** What keeps a question from being saved, checked as the person edits (the server checks again). */
export function questionProblems(q: QuestionInput): QuestionProblem[] {
  const out: QuestionProblem[] = [];
  if (!q.text.trim()) out.push({ key: 'text' });
  if (q.options.length < 2) out.push({ key: 'optionsFew' });
  const seen = new Set<string>();
  q.options.forEach((o, i) => {
    const text = o.trim();
    if (!text) out.push({ key: 'optionEmpty', letter: optionLetter(i) });
    else if (seen.has(text)) out.push({ key: 'optionDuplicate', letter: optionLetter(i) });
    seen.add(text);
  });
  const answer = q.answer.filter((a) => a >= 0 && a < q.options.length);
  if (answer.length === 0) out.push({ key: 'answerMissing' });
  else if (q.kind !== 'multiple' && answer.length > 1) out.push({ key: 'answerOne' });
  return out;
}

/** A question as the form edits it → as the server takes it: texts trimmed, answers in order. */
export function questionBody(q: QuestionInput): QuestionInput {
  const explanation = q.explanation?.trim() ?? '';
  return {
    ...(q.id ? { id: q.id } : {}),
    kind: q.kind,
    text: q.text.trim(),
    options: q.options.map((o) => o.trim()),
    answer: [...new Set(q.answer)].sort((a, b) => a - b),
    explanation: explanation || null,
  };
}

// ── list filters, all in the URL (the safety page's figures link to them) ───────────

/**
 * `status` is comma-separated (the measures link 场次 to `status=planned,done`);
 * `departmentId` (a department's attendance figure) keeps the sessions its staff signed in to
 */
export const SESSION_FILTERS = ['siteId', 'type', 'status', 'from', 'to', 'departmentId'] as const;
/**
 * `from`/`to` bound the creation; `submittedFrom`/`submittedTo` (from the measures) an answer
 * submitted in the period, and `departmentId` an answer by the department's staff
 */
export const SPOT_CHECK_FILTERS = [
  'siteId',
  'status',
  'topic',
  'bankId',
  'from',
  'to',
  'submittedFrom',
  'submittedTo',
  'departmentId',
] as const;

/**
 * The server's field errors of the questions (`questions.3.options.1`, `questions/3/text`)
 * by question index, so each lands on its card; the bank's own fields are left to the form.
 */
export function questionFieldErrors(fields: readonly { field: string; message: string }[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const f of fields) {
    const match = f.field.match(/^\/?questions[./](\d+)(?:[./]|$)/);
    if (!match) continue;
    const index = Number(match[1]);
    // the card already says which question it is: "第 4 题：选项不能重复" → "选项不能重复"
    const message = f.message.replace(/^第\s*\d+\s*题[：:]\s*/, '');
    out.set(index, [...(out.get(index) ?? []), message]);
  }
  return out;
}

/** The question moved one place up (-1) or down (+1); at either end nothing changes. */
export function moved<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const next = [...list];
  [next[index], next[target]] = [next[target] as T, next[index] as T];
  return next;
}

// ── a person's record ─────────────────────────────────────────────────────────────

export interface PersonFigures {
  /** sessions invited to or signed in to */
  sessions: number;
  attended: number;
  /** quizzes submitted */
  taken: number;
  passed: number;
  /** passed ÷ taken, percent with one decimal; null before any */
  passRate: number | null;
  averageScore: number | null;
  etiquetteAverage: number | null;
}

const mean = (values: number[]): number | null =>
  values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10 : null;

/** The figures over a person's record, the way the spot checks count them (a quiz counts once submitted). */
export function personFigures(p: Pick<PersonRecord, 'sessions' | 'attempts' | 'etiquette'>): PersonFigures {
  const submitted = p.attempts.filter((a) => a.submittedAt !== null);
  const passed = submitted.filter((a) => a.passed === true).length;
  return {
    sessions: p.sessions.length,
    attended: p.sessions.filter((s) => s.signedInAt !== null).length,
    taken: submitted.length,
    passed,
    passRate: submitted.length ? Math.round((passed / submitted.length) * 1000) / 10 : null,
    averageScore: mean(submitted.flatMap((a) => (a.score === null ? [] : [a.score]))),
    etiquetteAverage: mean(p.etiquette.map((e) => e.score)),
  };
}
