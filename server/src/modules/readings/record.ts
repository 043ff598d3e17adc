import type { ReadingSource } from '../../../../contracts/readings.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import type { Row } from '../../platform/db/schema.js';
import { validation } from '../../platform/http/errors.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import { formatZoned } from '../../platform/numbering/time.js';
import { completeOccurrence } from '../../platform/occurrences/engine.js';
import { bandOf, fmtNumber, inBand } from './band.js';
import { POINT_OWNER, type PointRow } from './points.repository.js';
import { DEVIATION_NUMBERING } from './seed.defaults.js';

/**
 * Recording one reading, the same for the phone, the bulk form, the import and devices:
 * the meter check and its consumption, the band, the deviation it opens or re-checks, the
 * occurrence whose window it falls in, and the point's latest value — all in the caller's
 * transaction, so a batch is taken whole or not at all.
 */

export type ReadingRow = Row<'readings'>;
const MINUTE = 60_000;

export interface NewReading {
  pointId: string;
  value: number;
  readAt: Date;
  note: string | null;
  source: ReadingSource;
  /** the field a refusal names: `value`, `lines.3.value`, `3.value` */
  field: string;
}

const bool = (v: boolean | null) => (v === null ? null : v ? (1 as const) : (0 as const));

export async function recordIn(ctx: Ctx, tx: Tx, r: NewReading): Promise<ReadingRow> {
  const point = (await tx.selectFrom('reading_points').selectAll().where('id', '=', r.pointId).executeTakeFirstOrThrow()) as PointRow;
  const now = ctx.clock.now();
  const at = now.toISOString();
  const readAt = r.readAt.toISOString();
  const site = await tx.selectFrom('sites').select('timezone').where('id', '=', point.site_id).executeTakeFirstOrThrow();
  let consumption: number | null = null;
  if (point.kind === 'cumulative' && point.last_read_at !== null && point.last_value !== null) {
    const last = Number(point.last_value);
    // consumption is the difference to the previous reading: a meter is read forwards only
    if (Date.parse(readAt) <= Date.parse(point.last_read_at)) {
      throw validation([
        { field: r.field, message: `读数时间须晚于上次读数时间（${formatZoned(new Date(point.last_read_at), site.timezone)}）` },
      ]);
    }
    if (r.value < last) throw validation([{ field: r.field, message: `读数小于上次读数（${fmtNumber(last)} ${point.unit}）` }]);
    consumption = r.value - last;
  }
  const band = bandOf({ target: num(point.target), tolerance: num(point.tolerance), min: num(point.min), max: num(point.max) });
  const ok = inBand(r.value, band);
  const row: ReadingRow = {
    id: newId(),
    org_id: point.org_id,
    site_id: point.site_id,
    point_id: point.id,
    value: r.value,
    read_at: readAt,
    read_by: ctx.actor.userId,
    source: r.source,
    in_band: bool(ok),
    consumption,
    occurrence_id: null,
    deviation_id: null,
    is_recheck: 0,
    note: r.note,
    created_at: at,
  };

  const occ = await tx
    .selectFrom('occurrences')
    .select(['id', 'schedule_id', 'status'])
    .where('owner_type', '=', POINT_OWNER)
    .where('owner_id', '=', point.id)
    .where('due_at', '<=', readAt)
    .where('window_end_at', '>', readAt)
    .where('status', 'in', ['open', 'missed'])
    .orderBy('due_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  // a reading dated inside the window counts for it even when entered after the sweep (done late: it keeps missed_at)
  if (occ && (await completeOccurrence(tx, occ, { at: r.readAt, by: ctx.actor.userId, late: true }))) {
    row.occurrence_id = occ.id;
    await writeAudit(ctx, tx, {
      entity: 'occurrence',
      entityId: occ.id,
      siteId: point.site_id,
      action: 'complete',
      before: { status: occ.status },
      after: { status: 'done', done_at: readAt, reading_id: row.id },
    });
  }

  const unclosed = await tx
    .selectFrom('reading_deviations')
    .selectAll()
    .where('point_id', '=', point.id)
    .where('status', '!=', 'corrected')
    .orderBy('opened_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  let opened: Row<'reading_deviations'> | null = null;
  if (unclosed?.status === 'awaiting_recheck' && readAt > new Date(unclosed.opened_at).toISOString() && ok !== null) {
    row.is_recheck = 1;
    row.deviation_id = unclosed.id;
  } else if (ok === false && !unclosed) {
    opened = {
      id: newId(),
      org_id: point.org_id,
      site_id: point.site_id,
      point_id: point.id,
      number: await nextNumber(tx, { orgId: point.org_id, ruleCode: DEVIATION_NUMBERING.code, siteId: point.site_id, at: r.readAt }),
      reading_id: row.id,
      status: 'open',
      opened_at: readAt,
      recheck_due_at: new Date(r.readAt.getTime() + point.recheck_minutes * MINUTE).toISOString(),
      corrective_note: null,
      corrected_by: null,
      corrected_at: null,
      recheck_reading_id: null,
      closed_at: null,
      failed_rechecks: 0,
      overdue_notified_at: null,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    row.deviation_id = opened.id;
  }

  await tx.insertInto('readings').values(row).execute();
  await writeAudit(ctx, tx, { entity: 'reading', entityId: row.id, siteId: row.site_id, action: 'create', after: row });
  if (opened) {
    await tx.insertInto('reading_deviations').values(opened).execute();
    await writeAudit(ctx, tx, {
      entity: 'reading_deviation',
      entityId: opened.id,
      siteId: opened.site_id,
      action: 'create',
      after: opened,
    });
  }
  if (row.is_recheck === 1 && unclosed) {
    const passed = ok === true;
    const patch = passed
      ? { status: 'corrected' as const, recheck_reading_id: row.id, closed_at: at }
      : {
          // back to open: a new corrective note is needed, and a new re-check within the set time
          status: 'open' as const,
          failed_rechecks: Number(unclosed.failed_rechecks) + 1,
          recheck_due_at: new Date(r.readAt.getTime() + point.recheck_minutes * MINUTE).toISOString(),
          overdue_notified_at: null,
        };
    await tx
      .updateTable('reading_deviations')
      .set({ ...patch, updated_at: at, version: Number(unclosed.version) + 1 })
      .where('id', '=', unclosed.id)
      .execute();
    await writeAudit(ctx, tx, {
      entity: 'reading_deviation',
      entityId: unclosed.id,
      siteId: unclosed.site_id,
      action: passed ? 'recheck_passed' : 'recheck_failed',
      before: { status: unclosed.status, failed_rechecks: unclosed.failed_rechecks, recheck_due_at: unclosed.recheck_due_at },
      after: { ...patch, recheck_value: r.value },
    });
  }

  if (point.last_read_at === null || readAt >= new Date(point.last_read_at).toISOString()) {
    // the latest value shown in lists: bookkeeping that never bumps the point's version
    await tx
      .updateTable('reading_points')
      .set({ last_value: r.value, last_read_at: readAt, last_in_band: row.in_band })
      .where('id', '=', point.id)
      .execute();
  }
  return row;
}

const num = (v: number | null) => (v === null ? null : Number(v));
