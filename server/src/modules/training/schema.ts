import type { Generated } from 'kysely';
import type { SpotCheckStatus, TrainingStatus } from '../../../../contracts/training.js';
import type { Bool, Timestamp } from '../../platform/db/schema.js';

/** Training tables (migration 0023_training). */
export interface TrainingSessionsTable {
  id: string;
  org_id: string;
  site_id: string;
  number: string;
  title: string;
  type: string;
  trainer_id: string | null;
  trainer_name: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  location_id: string | null;
  place: string | null;
  description: string | null;
  /** stored: planned, done (marked by hand) or cancelled */
  status: TrainingStatus;
  cancel_reason: string | null;
  checkin_code: string;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface TrainingAttendeesTable {
  id: string;
  org_id: string;
  session_id: string;
  user_id: string;
  invited: Bool;
  signed_in_at: Timestamp | null;
  method: 'qr' | 'manual' | null;
  signed_in_by: string | null;
  created_at: Timestamp;
}

export interface QuestionBanksTable {
  id: string;
  org_id: string;
  name: string;
  topic: string;
  description: string | null;
  /** JSON: StoredQuestion[] */
  questions: string;
  question_count: number;
  active: Bool;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface SpotChecksTable {
  id: string;
  org_id: string;
  site_id: string;
  number: string;
  title: string;
  bank_id: string;
  topic: string;
  question_count: number;
  pass_mark: number;
  due_at: Timestamp;
  /** stored: open or closed by hand; past due_at it reads closed */
  status: SpotCheckStatus;
  closed_at: Timestamp | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface SpotCheckParticipantsTable {
  id: string;
  org_id: string;
  spot_check_id: string;
  user_id: string;
  created_at: Timestamp;
}

export interface QuizAttemptsTable {
  id: string;
  org_id: string;
  spot_check_id: string;
  site_id: string;
  user_id: string;
  /** JSON: StoredQuestion[] as drawn, answers included */
  questions: string;
  started_at: Timestamp;
  submitted_at: Timestamp | null;
  /** JSON: { questionId, chosen }[] once submitted */
  answers: string | null;
  score: number | null;
  passed: Bool | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

declare module '../../platform/db/schema.js' {
  interface Database {
    training_sessions: TrainingSessionsTable;
    training_attendees: TrainingAttendeesTable;
    question_banks: QuestionBanksTable;
    spot_checks: SpotChecksTable;
    spot_check_participants: SpotCheckParticipantsTable;
    quiz_attempts: QuizAttemptsTable;
  }
}
