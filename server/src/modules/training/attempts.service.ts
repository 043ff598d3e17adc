import type { AttemptQuestionDto, QuizAttemptDto, QuizSubmitInput } from '../../../../contracts/training.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import type { Row } from '../../platform/db/schema.js';
import { AppError, forbidden, notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { formatZoned } from '../../platform/numbering/time.js';
import { findBank, parseQuestions } from './banks.service.js';
import { inScopeRead, mayAttend, mayManage } from './common.js';
import { drawQuestions } from './draw.js';
import { answerProblems, type ChosenAnswer, type StoredQuestion, scoreAttempt } from './questions.js';
import { findSpotCheck, type SpotCheckListRow, spotCheckStatus } from './spotchecks.service.js';
import './schema.js';

/**
 * Quiz attempts (答题): one per participant and spot check, its questions drawn once
 * (seeded by the attempt id) and kept with their answers, which never leave the server
 * before the attempt is submitted; scored at submission.
 */

export type AttemptRow = Row<'quiz_attempts'>;

function findAttempt(db: Db | Tx, orgId: string, id: string): Promise<AttemptRow | undefined> {
  return db.selectFrom('quiz_attempts').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

function attemptOf(db: Db | Tx, spotCheckId: string, userId: string): Promise<AttemptRow | undefined> {
  return db
    .selectFrom('quiz_attempts')
    .selectAll()
    .where('spot_check_id', '=', spotCheckId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

async function toDto(ctx: Ctx, a: AttemptRow, check: SpotCheckListRow): Promise<QuizAttemptDto> {
  const user = await ctx.db.selectFrom('users').select('name').where('id', '=', a.user_id).executeTakeFirst();
  const questions = parseQuestions(a.questions);
  const submitted = a.submitted_at !== null;
  const chosen = new Map((a.answers ? (JSON.parse(a.answers) as ChosenAnswer[]) : []).map((c) => [c.questionId, c.chosen]));
  const scored = submitted
    ? scoreAttempt(
        questions,
        [...chosen].map(([questionId, c]) => ({ questionId, chosen: c })),
        check.pass_mark,
      )
    : null;
  return {
    id: a.id,
    spotCheckId: a.spot_check_id,
    spotCheckNumber: check.number,
    title: check.title,
    siteId: a.site_id,
    userId: a.user_id,
    userName: user?.name ?? '',
    passMark: check.pass_mark,
    dueAt: check.due_at,
    questions: questions.map(
      (q): AttemptQuestionDto =>
        scored
          ? {
              id: q.id,
              kind: q.kind,
              text: q.text,
              options: q.options,
              answer: q.answer,
              explanation: q.explanation,
              chosen: chosen.get(q.id) ?? [],
              correct: scored.correct.get(q.id) ?? false,
            }
          : { id: q.id, kind: q.kind, text: q.text, options: q.options },
    ),
    startedAt: a.started_at,
    submittedAt: a.submitted_at,
    score: submitted && a.score !== null ? Number(a.score) : null,
    correctCount: scored ? scored.correctCount : null,
    passed: submitted && a.passed !== null ? a.passed === 1 : null,
  };
}

function closedMessage(check: SpotCheckListRow, what: string): string {
  const due = formatZoned(new Date(check.due_at), check.site_timezone);
  return check.status === 'closed' && Date.parse(check.due_at) > Date.parse(check.closed_at ?? check.due_at)
    ? `抽查已提前结束，不能再${what}`
    : `抽查已于 ${due} 截止，不能再${what}`;
}

/**
 * The participant starts their attempt, or resumes it. A person not named by the check
 * is refused (403 when they can read the check, 404 otherwise); after the due time (or
 * once closed) no attempt is started.
 */
export async function startAttempt(ctx: Ctx, spotCheckId: string): Promise<{ attempt: QuizAttemptDto; created: boolean }> {
  const check = await findSpotCheck(ctx.db, ctx.actor.orgId, spotCheckId);
  const me = ctx.actor.userId;
  if (!check || !me) throw notFound('知识抽查');
  const named = await ctx.db
    .selectFrom('spot_check_participants')
    .select('id')
    .where('spot_check_id', '=', spotCheckId)
    .where('user_id', '=', me)
    .executeTakeFirst();
  if (!named) {
    if (inScopeRead(ctx, check.site_id)) throw forbidden('您不在本次抽查的人员名单中');
    throw notFound('知识抽查');
  }
  if (!mayAttend(ctx, check.site_id)) throw forbidden('您无权在该场所参加知识抽查');
  const existing = await attemptOf(ctx.db, spotCheckId, me);
  if (existing) return { attempt: await toDto(ctx, existing, check), created: false };
  const now = ctx.clock.now();
  if (spotCheckStatus(check, now.getTime()) === 'closed')
    throw new AppError('CONFLICT', closedMessage(check, '开始答题'), { status: 'closed' });
  const bank = await findBank(ctx.db, ctx.actor.orgId, check.bank_id);
  const pool = bank ? parseQuestions(bank.questions) : [];
  const id = newId();
  const drawn: StoredQuestion[] = drawQuestions(id, pool.length, check.question_count).map((i) => pool[i] as StoredQuestion);
  if (!drawn.length) throw new AppError('CONFLICT', '题库中没有题目，请联系培训负责人');
  const at = now.toISOString();
  const created = await ctx.db.transaction().execute(async (tx) => {
    const row = {
      id,
      org_id: ctx.actor.orgId,
      spot_check_id: spotCheckId,
      site_id: check.site_id,
      user_id: me,
      questions: JSON.stringify(drawn),
      started_at: at,
      submitted_at: null,
      answers: null,
      score: null,
      passed: null,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    // a second tap at the same moment: one attempt wins, the other resumes it
    const res = await tx
      .insertInto('quiz_attempts')
      .values(row)
      .onConflict((oc) => oc.columns(['spot_check_id', 'user_id']).doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    await writeAudit(ctx, tx, {
      entity: 'quiz_attempt',
      entityId: id,
      siteId: check.site_id,
      action: 'start',
      after: { spot_check_id: spotCheckId, user_id: me, started_at: at, question_ids: drawn.map((q) => q.id) },
    });
    return true;
  });
  const stored = (await attemptOf(ctx.db, spotCheckId, me)) as AttemptRow;
  return { attempt: await toDto(ctx, stored, check), created };
}

/** The taker, or someone who manages training on the check's site; 404 for everyone else. */
async function readableAttempt(ctx: Ctx, id: string): Promise<{ attempt: AttemptRow; check: SpotCheckListRow }> {
  const attempt = await findAttempt(ctx.db, ctx.actor.orgId, id);
  const check = attempt ? await findSpotCheck(ctx.db, ctx.actor.orgId, attempt.spot_check_id) : undefined;
  if (!attempt || !check) throw notFound('答卷');
  const mine = ctx.actor.userId !== null && attempt.user_id === ctx.actor.userId;
  if (!mine && !mayManage(ctx, check.site_id)) throw notFound('答卷');
  return { attempt, check };
}

export async function getAttempt(ctx: Ctx, id: string): Promise<QuizAttemptDto> {
  const { attempt, check } = await readableAttempt(ctx, id);
  return toDto(ctx, attempt, check);
}

/**
 * Submits the taker's answers: every question answered (the unanswered ones listed),
 * scored with equal weights (a multiple choice counts only when exactly right), passed at
 * or above the pass mark. Only before the check closes; only once.
 */
export async function submitAttempt(ctx: Ctx, id: string, input: QuizSubmitInput): Promise<QuizAttemptDto> {
  const { attempt, check } = await readableAttempt(ctx, id);
  if (attempt.user_id !== ctx.actor.userId) throw forbidden('只有答题人本人可以提交答卷');
  if (attempt.submitted_at) throw new AppError('CONFLICT', '答卷已提交，不能重复提交', { submittedAt: attempt.submitted_at });
  const now = ctx.clock.now();
  if (spotCheckStatus(check, now.getTime()) === 'closed')
    throw new AppError('CONFLICT', closedMessage(check, '提交答卷'), { status: 'closed' });
  const questions = parseQuestions(attempt.questions);
  const check400 = new FieldCheck();
  answerProblems(questions, input.answers, (field, message) => check400.add(field, message));
  check400.throwIfAny();
  // stored in the attempt's question order, each choice list sorted
  const byId = new Map(input.answers.map((a) => [a.questionId, [...a.chosen].sort((x, y) => x - y)]));
  const answers: ChosenAnswer[] = questions.map((q) => ({ questionId: q.id, chosen: byId.get(q.id) ?? [] }));
  const scored = scoreAttempt(questions, answers, check.pass_mark);
  const at = now.toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    const res = await tx
      .updateTable('quiz_attempts')
      .set((eb) => ({
        submitted_at: at,
        answers: JSON.stringify(answers),
        score: scored.score,
        passed: scored.passed ? 1 : 0,
        updated_at: at,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('submitted_at', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new AppError('CONFLICT', '答卷已提交，不能重复提交');
    await writeAudit(ctx, tx, {
      entity: 'quiz_attempt',
      entityId: id,
      siteId: attempt.site_id,
      action: 'submit',
      before: { submitted_at: null },
      after: { submitted_at: at, answers, score: scored.score, passed: scored.passed },
    });
  });
  return getAttempt(ctx, id);
}
