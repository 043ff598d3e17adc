import { assertCan } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { DICTIONARY_TYPE_INFO, DICTIONARY_TYPES } from './dictionaries.catalog.js';
import {
  countByType,
  type DictionaryFilter,
  type DictionaryRow,
  entriesOfType,
  findDictionary,
  listDictionaries,
} from './dictionaries.repository.js';

export interface DictionaryInput {
  type: string;
  code: string;
  labelZh: string;
  labelEn: string;
  sort?: number;
}

export interface DictionaryPatch {
  type?: string;
  code?: string;
  labelZh?: string;
  labelEn?: string;
  sort?: number;
}

export function toDictionaryDto(r: DictionaryRow) {
  return {
    id: r.id,
    type: r.type,
    code: r.code,
    labelZh: r.label_zh,
    labelEn: r.label_en,
    sort: r.sort,
    active: r.active === 1,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function searchDictionaries(ctx: Ctx, filter: DictionaryFilter) {
  return listDictionaries(ctx.db, ctx.actor.orgId, filter);
}

export async function getDictionary(ctx: Ctx, id: string): Promise<DictionaryRow> {
  const row = await findDictionary(ctx.db, ctx.actor.orgId, id);
  if (!row) throw notFound('字典项');
  return row;
}

/** The known types (catalog order) plus any type an organisation added, with entry counts. */
export async function dictionaryTypes(ctx: Ctx) {
  const counts = new Map((await countByType(ctx.db, ctx.actor.orgId)).map((c) => [c.type, c]));
  const known = DICTIONARY_TYPES.map((t) => ({
    type: t.type,
    nameZh: t.nameZh,
    nameEn: t.nameEn,
    builtin: true,
    total: counts.get(t.type)?.total ?? 0,
    active: counts.get(t.type)?.active ?? 0,
  }));
  const custom = [...counts.values()]
    .filter((c) => !DICTIONARY_TYPE_INFO.has(c.type))
    .sort((a, b) => a.type.localeCompare(b.type))
    .map((c) => ({ type: c.type, nameZh: c.type, nameEn: c.type, builtin: false, total: c.total, active: c.active }));
  return [...known, ...custom];
}

export async function createDictionary(ctx: Ctx, input: DictionaryInput): Promise<DictionaryRow> {
  // dictionaries are organisation-wide: changing them needs the permission on every site
  assertCan(ctx, 'dictionaries:manage', null);
  checkLabels(input);
  const now = ctx.clock.now().toISOString();
  const row: DictionaryRow = {
    id: newId(),
    org_id: ctx.actor.orgId,
    type: input.type,
    code: input.code,
    label_zh: input.labelZh.trim(),
    label_en: input.labelEn.trim(),
    sort: input.sort ?? (await nextSort(ctx.db, ctx.actor.orgId, input.type)),
    active: 1,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('dictionaries').values(row).execute();
    await writeAudit(ctx, tx, { entity: 'dictionary', entityId: row.id, action: 'create', after: row });
  });
  return row;
}

export async function updateDictionary(ctx: Ctx, id: string, version: number, input: DictionaryPatch): Promise<DictionaryRow> {
  const before = await getDictionary(ctx, id);
  assertCan(ctx, 'dictionaries:manage', null);
  const check = new FieldCheck();
  // records store the code, so renaming it would orphan them; the type likewise
  if (input.code !== undefined && input.code !== before.code) check.add('code', '编码创建后不可修改');
  if (input.type !== undefined && input.type !== before.type) check.add('type', '类型创建后不可修改');
  checkLabels(input, check);
  const patch = {
    ...(input.labelZh !== undefined && { label_zh: input.labelZh.trim() }),
    ...(input.labelEn !== undefined && { label_en: input.labelEn.trim() }),
    ...(input.sort !== undefined && { sort: input.sort }),
  };
  return save(ctx, before, version, patch, 'update');
}

export async function setDictionaryActive(ctx: Ctx, id: string, version: number, active: boolean): Promise<DictionaryRow> {
  const before = await getDictionary(ctx, id);
  assertCan(ctx, 'dictionaries:manage', null);
  return save(ctx, before, version, { active: active ? 1 : 0 }, active ? 'activate' : 'deactivate');
}

async function save(ctx: Ctx, before: DictionaryRow, version: number, patch: Partial<DictionaryRow>, action: string) {
  const now = ctx.clock.now().toISOString();
  const after = { ...before, ...patch, version: version + 1, updated_at: now };
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'dictionaries', before.id, version, patch, now);
    await writeAudit(ctx, tx, { entity: 'dictionary', entityId: before.id, action, before, after });
  });
  return after;
}

function checkLabels(input: { labelZh?: string; labelEn?: string }, check = new FieldCheck()): void {
  // the schema enforces length; a label of spaces only passes it but shows nothing
  if (input.labelZh !== undefined && !input.labelZh.trim()) check.add('labelZh', '不能为空');
  if (input.labelEn !== undefined && !input.labelEn.trim()) check.add('labelEn', '不能为空');
  check.throwIfAny();
}

async function nextSort(db: Db, orgId: string, type: string): Promise<number> {
  const rows = await entriesOfType(db, orgId, type);
  return rows.reduce((max, r) => Math.max(max, r.sort), 0) + 10;
}

/** One dictionary entry as other modules see it. */
export interface DictionaryLabel {
  code: string;
  zh: string;
  en: string;
  active: boolean;
  sort: number;
}

/**
 * For other modules: every entry of a type keyed by code, in display order. Inactive
 * entries are included so old records still show their label; check `active` before
 * accepting a code for a new record.
 */
export async function dictionaryLabels(db: Db, orgId: string, type: string): Promise<Map<string, DictionaryLabel>> {
  const rows = await entriesOfType(db, orgId, type);
  return new Map(rows.map((r) => [r.code, { code: r.code, zh: r.label_zh, en: r.label_en, active: r.active === 1, sort: r.sort }]));
}

/**
 * For other modules' validation of several fields at once (one query): which of these
 * `type:code` pairs are active entries.
 */
export async function activeDictionaryPairs(db: Db, orgId: string, pairs: { type: string; code: string }[]): Promise<Set<string>> {
  if (!pairs.length) return new Set();
  const rows = await db
    .selectFrom('dictionaries')
    .select(['type', 'code'])
    .where('org_id', '=', orgId)
    .where('active', '=', 1)
    .where((eb) => eb.or(pairs.map((p) => eb.and([eb('type', '=', p.type), eb('code', '=', p.code)]))))
    .execute();
  return new Set(rows.map((r) => `${r.type}:${r.code}`));
}

/** For other modules' validation: whether `code` is an active entry of `type`. */
export async function isActiveDictionaryCode(db: Db, orgId: string, type: string, code: string): Promise<boolean> {
  const entry = (await dictionaryLabels(db, orgId, type)).get(code);
  return entry?.active === true;
}
