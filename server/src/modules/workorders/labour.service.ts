import type { LabourDto, LabourKind, LabourListDto } from '../../../../contracts/workorders.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import type { Row } from '../../platform/db/schema.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { mayWorkOn, readableOrder, writableOrder } from './labour.access.js';
import { findOverlap, resolveTimes, summarize } from './labour.calc.js';
import type { WorkOrderRow } from './repository.js';
import { standardMinutesOf } from './standards.service.js';

/**
 * Labour entries (工时) of a work order, one per technician and span of time. Deleting
 * keeps the row (deleted_at) so the audit trail and the figures stay explainable.
 */
type LabourRow = Row<'work_order_labour'>;

export interface LabourInput {
  userId?: string;
  kind: LabourKind;
  startedAt?: string | null;
  endedAt?: string | null;
  minutes?: number | null;
  note?: string | null;
}

export type LabourList = LabourListDto;

function liveEntries(db: Db | Tx, workOrderId: string) {
  return (
    db
      .selectFrom('work_order_labour as e')
      .innerJoin('users as u', 'u.id', 'e.user_id')
      .selectAll('e')
      .select('u.name as user_name')
      .where('e.work_order_id', '=', workOrderId)
      .where('e.deleted_at', 'is', null)
      // entry order: minutes-only entries have no start, and engines sort nulls differently
      .orderBy('e.created_at')
      .orderBy('e.id')
      .execute()
  );
}

function toDto(r: LabourRow & { user_name: string }): LabourDto {
  return {
    id: r.id,
    workOrderId: r.work_order_id,
    userId: r.user_id,
    userName: r.user_name,
    kind: r.kind,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    minutes: Number(r.minutes),
    note: r.note,
    version: Number(r.version),
  };
}

/** The entries and the totals for a work order (labour lines, the printed order). */
export async function labourOf(db: Db | Tx, row: WorkOrderRow): Promise<LabourList> {
  const [rows, standard] = await Promise.all([liveEntries(db, row.id), standardMinutesOf(db, row.org_id, row.category)]);
  const items = rows.map(toDto);
  return { items, summary: summarize(items, standard) };
}

export async function listLabour(ctx: Ctx, workOrderId: string): Promise<LabourList> {
  return labourOf(ctx.db, await readableOrder(ctx, workOrderId));
}

async function findEntry(ctx: Ctx, workOrderId: string, entryId: string): Promise<LabourRow> {
  const row = await ctx.db
    .selectFrom('work_order_labour')
    .selectAll()
    .where('org_id', '=', ctx.actor.orgId)
    .where('work_order_id', '=', workOrderId)
    .where('id', '=', entryId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw notFound('工时记录');
  return row;
}

/** Validates one entry as it will be stored; every problem is reported at once. */
async function checkEntry(ctx: Ctx, wo: WorkOrderRow, dispatcher: boolean, id: string, input: LabourInput) {
  const check = new FieldCheck();
  const userId = input.userId ?? (ctx.actor.userId as string);
  if (!dispatcher && userId !== ctx.actor.userId) throw forbidden('只能登记本人的工时');
  if (userId !== ctx.actor.userId) {
    const user = await ctx.db
      .selectFrom('users')
      .select('active')
      .where('org_id', '=', wo.org_id)
      .where('id', '=', userId)
      .executeTakeFirst();
    if (user?.active !== 1 || !(await mayWorkOn(ctx, wo, userId)))
      check.add('userId', '请选择该工单的维修人员（在职、在该场所有维修权限）');
  }
  const { times, errors } = resolveTimes(input, ctx.clock.now());
  for (const e of errors) check.add(e.field, e.message);
  if (times?.startedAt) {
    const others = await ctx.db
      .selectFrom('work_order_labour')
      .select(['id', 'started_at', 'ended_at'])
      .where('work_order_id', '=', wo.id)
      .where('user_id', '=', userId)
      .where('deleted_at', 'is', null)
      .execute();
    const clash = findOverlap(
      { id, startedAt: times.startedAt, endedAt: times.endedAt },
      others.map((o) => ({ id: o.id, startedAt: o.started_at, endedAt: o.ended_at })),
    );
    if (clash) check.add('startedAt', '与该人员在本工单的另一条工时时间重叠');
  }
  if (input.note && input.note.length > 500) check.add('note', '备注不能超过 500 字');
  check.throwIfAny();
  return { userId, times: times as NonNullable<typeof times> };
}

async function entryDto(ctx: Ctx, id: string): Promise<LabourDto> {
  const row = await ctx.db
    .selectFrom('work_order_labour as e')
    .innerJoin('users as u', 'u.id', 'e.user_id')
    .selectAll('e')
    .select('u.name as user_name')
    .where('e.id', '=', id)
    .executeTakeFirstOrThrow();
  return toDto(row);
}

export async function addLabour(ctx: Ctx, workOrderId: string, input: LabourInput): Promise<LabourDto> {
  const { row: wo, dispatcher } = await writableOrder(ctx, workOrderId, 'labour');
  const id = newId();
  const { userId, times } = await checkEntry(ctx, wo, dispatcher, id, input);
  const now = ctx.clock.now().toISOString();
  const entry: LabourRow = {
    id,
    org_id: wo.org_id,
    work_order_id: wo.id,
    user_id: userId,
    kind: input.kind,
    started_at: times.startedAt,
    ended_at: times.endedAt,
    minutes: times.minutes,
    note: input.note?.trim() || null,
    deleted_at: null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('work_order_labour').values(entry).execute();
    await writeAudit(ctx, tx, { entity: 'work_order_labour', entityId: id, siteId: wo.site_id, action: 'create', after: entry });
  });
  return entryDto(ctx, id);
}

/** Technicians change only their own entries; dispatchers anyone's. */
function assertOwnEntry(ctx: Ctx, dispatcher: boolean, entry: LabourRow): void {
  if (!dispatcher && entry.user_id !== ctx.actor.userId) throw forbidden('只能修改本人的工时');
}

export async function updateLabour(
  ctx: Ctx,
  workOrderId: string,
  entryId: string,
  version: number,
  input: Partial<LabourInput>,
): Promise<LabourDto> {
  const { row: wo, dispatcher } = await writableOrder(ctx, workOrderId, 'labour');
  const before = await findEntry(ctx, wo.id, entryId);
  assertOwnEntry(ctx, dispatcher, before);
  // a new start/end replaces minutes and vice versa; untouched fields keep their value
  const timesGiven = input.startedAt !== undefined || input.endedAt !== undefined || input.minutes !== undefined;
  const merged: LabourInput = {
    userId: input.userId ?? before.user_id,
    kind: input.kind ?? before.kind,
    note: input.note === undefined ? before.note : input.note,
    ...(timesGiven
      ? { startedAt: input.startedAt, endedAt: input.endedAt, minutes: input.minutes }
      : { startedAt: before.started_at, endedAt: before.ended_at, minutes: Number(before.minutes) }),
  };
  const { userId, times } = await checkEntry(ctx, wo, dispatcher, entryId, merged);
  const patch = {
    user_id: userId,
    kind: merged.kind,
    started_at: times.startedAt,
    ended_at: times.endedAt,
    minutes: times.minutes,
    note: merged.note?.trim() || null,
  };
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'work_order_labour', entryId, version, patch, now);
    await writeAudit(ctx, tx, {
      entity: 'work_order_labour',
      entityId: entryId,
      siteId: wo.site_id,
      action: 'update',
      before,
      after: { ...before, ...patch },
    });
  });
  return entryDto(ctx, entryId);
}

export async function deleteLabour(ctx: Ctx, workOrderId: string, entryId: string, version: number): Promise<{ ok: true }> {
  const { row: wo, dispatcher } = await writableOrder(ctx, workOrderId, 'labour');
  const before = await findEntry(ctx, wo.id, entryId);
  assertOwnEntry(ctx, dispatcher, before);
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'work_order_labour', entryId, version, { deleted_at: now }, now);
    await writeAudit(ctx, tx, { entity: 'work_order_labour', entityId: entryId, siteId: wo.site_id, action: 'delete', before });
  });
  return { ok: true };
}
