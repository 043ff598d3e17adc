import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { type Config, loadConfig } from '../src/config.js';
import { ensureOrganization } from '../src/modules/setup/bootstrap.js';
import { registerActionOwner } from '../src/platform/actions/index.js';
import { actionOwnerHandler } from '../src/platform/actions/owners.js';
import type { Db } from '../src/platform/context.js';
import { connect, type DbHandle } from '../src/platform/db/connect.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { localStore } from '../src/platform/files/store.js';
import { createScheduler, type JobDeps, registeredJobs } from '../src/platform/jobs/scheduler.js';
import { channelAdapters } from '../src/platform/notify/channels.js';
import { createNotifier } from '../src/platform/notify/notifier.js';
import { zonedDate } from '../src/platform/numbering/time.js';
import { saveSchedule } from '../src/platform/occurrences/engine.js';
import { type Client, ENGINE, freshDatabase, login, TestClock } from './harness.js';

/**
 * Scale-out (issue 5 point 4): several server processes on one database do the
 * scheduler's work exactly once. Work is prepared through the API of an in-process app
 * (real policies, real deadlines, nothing due yet), then made due in waves — the
 * prepared deadlines moved back as if the clock had run on — while two real server
 * processes (`node --import tsx server/src/main.ts`, SCHEDULER_INTERVAL_SECONDS=1) tick
 * on the same database. Afterwards every unit of work must have been done once: one
 * event, one state change, one inbox row per person, one push to the robot webhook
 * (a sink on 127.0.0.1 that records every delivery).
 *
 * Each registered job has a case below (`JobCase`); a job without one fails the test,
 * so a new job (occurrence generation, issue 6) is covered by adding its case.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(ROOT, 'server/src/main.ts');
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
/** how long prepared work may take to be done once it is due (a bound against hanging, not a measure) */
const SETTLE_LIMIT_MS = 30_000;
/** after the last wave, both processes keep ticking this long, so a second run of any work would show */
const QUIET_MS = 3_500;

// ---------------------------------------------------------------------------- fixtures

/** The in-process app the work is prepared through, with signed-in demo users. */
interface Prepared {
  app: FastifyInstance;
  db: Db;
  clock: TestClock;
  cc: string;
  techId: string;
  users: Record<'admin' | 'head' | 'dispatcher' | 'tech' | 'requester', Client>;
}

interface WorkOrder {
  id: string;
  number: string;
  status: string;
  version: number;
}

/**
 * The work of one or more registered jobs. `prepare` creates it with nothing due;
 * `waves[i]` makes part of it due (wave by wave, each finished before the next);
 * `outstanding` counts what is due and not done; `verify` asserts each unit was done
 * exactly once and answers the robot messages that must have been pushed (each once).
 */
interface JobCase {
  jobs: string[];
  prepare(p: Prepared): Promise<void>;
  waves: ((db: Db) => Promise<void>)[];
  outstanding(db: Db, now: Date): Promise<number>;
  verify(db: Db): Promise<string[]>;
}

/** Runs `make(i)` for every i < n, a few at a time, as a busy morning's requests would come in. */
async function times<T>(n: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i += 8) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(8, n - i) }, (_, k) => make(i + k)))));
  }
  return out;
}

const robotKey = (title: string, link: string) => `${title} ${link}`;

/** How many events of this action each of these work orders has (absent = none). */
async function eventCounts(db: Db, ids: string[], action: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('work_order_events')
    .select(['work_order_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('work_order_id', 'in', ids)
    .where('action', '=', action)
    .groupBy('work_order_id')
    .execute();
  return new Map(rows.map((r) => [r.work_order_id, Number(r.n)]));
}

/** Inbox rows per person and title for these links: each must be there once. */
async function inboxDuplicates(db: Db, kind: string, links: string[]) {
  return db
    .selectFrom('notifications')
    .select(['user_id', 'title', (eb) => eb.fn.countAll<number>().as('n')])
    .where('kind', '=', kind)
    .where('link', 'in', links)
    .groupBy(['user_id', 'title'])
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
}

/** The distinct messages in the inbox for these links whose title ends with `suffix` (others came from the API while preparing). */
async function inboxTitles(db: Db, kind: string, links: string[], suffix = ''): Promise<Set<string>> {
  const rows = await db.selectFrom('notifications').select(['title', 'link']).where('kind', '=', kind).where('link', 'in', links).execute();
  return new Set(rows.filter((r) => r.title.endsWith(suffix)).map((r) => robotKey(r.title, r.link ?? '')));
}

/** Deadline warnings and escalations (workorders.sla): half the orders are warned, the other half warned and then escalated. */
function slaCase(orders: number): JobCase {
  const warnOnly: WorkOrder[] = [];
  const escalated: WorkOrder[] = [];
  const ids = () => [...warnOnly, ...escalated].map((w) => w.id);
  const shift = async (db: Db, woIds: string[], ms: number) => {
    // read before the transaction: on SQLite a transaction that reads first cannot take the write lock after a server wrote
    const timers = await db.selectFrom('work_order_timers').selectAll().where('work_order_id', 'in', woIds).execute();
    await db.transaction().execute(async (tx) => {
      for (const t of timers) {
        await tx
          .updateTable('work_order_timers')
          .set({
            due_at: new Date(Date.parse(t.due_at) - ms).toISOString(),
            warn_at: t.warn_at && new Date(Date.parse(t.warn_at) - ms).toISOString(),
          })
          .where('work_order_id', '=', t.work_order_id)
          .where('kind', '=', t.kind)
          .execute();
      }
    });
  };
  return {
    jobs: ['workorders.sla'],
    async prepare(p) {
      // response due 60 min after the report, warned 20 min before; resolution far off
      const policy = await p.users.head.post('/api/v1/sla-policies', {
        name: '扩容测试：长春店空调一般报修',
        siteId: p.cc,
        category: 'hvac',
        urgency: 'normal',
        responseMinutes: 60,
        resolutionMinutes: 600,
        warnBeforeMinutes: 20,
        businessHours: false,
        notOvernight: false,
      });
      expect(policy.status, JSON.stringify(policy.body)).toBe(201);
      const reported = await times(orders, async (i) => {
        const res = await p.users.requester.post<WorkOrder>('/api/v1/work-orders', {
          siteId: p.cc,
          category: 'hvac',
          urgency: 'normal',
          description: `扩容测试空调不制冷 ${i + 1}`,
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        return res.body;
      });
      reported.forEach((wo, i) => {
        (i % 2 === 0 ? warnOnly : escalated).push(wo);
      });
    },
    waves: [
      // 41 minutes on: every response warning is due, no deadline yet
      (db) => shift(db, ids(), 41 * MIN),
      // 20 more for half of them: their response deadline has passed
      (db) =>
        shift(
          db,
          escalated.map((w) => w.id),
          20 * MIN,
        ),
    ],
    async outstanding(db, now) {
      const timers = await db.selectFrom('work_order_timers').selectAll().where('work_order_id', 'in', ids()).execute();
      const due = (iso: string | null) => iso !== null && Date.parse(iso) <= now.getTime();
      return timers.filter((t) => !t.met_at && !t.breached_at && (due(t.due_at) || (!t.warned_at && due(t.warn_at)))).length;
    },
    async verify(db) {
      const warnings = await eventCounts(db, ids(), 'sla_warning');
      const breaches = await eventCounts(db, ids(), 'sla_breach');
      const expected = (list: WorkOrder[], n: number) => Object.fromEntries(list.map((w) => [w.number, n]));
      const actual = (list: WorkOrder[], counts: Map<string, number>) =>
        Object.fromEntries(list.map((w) => [w.number, counts.get(w.id) ?? 0]));
      expect(actual(warnOnly, warnings)).toEqual(expected(warnOnly, 1));
      expect(actual(escalated, warnings)).toEqual(expected(escalated, 1));
      expect(actual(warnOnly, breaches)).toEqual(expected(warnOnly, 0));
      expect(actual(escalated, breaches)).toEqual(expected(escalated, 1));
      const timers = await db
        .selectFrom('work_order_timers')
        .select(['work_order_id', 'kind', 'warned_at', 'breached_at'])
        .where('work_order_id', 'in', ids())
        .execute();
      const breachedIds = new Set(escalated.map((w) => w.id));
      for (const t of timers) {
        expect(t.warned_at !== null, `${t.work_order_id} ${t.kind} warned`).toBe(t.kind === 'response');
        expect(t.breached_at !== null, `${t.work_order_id} ${t.kind} breached`).toBe(
          t.kind === 'response' && breachedIds.has(t.work_order_id),
        );
      }
      const links = ids().map((id) => `/work-orders/${id}`);
      expect(await inboxDuplicates(db, 'work_order_sla', links)).toEqual([]);
      const keys = [
        ...warnOnly.map((w) => robotKey(`工单 ${w.number} 响应时限将到`, `/work-orders/${w.id}`)),
        ...escalated.flatMap((w) => [
          robotKey(`工单 ${w.number} 响应时限将到`, `/work-orders/${w.id}`),
          robotKey(`工单 ${w.number} 已超过响应时限`, `/work-orders/${w.id}`),
        ]),
      ];
      // everyone told in the inbox was told by exactly these messages
      expect([...(await inboxTitles(db, 'work_order_sla', links))].sort()).toEqual([...keys].sort());
      return keys;
    },
  };
}

/** 超期自动验收 (workorders.auto-accept): orders finished two days ago; the organisation shortens the window to one day. */
function autoAcceptCase(orders: number): JobCase {
  const finished: WorkOrder[] = [];
  return {
    jobs: ['workorders.auto-accept'],
    async prepare(p) {
      const now = p.clock.now();
      p.clock.set(new Date(now.getTime() - 2 * DAY).toISOString());
      const step = async (c: Client, wo: WorkOrder, action: string, body: Record<string, unknown> = {}) => {
        const res = await c.post<WorkOrder>(`/api/v1/work-orders/${wo.id}/actions/${action}`, { version: wo.version, ...body });
        expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
        return res.body;
      };
      const done = await times(orders, async (i) => {
        const res = await p.users.requester.post<WorkOrder>('/api/v1/work-orders', {
          siteId: p.cc,
          category: 'building',
          urgency: 'normal',
          description: `扩容测试门把手松动 ${i + 1}`,
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        let wo = res.body;
        wo = await step(p.users.dispatcher, wo, wo.status === 'pending' ? 'dispatch' : 'transfer', {
          assigneeId: p.techId,
          reason: '指定维修',
        });
        for (const action of ['accept', 'arrive', 'start']) wo = await step(p.users.tech, wo, action);
        return step(p.users.tech, wo, 'finish', { result: '紧固把手' });
      });
      finished.push(...done);
      p.clock.set(now.toISOString());
    },
    waves: [
      // what an administrator does in 工单设置: accept automatically after one day instead of three
      async (db) => {
        await db
          .updateTable('work_order_settings')
          .set((eb) => ({ auto_accept_days: 1, version: eb('version', '+', 1) }))
          .execute();
      },
    ],
    async outstanding(db) {
      const rows = await db
        .selectFrom('work_orders')
        .select('id')
        .where(
          'id',
          'in',
          finished.map((w) => w.id),
        )
        .where('status', '=', 'resolved')
        .execute();
      return rows.length;
    },
    async verify(db) {
      const ids = finished.map((w) => w.id);
      const rows = await db.selectFrom('work_orders').select(['id', 'status', 'version']).where('id', 'in', ids).execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      // one step each: completed, and the version moved by exactly one
      expect(finished.map((w) => [w.number, byId.get(w.id)?.status, byId.get(w.id)?.version])).toEqual(
        finished.map((w) => [w.number, 'completed', w.version + 1]),
      );
      const events = await eventCounts(db, ids, 'auto_approve');
      expect(finished.filter((w) => events.get(w.id) !== 1).map((w) => w.number)).toEqual([]);
      // and nowhere else either (the demo orders finished long ago are accepted in the same wave)
      const twice = await db
        .selectFrom('work_order_events')
        .select(['work_order_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('action', '=', 'auto_approve')
        .groupBy('work_order_id')
        .having((eb) => eb.fn.countAll(), '>', 1)
        .execute();
      expect(twice).toEqual([]);
      return [];
    },
  };
}

/** Overdue vendor-counter notices (counters.notices-overdue): issued with a deadline tomorrow, which then passes. */
function noticesCase(count: number): JobCase {
  const issued: { id: string; number: string; version: number }[] = [];
  return {
    jobs: ['counters.notices-overdue'],
    async prepare(p) {
      const counters = await p.db.selectFrom('counters').select('id').where('site_id', '=', p.cc).where('active', '=', 1).execute();
      expect(counters.length).toBeGreaterThan(0);
      const deadline = new Date(p.clock.now().getTime() + DAY).toISOString();
      const made = await times(count, async (i) => {
        const res = await p.users.admin.post<{ id: string; number: string; version: number }>('/api/v1/counter-notices', {
          counterId: counters[i % counters.length]?.id,
          foundAt: null,
          description: `扩容测试：货架价签缺失 ${i + 1}`,
          requirement: '补齐价签',
          deadline,
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        return res.body;
      });
      issued.push(...made);
    },
    waves: [
      // the day given for the rectification has passed
      async (db) => {
        const ids = issued.map((n) => n.id);
        const rows = await db.selectFrom('counter_notices').select(['id', 'deadline']).where('id', 'in', ids).execute();
        await db.transaction().execute(async (tx) => {
          for (const r of rows) {
            await tx
              .updateTable('counter_notices')
              .set({ deadline: new Date(Date.parse(r.deadline) - DAY - MIN).toISOString() })
              .where('id', '=', r.id)
              .execute();
          }
        });
      },
    ],
    async outstanding(db) {
      const rows = await db
        .selectFrom('counter_notices')
        .select('id')
        .where(
          'id',
          'in',
          issued.map((n) => n.id),
        )
        .where('status', '=', 'issued')
        .execute();
      return rows.length;
    },
    async verify(db) {
      const ids = issued.map((n) => n.id);
      const rows = await db.selectFrom('counter_notices').select(['id', 'status', 'version']).where('id', 'in', ids).execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(issued.map((n) => [n.number, byId.get(n.id)?.status, byId.get(n.id)?.version])).toEqual(
        issued.map((n) => [n.number, 'overdue', n.version + 1]),
      );
      const audits = await db
        .selectFrom('audit_log')
        .select(['entity_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('entity', '=', 'counter_notice')
        .where('action', '=', 'mark_overdue')
        .where('entity_id', 'in', ids)
        .groupBy('entity_id')
        .execute();
      const audited = new Map(audits.map((a) => [a.entity_id, Number(a.n)]));
      expect(issued.filter((n) => audited.get(n.id) !== 1).map((n) => n.number)).toEqual([]);
      const links = ids.map((id) => `/counters/notices/${id}`);
      expect(await inboxDuplicates(db, 'counter_notice', links)).toEqual([]);
      const keys = issued.map((n) => robotKey(`整改通知 ${n.number} 已逾期`, `/counters/notices/${n.id}`));
      expect([...(await inboxTitles(db, 'counter_notice', links, '已逾期'))].sort()).toEqual([...keys].sort());
      return keys;
    },
  };
}

/**
 * The occurrence engine (occurrences): schedules with nothing generated yet, which both
 * processes then generate at once; later some occurrences' windows are moved into the
 * past, and each must be recorded missed once (one audit row each).
 */
function occurrencesCase(schedules: number): JobCase {
  const ids: string[] = [];
  const movedBack: string[] = [];
  return {
    jobs: ['occurrences'],
    async prepare(p) {
      const org = await p.db.selectFrom('sites').select('org_id').where('id', '=', p.cc).executeTakeFirstOrThrow();
      for (let i = 0; i < schedules; i++) {
        const s = await p.db.transaction().execute((tx) =>
          saveSchedule(
            tx,
            {
              orgId: org.org_id,
              siteId: p.cc,
              ownerType: 'scaleout_test',
              ownerId: `scaleout-${i}`,
              recurrence: { freq: 'daily', interval: 1 + (i % 3), times: ['09:00', '21:00'], startDate: '2026-01-01', anchor: 'calendar' },
              windowMinutes: 60,
              active: true,
            },
            p.clock.now(),
          ),
        );
        ids.push(s.id);
      }
    },
    waves: [
      // nothing to change: the first wave's ticks generate every schedule (outstanding waits for it)
      async () => {},
      // the first two of every schedule become long overdue
      async (db) => {
        const rows = await db
          .selectFrom('occurrences')
          .select(['id', 'schedule_id', 'due_at'])
          .where('schedule_id', 'in', ids)
          .orderBy('due_at')
          .execute();
        const firstTwo = ids.flatMap((id) => rows.filter((r) => r.schedule_id === id).slice(0, 2));
        await db.transaction().execute(async (tx) => {
          for (const r of firstTwo) {
            // a year back keeps (schedule, due time) unique
            const due = new Date(Date.parse(r.due_at) - 365 * DAY);
            await tx
              .updateTable('occurrences')
              .set({ due_at: due.toISOString(), window_end_at: new Date(due.getTime() + 60 * MIN).toISOString() })
              .where('id', '=', r.id)
              .execute();
          }
        });
        movedBack.push(...firstTwo.map((r) => r.id));
      },
    ],
    async outstanding(db, now) {
      const ungenerated = await db
        .selectFrom('schedules')
        .select('id')
        .where('id', 'in', ids)
        .where('generated_until', 'is', null)
        .execute();
      const overdue = await db
        .selectFrom('occurrences')
        .select('id')
        .where('schedule_id', 'in', ids)
        .where('status', '=', 'open')
        .where('window_end_at', '<=', now.toISOString())
        .execute();
      return ungenerated.length + overdue.length;
    },
    async verify(db) {
      const rows = await db
        .selectFrom('occurrences')
        .select(['id', 'schedule_id', 'due_at', 'status'])
        .where('schedule_id', 'in', ids)
        .execute();
      for (const id of ids) {
        const mine = rows.filter((r) => r.schedule_id === id);
        // about two months ahead, at most two a day
        expect(mine.length, `schedule ${id}`).toBeGreaterThan(30);
        expect(new Set(mine.map((r) => r.due_at)).size).toBe(mine.length);
      }
      expect(movedBack).toHaveLength(2 * ids.length);
      const moved = new Set(movedBack);
      expect(rows.filter((r) => moved.has(r.id)).every((r) => r.status === 'missed')).toBe(true);
      expect(rows.filter((r) => !moved.has(r.id) && r.status === 'missed')).toEqual([]);
      const audits = await db
        .selectFrom('audit_log')
        .select(['entity_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('entity', '=', 'occurrence')
        .where('action', '=', 'mark_missed')
        .where('entity_id', 'in', movedBack)
        .groupBy('entity_id')
        .execute();
      expect(audits.filter((a) => Number(a.n) === 1)).toHaveLength(movedBack.length);
      return [];
    },
  };
}

/**
 * Maintenance plans (occurrences, issue 6): plans created through the API generate their
 * occurrences on save; then some occurrences' lead time is moved into the past, and both
 * processes race to raise their work orders — each occurrence gets exactly one maintenance
 * order, the one it names.
 */
function maintenanceCase(plans: number): JobCase {
  const planIds: string[] = [];
  const leadReached: string[] = [];
  return {
    jobs: ['occurrences'],
    async prepare(p) {
      const asset = await p.db.selectFrom('assets').select('id').where('site_id', '=', p.cc).orderBy('code').executeTakeFirstOrThrow();
      for (let i = 0; i < plans; i++) {
        const res = await p.users.head.post<{ id: string }>('/api/v1/maintenance/plans', {
          siteId: p.cc,
          name: `扩容测试保养 ${i}`,
          system: 'general',
          target: 'asset',
          assetId: asset.id,
          assigneeId: p.techId,
          workCategory: 'hvac',
          estimatedMinutes: 60,
          leadDays: 0,
          trigger: 'time',
          recurrence: { freq: 'daily', interval: 1, times: ['10:00'], startDate: '2026-01-01', anchor: 'calendar' },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        planIds.push(res.body.id);
      }
    },
    waves: [
      // the first two occurrences of every plan reach their lead time
      async (db) => {
        const rows = await db
          .selectFrom('occurrences')
          .select(['id', 'owner_id', 'due_at'])
          .where('owner_id', 'in', planIds)
          .orderBy('due_at')
          .execute();
        const firstTwo = planIds.flatMap((id) => rows.filter((r) => r.owner_id === id).slice(0, 2));
        await db
          .updateTable('occurrences')
          .set({ lead_at: new Date(Date.now() - DAY).toISOString() })
          .where(
            'id',
            'in',
            firstTwo.map((r) => r.id),
          )
          .execute();
        leadReached.push(...firstTwo.map((r) => r.id));
      },
    ],
    async outstanding(db) {
      if (!leadReached.length) return 0;
      const waiting = await db
        .selectFrom('occurrences')
        .select('id')
        .where('id', 'in', leadReached)
        .where('item_type', 'is', null)
        .execute();
      return waiting.length;
    },
    async verify(db) {
      expect(leadReached).toHaveLength(2 * planIds.length);
      const orders = await db
        .selectFrom('work_orders')
        .select(['id', 'source_id', 'kind', 'assignee_id'])
        .where('source_type', '=', 'maintenance_occurrence')
        .where('source_id', 'in', leadReached)
        .execute();
      expect(orders).toHaveLength(leadReached.length);
      expect(new Set(orders.map((o) => o.source_id)).size).toBe(leadReached.length);
      expect(orders.every((o) => o.kind === 'maintenance')).toBe(true);
      const occ = await db.selectFrom('occurrences').select(['id', 'item_id']).where('id', 'in', leadReached).execute();
      const orderOf = new Map(orders.map((o) => [o.source_id, o.id]));
      expect(occ.every((o) => o.item_id === orderOf.get(o.id))).toBe(true);
      // occurrences whose lead time has not come have no order yet
      const early = await db
        .selectFrom('occurrences')
        .select('id')
        .where('owner_id', 'in', planIds)
        .where('id', 'not in', leadReached)
        .where('item_type', 'is not', null)
        .execute();
      expect(early).toEqual([]);
      return [];
    },
  };
}

/**
 * Deliveries left pending or cut off (notifications.dispatch): the other cases' pushes go
 * through it as well, and their verify steps count every push once; no work of its own.
 */
function dispatchCase(): JobCase {
  return {
    jobs: ['notifications.dispatch'],
    async prepare() {},
    waves: [],
    async outstanding() {
      return 0;
    },
    async verify() {
      return [];
    },
  };
}

/** Overdue hazards (hazards.reminders): assigned with a deadline tomorrow, which is then moved to yesterday. */
function hazardsCase(count: number): JobCase {
  const made: { id: string; number: string }[] = [];
  return {
    jobs: ['hazards.reminders'],
    async prepare(p) {
      const head = await p.db.selectFrom('users').select('id').where('username', '=', 'head').executeTakeFirstOrThrow();
      const tomorrow = new Date(p.clock.now().getTime() + DAY).toISOString().slice(0, 10);
      made.push(
        ...(await times(count, async (i) => {
          const h = await p.users.admin.post<{ id: string; number: string; version: number }>('/api/v1/hazards', {
            siteId: p.cc,
            category: 'fire_safety',
            grade: 'general',
            title: `扩容测试：消防通道堆物 ${i + 1}`,
            description: '通道堆放纸箱',
          });
          expect(h.status, JSON.stringify(h.body)).toBe(201);
          const a = await p.users.admin.post(`/api/v1/hazards/${h.body.id}/actions/assign`, {
            version: h.body.version,
            responsibleId: p.techId,
            verifierId: head.id,
            measures: '清理',
            deadline: tomorrow,
          });
          expect(a.status, JSON.stringify(a.body)).toBe(200);
          return { id: h.body.id, number: h.body.number };
        })),
      );
    },
    waves: [
      // the deadline day has passed (before the first tick: no reminder, only the escalation)
      async (db) => {
        await db
          .updateTable('hazards')
          .set({ deadline: '2020-01-01' })
          .where(
            'id',
            'in',
            made.map((h) => h.id),
          )
          .execute();
      },
    ],
    async outstanding(db) {
      const rows = await db
        .selectFrom('hazards')
        .select('id')
        .where(
          'id',
          'in',
          made.map((h) => h.id),
        )
        .where('overdue_notified_at', 'is', null)
        .execute();
      return rows.length;
    },
    async verify(db) {
      const ids = made.map((h) => h.id);
      const audits = await db
        .selectFrom('audit_log')
        .select(['entity_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('entity', '=', 'hazard')
        .where('action', '=', 'notify_overdue')
        .where('entity_id', 'in', ids)
        .groupBy('entity_id')
        .execute();
      const audited = new Map(audits.map((a) => [a.entity_id, Number(a.n)]));
      expect(made.filter((h) => audited.get(h.id) !== 1).map((h) => h.number)).toEqual([]);
      const links = ids.map((id) => `/hazards/register/${id}`);
      expect(await inboxDuplicates(db, 'hazard', links)).toEqual([]);
      const keys = made.map((h) => robotKey(`隐患 ${h.number} 已逾期未整改`, `/hazards/register/${h.id}`));
      expect([...(await inboxTitles(db, 'hazard', links, '已逾期未整改'))].sort()).toEqual([...keys].sort());
      return keys;
    },
  };
}

/**
 * Action items (actions.reminders): made due in five days, then half moved to yesterday
 * (overdue: the assignee and the site's heads are told) and half to tomorrow (the assignee
 * is reminded). The items hang on stand-in incidents: the processes, which do not know
 * them, link the notices to the same list of the owner's items as the stand-in does.
 */
function actionsCase(count: number): JobCase {
  const made: { id: string; number: string; stage: 'overdue' | 'remind' }[] = [];
  const ids = (stage: 'overdue' | 'remind') => made.filter((a) => a.stage === stage).map((a) => a.id);
  const ownerLink = (ownerId: string) => `/safety/actions?ownerType=incident&ownerId=${ownerId}`;
  const title = (a: (typeof made)[number]) => `整改措施 ${a.number} ${a.stage === 'overdue' ? '已逾期未落实' : '完成期限将到'}`;
  return {
    jobs: ['actions.reminders'],
    async prepare(p) {
      // other incidents stay the incident module's
      const real = actionOwnerHandler('incident');
      registerActionOwner({
        ownerType: 'incident',
        load: async (ctx, db, ownerId) =>
          ownerId.startsWith('scaleout-')
            ? { siteId: p.cc, number: ownerId, title: '扩容测试', link: ownerLink(ownerId), mayManage: true }
            : real?.load(ctx, db, ownerId),
      });
      const dueDate = zonedDate(new Date(p.clock.now().getTime() + 5 * DAY), 'Asia/Shanghai');
      made.push(
        ...(await times(count, async (i) => {
          const a = await p.users.admin.post<{ id: string; number: string }>('/api/v1/actions', {
            ownerType: 'incident',
            ownerId: `scaleout-${i + 1}`,
            kind: 'corrective',
            title: `扩容测试：更换灭火器 ${i + 1}`,
            assigneeId: p.techId,
            dueDate,
          });
          expect(a.status, JSON.stringify(a.body)).toBe(201);
          return { id: a.body.id, number: a.body.number, stage: i % 2 === 0 ? ('overdue' as const) : ('remind' as const) };
        })),
      );
    },
    waves: [
      async (db) => {
        const tomorrow = zonedDate(new Date(Date.now() + DAY), 'Asia/Shanghai');
        await db.updateTable('action_items').set({ due_date: '2020-01-01' }).where('id', 'in', ids('overdue')).execute();
        await db.updateTable('action_items').set({ due_date: tomorrow }).where('id', 'in', ids('remind')).execute();
      },
    ],
    async outstanding(db) {
      const overdue = await db
        .selectFrom('action_items')
        .select('id')
        .where('id', 'in', ids('overdue'))
        .where('overdue_notified_at', 'is', null)
        .execute();
      const remind = await db
        .selectFrom('action_items')
        .select('id')
        .where('id', 'in', ids('remind'))
        .where('remind_notified_at', 'is', null)
        .execute();
      return overdue.length + remind.length;
    },
    async verify(db) {
      const audits = await db
        .selectFrom('audit_log')
        .select(['entity_id', 'action', (eb) => eb.fn.countAll<number>().as('n')])
        .where('entity', '=', 'action_item')
        .where('action', 'in', ['notify_overdue', 'notify_remind'])
        .where(
          'entity_id',
          'in',
          made.map((a) => a.id),
        )
        .groupBy(['entity_id', 'action'])
        .execute();
      const audited = new Map(audits.map((a) => [`${a.entity_id} ${a.action}`, Number(a.n)]));
      // each item got its own notice once, and never the other one
      expect(made.filter((a) => audited.get(`${a.id} notify_${a.stage}`) !== 1).map((a) => a.number)).toEqual([]);
      expect(audits.length).toBe(made.length);
      const links = made.map((_, i) => ownerLink(`scaleout-${i + 1}`));
      expect(await inboxDuplicates(db, 'action_item', links)).toEqual([]);
      // the overdue notice reaches the assignee and the site's heads (actions:verify on 长春店)
      const head = await db.selectFrom('users').select('id').where('username', '=', 'head').executeTakeFirstOrThrow();
      const told = await db
        .selectFrom('notifications')
        .select('link')
        .where('user_id', '=', head.id)
        .where('kind', '=', 'action_item')
        .where('link', 'in', links)
        .execute();
      expect(told.length).toBe(ids('overdue').length);
      const keys = made.map((a) => robotKey(title(a), '/safety/actions'));
      // the notice of each item's stage, once each (the assignment notices came from the API while preparing)
      const sent = [
        ...(await inboxTitles(db, 'action_item', links, '已逾期未落实')),
        ...(await inboxTitles(db, 'action_item', links, '完成期限将到')),
      ];
      expect(sent.sort()).toEqual(made.map((a, i) => robotKey(title(a), ownerLink(`scaleout-${i + 1}`))).sort());
      return keys;
    },
  };
}

/**
 * Overdue re-checks of reading deviations (readings.rechecks-overdue): out-of-band readings
 * open deviations with a re-check an hour away (half already have a corrective note, whose
 * writer is told too); the re-check time then passes, and each is told once.
 */
function readingsCase(count: number): JobCase {
  const made: { id: string; number: string; pointId: string }[] = [];
  const ids = () => made.map((d) => d.id);
  return {
    jobs: ['readings.rechecks-overdue'],
    async prepare(p) {
      const location = await p.db
        .selectFrom('locations')
        .select('id')
        .where('site_id', '=', p.cc)
        .where('active', '=', 1)
        .orderBy('code')
        .executeTakeFirstOrThrow();
      made.push(
        ...(await times(count, async (i) => {
          const point = await p.users.admin.post<{ id: string }>('/api/v1/reading-points', {
            siteId: p.cc,
            code: `SO-T-${i + 1}`,
            name: `扩容测试：冷柜温度 ${i + 1}`,
            targetType: 'location',
            targetId: location.id,
            kind: 'instant',
            quantity: '温度',
            unit: '°C',
            min: 2,
            max: 8,
            recurrence: null,
            windowMinutes: 60,
            recheckMinutes: 60,
          });
          expect(point.status, JSON.stringify(point.body)).toBe(201);
          const reading = await p.users.tech.post<{ deviationId: string | null }>(`/api/v1/reading-points/${point.body.id}/readings`, {
            value: 12,
          });
          expect(reading.status, JSON.stringify(reading.body)).toBe(201);
          const dev = await p.users.tech.get<{ id: string; number: string; version: number }>(
            `/api/v1/reading-deviations/${reading.body.deviationId}`,
          );
          expect(dev.status, JSON.stringify(dev.body)).toBe(200);
          if (i % 2 === 0) {
            const note = await p.users.tech.post(`/api/v1/reading-deviations/${dev.body.id}/correct`, {
              note: '调整温控器设定',
              version: dev.body.version,
            });
            expect(note.status, JSON.stringify(note.body)).toBe(200);
          }
          return { id: dev.body.id, number: dev.body.number, pointId: point.body.id };
        })),
      );
    },
    waves: [
      // the re-check time has passed without an in-band reading
      async (db) => {
        await db.updateTable('reading_deviations').set({ recheck_due_at: '2020-01-01T00:00:00.000Z' }).where('id', 'in', ids()).execute();
      },
    ],
    async outstanding(db, now) {
      const rows = await db
        .selectFrom('reading_deviations')
        .select('id')
        .where('id', 'in', ids())
        .where('recheck_due_at', '<=', now.toISOString())
        .where('overdue_notified_at', 'is', null)
        .execute();
      return rows.length;
    },
    async verify(db) {
      const audits = await db
        .selectFrom('audit_log')
        .select(['entity_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('entity', '=', 'reading_deviation')
        .where('action', '=', 'recheck_overdue')
        .where('entity_id', 'in', ids())
        .groupBy('entity_id')
        .execute();
      const audited = new Map(audits.map((a) => [a.entity_id, Number(a.n)]));
      expect(made.filter((d) => audited.get(d.id) !== 1).map((d) => d.number)).toEqual([]);
      const links = made.map((d) => `/readings/deviations?pointId=${d.pointId}`);
      expect(await inboxDuplicates(db, 'reading_recheck_overdue', links)).toEqual([]);
      const title = (d: (typeof made)[number]) => `偏差复测超时：${d.number}`;
      expect([...(await inboxTitles(db, 'reading_recheck_overdue', links))].sort()).toEqual(
        made.map((d) => robotKey(title(d), `/readings/deviations?pointId=${d.pointId}`)).sort(),
      );
      // the writer of a corrective note is told as well as the site's reading managers
      const tech = await db.selectFrom('users').select('id').where('username', '=', 'tech').executeTakeFirstOrThrow();
      const told = await db
        .selectFrom('notifications')
        .select('link')
        .where('kind', '=', 'reading_recheck_overdue')
        .where('user_id', '=', tech.id)
        .where('link', 'in', links)
        .execute();
      expect(told.length).toBe(Math.ceil(count / 2));
      // the robot sees the link's path only
      return made.map((d) => robotKey(title(d), '/readings/deviations'));
    },
  };
}

/**
 * The work of every registered job. The processes get enough that both are busy for
 * more than one tick interval; the in-process check, which races on every unit anyway,
 * gets less.
 */
const makeCases = (size: 'processes' | 'in-process'): JobCase[] =>
  size === 'processes'
    ? [
        slaCase(240),
        autoAcceptCase(30),
        noticesCase(30),
        occurrencesCase(20),
        maintenanceCase(15),
        hazardsCase(30),
        actionsCase(30),
        readingsCase(30),
        dispatchCase(),
      ]
    : [
        slaCase(60),
        autoAcceptCase(12),
        noticesCase(12),
        occurrencesCase(6),
        maintenanceCase(5),
        hazardsCase(12),
        actionsCase(12),
        readingsCase(12),
        dispatchCase(),
      ];

// ---------------------------------------------------------------------------- the robot

interface Push {
  key: string;
  /** the PUBLIC_URL host of the server that pushed it */
  from: string;
}

/** A WeCom group robot on 127.0.0.1 that records every message pushed to it. */
function robotSink() {
  const pushes: Push[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { markdown: { content: string } };
      const lines = body.markdown.content.split('\n');
      const link = new URL(/\]\((.+)\)$/.exec(lines.at(-1) ?? '')?.[1] ?? 'http://unknown/');
      pushes.push({ key: robotKey((lines[0] ?? '').replace(/^### /, ''), link.pathname), from: link.host });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  return {
    pushes,
    server,
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/robot`,
  };
}

// ---------------------------------------------------------------------------- running

interface World {
  handle: DbHandle;
  url: string | null;
  dataDir: string;
  config: Config;
  clock: TestClock;
}

/** A fresh database with the demo organisation, the cases' work prepared through the API, and the robot channel. */
async function prepareWorld(cases: JobCase[], robotUrl: string): Promise<World> {
  const fresh = await freshDatabase();
  const clock = new TestClock(new Date());
  const config = loadConfig({ DATA_DIR: fresh.dataDir, HOUQIN_DEMO: '1' });
  await migrateToLatest(fresh.db);
  await ensureOrganization(fresh.db, config, clock);
  const app = await buildApp(
    {
      db: fresh.db,
      engine: fresh.engine,
      config,
      clock,
      files: localStore(path.join(fresh.dataDir, 'files')),
      // the adapters let the robot channel be created; no channel exists while the work is prepared
      notifier: createNotifier(channelAdapters(config), () => clock.now()),
    },
    { webDir: null },
  );
  await app.ready();
  try {
    const [admin, head, dispatcher, tech, requester] = await Promise.all([
      login(app, 'admin'),
      login(app, 'head'),
      login(app, 'dispatcher'),
      login(app, 'tech'),
      login(app, 'requester'),
    ]);
    const site = await fresh.db.selectFrom('sites').select('id').where('code', '=', 'CC').executeTakeFirstOrThrow();
    const prepared: Prepared = {
      app,
      db: fresh.db,
      clock,
      cc: site.id,
      techId: tech.userId,
      users: { admin, head, dispatcher, tech, requester },
    };
    for (const c of cases) await c.prepare(prepared);
    // last, so that preparing pushed nothing: every push the robot gets comes from the jobs
    const channel = await admin.post('/api/v1/notification-channels', { kind: 'wecom', name: '扩容测试机器人', config: { url: robotUrl } });
    expect(channel.status, JSON.stringify(channel.body)).toBe(201);
  } finally {
    await app.close();
  }
  return { handle: fresh, url: fresh.url, dataDir: fresh.dataDir, config, clock };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Deliveries not yet pushed (queued, or being pushed right now). */
async function undelivered(db: Db): Promise<number> {
  const rows = await db.selectFrom('notification_deliveries').select('id').where('status', 'in', ['pending', 'sending']).execute();
  return rows.length;
}

/** Waits until every case's due work is done and every delivery pushed. */
async function settle(cases: JobCase[], db: Db, now: () => Date, limitMs = SETTLE_LIMIT_MS): Promise<void> {
  const giveUp = Date.now() + limitMs;
  for (;;) {
    const left = await Promise.all(cases.map((c) => c.outstanding(db, now())));
    const queued = await undelivered(db);
    if (left.every((n) => n === 0) && queued === 0) return;
    if (Date.now() > giveUp) throw new Error(`still outstanding after ${limitMs / 1000} s: jobs ${left.join('/')}, deliveries ${queued}`);
    await sleep(200);
  }
}

/** Everything that must hold after a run, whichever way the scheduler was run. */
async function verifyOnce(cases: JobCase[], db: Db, pushes: Push[]): Promise<void> {
  const expectedKeys = (await Promise.all(cases.map((c) => c.verify(db)))).flat();
  const counts = new Map<string, number>();
  for (const p of pushes) counts.set(p.key, (counts.get(p.key) ?? 0) + 1);
  // every message the robot got, it got once (the demo data's own deadlines included)
  expect([...counts].filter(([, n]) => n !== 1)).toEqual([]);
  expect(expectedKeys.filter((k) => !counts.has(k))).toEqual([]);
  // one push per queued delivery, all of them sent
  const deliveries = await db.selectFrom('notification_deliveries').select(['status', 'error']).execute();
  expect(deliveries.filter((d) => d.status !== 'sent')).toEqual([]);
  expect(pushes.length).toBe(deliveries.length);
}

interface ServerProcess {
  name: string;
  output(): string;
  /** SIGTERM, then SIGKILL if it has not gone after 10 s; answers the exit code or signal */
  stop(): Promise<number | string>;
}

const running = new Set<ServerProcess>();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function startServer(name: string, world: World): Promise<ServerProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: world.url ?? '',
      DATA_DIR: world.dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://${name}.scaleout.test`,
      HOUQIN_DEMO: '1',
      SCHEDULER: 'on',
      SCHEDULER_INTERVAL_SECONDS: '1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  // should the test runner itself go away before afterAll, the servers go with it
  const orphan = () => child.kill('SIGKILL');
  process.once('exit', orphan);
  void exited.then(() => process.off('exit', orphan));
  const server: ServerProcess = {
    name,
    output: () => output,
    async stop() {
      running.delete(server);
      if (child.exitCode === null && child.signalCode === null && child.pid) {
        child.kill('SIGTERM');
        const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
        const code = await exited;
        clearTimeout(kill);
        return code;
      }
      return exited;
    },
  };
  running.add(server);
  const giveUp = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited during start-up (${child.exitCode}):\n${output}`);
    const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(1000) }).catch(() => null);
    if (res?.ok) return server;
    if (Date.now() > giveUp) throw new Error(`${name} did not answer /api/health:\n${output}`);
    await sleep(200);
  }
}

/** Log lines at warn level or above, and anything that is not a log line (stray stderr). */
function problems(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .filter((line) => {
      try {
        return Number((JSON.parse(line) as { level?: number }).level) >= 40;
      } catch {
        return true;
      }
    });
}

/** A registered job without a case would go untested: the list of cases must name them all. */
function expectEveryJobCovered(cases: JobCase[]): void {
  // filled by buildApp (prepareWorld), which registers the modules and their jobs
  const registered = registeredJobs().map((j) => j.name);
  expect(registered.sort()).toEqual([...new Set(cases.flatMap((c) => c.jobs))].sort());
}

// ---------------------------------------------------------------------------- tests

describe(`scale-out: the scheduler's work is done once (${ENGINE})`, () => {
  const robot = robotSink();
  const worlds: World[] = [];

  beforeAll(async () => {
    await new Promise<void>((resolve) => robot.server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await Promise.allSettled([...running].map((s) => s.stop()));
    for (const w of worlds) {
      await w.handle.close().catch(() => undefined);
      fs.rmSync(w.dataDir, { recursive: true, force: true });
    }
    robot.server.closeAllConnections();
    await new Promise<void>((resolve) => robot.server.close(() => resolve()));
  });

  it('two server processes on one database, ticking every second together', { timeout: 120_000 }, async () => {
    robot.pushes.length = 0;
    const cases = makeCases('processes');
    const world = await prepareWorld(cases, robot.url());
    worlds.push(world);
    expectEveryJobCovered(cases);
    const db = world.handle.db;
    // the second starts once the first is serving (and ticking), as a rolling start would
    const a = await startServer('node-a', world);
    const b = await startServer('node-b', world);
    for (let wave = 0; wave < Math.max(...cases.map((c) => c.waves.length)); wave++) {
      for (const c of cases) await c.waves[wave]?.(db);
      await settle(cases, db, () => new Date());
    }
    await sleep(QUIET_MS);
    await settle(cases, db, () => new Date());
    await verifyOnce(cases, db, robot.pushes);
    // both took part: a process pushes only deliveries after work it claimed itself
    const from = new Set(robot.pushes.map((p) => p.from));
    expect([...from].sort()).toEqual(['node-a.scaleout.test', 'node-b.scaleout.test']);
    const exits = [await a.stop(), await b.stop()];
    expect({ a: problems(a.output()), b: problems(b.output()) }).toEqual({ a: [], b: [] });
    expect(exits).toEqual([0, 0]);
  });

  it('two schedulers ticking at the same moment in one process, on separate connections', { timeout: 90_000 }, async () => {
    robot.pushes.length = 0;
    const cases = makeCases('in-process');
    const world = await prepareWorld(cases, robot.url());
    worlds.push(world);
    expectEveryJobCovered(cases);
    // PostgreSQL: a second pool, so the two ticks' transactions really run side by side.
    // SQLite: one connection for both — better-sqlite3 is synchronous, so a second
    // connection in the same process would block the thread while it waits for the
    // first one's lock, and the first could never commit; the ticks still interleave
    // transaction by transaction (two server processes are the test above).
    const second = world.url ? connect({ databaseUrl: world.url, dataDir: world.dataDir, poolSize: 5 }) : null;
    const dbs = [world.handle.db, second?.db ?? world.handle.db];
    const errors: unknown[] = [];
    const log = { info: () => undefined, error: (err: unknown) => errors.push(err) };
    const schedulers = dbs.map((db, i) => {
      const notifier = createNotifier(channelAdapters(loadConfig({ PUBLIC_URL: `http://scheduler-${i}.scaleout.test` })), () =>
        world.clock.now(),
      );
      notifier.attach(db);
      const deps: JobDeps = { db, clock: world.clock, config: world.config, notifier };
      return { deps, scheduler: createScheduler(deps, { intervalMs: 1000, log }) };
    });
    try {
      for (let wave = 0; wave < Math.max(...cases.map((c) => c.waves.length)); wave++) {
        for (const c of cases) await c.waves[wave]?.(dbs[0] as Db);
        // the first round does the work, both racing for every unit; later rounds find it done
        for (let round = 0; round < 4; round++) {
          await Promise.all(schedulers.map((s) => s.scheduler.tick()));
          await Promise.all(schedulers.map((s) => s.deps.notifier.dispatchPending(s.deps.db)));
        }
        await settle(cases, dbs[0] as Db, () => world.clock.now());
      }
      expect(errors).toEqual([]);
      await verifyOnce(cases, dbs[0] as Db, robot.pushes);
    } finally {
      for (const s of schedulers) await s.deps.notifier.close();
      await second?.close();
    }
  });
});
