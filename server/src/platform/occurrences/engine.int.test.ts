import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Recurrence } from '../../../../contracts/occurrences.js';
import { ENGINE, freshDatabase, TestClock } from '../../../test/harness.js';
import { loadConfig } from '../../config.js';
import { ensureOrganization } from '../../modules/setup/bootstrap.js';
import type { Db } from '../context.js';
import { connect, connectSqlite, type DbHandle } from '../db/connect.js';
import { newId } from '../db/ids.js';
import { migrateToLatest } from '../db/migrate.js';
import type { JobDeps } from '../jobs/scheduler.js';
import { createNotifier } from '../notify/notifier.js';
import { zonedInstant } from '../numbering/time.js';
import {
  addOccurrence,
  completeOccurrence,
  createDueItems,
  generateDue,
  type OccurrenceRow,
  registerOccurrenceHandler,
  saveSchedule,
  skipOccurrence,
  sweepMissed,
} from './engine.js';

/**
 * The occurrence engine against a real database, with a second connection (a second
 * SQLite connection on the same file, or a second PostgreSQL pool) standing in for a
 * second server process: everything it does twice at the same moment happens once.
 */
describe(`occurrence engine (${ENGINE})`, () => {
  let first: DbHandle & { dataDir: string; url: string | null };
  let second: DbHandle;
  let db: Db;
  let orgId: string;
  let siteId: string;
  const clock = new TestClock(new Date('2026-03-15T02:00:00.000Z')); // 10:00 in Shanghai
  const missedCalls: string[] = [];
  const itemCalls: string[] = [];
  let deps: [JobDeps, JobDeps];

  const daily = (times: string[], r: Partial<Recurrence> = {}): Recurrence => ({
    freq: 'daily',
    interval: 1,
    times,
    startDate: '2026-03-01',
    anchor: 'calendar',
    ...r,
  });

  async function schedule(ownerType: string, recurrence: Recurrence, windowMinutes = 60, leadMinutes = 0) {
    return db
      .transaction()
      .execute((tx) =>
        saveSchedule(tx, { orgId, siteId, ownerType, ownerId: newId(), recurrence, windowMinutes, leadMinutes, active: true }, clock.now()),
      );
  }

  const occurrencesOf = (scheduleId: string) =>
    db.selectFrom('occurrences').selectAll().where('schedule_id', '=', scheduleId).orderBy('due_at').execute();

  beforeAll(async () => {
    first = await freshDatabase();
    db = first.db;
    await migrateToLatest(db);
    const config = loadConfig({ DATA_DIR: first.dataDir, HOUQIN_DEMO: '1' });
    await ensureOrganization(db, config, clock);
    second = first.url
      ? connect({ databaseUrl: first.url, dataDir: first.dataDir, poolSize: 5 })
      : connectSqlite(path.join(first.dataDir, 'houqin.db'));
    const site = await db.selectFrom('sites').select(['id', 'org_id']).where('code', '=', 'CC').executeTakeFirstOrThrow();
    siteId = site.id;
    orgId = site.org_id;
    const notifier = createNotifier([], () => clock.now());
    deps = [
      { db, clock, config, notifier },
      { db: second.db, clock, config, notifier },
    ];
    registerOccurrenceHandler({
      ownerType: 'test_plan',
      async onMissed(_tx, o) {
        missedCalls.push(o.id);
      },
      async createItem(tx, o: OccurrenceRow) {
        itemCalls.push(o.id);
        // a real owner creates its work item here, in the claiming transaction
        const count = await tx.selectFrom('occurrences').select('id').where('id', '=', o.id).execute();
        return { itemType: 'test_item', itemId: `item-${count[0]?.id}` };
      },
    });
  });

  beforeEach(() => clock.set('2026-03-15T02:00:00.000Z'));

  /**
   * Two processes at the same moment. PostgreSQL: both pools at once. SQLite: one after
   * the other — two connections in one thread cannot overlap write transactions (the
   * second would wait, synchronously, for a lock the first can only release when the
   * event loop runs); server/test/scaleout.int.test.ts races real processes on one file.
   */
  async function race<T>(a: () => Promise<T>, b: () => Promise<T>): Promise<[T, T]> {
    if (ENGINE === 'postgres') return Promise.all([a(), b()]);
    const x = await a();
    return [x, await b()];
  }

  afterAll(async () => {
    await second.close();
    await first.close();
    fs.rmSync(first.dataDir, { recursive: true, force: true });
  });

  it('generates ahead over the horizon in the site zone, from now on', async () => {
    const s = await schedule('test_plan', daily(['09:00', '15:00']));
    expect(await generateDue(db, clock.now(), 62)).toBeGreaterThanOrEqual(124);
    const rows = await occurrencesOf(s.id);
    // now is 10:00 on 15 March: 15:00 today, two a day from 16 March to 15 May, 09:00 on 16 May
    expect(rows).toHaveLength(1 + 61 * 2 + 1);
    expect(rows[0]?.due_at).toBe(zonedInstant('2026-03-15', '15:00', 'Asia/Shanghai').toISOString());
    expect(rows.at(-1)?.due_at).toBe(zonedInstant('2026-05-16', '09:00', 'Asia/Shanghai').toISOString());
    expect(rows.every((r) => r.status === 'open' && r.site_id === siteId)).toBe(true);
    expect(rows[0]?.window_end_at).toBe(new Date(Date.parse(rows[0]?.due_at as string) + 3_600_000).toISOString());
    // a second run adds nothing
    expect(await generateDue(db, clock.now(), 62)).toBe(0);
  });

  it('two processes generating at once create each occurrence once', async () => {
    const schedules = await Promise.all(
      Array.from({ length: 6 }, (_, i) => schedule('test_plan', daily(['08:00', '12:00', '16:00'], { interval: 1 + (i % 3) }))),
    );
    // the generator's bookkeeping is reset between rounds so that every round really races
    for (let round = 0; round < 3; round++) {
      await db
        .updateTable('schedules')
        .set({ generated_until: null })
        .where(
          'id',
          'in',
          schedules.map((s) => s.id),
        )
        .execute();
      await race(
        () => generateDue(deps[0].db, clock.now(), 30),
        () => generateDue(deps[1].db, clock.now(), 30),
      );
    }
    for (const s of schedules) {
      const rows = await occurrencesOf(s.id);
      expect(new Set(rows.map((r) => r.due_at)).size).toBe(rows.length);
      expect(rows.length).toBeGreaterThan(0);
    }
  });

  it('editing a schedule changes future occurrences only', async () => {
    const s = await schedule('test_plan', daily(['09:00', '15:00']), 120);
    await generateDue(db, clock.now(), 10);
    const before = await occurrencesOf(s.id);
    // one future occurrence already has its work item: it stays whatever the new rule says
    const started = before[3] as OccurrenceRow;
    await db.updateTable('occurrences').set({ item_type: 'test_item', item_id: 'kept' }).where('id', '=', started.id).execute();
    clock.advance(6 * 3_600_000); // 16:00: today's 15:00 is past, still in its window
    await db
      .transaction()
      .execute((tx) =>
        saveSchedule(
          tx,
          { orgId, siteId, ownerType: s.owner_type, ownerId: s.owner_id, recurrence: daily(['11:00']), windowMinutes: 120, active: true },
          clock.now(),
        ),
      );
    await generateDue(db, clock.now(), 10);
    const after = await occurrencesOf(s.id);
    const dues = after.map((r) => r.due_at);
    expect(dues).toContain(before[0]?.due_at); // today 15:00 (past) kept
    expect(dues).toContain(started.due_at); // started one kept
    const future = after.filter((r) => r.due_at > clock.now().toISOString() && r.id !== started.id);
    expect(future.length).toBeGreaterThan(5);
    expect(future.every((r) => r.due_at.endsWith('T03:00:00.000Z'))).toBe(true); // 11:00 Shanghai
  });

  it('an occurrence whose window passes undone becomes missed, told to its owner once even with two sweepers', async () => {
    const s = await schedule('test_plan', daily(['11:00']), 30);
    await generateDue(db, clock.now(), 5);
    const rows = await occurrencesOf(s.id);
    await db.transaction().execute((tx) => completeOccurrence(tx, rows[1] as OccurrenceRow, { at: clock.now(), by: null }));
    // three days later: 15, 16, 17 March have passed their windows; 16 March was done
    clock.set('2026-03-17T06:00:00.000Z');
    missedCalls.length = 0;
    const [a, b] = await race(
      () => sweepMissed(deps[0]),
      () => sweepMissed(deps[1]),
    );
    const mine = (await occurrencesOf(s.id)).filter((r) => r.status === 'missed').map((r) => r.id);
    expect(mine).toEqual([rows[0]?.id, rows[2]?.id]);
    expect(missedCalls.filter((id) => mine.includes(id)).sort()).toEqual([...mine].sort());
    expect(new Set(missedCalls).size).toBe(missedCalls.length);
    // every occurrence the two sweeps claimed was missed once (the demo's own plans may be among them)
    const missedNow = await db
      .selectFrom('occurrences')
      .select(['id', 'owner_type'])
      .where('missed_at', '=', clock.now().toISOString())
      .execute();
    expect(a + b).toBe(missedNow.length);
    expect(missedNow.filter((o) => o.owner_type === 'test_plan')).toHaveLength(missedCalls.length);
    const audit = await db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('entity', '=', 'occurrence')
      .where('action', '=', 'mark_missed')
      .execute();
    expect(audit.filter((r) => mine.includes(r.entity_id))).toHaveLength(2);
    // a missed occurrence cannot be completed any more
    expect(await db.transaction().execute((tx) => completeOccurrence(tx, rows[0] as OccurrenceRow, { at: clock.now(), by: null }))).toBe(
      false,
    );
  });

  it('a floating schedule gets its next occurrence from the last completion', async () => {
    const s = await schedule(
      'test_plan',
      { freq: 'monthly', interval: 3, times: ['10:00'], startDate: '2026-03-20', anchor: 'floating' },
      7 * 24 * 60,
    );
    await generateDue(db, clock.now());
    const [firstOcc] = await occurrencesOf(s.id);
    expect(firstOcc?.due_at).toBe(zonedInstant('2026-03-20', '10:00', 'Asia/Shanghai').toISOString());
    // generating again does not add a second open one
    await generateDue(db, clock.now());
    expect(await occurrencesOf(s.id)).toHaveLength(1);
    // done late, on 25 March local: the next falls on 25 June
    await db
      .transaction()
      .execute((tx) => completeOccurrence(tx, firstOcc as OccurrenceRow, { at: new Date('2026-03-25T09:00:00+08:00'), by: null }));
    const rows = await occurrencesOf(s.id);
    expect(rows.map((r) => r.status)).toEqual(['done', 'open']);
    expect(rows[1]?.due_at).toBe(zonedInstant('2026-06-25', '10:00', 'Asia/Shanghai').toISOString());
  });

  it('a floating schedule whose occurrence was missed counts the next one from the missed due time', async () => {
    const s = await schedule(
      'test_plan',
      { freq: 'monthly', interval: 1, times: ['10:00'], startDate: '2026-03-16', anchor: 'floating' },
      24 * 60,
    );
    await generateDue(db, clock.now());
    clock.set('2026-03-18T02:00:00.000Z'); // the 16 March window closed on 17 March
    await sweepMissed(deps[0]);
    await generateDue(db, clock.now());
    const rows = await occurrencesOf(s.id);
    expect(rows.map((r) => r.status)).toEqual(['missed', 'open']);
    expect(rows[1]?.due_at).toBe(zonedInstant('2026-04-16', '10:00', 'Asia/Shanghai').toISOString());
  });

  it('the owner creates each work item once, at the lead time, even with two processes', async () => {
    const s = await schedule('test_plan', daily(['09:00'], { startDate: '2026-03-16', endDate: '2026-03-18' }), 60, 24 * 60);
    await generateDue(db, clock.now());
    itemCalls.length = 0;
    // 10:00 on 15 March: only 16 March 09:00 is within its 24-hour lead
    await race(
      () => createDueItems(deps[0]),
      () => createDueItems(deps[1]),
    );
    const rows = await occurrencesOf(s.id);
    expect(rows.map((r) => r.item_id !== null)).toEqual([true, false, false]);
    expect(itemCalls.filter((id) => id === rows[0]?.id)).toHaveLength(1);
    expect(rows[0]?.item_type).toBe('test_item');
  });

  it('skips the site holidays when the rule says so', async () => {
    await db
      .insertInto('site_holidays')
      .values({ site_id: siteId, date: '2026-03-18', org_id: orgId, name: '盘点闭店', created_at: clock.now().toISOString() })
      .execute();
    const s = await schedule('test_plan', daily(['09:00'], { startDate: '2026-03-16', endDate: '2026-03-19', skipHolidays: true }));
    await generateDue(db, clock.now());
    const dues = (await occurrencesOf(s.id)).map((r) => r.due_at.slice(0, 10));
    expect(dues).toEqual(['2026-03-16', '2026-03-17', '2026-03-19']);
  });

  it('a missed occurrence can be done late when the owner allows it, and keeps the fact that it was missed', async () => {
    const s = await schedule('test_plan', daily(['09:00'], { startDate: '2026-03-16', endDate: '2026-03-17' }));
    await generateDue(db, clock.now());
    clock.set('2026-03-16T06:00:00.000Z'); // 14:00: the 09:00 window of an hour has passed
    await sweepMissed(deps[0]);
    const [first] = await occurrencesOf(s.id);
    expect(first?.status).toBe('missed');
    const done = await db
      .transaction()
      .execute((tx) => completeOccurrence(tx, first as OccurrenceRow, { at: clock.now(), by: null, late: true }));
    expect(done).toBe(true);
    const [after] = await occurrencesOf(s.id);
    expect(after?.status).toBe('done');
    expect(after?.missed_at).toBe(first?.missed_at);
    expect(after?.done_at && after.window_end_at && after.done_at > after.window_end_at).toBe(true);
  });

  it('a skipped occurrence is neither done nor missed', async () => {
    const s = await schedule('test_plan', daily(['09:00'], { startDate: '2026-03-16', endDate: '2026-03-16' }));
    await generateDue(db, clock.now());
    const [o] = await occurrencesOf(s.id);
    expect(await db.transaction().execute((tx) => skipOccurrence(tx, (o as OccurrenceRow).id, '设备停用', clock.now()))).toBe(true);
    // a second skip (or a skip of something no longer open) changes nothing
    expect(await db.transaction().execute((tx) => skipOccurrence(tx, (o as OccurrenceRow).id, '再次', clock.now()))).toBe(false);
    clock.set('2026-03-17T02:00:00.000Z');
    await sweepMissed(deps[0]);
    const [after] = await occurrencesOf(s.id);
    expect(after?.status).toBe('skipped');
    expect(after?.skip_reason).toBe('设备停用');
    expect(after?.missed_at).toBeNull();
  });

  it('an event-driven schedule generates nothing by itself and takes one occurrence per due instant', async () => {
    const ownerId = newId();
    await db
      .transaction()
      .execute((tx) =>
        saveSchedule(
          tx,
          { orgId, siteId, ownerType: 'test_meter', ownerId, recurrence: null, windowMinutes: 7 * 1440, active: true },
          clock.now(),
        ),
      );
    expect(await generateDue(db, clock.now())).toBe(0);
    const due = clock.now();
    const a = await db.transaction().execute((tx) => addOccurrence(tx, 'test_meter', ownerId, due, clock.now()));
    const b = await db.transaction().execute((tx) => addOccurrence(tx, 'test_meter', ownerId, due, clock.now()));
    expect(a?.status).toBe('open');
    expect(b).toBeNull();
    const rows = await db.selectFrom('occurrences').select(['due_at', 'window_end_at']).where('owner_id', '=', ownerId).execute();
    expect(rows).toHaveLength(1);
    expect(Date.parse(rows[0]?.window_end_at ?? '') - due.getTime()).toBe(7 * 86_400_000);
  });
});
