import { type SqlBool, sql } from 'kysely';
import type { ConsumptionRow, MeterKind, ReadingChartDto } from '../../../../contracts/readings.js';
import { inScope, siteScope } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import { secondsSince } from '../../platform/db/dialect.js';
import { notFound, validation } from '../../platform/http/errors.js';
import { zonedDate } from '../../platform/numbering/time.js';
import { checkPeriod } from '../../platform/summary/period.js';
import { bandOf, inBand } from './band.js';
import { readablePoint } from './points.service.js';

const DAY = 86_400_000;
export const CHART_DEFAULT_DAYS = 30;
export const CHART_DEFAULT_POINTS = 500;
export const CHART_MAX_POINTS = 5000;

export interface ChartQuery {
  from?: string;
  to?: string;
  maxPoints?: number;
}

/**
 * GET /reading-points/:id/chart: the readings of a period as they are when there are at
 * most `maxPoints` of them, otherwise one entry per time bucket (average, minimum,
 * maximum, count) grouped in SQL — one query on either engine, read from the
 * (point_id, read_at, value) index alone.
 */
export async function pointChart(ctx: Ctx, pointId: string, q: ChartQuery): Promise<ReadingChartDto> {
  const point = await readablePoint(ctx, pointId);
  const now = ctx.clock.now();
  // an empty parameter is an absent one; an unreadable end is checkPeriod's to report, so the default start then counts from now
  const to = q.to || now.toISOString();
  const end = Date.parse(to);
  const from = q.from || new Date((Number.isNaN(end) ? now.getTime() : end) - CHART_DEFAULT_DAYS * DAY).toISOString();
  const period = checkPeriod(from, to);
  const maxPoints = q.maxPoints ?? CHART_DEFAULT_POINTS;
  if (!Number.isInteger(maxPoints) || maxPoints < 10 || maxPoints > CHART_MAX_POINTS) {
    throw validation([{ field: 'maxPoints', message: `点数须为 10–${CHART_MAX_POINTS} 的整数` }]);
  }
  const band = bandOf({
    target: num(point.target),
    tolerance: num(point.tolerance),
    min: num(point.min),
    max: num(point.max),
  });
  const db = ctx.db;
  const range = db
    .selectFrom('readings')
    .where('point_id', '=', point.id)
    .where('read_at', '>=', period.from)
    .where('read_at', '<', period.to);
  const counted = await range.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const base = { pointId: point.id, unit: point.unit, from: period.from, to: period.to, band };
  if (Number(counted.n) <= maxPoints) {
    const rows = await range.select(['read_at', 'value']).orderBy('read_at').execute();
    return {
      ...base,
      bucketed: false,
      points: rows.map((r) => {
        const value = Number(r.value);
        return { at: new Date(r.read_at).toISOString(), value, min: value, max: value, count: 1, inBand: inBand(value, band) };
      }),
    };
  }
  // whole minutes, so bucket starts read well on the axis
  const spanSeconds = (Date.parse(period.to) - Date.parse(period.from)) / 1000;
  const bucketSeconds = Math.max(60, Math.ceil(spanSeconds / maxPoints / 60) * 60);
  // literals, not parameters: PostgreSQL matches the grouped expression to the selected one by its text
  // (`period.from` is checkPeriod's normalised ISO text, safe as a literal)
  const bucket = sql<number>`floor(${secondsSince(db, 'read_at', period.from)} / ${sql.lit(bucketSeconds)})`;
  const rows = await range
    .select([
      bucket.as('bucket'),
      (eb) => eb.fn.avg<number>('value').as('avg'),
      (eb) => eb.fn.min<number>('value').as('min'),
      (eb) => eb.fn.max<number>('value').as('max'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .groupBy(bucket)
    .orderBy(bucket)
    .execute();
  const start = Date.parse(period.from);
  return {
    ...base,
    bucketed: true,
    points: rows.map((r) => {
      const min = Number(r.min);
      const max = Number(r.max);
      const lowOk = inBand(min, band);
      const highOk = inBand(max, band);
      return {
        at: new Date(start + Number(r.bucket) * bucketSeconds * 1000).toISOString(),
        value: Number(r.avg),
        min,
        max,
        count: Number(r.n),
        inBand: lowOk === null ? null : lowOk && highOk === true,
      };
    }),
  };
}

const num = (v: number | null) => (v === null ? null : Number(v));

export interface ConsumptionQuery {
  siteId?: string[];
  from: string;
  to: string;
  granularity?: 'day' | 'month';
}

/**
 * GET /meters/consumption: what each site's meters of each kind used per local day or
 * month. A reading's consumption is the increase since the meter's previous reading and
 * counts on the local day it was read (a daily 08:00 reading carries the past 24 hours).
 * Summed here, not in SQL: local days in each site's zone are date arithmetic the engines
 * do not share, and meters are read a few times a day at most.
 */
export async function meterConsumption(ctx: Ctx, q: ConsumptionQuery): Promise<ConsumptionRow[]> {
  const period = checkPeriod(q.from, q.to);
  const readable = siteScope(ctx.actor, 'readings:read');
  const wanted = q.siteId?.length ? [...new Set(q.siteId)] : null;
  if (wanted?.some((id) => !inScope(readable, id))) throw notFound('场所');
  const sites = wanted ?? readable;
  // the meters first (a few), then their readings by (point_id, read_at): never a walk over every reading of the sites
  let meters = ctx.db
    .selectFrom('reading_points as p')
    .select('p.id')
    .where('p.org_id', '=', ctx.actor.orgId)
    .where('p.kind', '=', 'cumulative');
  if (sites !== 'all') meters = sites.length ? meters.where('p.site_id', 'in', sites) : meters.where(sql<SqlBool>`1 = 0`);
  const meterIds = (await meters.execute()).map((m) => m.id);
  if (!meterIds.length) return [];
  const rows = await ctx.db
    .selectFrom('readings as r')
    .innerJoin('reading_points as p', 'p.id', 'r.point_id')
    .innerJoin('sites as s', 's.id', 'r.site_id')
    .select([
      'r.site_id',
      's.name as site_name',
      's.code as site_code',
      's.timezone',
      'p.meter_kind',
      'p.unit',
      'r.read_at',
      'r.consumption',
    ])
    .where('r.point_id', 'in', meterIds)
    .where('r.consumption', 'is not', null)
    .where('r.read_at', '>=', period.from)
    .where('r.read_at', '<', period.to)
    .execute();
  const month = q.granularity === 'month';
  const out = new Map<string, ConsumptionRow & { siteCode: string }>();
  for (const r of rows) {
    const day = zonedDate(new Date(r.read_at), r.timezone);
    const periodKey = month ? day.slice(0, 7) : day;
    const kind = (r.meter_kind ?? 'other') as MeterKind;
    const key = `${r.site_id}\u0000${kind}\u0000${r.unit}\u0000${periodKey}`;
    const row = out.get(key) ?? {
      siteId: r.site_id,
      siteName: r.site_name,
      siteCode: r.site_code,
      meterKind: kind,
      unit: r.unit,
      period: periodKey,
      consumption: 0,
    };
    row.consumption += Number(r.consumption);
    out.set(key, row);
  }
  return [...out.values()]
    .sort((a, b) => a.siteCode.localeCompare(b.siteCode) || a.meterKind.localeCompare(b.meterKind) || a.period.localeCompare(b.period))
    .map(({ siteCode: _c, consumption, ...r }) => ({ ...r, consumption: Number(consumption.toPrecision(12)) }));
}
