import type { Insertable, Selectable } from 'kysely';
import type { Recurrence } from '../../../../contracts/occurrences.js';
import { systemActor } from '../access/actor.js';
import { writeAudit } from '../audit/audit.js';
import type { Db, Tx } from '../context.js';
import { newId } from '../db/ids.js';
import type { JobDeps } from '../jobs/scheduler.js';
import { nextFloatingDue, occurrencesBetween } from './recurrence.js';
import type { OccurrencesTable, SchedulesTable } from './schema.js';

/**
 * The one occurrence engine: a schedule says when its owner (a maintenance plan, a
 * patrol plan, a reading point, a drill plan…) falls due; the engine keeps its
 * occurrences generated ahead, asks the owner's module to create the work item when the
 * lead time is reached, and records an occurrence whose window passes undone as missed
 * — a fact, with whatever the owner's module does about it (a notification, an escalation).
 *
 * Every step is safe from several processes at once: occurrences are unique on
 * (schedule, due time) and inserted with "on conflict do nothing"; lead and missed
 * steps claim each occurrence with a conditional update and act only when theirs changed it.
 */

export type ScheduleRow = Selectable<SchedulesTable>;
export type OccurrenceRow = Selectable<OccurrencesTable>;

export interface OccurrenceHandler {
  /** the owner's kind, as stored in schedules.owner_type */
  ownerType: string;
  /**
   * Creates the owner's work item for an occurrence whose lead time has come (a
   * maintenance work order…), inside the claiming transaction. Null: no item.
   */
  createItem?(tx: Tx, occurrence: OccurrenceRow, deps: JobDeps): Promise<{ itemType: string; itemId: string } | null>;
  /** told once, inside the claiming transaction, when an occurrence is marked missed */
  onMissed?(tx: Tx, occurrence: OccurrenceRow, deps: JobDeps): Promise<void>;
}

const handlers = new Map<string, OccurrenceHandler>();

/** Modules register their owner types when their routes are registered (like jobs). */
export function registerOccurrenceHandler(handler: OccurrenceHandler): void {
  handlers.set(handler.ownerType, handler);
}

/** How far ahead occurrences exist: calendars show them, the missed sweep needs them. */
export const DEFAULT_HORIZON_DAYS = 62;
const MINUTE = 60_000;
const DAY = 86_400_000;
const BATCH = 200;

export interface ScheduleInput {
  orgId: string;
  siteId: string;
  ownerType: string;
  ownerId: string;
  /** null: an event-driven schedule (a meter-based plan) whose occurrences are added by `addOccurrence` */
  recurrence: Recurrence | null;
  windowMinutes: number;
  leadMinutes?: number;
  active: boolean;
}

/**
 * Creates or replaces the schedule of an owner, in the caller's transaction. A change
 * reaches future occurrences only: open ones due from `now` on that have no work item
 * yet are dropped and generated again by the new rule; past, done, missed and started
 * ones stay as they are.
 */
export async function saveSchedule(tx: Tx, input: ScheduleInput, now: Date): Promise<ScheduleRow> {
  const at = now.toISOString();
  const existing = await tx
    .selectFrom('schedules')
    .selectAll()
    .where('owner_type', '=', input.ownerType)
    .where('owner_id', '=', input.ownerId)
    .executeTakeFirst();
  const values = {
    site_id: input.siteId,
    recurrence: JSON.stringify(input.recurrence),
    window_minutes: input.windowMinutes,
    lead_minutes: input.leadMinutes ?? 0,
    active: input.active ? (1 as const) : (0 as const),
    updated_at: at,
  };
  if (!existing) {
    const row = {
      id: newId(),
      org_id: input.orgId,
      owner_type: input.ownerType,
      owner_id: input.ownerId,
      generated_until: null,
      last_completed_at: null,
      created_at: at,
      ...values,
    };
    await tx.insertInto('schedules').values(row).execute();
    return { ...row, version: 1 };
  }
  await dropFutureOpen(tx, existing.id, at);
  await tx
    .updateTable('schedules')
    .set({ ...values, generated_until: null, version: existing.version + 1 })
    .where('id', '=', existing.id)
    .execute();
  return { ...existing, ...values, generated_until: null, version: existing.version + 1 };
}

async function dropFutureOpen(tx: Tx, scheduleId: string, at: string): Promise<void> {
  await tx
    .deleteFrom('occurrences')
    .where('schedule_id', '=', scheduleId)
    .where('status', '=', 'open')
    .where('item_id', 'is', null)
    .where('due_at', '>=', at)
    .execute();
}

/** Stops a schedule (its owner was deactivated): future open occurrences without a work item go. */
export async function deactivateSchedule(tx: Tx, ownerType: string, ownerId: string, now: Date): Promise<void> {
  const s = await tx
    .selectFrom('schedules')
    .select(['id', 'version'])
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
  if (!s) return;
  await dropFutureOpen(tx, s.id, now.toISOString());
  await tx
    .updateTable('schedules')
    .set({ active: 0, updated_at: now.toISOString(), version: s.version + 1 })
    .where('id', '=', s.id)
    .execute();
}

async function holidaysOf(db: Db | Tx, siteId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('site_holidays').select('date').where('site_id', '=', siteId).execute();
  return new Set(rows.map((r) => r.date));
}

function occurrenceRow(s: ScheduleRow, due: Date, at: string): Insertable<OccurrencesTable> {
  return {
    id: newId(),
    org_id: s.org_id,
    site_id: s.site_id,
    schedule_id: s.id,
    owner_type: s.owner_type,
    owner_id: s.owner_id,
    due_at: due.toISOString(),
    window_end_at: new Date(due.getTime() + s.window_minutes * MINUTE).toISOString(),
    lead_at: new Date(due.getTime() - s.lead_minutes * MINUTE).toISOString(),
    status: 'open',
    item_type: null,
    item_id: null,
    done_at: null,
    done_by: null,
    missed_at: null,
    skip_reason: null,
    created_at: at,
    updated_at: at,
  };
}

async function insertOccurrences(db: Db | Tx, rows: Insertable<OccurrencesTable>[]): Promise<number> {
  let inserted = 0;
  // 17 columns: 200 rows stay far below PostgreSQL's 65,535 parameters
  for (let i = 0; i < rows.length; i += BATCH) {
    const res = await db
      .insertInto('occurrences')
      .values(rows.slice(i, i + BATCH))
      .onConflict((oc) => oc.columns(['schedule_id', 'due_at']).doNothing())
      .executeTakeFirst();
    inserted += Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

/**
 * What a floating rule counts from: the last completion, or the due time of a later
 * occurrence that was missed or skipped — otherwise the next would fall on the missed
 * one's instant again (taken, so never inserted) and the schedule would stop for good.
 */
async function floatingBase(db: Db | Tx, s: ScheduleRow): Promise<Date | null> {
  const lastUndone = await db
    .selectFrom('occurrences')
    .select('due_at')
    .where('schedule_id', '=', s.id)
    .where('status', 'in', ['missed', 'skipped', 'cancelled'])
    .orderBy('due_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const candidates = [s.last_completed_at, lastUndone?.due_at].filter((v): v is string => !!v).map((v) => Date.parse(v));
  return candidates.length ? new Date(Math.max(...candidates)) : null;
}

/**
 * Generates one schedule's occurrences: a calendar rule's up to `now + horizon`, from where
 * it stopped (or from now), a floating rule's single next one when none is open.
 * Answers how many this call inserted (another process may have inserted the rest).
 */
export async function generateFor(db: Db | Tx, s: ScheduleRow, now: Date, horizonDays = DEFAULT_HORIZON_DAYS): Promise<number> {
  if (!s.active) return 0;
  const site = await db.selectFrom('sites').select('timezone').where('id', '=', s.site_id).executeTakeFirstOrThrow();
  const holidays = await holidaysOf(db, s.site_id);
  const rule = JSON.parse(s.recurrence) as Recurrence | null;
  if (!rule) return 0;
  const at = now.toISOString();
  const until = new Date(now.getTime() + horizonDays * DAY);
  let rows: Insertable<OccurrencesTable>[];
  if (rule.anchor === 'floating') {
    const open = await db
      .selectFrom('occurrences')
      .select('id')
      .where('schedule_id', '=', s.id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    const next = open ? null : nextFloatingDue(rule, await floatingBase(db, s), { timeZone: site.timezone, holidays });
    // a floating schedule always shows its one next occurrence, however far off
    rows = next ? [occurrenceRow(s, next, at)] : [];
  } else {
    // from where generation stopped; a new or edited schedule starts at now (the past is not invented)
    const from = s.generated_until ? new Date(s.generated_until) : now;
    if (from >= until) return 0;
    rows = occurrencesBetween(rule, { from, to: until, timeZone: site.timezone, holidays }).map((due) => occurrenceRow(s, due, at));
  }
  const inserted = await insertOccurrences(db, rows);
  if (rule.anchor !== 'floating') {
    await db
      .updateTable('schedules')
      .set({ generated_until: until.toISOString() })
      .where('id', '=', s.id)
      .where((eb) => eb.or([eb('generated_until', 'is', null), eb('generated_until', '<', until.toISOString())]))
      .execute();
  }
  return inserted;
}

/**
 * Adds one occurrence due at `dueAt` to an event-driven schedule (a meter reached its
 * interval), in the caller's transaction. Answers null when the schedule is inactive or an
 * occurrence is already due at that instant.
 */
export async function addOccurrence(tx: Tx, ownerType: string, ownerId: string, dueAt: Date, now: Date): Promise<OccurrenceRow | null> {
  const s = await tx
    .selectFrom('schedules')
    .selectAll()
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
  if (!s?.active) return null;
  const row = occurrenceRow(s, dueAt, now.toISOString());
  const inserted = await insertOccurrences(tx, [row]);
  return inserted === 1 ? ({ ...row, version: 1 } as OccurrenceRow) : null;
}

/** Generation for every active schedule whose occurrences do not reach the horizon yet. */
export async function generateDue(db: Db, now: Date, horizonDays = DEFAULT_HORIZON_DAYS): Promise<number> {
  // a day of slack: a schedule generated up to tomorrow + horizon - 1 day waits for the next run
  const threshold = new Date(now.getTime() + (horizonDays - 1) * DAY).toISOString();
  let inserted = 0;
  let after = '';
  for (;;) {
    const batch = await db
      .selectFrom('schedules')
      .selectAll()
      .where('active', '=', 1)
      .where((eb) => eb.or([eb('generated_until', 'is', null), eb('generated_until', '<', threshold)]))
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    for (const s of batch) inserted += await generateFor(db, s, now, horizonDays);
    if (batch.length < BATCH) break;
    after = batch[batch.length - 1]?.id ?? after;
  }
  return inserted;
}

/**
 * Marks done; a floating schedule counts its next occurrence from this completion and
 * gets it right away. Answers false when the occurrence was no longer open (someone else
 * finished, it was missed or cancelled), so the caller can answer 409. With `late`, a
 * missed occurrence may still be done (a maintenance order finished after its grace): it
 * keeps `missed_at`, so it counts as done late, never as on time.
 */
export async function completeOccurrence(
  tx: Tx,
  occurrence: Pick<OccurrenceRow, 'id' | 'schedule_id'>,
  done: { at: Date; by: string | null; late?: boolean },
): Promise<boolean> {
  const at = done.at.toISOString();
  const res = await tx
    .updateTable('occurrences')
    .set((eb) => ({ status: 'done', done_at: at, done_by: done.by, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', occurrence.id)
    .where('status', 'in', done.late ? ['open', 'missed'] : ['open'])
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  const s = await tx.selectFrom('schedules').selectAll().where('id', '=', occurrence.schedule_id).executeTakeFirstOrThrow();
  if ((JSON.parse(s.recurrence) as Recurrence | null)?.anchor === 'floating') {
    await tx.updateTable('schedules').set({ last_completed_at: at }).where('id', '=', s.id).execute();
    await generateFor(tx, { ...s, last_completed_at: at }, done.at);
  }
  return true;
}

/**
 * Skips an open occurrence with a reason (the equipment is out of service, the store is
 * closed): it leaves the measures' denominators instead of becoming missed. Answers false
 * when it was no longer open.
 */
export async function skipOccurrence(tx: Tx, occurrenceId: string, reason: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const res = await tx
    .updateTable('occurrences')
    .set((eb) => ({ status: 'skipped', skip_reason: reason, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', occurrenceId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

async function claimEach(
  db: Db,
  find: () => Promise<OccurrenceRow[]>,
  claim: (tx: Tx, o: OccurrenceRow) => Promise<boolean>,
): Promise<number> {
  let claimed = 0;
  for (;;) {
    const batch = await find();
    let won = 0;
    for (const o of batch) if (await db.transaction().execute((tx) => claim(tx, o))) won++;
    claimed += won;
    // a short batch was the last; a batch nobody could claim means other processes are on it
    if (batch.length < BATCH || won === 0) break;
  }
  return claimed;
}

/** Open occurrences whose window has passed become missed facts, each told to its owner's module once. */
export async function sweepMissed(deps: JobDeps): Promise<number> {
  const { db, clock } = deps;
  const at = clock.now().toISOString();
  return claimEach(
    db,
    () =>
      db
        .selectFrom('occurrences')
        .selectAll()
        .where('status', '=', 'open')
        .where('window_end_at', '<=', at)
        .orderBy('window_end_at')
        .limit(BATCH)
        .execute(),
    async (tx, o) => {
      const res = await tx
        .updateTable('occurrences')
        .set({ status: 'missed', missed_at: at, updated_at: at, version: o.version + 1 })
        .where('id', '=', o.id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return false;
      await writeAudit({ actor: systemActor(o.org_id), requestId: null, clock }, tx, {
        entity: 'occurrence',
        entityId: o.id,
        action: 'mark_missed',
        siteId: o.site_id,
        before: { status: 'open' },
        after: { status: 'missed', missed_at: at },
      });
      await handlers.get(o.owner_type)?.onMissed?.(tx, { ...o, status: 'missed', missed_at: at }, deps);
      return true;
    },
  );
}

/**
 * Open occurrences whose lead time has come and that have no work item yet get one from
 * their owner's module, in the transaction that claims the occurrence (item_type set), so
 * an item is created once; an owner that makes no item leaves item_type 'none'.
 */
export async function createDueItems(deps: JobDeps): Promise<number> {
  const { db, clock } = deps;
  const now = clock.now();
  const types = [...handlers.values()].filter((h) => h.createItem).map((h) => h.ownerType);
  if (!types.length) return 0;
  const at = now.toISOString();
  return claimEach(
    db,
    () =>
      db
        .selectFrom('occurrences')
        .selectAll()
        .where('status', '=', 'open')
        .where('item_type', 'is', null)
        .where('lead_at', '<=', at)
        .where('owner_type', 'in', types)
        .orderBy('lead_at')
        .limit(BATCH)
        .execute(),
    async (tx, o) => {
      const claimed = await tx
        .updateTable('occurrences')
        .set({ item_type: o.owner_type, updated_at: at, version: o.version + 1 })
        .where('id', '=', o.id)
        .where('item_type', 'is', null)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return false;
      const item = await handlers.get(o.owner_type)?.createItem?.(tx, o, deps);
      await tx
        .updateTable('occurrences')
        .set({ item_type: item?.itemType ?? 'none', item_id: item?.itemId ?? null })
        .where('id', '=', o.id)
        .execute();
      return true;
    },
  );
}

/** The scheduler job of the engine: generate ahead, create due items, record what was missed. */
export const occurrencesJob = {
  name: 'occurrences',
  async run(deps: JobDeps): Promise<{ generated: number; items: number; missed: number }> {
    const generated = await generateDue(deps.db, deps.clock.now());
    const items = await createDueItems(deps);
    const missed = await sweepMissed(deps);
    return { generated, items, missed };
  },
};
