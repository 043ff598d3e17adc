import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AliasNode,
  DeleteQueryNode,
  InsertQueryNode,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
  type QueryResult,
  type RootOperationNode,
  SelectQueryNode,
  sql,
  TableNode,
  type UnknownRow,
  UpdateQueryNode,
} from 'kysely';
import pg from 'pg';
import type { PlanSystem } from '../contracts/maintenance.js';
import type { Recurrence, Weekday } from '../contracts/occurrences.js';
import { loadConfig } from '../server/src/config.js';
import { windowMinutes } from '../server/src/modules/maintenance/grace.js';
import { ensureOrganization } from '../server/src/modules/setup/bootstrap.js';
import { type Db, systemClock } from '../server/src/platform/context.js';
import { connect, connectSqlite, type DbHandle } from '../server/src/platform/db/connect.js';
import { newId } from '../server/src/platform/db/ids.js';
import { migrateToLatest } from '../server/src/platform/db/migrate.js';
import { createNotifier } from '../server/src/platform/notify/notifier.js';
import { zonedDate } from '../server/src/platform/numbering/time.js';
import { generateDue, saveSchedule, sweepMissed } from '../server/src/platform/occurrences/engine.js';
import { nextFloatingDue, occurrencesBetween, recurrenceProblems } from '../server/src/platform/occurrences/recurrence.js';
import { type PgCluster, startPgCluster } from '../server/test/pg-cluster.js';
import { postgresCpuSeconds } from './lib/child.js';
import { Rng } from './lib/gen/random.js';
import { appendSection, consoleTable, loadAtStart, machine, machineLine, markdownTable, type Table } from './lib/report.js';

/**
 * `npx tsx bench/occurrences.ts [--plans 10000] [--engine sqlite|postgres|both]`
 *
 * Issue 6, point 7: a year of occurrences for 10,000 maintenance plans. Per engine, on a
 * fresh database (the demo organisation plus three sites, one in America/New_York, with
 * their public holidays): the plans and their schedules (`saveSchedule`) in batches inside
 * transactions, then the occurrence engine's own `generateDue(db, now, 365)` timed — wall
 * time, occurrences inserted, rows/s, this process's CPU, PostgreSQL's CPU, peak RSS,
 * database size, and which queries the time went to — then run again (it must insert
 * nothing) before and after ANALYZE, a top-up two days later (what the daily scheduler
 * runs cost at steady state) and the missed sweep over the first 30 days. The count is checked against the
 * recurrence functions called directly. See bench/README.md.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DAY = 86_400_000;
/** plans per transaction while creating them, and rows per multi-row insert (30 columns: below both engines' parameter limits) */
const PLAN_TX = 500;
const PLAN_INSERT = 100;
/** the default SMRP grace (DOMAIN.md §5): 20 % of the interval, at most 28 days */
const GRACE = { gracePercent: 20, graceCapDays: 28 };

type Engine = 'sqlite' | 'postgres';

interface Options {
  plans: number;
  engines: Engine[];
  now: Date;
  seed: number;
  horizonDays: number;
  sweepDays: number;
  append: boolean;
}

function usage(message: string): never {
  console.error(message);
  console.error(
    'usage: npx tsx bench/occurrences.ts [--plans N] [--engine sqlite|postgres|both] [--now ISO] [--seed N] [--horizon DAYS] [--sweep-days DAYS | --no-sweep] [--no-append]',
  );
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    plans: 10_000,
    engines: ['sqlite', 'postgres'],
    now: new Date(),
    seed: 20_261_206,
    horizonDays: 365,
    sweepDays: 30,
    append: true,
  };
  const whole = (flag: string, v: string | undefined, min: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) usage(`${flag} must be a whole number ≥ ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = () => argv[++i];
    if (arg === '--plans') o.plans = whole(arg, value(), 1);
    else if (arg === '--engine') {
      const v = value();
      if (v === 'both') o.engines = ['sqlite', 'postgres'];
      else if (v === 'sqlite' || v === 'postgres') o.engines = [v];
      else usage('--engine is sqlite, postgres or both');
    } else if (arg === '--now') {
      o.now = new Date(value() ?? '');
      if (Number.isNaN(o.now.getTime())) usage('--now must be an ISO time');
    } else if (arg === '--seed') o.seed = whole(arg, value(), 0);
    else if (arg === '--horizon') o.horizonDays = whole(arg, value(), 2);
    else if (arg === '--sweep-days') o.sweepDays = whole(arg, value(), 1);
    else if (arg === '--no-sweep') o.sweepDays = 0;
    else if (arg === '--no-append') o.append = false;
    else usage(`unexpected argument ${arg}`);
  }
  return o;
}

// ---------------------------------------------------------------- sites and holidays

interface BenchSite {
  id: string;
  code: string;
  timezone: string;
  /** share of the plans */
  weight: number;
  holidays: Set<string>;
  /** the site's assets by asset-category id (the demo stores have some): asset plans target them */
  assets: Map<string, string[]>;
  teamId: string | null;
}

/** The demo's three sites (Asia/Shanghai) and three more; New York has daylight saving. */
const SITE_WEIGHTS: Record<string, number> = { CC: 25, SY: 20, XX: 10, DL: 15, SH: 20, NY: 10 };
const NEW_SITES = [
  { code: 'DL', name: '大连西安路店', kind: 'store', timezone: 'Asia/Shanghai', address: '辽宁省大连市沙河口区西安路139号' },
  { code: 'SH', name: '上海徐家汇店', kind: 'store', timezone: 'Asia/Shanghai', address: '上海市徐汇区虹桥路1号' },
  { code: 'NY', name: '纽约采购中心', kind: 'office', timezone: 'America/New_York', address: '1 Penn Plaza, New York, NY' },
];

/** Spring Festival (the statutory week) by year: lunar, so listed rather than computed. */
const SPRING_FESTIVAL: Record<number, string> = {
  2025: '01-28',
  2026: '02-15',
  2027: '02-05',
  2028: '01-25',
  2029: '02-12',
  2030: '02-02',
};

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const plusDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** The nth (1-based, -1 = last) weekday (1 = Monday) of a month, as a date. */
function nthWeekday(y: number, m: number, n: number, weekday: number): string {
  if (n === -1) {
    const last = new Date(Date.UTC(y, m, 0));
    const back = (((last.getUTCDay() || 7) - weekday + 7) % 7) as number;
    return iso(y, m, last.getUTCDate() - back);
  }
  const first = new Date(Date.UTC(y, m - 1, 1)).getUTCDay() || 7;
  return iso(y, m, 1 + ((weekday - first + 7) % 7) + 7 * (n - 1));
}

/** Public holidays of a year: the main Chinese statutory days, or the US federal ones for New York. */
function holidaysOf(timezone: string, y: number): { date: string; name: string }[] {
  const days = (start: string, n: number, name: string) => Array.from({ length: n }, (_, i) => ({ date: plusDays(start, i), name }));
  if (timezone === 'America/New_York') {
    return [
      { date: iso(y, 1, 1), name: "New Year's Day" },
      { date: nthWeekday(y, 1, 3, 1), name: 'Martin Luther King Jr. Day' },
      { date: nthWeekday(y, 5, -1, 1), name: 'Memorial Day' },
      { date: iso(y, 7, 4), name: 'Independence Day' },
      { date: nthWeekday(y, 9, 1, 1), name: 'Labor Day' },
      { date: nthWeekday(y, 11, 4, 4), name: 'Thanksgiving' },
      { date: iso(y, 12, 25), name: 'Christmas Day' },
    ];
  }
  const spring = SPRING_FESTIVAL[y];
  return [
    ...days(iso(y, 1, 1), 1, '元旦'),
    ...(spring ? days(`${y}-${spring}`, 7, '春节') : []),
    ...days(iso(y, 4, 4), 3, '清明节'),
    ...days(iso(y, 5, 1), 5, '劳动节'),
    ...days(iso(y, 10, 1), 7, '国庆节'),
  ];
}

async function addSites(db: Db, orgId: string, now: Date): Promise<BenchSite[]> {
  const at = now.toISOString();
  await db
    .insertInto('sites')
    .values(
      NEW_SITES.map((s) => ({
        id: newId(),
        org_id: orgId,
        ...s,
        opening_hours: '09:00-21:00',
        active: 1 as const,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
  const rows = await db.selectFrom('sites').select(['id', 'code', 'timezone']).where('org_id', '=', orgId).orderBy('code').execute();
  const assets = await db.selectFrom('assets').select(['id', 'site_id', 'category_id']).where('org_id', '=', orgId).execute();
  const teams = await db.selectFrom('teams').select(['id', 'site_id']).where('org_id', '=', orgId).orderBy('code').execute();
  const y = now.getUTCFullYear();
  const sites: BenchSite[] = [];
  for (const r of rows) {
    const holidays = [y - 1, y, y + 1, y + 2].flatMap((year) => holidaysOf(r.timezone, year));
    await db
      .insertInto('site_holidays')
      .values(holidays.map((h) => ({ site_id: r.id, org_id: orgId, date: h.date, name: h.name, created_at: at })))
      // a site may have holidays from the demo's own seed already
      .onConflict((oc) => oc.columns(['site_id', 'date']).doNothing())
      .execute();
    const stored = await db.selectFrom('site_holidays').select('date').where('site_id', '=', r.id).execute();
    const byCategory = new Map<string, string[]>();
    for (const a of assets.filter((x) => x.site_id === r.id)) {
      if (a.category_id) byCategory.set(a.category_id, [...(byCategory.get(a.category_id) ?? []), a.id]);
    }
    const team = teams.find((t) => t.site_id === r.id);
    sites.push({
      id: r.id,
      code: r.code,
      timezone: r.timezone,
      weight: SITE_WEIGHTS[r.code] ?? 5,
      holidays: new Set(stored.map((h) => h.date)),
      assets: byCategory,
      teamId: team?.id ?? null,
    });
  }
  return sites;
}

// ---------------------------------------------------------------- plans

interface PlanKind {
  /** the row label of the mix table */
  label: string;
  /** share of the plans, in % */
  weight: number;
  system: PlanSystem;
  /** asset-category code the plan covers, repair_category code its orders carry */
  category: string;
  work: string;
  names: string[];
  leadDays: number;
  /** how likely the rule skips the site's holidays */
  skipHolidays: number;
  /** the rule without start/end dates, skip dates and holiday flag */
  rule(rng: Rng): Omit<Recurrence, 'startDate' | 'anchor'> & { anchor?: Recurrence['anchor'] };
}

const weekdays = (rng: Rng, n: number): Weekday[] => {
  const all: Weekday[] = [1, 2, 3, 4, 5, 6, 7];
  const out = new Set<Weekday>();
  while (out.size < n) out.add(rng.pick(all));
  return [...out].sort();
};

/** A monthly day: a quarter of them late in the month, where short months clamp (29th–31st, or the last day). */
const monthDay = (rng: Rng) => (rng.chance(0.25) ? rng.pick([29, 30, 31, -1]) : rng.int(1, 28));

/** What maintenance plans of a group of stores look like: many monthly and weekly, some daily, few yearly. */
const PLAN_MIX: PlanKind[] = [
  {
    label: 'daily 09:00',
    weight: 10,
    system: 'fire',
    category: 'fire_alarm',
    work: 'fire',
    names: ['消防控制室日检', '配电室日巡'],
    leadDays: 0,
    skipHolidays: 0.3,
    rule: () => ({ freq: 'daily', interval: 1, times: ['09:00'] }),
  },
  {
    label: 'twice a day 09:00 + 15:00',
    weight: 5,
    system: 'hvac',
    category: 'hvac',
    work: 'hvac',
    names: ['冷库温度巡检', '锅炉房巡检'],
    leadDays: 0,
    skipHolidays: 0.3,
    rule: () => ({ freq: 'daily', interval: 1, times: ['09:00', '15:00'] }),
  },
  {
    label: 'workdays 08:30',
    weight: 5,
    system: 'elevator',
    category: 'elevator',
    work: 'elevator',
    names: ['电梯日常检查'],
    leadDays: 0,
    skipHolidays: 0.6,
    rule: () => ({ freq: 'daily', interval: 1, weekdays: [1, 2, 3, 4, 5], times: ['08:30'] }),
  },
  {
    label: 'weekly on 1–3 days',
    weight: 15,
    system: 'water',
    category: 'plumbing',
    work: 'plumbing',
    names: ['水泵房周检', '应急照明周检'],
    leadDays: 1,
    skipHolidays: 0.4,
    rule: (rng) => ({ freq: 'weekly', interval: 1, weekdays: weekdays(rng, rng.int(1, 3)), times: ['10:00'] }),
  },
  {
    label: 'every 2–14 days',
    weight: 10,
    system: 'hvac',
    category: 'hvac',
    work: 'hvac',
    names: ['空调滤网清洁', '新风机组检查'],
    leadDays: 1,
    skipHolidays: 0.2,
    rule: (rng) => ({ freq: 'daily', interval: rng.int(2, 14), times: ['14:00'] }),
  },
  {
    label: 'monthly on a day (1st–31st, last)',
    weight: 18,
    system: 'fire',
    category: 'extinguisher',
    work: 'fire',
    names: ['灭火器月检', '消火栓月检'],
    leadDays: 3,
    skipHolidays: 0.2,
    rule: (rng) => ({ freq: 'monthly', interval: 1, monthDay: monthDay(rng), times: ['09:30'] }),
  },
  {
    label: 'monthly on the nth weekday',
    weight: 10,
    system: 'electrical',
    category: 'power',
    work: 'power',
    names: ['发电机月度试运行', '配电柜月度巡检'],
    leadDays: 3,
    skipHolidays: 0.2,
    rule: (rng) => ({
      freq: 'monthly',
      interval: 1,
      nth: { n: rng.pick([1, 2, 3, 4, -1] as const), weekday: rng.int(1, 7) as Weekday },
      times: ['16:00'],
    }),
  },
  {
    label: 'every 2 months',
    weight: 4,
    system: 'electrical',
    category: 'power',
    work: 'power',
    names: ['配电柜除尘紧固'],
    leadDays: 3,
    skipHolidays: 0.2,
    rule: (rng) => ({ freq: 'monthly', interval: 2, monthDay: monthDay(rng), times: ['10:00'] }),
  },
  {
    label: 'quarterly',
    weight: 10,
    system: 'hvac',
    category: 'hvac',
    work: 'hvac',
    names: ['空调主机季度保养', '冷却塔季度检查'],
    leadDays: 7,
    skipHolidays: 0.2,
    rule: (rng) => ({ freq: 'quarterly', interval: 1, month: rng.int(1, 3), monthDay: rng.int(1, 28), times: ['09:00'] }),
  },
  {
    label: 'yearly',
    weight: 8,
    system: 'fire',
    category: 'fire',
    work: 'fire',
    names: ['消防设施年度检测', '防雷装置年检'],
    leadDays: 14,
    skipHolidays: 0.2,
    rule: (rng) =>
      rng.chance(0.5)
        ? { freq: 'yearly', interval: 1, month: rng.int(1, 12), monthDay: rng.int(1, 28), times: ['09:00'] }
        : { freq: 'yearly', interval: 1, month: rng.int(1, 12), nth: { n: 2, weekday: 2 }, times: ['09:00'] },
  },
  {
    label: 'floating: 3 months after the last',
    weight: 5,
    system: 'hvac',
    category: 'hvac',
    work: 'hvac',
    names: ['冷却塔清洗', '风机盘管清洗'],
    leadDays: 7,
    skipHolidays: 0.2,
    rule: () => ({ freq: 'monthly', interval: 3, times: ['09:00'], anchor: 'floating' }),
  },
];

interface BenchPlan {
  id: string;
  site: BenchSite;
  kind: PlanKind;
  rule: Recurrence;
}

/** The plans, drawn from the seed: the same seed and `now` give the same rules. */
function drawPlans(n: number, sites: BenchSite[], now: Date, rng: Rng): BenchPlan[] {
  const siteTable = sites.map((s) => [s, s.weight] as const);
  const kindTable = PLAN_MIX.map((k) => [k, k.weight] as const);
  const plans: BenchPlan[] = [];
  for (let i = 0; i < n; i++) {
    const site = rng.weighted(siteTable);
    const kind = rng.weighted(kindTable);
    const today = zonedDate(now, site.timezone);
    const { anchor, ...shape } = kind.rule(rng);
    // most calendar plans started in the last two years, one in twenty starts in the coming
    // months; a floating plan's first occurrence is its start date, so those start soon
    const startOffset = anchor === 'floating' ? rng.int(0, 90) : rng.chance(0.05) ? rng.int(1, 120) : -rng.int(0, 730);
    const rule: Recurrence = {
      ...shape,
      anchor: anchor ?? 'calendar',
      startDate: plusDays(today, startOffset),
      endDate: rng.chance(0.05) ? plusDays(today, Math.max(startOffset, 0) + rng.int(30, 300)) : null,
      skipDates: rng.chance(0.1) ? Array.from({ length: rng.int(2, 4) }, () => plusDays(today, rng.int(1, 364))) : null,
      skipHolidays: rng.chance(kind.skipHolidays),
    };
    if (rule.skipDates) rule.skipDates = [...new Set(rule.skipDates)].sort();
    const problems = recurrenceProblems(rule);
    if (problems.length) throw new Error(`drew an invalid rule ${JSON.stringify(rule)}: ${problems.map((p) => p.message).join('; ')}`);
    plans.push({ id: newId(), site, kind, rule });
  }
  return plans;
}

/** The plans' rows and, through the engine's `saveSchedule`, their schedules: PLAN_TX plans per transaction. */
async function createPlans(db: Db, orgId: string, plans: BenchPlan[], categories: Map<string, string>, now: Date, rng: Rng): Promise<void> {
  const at = now.toISOString();
  for (let i = 0; i < plans.length; i += PLAN_TX) {
    const batch = plans.slice(i, i + PLAN_TX);
    const rows = batch.map((p, j) => {
      const categoryId = categories.get(p.kind.category) ?? null;
      const assets = categoryId ? p.site.assets.get(categoryId) : undefined;
      const onAsset = assets?.length && rng.chance(0.6) ? rng.pick(assets) : null;
      return {
        id: p.id,
        org_id: orgId,
        site_id: p.site.id,
        name: `${rng.pick(p.kind.names)} ${String(i + j + 1).padStart(5, '0')}`,
        description: null,
        system: p.kind.system,
        target: onAsset ? ('asset' as const) : ('category' as const),
        asset_id: onAsset,
        category_id: onAsset ? null : categoryId,
        location_ids: '[]',
        checklist_template_id: null,
        team_id: p.site.teamId,
        assignee_id: null,
        work_category: p.kind.work,
        estimated_minutes: rng.pick([15, 30, 60, 120]),
        lead_days: p.kind.leadDays,
        trigger: 'time' as const,
        meter_name: null,
        meter_unit: null,
        meter_interval: null,
        meter_baseline: null,
        active: 1 as const,
        created_by: null,
        created_at: at,
        updated_at: at,
      };
    });
    await db.transaction().execute(async (tx) => {
      for (let j = 0; j < rows.length; j += PLAN_INSERT)
        await tx
          .insertInto('maintenance_plans')
          .values(rows.slice(j, j + PLAN_INSERT))
          .execute();
      for (const p of batch) {
        await saveSchedule(
          tx,
          {
            orgId,
            siteId: p.site.id,
            ownerType: 'maintenance_plan',
            ownerId: p.id,
            recurrence: p.rule,
            windowMinutes: windowMinutes(p.rule, GRACE),
            leadMinutes: p.kind.leadDays * 1440,
            active: true,
          },
          now,
        );
      }
    });
  }
}

/** What the engine should insert, from the recurrence functions alone (and what that arithmetic costs). */
function expectedOccurrences(
  plans: BenchPlan[],
  now: Date,
  horizonDays: number,
): { total: number; byKind: Map<PlanKind, number>; cpuMs: number } {
  const to = new Date(now.getTime() + horizonDays * DAY);
  const byKind = new Map<PlanKind, number>();
  const cpu = process.cpuUsage();
  let total = 0;
  for (const p of plans) {
    const n =
      p.rule.anchor === 'floating'
        ? nextFloatingDue(p.rule, null, { timeZone: p.site.timezone, holidays: p.site.holidays })
          ? 1
          : 0
        : occurrencesBetween(p.rule, { from: now, to, timeZone: p.site.timezone, holidays: p.site.holidays }).length;
    total += n;
    byKind.set(p.kind, (byKind.get(p.kind) ?? 0) + n);
  }
  const used = process.cpuUsage(cpu);
  return { total, byKind, cpuMs: (used.user + used.system) / 1000 };
}

function traitsOf(plans: BenchPlan[], now: Date): EngineResult['traits'] {
  const t = { skipDates: 0, skipHolidays: 0, ending: 0, later: 0 };
  for (const p of plans) {
    const today = zonedDate(now, p.site.timezone);
    if (p.rule.skipDates?.length) t.skipDates++;
    if (p.rule.skipHolidays) t.skipHolidays++;
    if (p.rule.endDate) t.ending++;
    if (p.rule.startDate > today) t.later++;
  }
  return t;
}

// ---------------------------------------------------------------- measuring

interface Cost {
  seconds: number;
  /** this process: user + system */
  cpuSeconds: number;
  /** the PostgreSQL cluster (postmaster and backends); null on SQLite, whose work is in this process */
  dbCpuSeconds: number | null;
  /** VmHWM during the step (reset before it where the kernel allows) */
  peakRssMiB: number;
}

function statusKiB(field: 'VmHWM' | 'VmRSS'): number {
  const m = fs.readFileSync('/proc/self/status', 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return m ? Number(m[1]) : Number.NaN;
}

/** Writing 5 to clear_refs resets the peak RSS to the current RSS (Linux ≥ 4.0), so each step gets its own peak. */
let peakResettable = true;
function resetPeakRss(): void {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    peakResettable = false;
  }
}

async function measured<T>(dbCpu: (() => number) | null, work: () => Promise<T>): Promise<{ value: T; cost: Cost }> {
  resetPeakRss();
  const cpu = process.cpuUsage();
  const db0 = dbCpu?.() ?? 0;
  const t0 = performance.now();
  const value = await work();
  const seconds = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    value,
    cost: {
      seconds,
      cpuSeconds: (used.user + used.system) / 1e6,
      dbCpuSeconds: dbCpu ? dbCpu() - db0 : null,
      peakRssMiB: statusKiB('VmHWM') / 1024,
    },
  };
}

/** Time and count per kind of query (statement and table), timed from compilation to the result in this process. */
class QueryProfile implements KyselyPlugin {
  readonly byKind = new Map<string, { count: number; ms: number }>();
  readonly #started = new WeakMap<QueryId, { kind: string; t: number }>();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.#started.set(args.queryId, { kind: describe(args.node), t: performance.now() });
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const s = this.#started.get(args.queryId);
    if (s) {
      const e = this.byKind.get(s.kind) ?? { count: 0, ms: 0 };
      e.count++;
      e.ms += performance.now() - s.t;
      this.byKind.set(s.kind, e);
    }
    return args.result;
  }

  get queries(): number {
    return [...this.byKind.values()].reduce((n, e) => n + e.count, 0);
  }

  get ms(): number {
    return [...this.byKind.values()].reduce((n, e) => n + e.ms, 0);
  }
}

function tableName(node: OperationNode | undefined): string {
  if (!node) return '?';
  if (TableNode.is(node)) return node.table.identifier.name;
  if (AliasNode.is(node)) return tableName(node.node);
  return '?';
}

function describe(node: RootOperationNode): string {
  if (SelectQueryNode.is(node)) return `select ${tableName(node.from?.froms[0])}`;
  if (InsertQueryNode.is(node)) return `insert ${tableName(node.into)}`;
  if (UpdateQueryNode.is(node)) return `update ${tableName(node.table)}`;
  if (DeleteQueryNode.is(node)) return `delete ${tableName(node.from.froms[0])}`;
  return node.kind;
}

// ---------------------------------------------------------------- one engine

interface Step {
  name: string;
  rows: number;
  cost: Cost;
  queries: number | null;
}

interface EngineResult {
  engine: Engine;
  steps: Step[];
  expected: number;
  recurrenceCpuMs: number;
  byKind: Map<PlanKind, number>;
  /** how many plans skip given dates, skip holidays, end within the year, start later */
  traits: { skipDates: number; skipHolidays: number; ending: number; later: number };
  profile: QueryProfile;
  dbBytes: { before: number; after: number; occurrences: number | null };
  firstRunWallMs: number;
}

async function openDatabase(
  engine: Engine,
  cluster: PgCluster | null,
): Promise<{ handle: DbHandle; dataDir: string; port: number | null }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `houqin-bench-occurrences-${engine}-`));
  if (engine === 'sqlite') return { handle: connectSqlite(path.join(dataDir, 'houqin.db')), dataDir, port: null };
  if (!cluster) throw new Error('no PostgreSQL cluster');
  const name = `bench_occurrences_${Date.now()}`;
  const admin = new pg.Client({ connectionString: `${cluster.url}/postgres` });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    handle: connect({ databaseUrl: `${cluster.url}/${name}`, dataDir, poolSize: 4 }),
    dataDir,
    port: Number(new URL(cluster.url).port),
  };
}

async function databaseBytes(db: Db, engine: Engine, dataDir: string): Promise<{ total: number; occurrences: number | null }> {
  if (engine === 'postgres') {
    const r = await sql<{
      total: string;
      occ: string;
    }>`select pg_database_size(current_database()) as total, pg_total_relation_size('occurrences') as occ`.execute(db);
    return { total: Number(r.rows[0]?.total), occurrences: Number(r.rows[0]?.occ) };
  }
  await sql`pragma wal_checkpoint(truncate)`.execute(db);
  const total = fs.statSync(path.join(dataDir, 'houqin.db')).size;
  try {
    // the table and its indexes; dbstat is a compile-time option of SQLite
    const r = await sql<{
      bytes: number;
    }>`select sum(pgsize) as bytes from dbstat where name in (select name from sqlite_master where tbl_name = 'occurrences')`.execute(db);
    return { total, occurrences: Number(r.rows[0]?.bytes) };
  } catch {
    return { total, occurrences: null };
  }
}

async function runEngine(engine: Engine, o: Options, cluster: PgCluster | null): Promise<EngineResult> {
  const log = (line: string) => console.log(`  ${engine}: ${line}`);
  const { handle, dataDir, port } = await openDatabase(engine, cluster);
  const { db } = handle;
  const dbCpu = port === null ? null : () => postgresCpuSeconds(port);
  const steps: Step[] = [];
  try {
    await migrateToLatest(db);
    await ensureOrganization(db, loadConfig({ DATA_DIR: dataDir, HOUQIN_DEMO: '1' }), systemClock);
    const orgId = (await db.selectFrom('organizations').select('id').executeTakeFirstOrThrow()).id;
    const sites = await addSites(db, orgId, o.now);
    const categories = new Map(
      (await db.selectFrom('asset_categories').select(['id', 'code']).where('org_id', '=', orgId).execute()).map((c) => [c.code, c.id]),
    );
    // only the bench's plans generate: schedules the demo seeds itself (if any) stop
    const seeded = await db.updateTable('schedules').set({ active: 0 }).where('active', '=', 1).executeTakeFirst();
    if (Number(seeded.numUpdatedRows)) log(`${seeded.numUpdatedRows} schedules of the demo organisation set inactive`);
    const rng = new Rng(o.seed);
    const plans = drawPlans(o.plans, sites, o.now, rng);
    const created = await measured(dbCpu, () => createPlans(db, orgId, plans, categories, o.now, rng));
    steps.push({
      name: `create ${o.plans.toLocaleString('en-US')} plans + schedules`,
      rows: o.plans * 2,
      cost: created.cost,
      queries: null,
    });
    log(`${o.plans} plans and schedules on ${sites.length} sites in ${created.cost.seconds.toFixed(1)} s`);
    const expected = expectedOccurrences(plans, o.now, o.horizonDays);
    const before = await databaseBytes(db, engine, dataDir);
    const countOccurrences = async () =>
      Number(
        (
          await db
            .selectFrom('occurrences')
            .select((eb) => eb.fn.countAll<number | string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    // the demo's seeded schedules may have generated some already
    const existing = await countOccurrences();

    const profile = new QueryProfile();
    const first = await measured(dbCpu, () => generateDue(db.withPlugin(profile), o.now, o.horizonDays));
    steps.push({ name: `generate ${o.horizonDays} days ahead`, rows: first.value, cost: first.cost, queries: profile.queries });
    log(
      `generateDue inserted ${first.value} occurrences in ${first.cost.seconds.toFixed(1)} s (expected ${expected.total}, which the recurrence functions alone computed in ${Math.round(expected.cpuMs)} ms of CPU)`,
    );
    const stored = (await countOccurrences()) - existing;
    if (first.value !== expected.total || stored !== expected.total) {
      throw new Error(`generateDue inserted ${first.value}, the table gained ${stored}, the recurrence functions give ${expected.total}`);
    }
    const after = await databaseBytes(db, engine, dataDir);

    const generateStep = async (name: string, at: Date): Promise<number> => {
      const p = new QueryProfile();
      const r = await measured(dbCpu, () => generateDue(db.withPlugin(p), at, o.horizonDays));
      steps.push({ name, rows: r.value, cost: r.cost, queries: p.queries });
      log(`${name}: ${r.value} in ${r.cost.seconds.toFixed(2)} s`);
      return r.value;
    };
    // right after a bulk load the planner has no statistics on the new rows yet (SQLite
    // until `pragma optimize` at the next start or hourly, PostgreSQL until autovacuum)
    const again = await generateStep('generate again (same now)', o.now);
    const analyzed = await measured(dbCpu, () => sql`analyze`.execute(db));
    steps.push({ name: 'ANALYZE', rows: 0, cost: analyzed.cost, queries: 1 });
    const againAnalyzed = await generateStep('generate again, after ANALYZE', o.now);
    if (again !== 0 || againAnalyzed !== 0)
      throw new Error(`a second run inserted ${again || againAnalyzed} occurrences: generation is not idempotent`);
    // the steady state: a schedule waits until it is a day short of the horizon, then tops up
    await generateStep('top-up 2 days later', new Date(o.now.getTime() + 2 * DAY));

    if (o.sweepDays > 0) {
      const sweepAt = new Date(o.now.getTime() + o.sweepDays * DAY);
      const clock = { now: () => sweepAt };
      const deps = { db, clock, config: loadConfig({ DATA_DIR: dataDir }), notifier: createNotifier([], clock.now) };
      const sweep = await measured(dbCpu, () => sweepMissed(deps));
      steps.push({ name: `missed sweep (${o.sweepDays} days past due)`, rows: sweep.value, cost: sweep.cost, queries: null });
      log(`missed sweep at +${o.sweepDays} days: ${sweep.value} in ${sweep.cost.seconds.toFixed(1)} s`);
    }
    return {
      engine,
      steps,
      expected: expected.total,
      recurrenceCpuMs: expected.cpuMs,
      byKind: expected.byKind,
      traits: traitsOf(plans, o.now),
      profile,
      dbBytes: { before: before.total, after: after.total, occurrences: after.occurrences },
      firstRunWallMs: first.cost.seconds * 1000,
    };
  } finally {
    await handle.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- report

/** The commit the engine and migrations were measured at: these figures move with them. */
function sourceVersion(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
    const dirty = git(
      'status',
      '--porcelain',
      '--',
      'server/src/platform/occurrences',
      'server/src/platform/numbering',
      'server/src/migrations',
    );
    return `commit ${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with uncommitted changes to the engine or the migrations' : ''}`;
  } catch {
    return 'commit unknown (no git)';
  }
}

const n0 = (v: number) => Math.round(v).toLocaleString('en-US');
const mib = (bytes: number) => `${n0(bytes / 2 ** 20)} MiB`;

function stepTable(results: EngineResult[]): Table {
  return {
    headers: ['engine', 'step', 'rows', 'seconds', 'rows/s', 'node CPU s', 'db CPU s', 'peak RSS MiB', 'queries'],
    textColumns: 2,
    rows: results.flatMap((r) =>
      r.steps.map((s) => [
        r.engine,
        s.name,
        n0(s.rows),
        s.cost.seconds.toFixed(s.cost.seconds < 10 ? 2 : 1),
        s.rows ? n0(s.rows / s.cost.seconds) : '—',
        s.cost.cpuSeconds.toFixed(1),
        s.cost.dbCpuSeconds === null ? '—' : s.cost.dbCpuSeconds.toFixed(1),
        n0(s.cost.peakRssMiB),
        s.queries === null ? '—' : n0(s.queries),
      ]),
    ),
  };
}

function profileTable(results: EngineResult[]): Table {
  const rows: string[][] = [];
  for (const r of results) {
    const wall = r.firstRunWallMs;
    const kinds = [...r.profile.byKind.entries()].sort((a, b) => b[1].ms - a[1].ms);
    for (const [kind, e] of kinds) {
      rows.push([r.engine, kind, n0(e.count), n0(e.ms), (e.ms / e.count).toFixed(3), `${((100 * e.ms) / wall).toFixed(0)} %`]);
    }
    const outside = wall - r.profile.ms;
    rows.push([r.engine, 'outside queries (recurrence, rows, awaits)', '—', n0(outside), '—', `${((100 * outside) / wall).toFixed(0)} %`]);
  }
  return { headers: ['engine', 'query', 'count', 'ms', 'ms each', 'of wall'], textColumns: 2, rows };
}

function mixTable(plans: number, r: EngineResult): Table {
  return {
    headers: ['rule', 'share', 'occurrences in the year'],
    textColumns: 1,
    rows: PLAN_MIX.map((k) => [k.label, `${k.weight} %`, n0(r.byKind.get(k) ?? 0)]).concat([
      [`total (${n0(plans)} plans)`, '100 %', n0(r.expected)],
    ]),
  };
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  // read before the run: the engine's source may change while it runs
  const version = sourceVersion();
  console.log(`Houqin occurrence generation — ${machineLine()}, load average ${loadAtStart.toFixed(2)}`);
  console.log(
    `${o.plans} plans, ${o.horizonDays} days ahead from ${o.now.toISOString()}, seed ${o.seed}, engines ${o.engines.join(', ')}, ${version}`,
  );
  const cluster = o.engines.includes('postgres') ? await startPgCluster() : null;
  if (cluster) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        cluster.stop();
        process.exit(130);
      });
    }
  }
  const results: EngineResult[] = [];
  const loads: string[] = [];
  try {
    for (const engine of o.engines) {
      const start = os.loadavg()[0] as number;
      results.push(await runEngine(engine, o, cluster));
      loads.push(`${engine} ${start.toFixed(2)} → ${(os.loadavg()[0] as number).toFixed(2)}`);
    }
  } finally {
    cluster?.stop();
  }
  const steps = stepTable(results);
  const profile = profileTable(results);
  const mix = mixTable(o.plans, results[0] as EngineResult);
  console.log(
    `\n${consoleTable(steps)}\n\nThe first generation's queries:\n${consoleTable(profile)}\n\nThe plans:\n${consoleTable(mix)}\n`,
  );
  const m = machine();
  const { traits } = results[0] as EngineResult;
  const pct = (count: number) => `${((100 * count) / o.plans).toFixed(0)} %`;
  const notes = [
    `- ${machineLine()}; load average (1 min) at the start of each engine's run and at its end: ${loads.join(', ')}. Other helpers' work shared the 2 cores.`,
    `- Data: the demo organisation plus 大连 and 上海 (Asia/Shanghai) and 纽约采购中心 (America/New_York), each with its public holidays; ${n0(o.plans)} maintenance plans (seed ${o.seed}) spread over the six sites: ${pct(traits.skipDates)} skip given dates, ${pct(traits.skipHolidays)} their site's holidays, ${pct(traits.ending)} end within the year, ${pct(traits.later)} start later (the floating ones included); now = ${o.now.toISOString().slice(0, 16)}Z.`,
    ...results.map(
      (r) =>
        `- ${r.engine}: ${n0(r.expected)} occurrences, equal to the recurrence functions' own count (${n0(r.recurrenceCpuMs)} ms of CPU for that arithmetic alone); database ${mib(r.dbBytes.before)} before generating, ${mib(r.dbBytes.after)} after${r.dbBytes.occurrences ? ` (occurrences and its indexes ${mib(r.dbBytes.occurrences)}, ${n0(r.dbBytes.occurrences / r.expected)} bytes a row)` : ''}.`,
    ),
    '- "node CPU" is this process (on SQLite it includes all the database work), "db CPU" the PostgreSQL cluster (throwaway, fsync and synchronous_commit off). Peak RSS is this process\'s during the step' +
      (peakResettable ? '.' : ' (could not be reset between steps: the peak since the start).'),
    '- "generate again (same now)" runs right after the load, before the planner has statistics on the new rows (as a server sees them until SQLite\'s `pragma optimize` — at start-up and hourly — or PostgreSQL\'s autovacuum); the steps after ANALYZE have them. In the query table, "select occurrences" are a floating schedule\'s lookups (is one still open? when was the last one missed or skipped?), "select sites" and "select site_holidays" the zone and holidays read for every schedule.',
    `- "top-up 2 days later": \`generateDue\` at now + 2 days, when every calendar schedule is a day short of the horizon — what the scheduler does once a day at steady state. The missed sweep marks the occurrences whose window ended in the first ${o.sweepDays} days (each in its own transaction with an audit row; no module handler registered, so no notifications).`,
  ];
  const command = `npx tsx bench/occurrences.ts --plans ${o.plans} --engine ${o.engines.length === 2 ? 'both' : o.engines[0]}`;
  console.log(`${notes.join('\n')}\n`);
  if (!o.append) return;
  appendSection(
    path.join(root, 'bench/RESULTS.md'),
    `occurrence generation (issue 6), ${n0(o.plans)} plans, ${o.engines.join(' + ')}, ${m.cpu} × ${m.cores} cores, Node ${m.node}`,
    [
      `\`${command}\`: ${o.horizonDays} days of occurrences through the engine's \`generateDue\`, ${version}.`,
      markdownTable(steps),
      'Where the first generation spent its time (per query kind, timed in this process from compilation to result):',
      markdownTable(profile),
      notes.join('\n'),
      'The plans:',
      markdownTable(mix),
    ],
  );
  console.log('appended to bench/RESULTS.md');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
