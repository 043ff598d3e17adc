import { type SqlBool, sql } from 'kysely';
import type { DeviationCorrectInput, DeviationDto, DeviationStatus } from '../../../../contracts/readings.js';
import type { Page } from '../../../../contracts/types.js';
import { siteScope, systemActor } from '../../platform/access/actor.js';
import { assertCan, assertReadable } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { AppError, notFound, validation } from '../../platform/http/errors.js';
import { keysetPage, type PageQuery } from '../../platform/http/paging.js';
import type { JobDeps } from '../../platform/jobs/scheduler.js';
import { formatZoned } from '../../platform/numbering/time.js';
import { usersWithPermission } from '../identity/index.js';
import { bandText } from './band.js';
import { checkRange } from './readings.service.js';

/**
 * Deviations (偏差): an out-of-band reading opens one; a corrective note (纠偏措施) puts it
 * up for its re-check; the point's next reading is the re-check — in band closes it,
 * out of band sends it back for a new note (record.ts). A job tells the site's reading
 * managers once when a re-check is overdue.
 */

type DeviationRow = Row<'reading_deviations'>;
type ListRow = DeviationRow & {
  point_code: string;
  point_name: string;
  unit: string;
  target: number | null;
  tolerance: number | null;
  min: number | null;
  max: number | null;
  site_name: string;
  value: number;
  corrected_by_name: string | null;
  recheck_value: number | null;
};

const n = (v: number | null) => (v === null ? null : Number(v));

function toDto(r: ListRow, now: string): DeviationDto {
  const recheckDueAt = new Date(r.recheck_due_at).toISOString();
  return {
    id: r.id,
    number: r.number,
    pointId: r.point_id,
    pointCode: r.point_code,
    pointName: r.point_name,
    siteId: r.site_id,
    siteName: r.site_name,
    readingId: r.reading_id,
    value: Number(r.value),
    unit: r.unit,
    bandText: bandText({ target: n(r.target), tolerance: n(r.tolerance), min: n(r.min), max: n(r.max) }, r.unit),
    openedAt: new Date(r.opened_at).toISOString(),
    recheckDueAt,
    status: r.status,
    correctiveNote: r.corrective_note,
    correctedBy: r.corrected_by,
    correctedByName: r.corrected_by_name,
    recheckReadingId: r.recheck_reading_id,
    recheckValue: n(r.recheck_value),
    closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
    failedRechecks: Number(r.failed_rechecks),
    overdue: r.status !== 'corrected' && recheckDueAt < now,
    updatedAt: r.updated_at,
    version: Number(r.version),
  };
}

function deviationsQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('reading_deviations as d')
    .innerJoin('reading_points as p', 'p.id', 'd.point_id')
    .innerJoin('sites as s', 's.id', 'd.site_id')
    .innerJoin('readings as r', 'r.id', 'd.reading_id')
    .leftJoin('users as u', 'u.id', 'd.corrected_by')
    .leftJoin('readings as rc', 'rc.id', 'd.recheck_reading_id')
    .selectAll('d')
    .select([
      'p.code as point_code',
      'p.name as point_name',
      'p.unit',
      'p.target',
      'p.tolerance',
      'p.min',
      'p.max',
      's.name as site_name',
      'r.value',
      'u.name as corrected_by_name',
      'rc.value as recheck_value',
    ])
    .where('d.org_id', '=', orgId);
}

async function readableDeviation(ctx: Ctx, id: string): Promise<ListRow> {
  const row = (await deviationsQuery(ctx.db, ctx.actor.orgId).where('d.id', '=', id).executeTakeFirst()) as ListRow | undefined;
  if (!row) throw notFound('偏差');
  assertReadable(ctx, 'readings:read', row.site_id, '偏差');
  return row;
}

export async function getDeviation(ctx: Ctx, id: string): Promise<DeviationDto> {
  return toDto(await readableDeviation(ctx, id), ctx.clock.now().toISOString());
}

export interface DeviationFilter extends PageQuery {
  /** the deviation's number, or the point's code or name, contains it */
  q?: string;
  siteId?: string[];
  pointId?: string;
  status?: DeviationStatus;
  overdue?: boolean;
  from?: string;
  to?: string;
}

export async function searchDeviations(ctx: Ctx, f: DeviationFilter): Promise<Page<DeviationDto>> {
  const scope = siteScope(ctx.actor, 'readings:read');
  const now = ctx.clock.now().toISOString();
  const { from, to } = checkRange(f.from, f.to);
  let q = deviationsQuery(ctx.db, ctx.actor.orgId);
  if (scope !== 'all') q = scope.length ? q.where('d.site_id', 'in', scope) : q.where(sql<SqlBool>`1 = 0`);
  if (f.siteId?.length) q = q.where('d.site_id', 'in', f.siteId);
  if (f.pointId) q = q.where('d.point_id', '=', f.pointId);
  if (f.status) q = q.where('d.status', '=', f.status);
  if (f.q) q = q.where(matchesAny(ctx.db, ['d.number', 'p.code', 'p.name'], f.q));
  if (f.overdue === true) q = q.where('d.status', '!=', 'corrected').where('d.recheck_due_at', '<', now);
  if (f.overdue === false) q = q.where((eb) => eb.or([eb('d.status', '=', 'corrected'), eb('d.recheck_due_at', '>=', now)]));
  if (from) q = q.where('d.opened_at', '>=', from);
  if (to) q = q.where('d.opened_at', '<', to);
  const page = await keysetPage<ListRow>(
    q,
    { columns: { openedAt: 'd.opened_at', number: 'd.number', id: 'd.id' }, default: '-openedAt', id: 'd.id' },
    f,
    (row, key) => (key === 'openedAt' ? new Date(row.opened_at).toISOString() : key === 'number' ? row.number : row.id),
  );
  return { items: page.items.map((r) => toDto(r, now)), nextCursor: page.nextCursor };
}

/** POST /reading-deviations/:id/correct: the corrective note; the deviation now waits for its re-check reading. */
export async function correctDeviation(ctx: Ctx, id: string, input: DeviationCorrectInput): Promise<DeviationDto> {
  const before = await readableDeviation(ctx, id);
  assertCan(ctx, 'readings:record', before.site_id);
  const note = input.note.trim();
  if (!note) throw validation([{ field: 'note', message: '请填写纠偏措施' }]);
  if (before.status !== 'open') {
    throw new AppError('ILLEGAL_TRANSITION', before.status === 'corrected' ? '该偏差已关闭' : '该偏差已填写纠偏措施，正在等待复测读数');
  }
  if (Number(before.version) !== input.version) throw new AppError('STALE_VERSION', '该记录已被他人修改，请刷新后重试');
  const at = ctx.clock.now().toISOString();
  const patch = { status: 'awaiting_recheck' as const, corrective_note: note, corrected_by: ctx.actor.userId, corrected_at: at };
  await ctx.db.transaction().execute(async (tx) => {
    const res = await tx
      .updateTable('reading_deviations')
      .set({ ...patch, updated_at: at, version: input.version + 1 })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('STALE_VERSION', '该记录已被他人修改，请刷新后重试');
    await writeAudit(ctx, tx, {
      entity: 'reading_deviation',
      entityId: id,
      siteId: before.site_id,
      action: 'correct',
      before: { status: before.status, corrective_note: before.corrective_note },
      after: patch,
    });
  });
  return getDeviation(ctx, id);
}

const BATCH = 200;

/**
 * Re-checks not closed by their time: each is claimed (overdue_notified_at set where it
 * was null) in the transaction that notifies, so the notice goes out once even with two
 * processes; a failed re-check clears the mark, as its new time starts.
 */
export async function notifyOverdueRechecks(deps: JobDeps): Promise<number> {
  const { db, clock } = deps;
  const at = clock.now().toISOString();
  let told = 0;
  for (;;) {
    const batch = await db
      .selectFrom('reading_deviations as d')
      .innerJoin('reading_points as p', 'p.id', 'd.point_id')
      .innerJoin('sites as s', 's.id', 'd.site_id')
      .select([
        'd.id',
        'd.org_id',
        'd.site_id',
        'd.point_id',
        'd.number',
        'd.recheck_due_at',
        'd.status',
        'd.corrected_by',
        'p.name',
        'p.code',
        's.timezone',
      ])
      .where('d.status', '!=', 'corrected')
      .where('d.recheck_due_at', '<=', at)
      .where('d.overdue_notified_at', 'is', null)
      .orderBy('d.recheck_due_at')
      .limit(BATCH)
      .execute();
    let won = 0;
    for (const d of batch) {
      const claimed = await db.transaction().execute(async (tx) => {
        const res = await tx
          .updateTable('reading_deviations')
          .set({ overdue_notified_at: at })
          .where('id', '=', d.id)
          .where('overdue_notified_at', 'is', null)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) return false;
        await writeAudit({ actor: systemActor(d.org_id), requestId: null, clock }, tx, {
          entity: 'reading_deviation',
          entityId: d.id,
          siteId: d.site_id,
          action: 'recheck_overdue',
          after: { overdue_notified_at: at },
        });
        const ids = new Set((await usersWithPermission(tx, d.org_id, 'readings:manage', d.site_id)).map((u) => u.id));
        if (d.corrected_by) ids.add(d.corrected_by);
        if (ids.size) {
          await deps.notifier.send(tx, {
            orgId: d.org_id,
            userIds: [...ids],
            kind: 'reading_recheck_overdue',
            title: `偏差复测超时：${d.number}`,
            body: `读数点 ${d.code} ${d.name} 的偏差 ${d.number} 应在 ${formatZoned(new Date(d.recheck_due_at), d.timezone)} 前${
              d.status === 'open' ? '填写纠偏措施并' : ''
            }复测合格，至今未关闭。`,
            link: `/readings/deviations?pointId=${d.point_id}`,
          });
        }
        return true;
      });
      if (claimed) won++;
    }
    told += won;
    if (batch.length < BATCH || won === 0) break;
  }
  return told;
}

export const overdueRechecksJob = { name: 'readings.rechecks-overdue', run: notifyOverdueRechecks };
