import type { Page } from '../../../../contracts/types.js';
import type { WorkStandardDto } from '../../../../contracts/workorders.js';
import { assertCan } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import type { Row } from '../../platform/db/schema.js';
import { duplicate, notFound } from '../../platform/http/errors.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { dictionaryLabels, isActiveDictionaryCode } from '../system/index.js';
import './schema.js';

/**
 * Standard hours (标准工时) per task type — one per repair category for the whole
 * organisation. Efficiency on a work order is standard ÷ effective minutes logged.
 * Changed with workorders:manage on every site (it is one standard for all stores).
 */
export type WorkStandardRow = Row<'work_standards'>;

export type { WorkStandardDto };

export interface WorkStandardInput {
  category: string;
  name: string;
  standardMinutes: number;
}

export interface WorkStandardFilter extends PageQuery {
  q?: string;
  category?: string;
  active?: boolean;
}

export const MAX_STANDARD_MINUTES = 10_080; // one week: anything longer is a project, not a repair

const SORT: SortSpec = {
  columns: { category: 'category', name: 'name', standardMinutes: 'standard_minutes', id: 'id' },
  default: 'category',
  id: 'id',
};

async function toDtos(db: Db, orgId: string, rows: WorkStandardRow[]): Promise<WorkStandardDto[]> {
  const labels = await dictionaryLabels(db, orgId, 'repair_category');
  return rows.map((r) => ({
    id: r.id,
    category: r.category,
    categoryName: labels.get(r.category)?.zh ?? r.category,
    name: r.name,
    standardMinutes: Number(r.standard_minutes),
    active: r.active === 1,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export async function searchWorkStandards(ctx: Ctx, f: WorkStandardFilter): Promise<Page<WorkStandardDto>> {
  let qb = ctx.db.selectFrom('work_standards').selectAll().where('org_id', '=', ctx.actor.orgId);
  if (f.category) qb = qb.where('category', '=', f.category);
  if (f.active !== undefined) qb = qb.where('active', '=', f.active ? 1 : 0);
  if (f.q) qb = qb.where(matchesAny(ctx.db, ['name', 'category'], f.q));
  const page = await keysetPage<WorkStandardRow>(qb, SORT, f, (r, key) =>
    key === 'name' ? r.name : key === 'standardMinutes' ? r.standard_minutes : key === 'id' ? r.id : r.category,
  );
  return { items: await toDtos(ctx.db, ctx.actor.orgId, page.items), nextCursor: page.nextCursor };
}

async function findStandard(ctx: Ctx, id: string): Promise<WorkStandardRow> {
  const row = await ctx.db
    .selectFrom('work_standards')
    .selectAll()
    .where('org_id', '=', ctx.actor.orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('标准工时');
  return row;
}

export async function getWorkStandard(ctx: Ctx, id: string): Promise<WorkStandardDto> {
  const [dto] = await toDtos(ctx.db, ctx.actor.orgId, [await findStandard(ctx, id)]);
  return dto as WorkStandardDto;
}

async function checkInput(ctx: Ctx, v: WorkStandardInput, selfId: string | null): Promise<void> {
  const check = new FieldCheck();
  if (!(await isActiveDictionaryCode(ctx.db, ctx.actor.orgId, 'repair_category', v.category)))
    check.add('category', '请选择有效的报修类别');
  if (!v.name.trim()) check.add('name', '请填写名称');
  if (!Number.isInteger(v.standardMinutes) || v.standardMinutes < 1 || v.standardMinutes > MAX_STANDARD_MINUTES) {
    check.add('standardMinutes', `标准工时须为 1–${MAX_STANDARD_MINUTES} 分钟的整数`);
  }
  check.throwIfAny();
  const other = await ctx.db
    .selectFrom('work_standards')
    .select('id')
    .where('org_id', '=', ctx.actor.orgId)
    .where('category', '=', v.category)
    .executeTakeFirst();
  if (other && other.id !== selfId) throw duplicate('category', '该报修类别已有标准工时');
}

export async function createWorkStandard(ctx: Ctx, input: WorkStandardInput): Promise<WorkStandardDto> {
  assertCan(ctx, 'workorders:manage', null);
  await checkInput(ctx, input, null);
  const now = ctx.clock.now().toISOString();
  const row: WorkStandardRow = {
    id: newId(),
    org_id: ctx.actor.orgId,
    category: input.category,
    name: input.name.trim(),
    standard_minutes: input.standardMinutes,
    active: 1,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('work_standards').values(row).execute();
    await writeAudit(ctx, tx, { entity: 'work_standard', entityId: row.id, action: 'create', after: row });
  });
  return getWorkStandard(ctx, row.id);
}

export async function updateWorkStandard(
  ctx: Ctx,
  id: string,
  version: number,
  input: Partial<WorkStandardInput>,
): Promise<WorkStandardDto> {
  assertCan(ctx, 'workorders:manage', null);
  const before = await findStandard(ctx, id);
  const v = {
    category: input.category ?? before.category,
    name: input.name ?? before.name,
    standardMinutes: input.standardMinutes ?? Number(before.standard_minutes),
  };
  await checkInput(ctx, v, id);
  const patch = { category: v.category, name: v.name.trim(), standard_minutes: v.standardMinutes };
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'work_standards', id, version, patch, now);
    await writeAudit(ctx, tx, { entity: 'work_standard', entityId: id, action: 'update', before, after: { ...before, ...patch } });
  });
  return getWorkStandard(ctx, id);
}

export async function setWorkStandardActive(ctx: Ctx, id: string, version: number, active: boolean): Promise<WorkStandardDto> {
  assertCan(ctx, 'workorders:manage', null);
  const before = await findStandard(ctx, id);
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'work_standards', id, version, { active: active ? 1 : 0 }, now);
    await writeAudit(ctx, tx, {
      entity: 'work_standard',
      entityId: id,
      action: active ? 'activate' : 'deactivate',
      before: { active: before.active },
      after: { active: active ? 1 : 0 },
    });
  });
  return getWorkStandard(ctx, id);
}

/** The active standard minutes of a category, for the labour summary and the printed order. */
export async function standardMinutesOf(db: Db | Tx, orgId: string, category: string): Promise<number | null> {
  const row = await db
    .selectFrom('work_standards')
    .select('standard_minutes')
    .where('org_id', '=', orgId)
    .where('category', '=', category)
    .where('active', '=', 1)
    .executeTakeFirst();
  return row ? Number(row.standard_minutes) : null;
}
