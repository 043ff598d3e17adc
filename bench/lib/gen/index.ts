import { sql } from 'kysely';
import type { Db } from '../../../server/src/platform/context.js';
import { engineOf } from '../../../server/src/platform/db/dialect.js';
import { datePart, formatNumber, type NumberFormat, ruleSpec, scopeKey } from '../../../server/src/platform/numbering/numbering.js';
import { nextDate, zonedDayStart, zonedParts } from '../../../server/src/platform/numbering/time.js';
import { holidayFactor } from './catalog.js';
import { generateOrder, type OrderContext, type OrderStats, SiteSim } from './orders.js';
import { buildOrganisation } from './org.js';
import { type CustomSize, DATASET_SIZES, type DatasetSize, planOf } from './plan.js';
import { Rng, WeightedTable } from './random.js';
import { BulkWriter } from './writer.js';

/**
 * The benchmark data generator (issue 5): a department's records — sites, their location
 * trees, staff, assets, and years of repair requests with every step, deadline, labour
 * entry, material line and rating — added to a migrated database that holds the demo
 * organisation. Seeded: the same seed, size and `now` give the same rows, ids included.
 * See bench/README.md, "Data generator".
 */
export type { CustomSize, DatasetSize };
export { DATASET_SIZES };

export interface DatasetSummary {
  size: DatasetSize | 'custom';
  seed: number;
  /** sites with generated orders (the demo stores included) */
  sites: number;
  /** locations, assets… written by this run */
  locations: number;
  assets: number;
  workOrders: number;
  events: number;
  labour: number;
  materials: number;
  /** orders rated (态度/质量/效率), of which some with a comment */
  ratings: number;
  totalRows: number;
  seconds: number;
  rowsPerSecond: number;
  /** rows written per table */
  byTable: Record<string, number>;
  /** orders by status at `now` */
  byStatus: Record<string, number>;
  /** the generated period: [from, now) */
  from: string;
  now: string;
  /** demo users who were given the generated sites of their city (see README) */
  sharedUsers: string[];
}

export interface GenerateOptions {
  size: DatasetSize | CustomSize;
  seed?: number;
  now?: Date;
  log?: (line: string) => void;
  /** rows per transaction (default 5,000) */
  transactionRows?: number;
}

export const DEFAULT_SEED = 20_260_401;
/** app_meta key recording what was generated into this database */
export const GENERATED_KEY = 'bench.generated';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const TICK = 60_000;

function localDate(at: number, timeZone: string): string {
  const p = zonedParts(new Date(at), timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

function zoneOffset(at: number, timeZone: string): number {
  const p = zonedParts(new Date(at), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at / 1000) * 1000;
}

export async function generateDataset(db: Db, opts: GenerateOptions): Promise<DatasetSummary> {
  const started = performance.now();
  const seed = opts.seed ?? DEFAULT_SEED;
  const rng = new Rng(seed);
  const nowMs = (opts.now ?? new Date()).getTime();
  const log = opts.log ?? (() => undefined);
  const engine = engineOf(db);

  const marker = await db.selectFrom('app_meta').select('value').where('key', '=', GENERATED_KEY).executeTakeFirst();
  if (marker) throw new Error(`this database already holds generated data (${marker.value}); generate into a fresh one`);

  const plan = planOf(opts.size, rng);
  const timeZone = 'Asia/Shanghai';
  const firstDate = localDate(nowMs - (plan.days - 1) * DAY, timeZone);
  const from = zonedDayStart(firstDate, timeZone).getTime();
  // the group set the sites up a month before the first order of the period
  const setupAt = from - 30 * DAY;
  if (engine === 'sqlite') await sql`pragma cache_size = -262144`.execute(db);
  const writer = new BulkWriter(db, opts.transactionRows ?? 5000);

  try {
    const org = await buildOrganisation(db, writer, rng, { plans: plan.sites, setupAt });
    log(
      `${plan.sites.length} sites (${org.newSites} new): ${writer.counts.locations ?? 0} locations, ${writer.counts.assets ?? 0} assets, ${writer.counts.users ?? 0} users`,
    );

    const [standards, rule, counterRows] = await Promise.all([
      db
        .selectFrom('work_standards')
        .select(['category', 'standard_minutes'])
        .where('org_id', '=', org.orgId)
        .where('active', '=', 1)
        .execute(),
      db.selectFrom('numbering_rules').selectAll().where('org_id', '=', org.orgId).where('code', '=', 'WX').executeTakeFirstOrThrow(),
      db.selectFrom('numbering_counters').select(['rule_id', 'scope_key', 'value']).execute(),
    ]);
    const spec = ruleSpec(rule);
    const existing = new Map(counterRows.filter((c) => c.rule_id === rule.id).map((c) => [c.scope_key, Number(c.value)]));
    const issued = new Map<string, number>();

    const stats: OrderStats = { workOrders: 0, events: 0, labour: 0, materials: 0, timers: 0, ratings: 0, comments: 0, byStatus: {} };
    const phase = rng.int(0, TICK - 1);
    const ctx: OrderContext = {
      rng,
      writer,
      orgId: org.orgId,
      now: nowMs,
      autoAcceptMs: org.autoAcceptDays * DAY,
      tick: (at) => phase + Math.ceil((at - phase) / TICK) * TICK,
      standardMinutes: Object.fromEntries(standards.map((s) => [s.category, Number(s.standard_minutes)])),
      stats,
    };
    const sims = org.sites.map((rt) => new SiteSim(rt, zoneOffset(nowMs, rt.hours.timeZone)));
    const hours = new Map(sims.map((s) => [s.rt.id, new WeightedTable(s.rt.profile.hours.map((w, h) => [h, w] as const))]));
    const weekdayMean = new Map(sims.map((s) => [s.rt.id, s.rt.profile.weekdays.reduce((a, w) => a + w, 0) / 7]));

    let date = firstDate;
    let lastLog = performance.now();
    for (let d = 0; d < plan.days; d++, date = nextDate(date)) {
      const [, month, day] = date.split('-').map(Number) as [number, number, number];
      for (const sim of sims) {
        const rt = sim.rt;
        const dayStart = zonedDayStart(date, rt.hours.timeZone).getTime();
        const dow = (new Date(dayStart + sim.offset).getUTCDay() + 6) % 7;
        const mean =
          ((rt.ordersPerDay * (rt.profile.weekdays[dow] as number)) / (weekdayMean.get(rt.id) as number)) *
          holidayFactor(rt.kind, month - 1, day);
        const n = rng.poisson(mean);
        const times: number[] = [];
        const table = hours.get(rt.id) as WeightedTable<number>;
        for (let i = 0; i < n; i++) {
          const at = dayStart + table.draw(rng) * 60 * MIN + Math.floor(rng.next() * 60 * MIN);
          if (at <= nowMs - MIN) times.push(at);
        }
        if (!times.length) continue;
        times.sort((a, b) => a - b);
        const noon = new Date(dayStart + 12 * 60 * MIN);
        const key = scopeKey(spec, rt.id, noon, rt.hours.timeZone);
        // every order of the site-day shares the date part: resolved once (zone arithmetic is slow), then the rule's own format
        const dayFormat: NumberFormat = {
          prefix: [spec.prefix, datePart(spec.dateFormat, noon, rt.hours.timeZone)].filter(Boolean).join('-'),
          dateFormat: '',
          seqWidth: spec.seqWidth,
        };
        let seq = (existing.get(key) ?? 0) + (issued.get(key) ?? 0);
        for (const at of times) {
          generateOrder(ctx, sim, at, formatNumber(dayFormat, ++seq, new Date(at), rt.hours.timeZone));
          await writer.maybeFlush();
        }
        issued.set(key, seq - (existing.get(key) ?? 0));
      }
      if (performance.now() - lastLog > 10_000 || d === plan.days - 1) {
        lastLog = performance.now();
        const rows = Object.values(writer.counts).reduce((a, n) => a + n, 0);
        const secs = (performance.now() - started) / 1000;
        log(`${date}: ${stats.workOrders} orders, ${rows} rows written, ${Math.round(rows / secs)} rows/s`);
      }
    }

    // the WX counters carry on after the generated numbers, so the next request continues the sequence
    for (const [key, n] of issued) {
      if (!existing.has(key)) writer.add('numbering_counters', { rule_id: rule.id, scope_key: key, value: n });
    }
    await writer.drain();
    for (const [key, n] of issued) {
      const before = existing.get(key);
      if (before === undefined) continue;
      await db
        .updateTable('numbering_counters')
        .set({ value: before + n })
        .where('rule_id', '=', rule.id)
        .where('scope_key', '=', key)
        .execute();
    }

    const byTable = { ...writer.counts };
    const totalRows = Object.values(byTable).reduce((a, n) => a + n, 0);
    await db
      .insertInto('app_meta')
      .values({
        key: GENERATED_KEY,
        value: JSON.stringify({ size: opts.size, seed, now: new Date(nowMs).toISOString(), workOrders: stats.workOrders, totalRows }),
      })
      .execute();
    // planner statistics for the new volume (and, on PostgreSQL, the visibility map index-only scans need)
    log('analyze');
    if (engine === 'postgres') await sql`vacuum analyze`.execute(db);
    else {
      await sql`analyze`.execute(db);
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    }
    const seconds = (performance.now() - started) / 1000;
    const summary: DatasetSummary = {
      size: typeof opts.size === 'string' ? opts.size : 'custom',
      seed,
      sites: plan.sites.length,
      locations: byTable.locations ?? 0,
      assets: byTable.assets ?? 0,
      workOrders: stats.workOrders,
      events: stats.events,
      labour: stats.labour,
      materials: stats.materials,
      ratings: stats.ratings,
      totalRows,
      seconds: Math.round(seconds * 10) / 10,
      rowsPerSecond: Math.round(totalRows / seconds),
      byTable,
      byStatus: stats.byStatus,
      from: new Date(from).toISOString(),
      now: new Date(nowMs).toISOString(),
      sharedUsers: org.sharedUsers,
    };
    return summary;
  } finally {
    if (engine === 'sqlite') await sql`pragma cache_size = -32768`.execute(db);
  }
}
