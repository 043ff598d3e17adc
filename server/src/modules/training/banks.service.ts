import type { QuestionBankDto, QuestionBankInput, QuestionInput } from '../../../../contracts/training.js';
import type { Page } from '../../../../contracts/types.js';
import { hasPermission } from '../../platform/access/actor.js';
import { assertCan } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import type { Row } from '../../platform/db/schema.js';
import { duplicate, notFound, staleVersion } from '../../platform/http/errors.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { activeDictionaryPairs } from '../system/index.js';
import { text } from './common.js';
import { MAX_QUESTIONS, normaliseQuestion, questionProblems, type StoredQuestion } from './questions.js';
import './schema.js';

/**
 * Question banks (题库): organisation-wide, one topic each. Anyone who manages training
 * somewhere reads them (to draw spot checks); changing one needs training:manage on
 * every site, as for the other organisation-wide templates (checklists).
 */

export type BankRow = Row<'question_banks'>;

export function parseQuestions(json: string): StoredQuestion[] {
  return JSON.parse(json) as StoredQuestion[];
}

function toDto(r: BankRow): QuestionBankDto {
  const questions = parseQuestions(r.questions);
  return {
    id: r.id,
    name: r.name,
    topic: r.topic,
    description: r.description,
    questions,
    questionCount: questions.length,
    active: r.active === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
  };
}

export function findBank(db: Db | Tx, orgId: string, id: string): Promise<BankRow | undefined> {
  return db.selectFrom('question_banks').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** Readers of banks: training:manage on some site (the route's access); the bank must be the organisation's. */
export async function readableBank(ctx: Ctx, id: string): Promise<BankRow> {
  const row = await findBank(ctx.db, ctx.actor.orgId, id);
  if (!row || !hasPermission(ctx.actor, 'training:manage')) throw notFound('题库');
  return row;
}

export async function getBank(ctx: Ctx, id: string): Promise<QuestionBankDto> {
  return toDto(await readableBank(ctx, id));
}

export interface BankFilter extends PageQuery {
  topic?: string;
  active?: boolean;
  q?: string;
}

const SORT: SortSpec = { columns: { name: 'b.name', createdAt: 'b.created_at', id: 'b.id' }, default: 'name', id: 'b.id' };

export async function searchBanks(ctx: Ctx, f: BankFilter): Promise<Page<QuestionBankDto>> {
  let q = ctx.db.selectFrom('question_banks as b').selectAll('b').where('b.org_id', '=', ctx.actor.orgId);
  if (f.topic) q = q.where('b.topic', '=', f.topic);
  if (f.active !== undefined) q = q.where('b.active', '=', f.active ? 1 : 0);
  const term = f.q?.trim();
  if (term) q = q.where(matchesAny(ctx.db, ['b.name', 'b.description'], term));
  const page = await keysetPage<BankRow>(q, SORT, f, (row, key) =>
    key === 'name' ? row.name : key === 'createdAt' ? row.created_at : row.id,
  );
  return { items: page.items.map(toDto), nextCursor: page.nextCursor };
}

/**
 * Every problem of a bank as it would be stored: name, topic, and each question (its
 * number in the message). Questions keep their ids: an id sent must be one of the bank's.
 */
async function checkBank(
  ctx: Ctx,
  input: QuestionBankInput,
  existing: StoredQuestion[],
): Promise<{ name: string; topic: string; description: string | null; questions: StoredQuestion[] }> {
  const check = new FieldCheck();
  const name = text(input.name);
  if (!name) check.add('name', '请填写题库名称');
  const topics = await activeDictionaryPairs(ctx.db, ctx.actor.orgId, [{ type: 'training_type', code: input.topic }]);
  if (!topics.has(`training_type:${input.topic}`)) check.add('topic', '请选择有效的培训类型');
  if (input.questions.length > MAX_QUESTIONS) check.add('questions', `一个题库最多 ${MAX_QUESTIONS} 道题`);
  const known = new Set(existing.map((q) => q.id));
  const seen = new Set<string>();
  const questions = input.questions.map((q: QuestionInput, i) => {
    for (const p of questionProblems(q)) check.add(`questions.${i}.${p.field}`, `第 ${i + 1} 题：${p.message}`);
    let id = q.id ?? null;
    if (id !== null && (!known.has(id) || seen.has(id))) {
      check.add(`questions.${i}.id`, `第 ${i + 1} 题：题目编号不属于本题库或重复`);
      id = null;
    }
    if (id) seen.add(id);
    return normaliseQuestion(q, id ?? newId());
  });
  check.throwIfAny();
  return { name: name as string, topic: input.topic, description: text(input.description), questions };
}

async function assertNameFree(db: Db | Tx, orgId: string, name: string, exceptId?: string): Promise<void> {
  let q = db.selectFrom('question_banks').select('id').where('org_id', '=', orgId).where('name', '=', name);
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) throw duplicate('name', `题库“${name}”已存在`);
}

export async function createBank(ctx: Ctx, input: QuestionBankInput): Promise<QuestionBankDto> {
  assertCan(ctx, 'training:manage', null);
  const bank = await checkBank(ctx, input, []);
  await assertNameFree(ctx.db, ctx.actor.orgId, bank.name);
  const at = ctx.clock.now().toISOString();
  const id = newId();
  await ctx.db.transaction().execute(async (tx) => {
    const row = {
      id,
      org_id: ctx.actor.orgId,
      name: bank.name,
      topic: bank.topic,
      description: bank.description,
      questions: JSON.stringify(bank.questions),
      question_count: bank.questions.length,
      active: 1 as const,
      created_by: ctx.actor.userId,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await tx.insertInto('question_banks').values(row).execute();
    await writeAudit(ctx, tx, { entity: 'question_bank', entityId: id, action: 'create', after: { ...row, questions: bank.questions } });
  });
  return getBank(ctx, id);
}

async function bankToChange(ctx: Ctx, id: string, version: number): Promise<BankRow> {
  const row = await readableBank(ctx, id);
  assertCan(ctx, 'training:manage', null);
  if (Number(row.version) !== version) throw staleVersion();
  return row;
}

export async function updateBank(ctx: Ctx, id: string, input: QuestionBankInput & { version: number }): Promise<QuestionBankDto> {
  const before = await bankToChange(ctx, id, input.version);
  const old = parseQuestions(before.questions);
  const bank = await checkBank(ctx, input, old);
  await assertNameFree(ctx.db, ctx.actor.orgId, bank.name, id);
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    const patch = {
      name: bank.name,
      topic: bank.topic,
      description: bank.description,
      questions: JSON.stringify(bank.questions),
      question_count: bank.questions.length,
    };
    await updateVersioned(tx, 'question_banks', id, input.version, patch, at);
    await writeAudit(ctx, tx, {
      entity: 'question_bank',
      entityId: id,
      action: 'update',
      before: { name: before.name, topic: before.topic, description: before.description, questions: old },
      after: { ...patch, questions: bank.questions },
    });
  });
  return getBank(ctx, id);
}

export async function setBankActive(ctx: Ctx, id: string, version: number, active: boolean): Promise<QuestionBankDto> {
  const before = await bankToChange(ctx, id, version);
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'question_banks', id, version, { active: active ? 1 : 0 }, at);
    await writeAudit(ctx, tx, {
      entity: 'question_bank',
      entityId: id,
      action: active ? 'activate' : 'deactivate',
      before: { active: before.active },
      after: { active: active ? 1 : 0 },
    });
  });
  return getBank(ctx, id);
}

/** Adds imported questions at the end of the bank (the import engine's commit, in its transaction). */
export async function appendQuestions(ctx: Ctx, tx: Tx, bank: BankRow, added: StoredQuestion[]): Promise<void> {
  // re-read in the transaction: an edit since the dry run must not be lost
  const current = await tx.selectFrom('question_banks').selectAll().where('id', '=', bank.id).executeTakeFirstOrThrow();
  const questions = [...parseQuestions(current.questions), ...added];
  const at = ctx.clock.now().toISOString();
  await updateVersioned(
    tx,
    'question_banks',
    bank.id,
    Number(current.version),
    { questions: JSON.stringify(questions), question_count: questions.length },
    at,
  );
  await writeAudit(ctx, tx, {
    entity: 'question_bank',
    entityId: bank.id,
    action: 'import',
    before: { question_count: current.question_count },
    after: { question_count: questions.length, imported: added },
  });
}
