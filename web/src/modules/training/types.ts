/** The training API as the pages use it, declared once in contracts/training.ts. */

export type {
  AttemptQuestionDto as AttemptQuestion,
  MyTrainingDto as MyTraining,
  PersonTrainingRecordDto as PersonRecord,
  QuestionBankDto as Bank,
  QuestionBankInput as BankInput,
  QuestionDto as Question,
  QuestionInput,
  QuestionKind,
  QuizAttemptDto as Attempt,
  QuizSubmitInput,
  SpotCheckDto as SpotCheck,
  SpotCheckInput,
  SpotCheckParticipantDto as Participant,
  SpotCheckStatus,
  TrainingAttendeeDto as Attendee,
  TrainingCheckinResultDto as CheckinResult,
  TrainingSessionDto as Session,
  TrainingSessionInput as SessionInput,
  TrainingStatus,
} from '../../../../contracts/training';
export { QUESTION_KINDS, SPOT_CHECK_STATUSES, TRAINING_STATUSES } from '../../../../contracts/training';

/** the resources of GET/POST …, relative to /api/v1 */
export const SESSIONS = '/training/sessions';
export const BANKS = '/training/banks';
export const SPOT_CHECKS = '/training/spot-checks';
export const ATTEMPTS = '/training/attempts';
export const PEOPLE = '/training/people';
export const MY = '/training/my';
/** POST {code}: the signed-in person signs in to the session the code names */
export const CHECKIN = '/training/checkin';

/** the training_type dictionary: session types and bank topics */
export const TRAINING_TYPE = 'training_type';

/** attachment owner of a session's course materials */
export const OWNER_SESSION = 'training_session';
/** audit entities of the history panels */
export const SESSION_ENTITY = 'training_session';
export const BANK_ENTITY = 'question_bank';
export const SPOT_CHECK_ENTITY = 'spot_check';

/** web paths of the pages */
export const PATHS = {
  my: '/training/my',
  sessions: '/training/sessions',
  checkin: '/training/checkin',
  banks: '/training/banks',
  spotChecks: '/training/spot-checks',
  quiz: '/training/quiz',
  people: '/training/people',
  etiquette: '/etiquette',
} as const;
