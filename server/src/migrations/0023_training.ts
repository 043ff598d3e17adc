import { sql } from 'kysely';
import { active, type Db, isPg, notNull, recordTable, tsType } from './_helpers.js';

/**
 * Training sessions (培训) and their attendance (QR or manual sign-in), question banks
 * (题库), knowledge spot checks (知识抽查) with their participants and quiz attempts.
 * A bank's questions and an attempt's drawn questions are JSON: an attempt keeps its own
 * copy (answers included, never sent before submission), so editing a bank later never
 * changes a score.
 */
export async function up(db: Db): Promise<void> {
  const ts = tsType(db);
  const float = isPg(db) ? sql`double precision` : sql`real`;

  await recordTable(db, 'training_sessions', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('number', 'text', notNull)
      .addColumn('title', 'text', notNull)
      // training_type dictionary code
      .addColumn('type', 'text', notNull)
      .addColumn('trainer_id', 'text', (c) => c.references('users.id'))
      // an outside trainer's name written out (null when trainer_id names a user)
      .addColumn('trainer_name', 'text')
      .addColumn('starts_at', ts, (c) => c.notNull())
      .addColumn('ends_at', ts, (c) => c.notNull())
      .addColumn('location_id', 'text', (c) => c.references('locations.id'))
      .addColumn('place', 'text')
      .addColumn('description', 'text')
      // planned | done (marked) | cancelled; "done by time" is computed from ends_at
      .addColumn('status', 'text', notNull)
      .addColumn('cancel_reason', 'text')
      .addColumn('checkin_code', 'text', notNull)
      .addColumn('created_by', 'text', (c) => c.references('users.id'))
      // numbers run per site: two sites print the same number on the same day
      .addUniqueConstraint('training_sessions_number_uq', ['site_id', 'number'])
      .addUniqueConstraint('training_sessions_checkin_code_uq', ['checkin_code']),
  ).execute();
  // the list (site × start, newest first), its status and type filters, the summary facts and calendar by start
  await db.schema.createIndex('training_sessions_site_idx').on('training_sessions').columns(['site_id', 'starts_at', 'id']).execute();
  await db.schema.createIndex('training_sessions_status_idx').on('training_sessions').columns(['site_id', 'status', 'starts_at']).execute();
  await db.schema.createIndex('training_sessions_type_idx').on('training_sessions').columns(['site_id', 'type', 'starts_at']).execute();
  await db.schema.createIndex('training_sessions_org_idx').on('training_sessions').columns(['org_id', 'starts_at']).execute();
  await db.schema.createIndex('training_sessions_trainer_idx').on('training_sessions').columns(['trainer_id', 'starts_at']).execute();

  await db.schema
    .createTable('training_attendees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('training_sessions.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    // on the invitation list (a walk-in signed in to an open session is not)
    .addColumn('invited', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('signed_in_at', ts)
    .addColumn('method', 'text')
    .addColumn('signed_in_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('training_attendees_uq', ['session_id', 'user_id'])
    .execute();
  // a person's sessions (my training, the person's record)
  await db.schema.createIndex('training_attendees_user_idx').on('training_attendees').columns(['user_id', 'session_id']).execute();

  await recordTable(db, 'question_banks', (t) =>
    t
      .addColumn('name', 'text', notNull)
      // training_type dictionary code
      .addColumn('topic', 'text', notNull)
      .addColumn('description', 'text')
      // [{id, kind, text, options, answer, explanation}], ids stable within the bank
      .addColumn('questions', 'text', notNull)
      .addColumn('question_count', 'integer', notNull)
      .addColumn('active', 'integer', active)
      .addColumn('created_by', 'text', (c) => c.references('users.id'))
      .addUniqueConstraint('question_banks_name_uq', ['org_id', 'name']),
  ).execute();
  await db.schema.createIndex('question_banks_topic_idx').on('question_banks').columns(['org_id', 'active', 'topic']).execute();

  await recordTable(db, 'spot_checks', (t) =>
    t
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('number', 'text', notNull)
      .addColumn('title', 'text', notNull)
      .addColumn('bank_id', 'text', (c) => c.notNull().references('question_banks.id'))
      // the bank's topic when the check was made (filters and facts do not follow later bank edits)
      .addColumn('topic', 'text', notNull)
      .addColumn('question_count', 'integer', notNull)
      .addColumn('pass_mark', 'integer', notNull)
      .addColumn('due_at', ts, (c) => c.notNull())
      // open | closed (closed by hand); past due_at it reads closed without a job
      .addColumn('status', 'text', notNull)
      .addColumn('closed_at', ts)
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addUniqueConstraint('spot_checks_number_uq', ['site_id', 'number']),
  ).execute();
  // the list (site × created, newest first) with its status / topic / period filters, calendar by due, facts by creation
  await db.schema.createIndex('spot_checks_site_idx').on('spot_checks').columns(['site_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('spot_checks_status_idx').on('spot_checks').columns(['site_id', 'status', 'due_at']).execute();
  await db.schema.createIndex('spot_checks_topic_idx').on('spot_checks').columns(['site_id', 'topic', 'created_at']).execute();
  await db.schema.createIndex('spot_checks_due_idx').on('spot_checks').columns(['org_id', 'due_at']).execute();
  await db.schema.createIndex('spot_checks_bank_idx').on('spot_checks').columns(['bank_id']).execute();

  await db.schema
    .createTable('spot_check_participants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('spot_check_id', 'text', (c) => c.notNull().references('spot_checks.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('spot_check_participants_uq', ['spot_check_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('spot_check_participants_user_idx')
    .on('spot_check_participants')
    .columns(['user_id', 'spot_check_id'])
    .execute();

  await recordTable(db, 'quiz_attempts', (t) =>
    t
      .addColumn('spot_check_id', 'text', (c) => c.notNull().references('spot_checks.id'))
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      // the drawn questions with their answers, in the order shown
      .addColumn('questions', 'text', notNull)
      .addColumn('started_at', ts, (c) => c.notNull())
      .addColumn('submitted_at', ts)
      // [{questionId, chosen}] once submitted
      .addColumn('answers', 'text')
      .addColumn('score', float)
      .addColumn('passed', 'integer')
      .addUniqueConstraint('quiz_attempts_uq', ['spot_check_id', 'user_id']),
  ).execute();
  // a person's attempts; the facts by submission time per site
  await db.schema.createIndex('quiz_attempts_user_idx').on('quiz_attempts').columns(['user_id', 'started_at']).execute();
  await db.schema.createIndex('quiz_attempts_site_idx').on('quiz_attempts').columns(['site_id', 'submitted_at']).execute();
}
