import type { MaintenanceOccurrenceDto, MaintenanceOccurrenceStatus, PlanSystem } from '../../../../contracts/maintenance.js';
import type { Page } from '../../../../contracts/types.js';
import { siteScope } from '../../platform/access/actor.js';
import { assertCan, assertReadable } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { AppError, notFound, staleVersion } from '../../platform/http/errors.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { skipOccurrence } from '../../platform/occurrences/engine.js';
import { PLAN_OWNER } from './schedule.js';

export const OCCURRENCE_STATUS_LABELS: Record<MaintenanceOccurrenceStatus, string> = {
  open: '待完成',
  done: '已完成',
  missed: '已逾期',
  skipped: '已跳过',
  cancelled: '已取消',
};

/**
 * The filters of GET /maintenance/occurrences; the list page and the measures' links use
 * exactly these names. `from`/`to` bound the due time ([from, to)); `onTime` 1 = done
 * within the window, 0 = done late or missed; `overdue` = not done (open or missed) and
 * due before now.
 */
export interface OccurrenceFilter extends PageQuery {
  siteId?: string | string[];
  planId?: string;
  /** the occurrence a maintenance work order was raised for */
  workOrderId?: string;
  status?: MaintenanceOccurrenceStatus;
  from?: string;
  to?: string;
  system?: PlanSystem;
  onTime?: boolean;
  overdue?: boolean;
}

type OccurrenceListRow = {
  id: string;
  owner_id: string;
  site_id: string;
  due_at: string;
  window_end_at: string;
  status: string;
  item_type: string | null;
  item_id: string | null;
  done_at: string | null;
  missed_at: string | null;
  plan_name: string;
  site_name: string;
  work_order_number: string | null;
  work_order_status: string | null;
  version: number;
};

const SORT: SortSpec = { columns: { dueAt: 'o.due_at', id: 'o.id' }, default: '-dueAt', id: 'o.id' };

function baseQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('occurrences as o')
    .innerJoin('maintenance_plans as p', 'p.id', 'o.owner_id')
    .innerJoin('sites as s', 's.id', 'o.site_id')
    .leftJoin('work_orders as w', (j) => j.onRef('w.id', '=', 'o.item_id').on('o.item_type', '=', 'work_order'))
    .select([
      'o.id',
      'o.owner_id',
      'o.site_id',
      'o.due_at',
      'o.window_end_at',
      'o.status',
      'o.item_type',
      'o.item_id',
      'o.done_at',
      'o.missed_at',
      'p.name as plan_name',
      's.name as site_name',
      'w.number as work_order_number',
      'w.status as work_order_status',
      'o.version',
    ])
    .where('o.org_id', '=', orgId)
    .where('o.owner_type', '=', PLAN_OWNER);
}

/** Done within the window and never marked missed. */
export function onTimeOf(o: Pick<OccurrenceListRow, 'status' | 'done_at' | 'window_end_at' | 'missed_at'>): boolean | null {
  if (o.status === 'done') return o.missed_at === null && o.done_at !== null && Date.parse(o.done_at) <= Date.parse(o.window_end_at);
  return o.status === 'missed' ? false : null;
}

function toDto(r: OccurrenceListRow): MaintenanceOccurrenceDto {
  return {
    id: r.id,
    planId: r.owner_id,
    planName: r.plan_name,
    siteId: r.site_id,
    siteName: r.site_name,
    dueAt: r.due_at,
    windowEndAt: r.window_end_at,
    status: r.status as MaintenanceOccurrenceStatus,
    workOrderId: r.item_type === 'work_order' ? r.item_id : null,
    workOrderNumber: r.work_order_number,
    workOrderStatus: r.work_order_status,
    doneAt: r.done_at,
    missedAt: r.missed_at,
    onTime: onTimeOf(r),
    version: Number(r.version),
  };
}

/** `YYYY-…` instants from the query: a value that is no instant is named in Chinese. */
function instant(check: FieldCheck, field: string, v: string | undefined): string | undefined {
  if (v === undefined || v === '') return undefined;
  const ms = Date.parse(v);
  // four-digit years only: PostgreSQL cannot compare a timestamptz with '+010000-…'
  if (Number.isNaN(ms) || ms < Date.UTC(1970, 0, 1) || ms >= Date.UTC(10000, 0, 1)) {
    check.add(field, '时间格式不正确（ISO 8601，如 2026-03-01T00:00:00Z）');
    return undefined;
  }
  return new Date(ms).toISOString();
}

export async function searchOccurrences(ctx: Ctx, f: OccurrenceFilter): Promise<Page<MaintenanceOccurrenceDto>> {
  const check = new FieldCheck();
  const from = instant(check, 'from', f.from);
  const to = instant(check, 'to', f.to);
  check.throwIfAny();
  const scope = siteScope(ctx.actor, 'maintenance:read');
  let q = baseQuery(ctx.db, ctx.actor.orgId);
  if (scope !== 'all') q = scope.length ? q.where('o.site_id', 'in', scope) : q.where('o.id', '=', '');
  if (typeof f.siteId === 'string') q = q.where('o.site_id', '=', f.siteId);
  else if (f.siteId?.length) q = q.where('o.site_id', 'in', f.siteId);
  if (f.planId) q = q.where('o.owner_id', '=', f.planId);
  if (f.workOrderId) q = q.where('o.item_type', '=', 'work_order').where('o.item_id', '=', f.workOrderId);
  if (f.status) q = q.where('o.status', '=', f.status);
  if (from) q = q.where('o.due_at', '>=', from);
  if (to) q = q.where('o.due_at', '<', to);
  if (f.system) q = q.where('p.system', '=', f.system);
  if (f.onTime === true) {
    q = q.where('o.status', '=', 'done').where('o.missed_at', 'is', null).whereRef('o.done_at', '<=', 'o.window_end_at');
  } else if (f.onTime === false) {
    q = q.where((eb) =>
      eb.or([
        eb('o.status', '=', 'missed'),
        eb.and([eb('o.status', '=', 'done'), eb.or([eb('o.missed_at', 'is not', null), eb('o.done_at', '>', eb.ref('o.window_end_at'))])]),
      ]),
    );
  }
  if (f.overdue) q = q.where('o.status', 'in', ['open', 'missed']).where('o.due_at', '<', ctx.clock.now().toISOString());
  const page = await keysetPage<OccurrenceListRow>(q, SORT, f, (row, key) => (key === 'dueAt' ? row.due_at : row.id));
  return { items: page.items.map(toDto), nextCursor: page.nextCursor };
}

/**
 * Skips an open occurrence with a reason (equipment out of service, store closed): it
 * leaves the compliance denominators instead of becoming missed. A stale version, or an
 * occurrence no longer open, answers 409.
 */
export async function skipPlanOccurrence(
  ctx: Ctx,
  id: string,
  input: { reason: string; version: number },
): Promise<MaintenanceOccurrenceDto> {
  const row = await ctx.db
    .selectFrom('occurrences')
    .selectAll()
    .where('org_id', '=', ctx.actor.orgId)
    .where('owner_type', '=', PLAN_OWNER)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('保养任务');
  assertReadable(ctx, 'maintenance:read', row.site_id, '保养任务');
  assertCan(ctx, 'maintenance:manage', row.site_id);
  const reason = input.reason.trim();
  if (!reason) new FieldCheck().add('reason', '请填写跳过原因').throwIfAny();
  if (Number(row.version) !== input.version) throw staleVersion();
  if (row.status !== 'open') throw new AppError('ILLEGAL_TRANSITION', '只有待完成的保养任务可以跳过');
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await skipOccurrence(tx, id, reason, ctx.clock.now()))) throw staleVersion();
    await writeAudit(ctx, tx, {
      entity: 'occurrence',
      entityId: id,
      siteId: row.site_id,
      action: 'skip',
      before: { status: row.status },
      after: { status: 'skipped', skip_reason: reason },
    });
  });
  const page = await baseQuery(ctx.db, ctx.actor.orgId).where('o.id', '=', id).executeTakeFirstOrThrow();
  return toDto(page);
}
