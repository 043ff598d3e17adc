/**
 * Training (培训), knowledge spot checks (知识抽查) and etiquette checks (仪容仪表/礼貌礼仪检查).
 *
 * A training session has a QR code; attendees sign in by scanning it with their own phone
 * (or the trainer signs them in by hand). A question bank holds a topic's questions; a spot
 * check draws a short quiz from a bank for the people it names, who take it on a phone and
 * are scored against the pass mark. An etiquette check is a checklist (the checklist engine,
 * subject `etiquette_check`) filled about one person, scored by the share of items passed.
 *
 * API (under /api/v1; docs/training.md):
 * - GET/POST /training/sessions (list: siteId, status, type, from/to on the start, q, format=xlsx),
 *   GET/PUT /training/sessions/:id, POST /training/sessions/:id/cancel {reason, version},
 *   POST /training/sessions/:id/done {version}, POST /training/sessions/:id/attendees {userIds, version},
 *   GET /training/sessions/:id/qr.svg | qr.png (training:manage), GET /training/checkin/:code (the session the
 *   code names, for the sign-in page), POST /training/checkin {code};
 *   materials: /attachments with ownerType `training_session`.
 * - GET/POST /training/banks, GET/PUT /training/banks/:id, POST /training/banks/:id/active {active, version},
 *   GET /training/banks/import/template, POST /training/banks/:id/import?dryRun=1|0&mode=all|valid (multipart file).
 * - GET/POST /training/spot-checks (list: siteId, status, topic, from/to on the creation, format=xlsx),
 *   GET /training/spot-checks/:id, POST /training/spot-checks/:id/close {version},
 *   POST /training/spot-checks/:id/attempt, GET /training/attempts/:id, POST /training/attempts/:id/submit.
 * - GET /training/my, GET /training/people/:userId.
 */
import type { ChecklistAnswer, ChecklistResultDto } from './checklists.js';

export const TRAINING_STATUSES = ['planned', 'done', 'cancelled'] as const;
export type TrainingStatus = (typeof TRAINING_STATUSES)[number];

export interface TrainingAttendeeDto {
  userId: string;
  name: string;
  /** on the invitation list (false: a walk-in, signed in without an invitation) */
  invited: boolean;
  /** null: invited and not (yet) signed in */
  signedInAt: string | null;
  method: 'qr' | 'manual' | null;
}

export interface TrainingSessionDto {
  id: string;
  /** PX-YYYYMMDD-01 */
  number: string;
  siteId: string;
  siteName: string;
  title: string;
  /** training_type dictionary code (入职安全, 消防, 岗位技能, 品牌业种位置, 礼仪, 应急) */
  type: string;
  /** a user, or a name written out for an outside trainer */
  trainerId: string | null;
  trainerName: string | null;
  startsAt: string;
  endsAt: string;
  locationId: string | null;
  locationPath: string | null;
  place: string | null;
  description: string | null;
  /** course materials: attachments of owner type `training_session` */
  materialIds: string[];
  /** invited people and everyone who signed in */
  attendees: TrainingAttendeeDto[];
  invitedCount: number;
  signedInCount: number;
  /** done once it has ended (by time) or was marked done; planned before */
  status: TrainingStatus;
  /** why it was cancelled (status cancelled) */
  cancelReason: string | null;
  /** the sign-in link's code, for the QR (only for those who manage training on the site) */
  checkinCode: string | null;
  /** the signed-in person may sign in now (invited or open session, within the sign-in window) */
  canSignIn: boolean;
  signedIn: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface TrainingSessionInput {
  siteId: string;
  title: string;
  type: string;
  trainerId?: string | null;
  trainerName?: string | null;
  startsAt: string;
  endsAt: string;
  locationId?: string | null;
  place?: string | null;
  description?: string | null;
  /** invited people (optional: anyone of the site may sign in) */
  inviteeIds?: string[];
}

/**
 * GET /training/checkin/:code: the session the QR names as the signed-in person sees it
 * (canSignIn, signedIn), for the sign-in page before the 签到 button; the same 404 as below.
 * POST /training/checkin {code}: the signed-in person signs in to the session the QR names
 * (`/training/checkin/<code>` in the web app). Allowed from 30 minutes before the start to
 * the end, for people with training:attend on the session's site.
 * POST /training/sessions/:id/attendees {userIds, version}: signed in by hand.
 */
export interface TrainingCheckinInput {
  code: string;
}

/** The answer to POST /training/checkin: the session, and whether this scan signed in or the person already had. */
export interface TrainingCheckinResultDto {
  session: TrainingSessionDto;
  /** true: signed in before (this scan changed nothing) */
  alreadySignedIn: boolean;
  signedInAt: string;
}

// ── question banks ───────────────────────────────────────────────────────────────

/** single choice, multiple choice, true/false (判断: options 对/错) */
export const QUESTION_KINDS = ['single', 'multiple', 'judge'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export interface QuestionDto {
  /** stable within the bank */
  id: string;
  kind: QuestionKind;
  text: string;
  options: string[];
  /** indexes into options */
  answer: number[];
  explanation: string | null;
}

export type QuestionInput = Omit<QuestionDto, 'id'> & { id?: string };

export interface QuestionBankDto {
  id: string;
  name: string;
  /** training_type dictionary code */
  topic: string;
  description: string | null;
  questions: QuestionDto[];
  questionCount: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface QuestionBankInput {
  name: string;
  topic: string;
  description?: string | null;
  questions: QuestionInput[];
}

// ── spot checks (知识抽查) ───────────────────────────────────────────────────────

export const SPOT_CHECK_STATUSES = ['open', 'closed'] as const;
export type SpotCheckStatus = (typeof SPOT_CHECK_STATUSES)[number];

export interface SpotCheckDto {
  id: string;
  /** CC-YYYYMMDD-01 */
  number: string;
  siteId: string;
  siteName: string;
  title: string;
  bankId: string;
  bankName: string;
  topic: string;
  /** questions drawn for each person */
  questionCount: number;
  /** score (0–100) needed to pass */
  passMark: number;
  /** take it by then; after it the check closes and those who did not take it count as not taken */
  dueAt: string;
  participants: SpotCheckParticipantDto[];
  participantCount: number;
  takenCount: number;
  passedCount: number;
  /** passed ÷ taken, percent; null when nobody took it */
  passRate: number | null;
  averageScore: number | null;
  status: SpotCheckStatus;
  createdBy: string;
  createdByName: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface SpotCheckParticipantDto {
  userId: string;
  name: string;
  attemptId: string | null;
  submittedAt: string | null;
  score: number | null;
  passed: boolean | null;
}

export interface SpotCheckInput {
  siteId: string;
  title: string;
  bankId: string;
  questionCount: number;
  passMark: number;
  dueAt: string;
  participantIds: string[];
}

/** a question as the taker sees it: no answer, no explanation until submitted */
export interface AttemptQuestionDto {
  id: string;
  kind: QuestionKind;
  text: string;
  options: string[];
  /** after submitting */
  answer?: number[];
  explanation?: string | null;
  chosen?: number[];
  correct?: boolean;
}

export interface QuizAttemptDto {
  id: string;
  spotCheckId: string;
  spotCheckNumber: string;
  title: string;
  siteId: string;
  userId: string;
  userName: string;
  passMark: number;
  dueAt: string;
  questions: AttemptQuestionDto[];
  startedAt: string;
  submittedAt: string | null;
  /** 0–100, rounded to one decimal; each question weighs the same, a multiple choice counts only when exactly right */
  score: number | null;
  /** questions answered exactly right, after submitting */
  correctCount: number | null;
  passed: boolean | null;
}

/**
 * POST /training/spot-checks/:id/attempt: the signed-in participant starts (or resumes)
 * their attempt; the questions are drawn once, seeded by the attempt, and kept.
 * POST /training/attempts/:id/submit: all questions answered, scored at once.
 */
export interface QuizSubmitInput {
  answers: { questionId: string; chosen: number[] }[];
}

// ── etiquette checks (仪容仪表 / 礼貌礼仪) ────────────────────────────────────────

export interface EtiquetteCheckDto {
  id: string;
  /** LY-YYYYMMDD-01 */
  number: string;
  siteId: string;
  siteName: string;
  /** the person checked: a user, or a name written out (a vendor counter's staff) */
  personId: string | null;
  personName: string;
  /** their department or counter, as text */
  personUnit: string | null;
  templateId: string;
  templateName: string;
  checklistResultId: string;
  /** passed items ÷ applicable items × 100, one decimal */
  score: number;
  failedItems: string[];
  note: string | null;
  checkedAt: string;
  checkedBy: string;
  checkedByName: string;
  createdAt: string;
}

/** POST /training/etiquette-checks: one form, the checklist answers submitted with it */
export interface EtiquetteCheckInput {
  siteId: string;
  personId?: string | null;
  personName?: string | null;
  personUnit?: string | null;
  templateId: string;
  answers: ChecklistAnswer[];
  note?: string | null;
}

/** GET /training/etiquette-checks/:id */
export interface EtiquetteCheckDetailDto extends EtiquetteCheckDto {
  result: ChecklistResultDto;
}

/**
 * GET /training/people/:userId: one person's record — sessions attended, spot-check
 * attempts with scores, etiquette checks (each person's history).
 */
export interface PersonTrainingRecordDto {
  userId: string;
  name: string;
  sessions: { id: string; number: string; title: string; type: string; startsAt: string; signedInAt: string | null }[];
  attempts: { id: string; spotCheckId: string; title: string; submittedAt: string | null; score: number | null; passed: boolean | null }[];
  etiquette: { id: string; number: string; templateName: string; checkedAt: string; score: number }[];
}

/** GET /training/my: what the signed-in person has to do — today's and upcoming sessions, open spot checks */
export interface MyTrainingDto {
  sessions: TrainingSessionDto[];
  spotChecks: {
    spotCheck: SpotCheckDto;
    attemptId: string | null;
    submittedAt: string | null;
    score: number | null;
    passed: boolean | null;
  }[];
}
