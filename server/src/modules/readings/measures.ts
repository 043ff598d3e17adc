import { type Expression, type SqlBool, sql } from 'kysely';
import type { MeterKind } from '../../../../contracts/readings.js';
import type { SummaryFactsResponse, SummaryScope } from '../../../../contracts/summary.js';
import { inScope, siteScope } from '../../platform/access/actor.js';
import type { Ctx, Db } from '../../platform/context.js';
import { notFound } from '../../platform/http/errors.js';
import { FactBuilder, scopeSites, sumBy } from '../../platform/summary/facts.js';
import { checkPeriod } from '../../platform/summary/period.js';
import { POINT_OWNER } from './points.repository.js';

/**
 * The readings module's summary facts: readings taken, readings due and missed (the
 * occurrence engine's facts for reading points), the in-band rate, deviations opened,
 * corrected and corrected within their re-check time, and consumption by meter kind.
 * Each family is one query grouped by site, so a total is the sum of its sites.
 */

const READINGS = '/readings';
const DEVIATIONS = '/readings/deviations';
const CONSUMPTION = '/readings/consumption';

export const METER_KIND_LABELS: Record<MeterKind, { zh: string; en: string }> = {
  electricity: { zh: '用电量', en: 'Electricity' },
  water: { zh: '用水量', en: 'Water' },
  gas: { zh: '用气量', en: 'Gas' },
  heat: { zh: '用热量', en: 'Heat' },
  other: { zh: '其他计量', en: 'Other meters' },
};

const n = (v: unknown) => Number(v ?? 0);
const percent = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 10 : null);

interface Scope {
  orgId: string;
  sites: 'all' | string[];
  from: string;
  to: string;
  now: string;
}

/** The scope's sites as a condition (never an empty IN list). */
function inSites(sites: 'all' | string[], column: string): Expression<SqlBool> {
  if (sites === 'all') return sql<SqlBool>`1 = 1`;
  return sites.length ? sql<SqlBool>`${sql.ref(column)} in (${sql.join(sites)})` : sql<SqlBool>`1 = 0`;
}

async function readingCounts(db: Db, s: Scope) {
  const q = db
    .selectFrom('readings as r')
    .select([
      'r.site_id',
      (eb) => eb.fn.countAll<number>().as('taken'),
      sql<number>`coalesce(sum(case when r.in_band = 1 then 1 else 0 end), 0)`.as('in_band'),
      sql<number>`coalesce(sum(case when r.in_band is not null then 1 else 0 end), 0)`.as('banded'),
    ])
    .where('r.read_at', '>=', s.from)
    .where('r.read_at', '<', s.to)
    .groupBy('r.site_id');
  const rows = await q.where(inSites(s.sites, 'r.site_id')).execute();
  return rows.map((r) => ({ siteId: r.site_id, taken: n(r.taken), inBand: n(r.in_band), banded: n(r.banded) }));
}

/** Occurrences of reading points due in the period and decided: read, or their window has ended. */
async function dueCounts(db: Db, s: Scope) {
  const q = db
    .selectFrom('occurrences as o')
    .select([
      'o.site_id',
      (eb) => eb.fn.countAll<number>().as('due'),
      sql<number>`coalesce(sum(case when o.status = 'done' and o.missed_at is null then 1 else 0 end), 0)`.as('on_time'),
      sql<number>`coalesce(sum(case when o.status = 'missed' then 1 else 0 end), 0)`.as('missed'),
    ])
    .where('o.owner_type', '=', POINT_OWNER)
    .where('o.org_id', '=', s.orgId)
    .where('o.due_at', '>=', s.from)
    .where('o.due_at', '<', s.to)
    .where('o.status', 'not in', ['skipped', 'cancelled'])
    .where((eb) => eb.or([eb('o.status', '=', 'done'), eb('o.window_end_at', '<=', s.now)]))
    .groupBy('o.site_id');
  const rows = await q.where(inSites(s.sites, 'o.site_id')).execute();
  return rows.map((r) => ({ siteId: r.site_id, due: n(r.due), onTime: n(r.on_time), missed: n(r.missed) }));
}

async function deviationCounts(db: Db, s: Scope) {
  const q = db
    .selectFrom('reading_deviations as d')
    .leftJoin('readings as rc', 'rc.id', 'd.recheck_reading_id')
    .select([
      'd.site_id',
      (eb) => eb.fn.countAll<number>().as('opened'),
      sql<number>`coalesce(sum(case when d.status = 'corrected' then 1 else 0 end), 0)`.as('corrected'),
      sql<number>`coalesce(sum(case when d.status = 'corrected' and d.failed_rechecks = 0 and rc.read_at <= d.recheck_due_at then 1 else 0 end), 0)`.as(
        'in_time',
      ),
    ])
    .where('d.org_id', '=', s.orgId)
    .where('d.opened_at', '>=', s.from)
    .where('d.opened_at', '<', s.to)
    .groupBy('d.site_id');
  const rows = await q.where(inSites(s.sites, 'd.site_id')).execute();
  return rows.map((r) => ({ siteId: r.site_id, opened: n(r.opened), corrected: n(r.corrected), inTime: n(r.in_time) }));
}

/** The scope's meters first (a few), then their readings by (point_id, read_at): never a walk over every reading of the sites. */
async function consumptionSums(db: Db, s: Scope) {
  const meters = await db
    .selectFrom('reading_points as p')
    .select(['p.id', 'p.site_id', 'p.meter_kind', 'p.unit'])
    .where('p.org_id', '=', s.orgId)
    .where('p.kind', '=', 'cumulative')
    .where(inSites(s.sites, 'p.site_id'))
    .execute();
  if (!meters.length) return [];
  const rows = await db
    .selectFrom('readings as r')
    .select(['r.point_id', sql<number>`coalesce(sum(r.consumption), 0)`.as('used')])
    .where(
      'r.point_id',
      'in',
      meters.map((m) => m.id),
    )
    .where('r.read_at', '>=', s.from)
    .where('r.read_at', '<', s.to)
    .groupBy('r.point_id')
    .execute();
  const used = new Map(rows.map((r) => [r.point_id, n(r.used)]));
  return meters.map((m) => ({ siteId: m.site_id, kind: (m.meter_kind ?? 'other') as MeterKind, unit: m.unit, used: used.get(m.id) ?? 0 }));
}

/** The readings facts of a scope (only sites where the actor reads readings count). */
export async function readingFacts(ctx: Ctx, scope: SummaryScope): Promise<SummaryFactsResponse> {
  const orgId = ctx.actor.orgId;
  const now = ctx.clock.now().toISOString();
  const readable = siteScope(ctx.actor, 'readings:read');
  const sitesOf: 'all' | string[] =
    scope.siteIds === 'all' ? readable : readable === 'all' ? scope.siteIds : scope.siteIds.filter((id) => readable.includes(id));
  const s: Scope = { orgId, sites: sitesOf, from: scope.from, to: scope.to, now };
  const db = ctx.db;
  const sites = await scopeSites(db, orgId, s.sites);
  // the sites by id even for "all": (site_id, read_at, in_band) then answers the counts from the index alone
  s.sites = sites.map((x) => x.id);
  const [readings, due, deviations, consumption] = await Promise.all([
    readingCounts(db, s),
    dueCounts(db, s),
    deviationCounts(db, s),
    consumptionSums(db, s),
  ]);
  const base: [string, string][] = scope.siteIds === 'all' ? [] : sites.map((x): [string, string] => ['siteId', x.id]);
  const period = { from: scope.from, to: scope.to };
  const f = new FactBuilder(sites, READINGS, base);
  const dev = new FactBuilder(sites, DEVIATIONS, base);
  const use = new FactBuilder(sites, CONSUMPTION, base);

  f.count(
    'readings.taken',
    { zh: '读数次数', en: 'Readings taken' },
    sumBy(readings, (r) => r.taken),
    f.link(period),
    '期间内录入的读数条数（手机、批量、导入、设备推送）',
  );
  const decided = '到期时间在期间内、已读数或按时读数时限已过的应读次数（不含跳过和取消的）';
  const dueN = sumBy(due, (r) => r.due);
  f.count('readings.due', { zh: '应读次数', en: 'Readings due' }, dueN, f.link(period), decided);
  f.count(
    'readings.on_time',
    { zh: '按时读数', en: 'Read on time' },
    sumBy(due, (r) => r.onTime),
    f.link(period),
    '应读次数中在按时读数时限内录入读数的次数',
  );
  f.count(
    'readings.missed',
    { zh: '漏读次数', en: 'Readings missed' },
    sumBy(due, (r) => r.missed),
    f.link(period),
    '应读次数中时限已过仍未读数、记为漏读的次数（事后补录的算逾期读数，不计入漏读）',
  );
  f.derived(
    'readings.on_time_rate',
    { zh: '按时读数率', en: 'Readings on time' },
    'percent',
    [sumBy(due, (r) => r.onTime), dueN],
    percent,
    f.link(period),
    `按时读数 ÷ 应读次数。应读次数为${decided}`,
  );
  const banded = sumBy(readings, (r) => r.banded);
  f.derived(
    'readings.in_band_rate',
    { zh: '读数合格率', en: 'Readings in band' },
    'percent',
    [sumBy(readings, (r) => r.inBand), banded],
    percent,
    f.link({ ...period, inBand: '1' }),
    '在合格范围内的读数 ÷ 有合格范围的读数（计量表读数不计）',
  );
  f.count(
    'readings.out_of_band',
    { zh: '超范围读数', en: 'Readings out of band' },
    sumBy(readings, (r) => r.banded - r.inBand),
    f.link({ ...period, inBand: '0' }),
    '超出合格范围的读数条数（含复测不合格的读数）',
  );

  const opened = sumBy(deviations, (r) => r.opened);
  dev.count(
    'readings.deviations.opened',
    { zh: '发生偏差', en: 'Deviations opened' },
    opened,
    dev.link(period),
    '期间内因读数超出合格范围而登记的偏差数',
  );
  const corrected = sumBy(deviations, (r) => r.corrected);
  dev.count(
    'readings.deviations.corrected',
    { zh: '已纠偏', en: 'Deviations corrected' },
    corrected,
    dev.link({ ...period, status: 'corrected' }),
    '上述偏差中已填写纠偏措施且复测合格而关闭的数量',
  );
  const inTime = sumBy(deviations, (r) => r.inTime);
  dev.count(
    'readings.deviations.corrected_in_time',
    { zh: '按时纠偏', en: 'Corrected within the re-check time' },
    inTime,
    dev.link({ ...period, status: 'corrected' }),
    '上述偏差中首次复测即合格、且复测读数在复测时限内的数量',
  );
  dev.derived(
    'readings.deviations.correction_rate',
    { zh: '偏差纠正率', en: 'Deviations corrected' },
    'percent',
    [corrected, opened],
    percent,
    dev.link(period),
    '已纠偏 ÷ 发生偏差',
  );

  // one fact per meter kind and unit present: kWh and m³ never add up
  const kinds = [...new Set(consumption.map((r) => `${r.kind}\u0000${r.unit}`))].sort();
  for (const key of kinds) {
    const [kind, unit] = key.split('\u0000') as [MeterKind, string];
    const sameKind = kinds.filter((k) => k.startsWith(`${kind}\u0000`)).length > 1;
    const label = METER_KIND_LABELS[kind];
    const rows = consumption.filter((r) => r.kind === kind && r.unit === unit);
    use.count(
      `readings.consumption.${kind}${sameKind ? `.${unit}` : ''}`,
      { zh: `${label.zh}（${unit}）`, en: `${label.en} (${unit})` },
      sumBy(rows, (r) => r.used),
      use.link({ ...period, meterKind: kind }),
      '期间内该类计量表各次读数的增量之和（每次读数的用量记在读数当天）',
      'quantity',
    );
  }

  return {
    scope: { from: scope.from, to: scope.to, sites: sites.map((x) => ({ id: x.id, name: x.name })) },
    generatedAt: now,
    facts: [...f.facts, ...dev.facts, ...use.facts],
  };
}

export interface MeasuresQuery {
  from: string;
  to: string;
  siteId?: string[];
}

/** GET /readings/measures: the period is checked; a requested site outside the actor's scope answers 404. */
export async function readingMeasures(ctx: Ctx, q: MeasuresQuery): Promise<SummaryFactsResponse> {
  const period = checkPeriod(q.from, q.to);
  const wanted = q.siteId?.length ? [...new Set(q.siteId)] : null;
  if (wanted) {
    const readable = siteScope(ctx.actor, 'readings:read');
    if (wanted.some((id) => !inScope(readable, id))) throw notFound('场所');
    if ((await scopeSites(ctx.db, ctx.actor.orgId, wanted)).length !== wanted.length) throw notFound('场所');
  }
  return readingFacts(ctx, { siteIds: wanted ?? 'all', ...period });
}
