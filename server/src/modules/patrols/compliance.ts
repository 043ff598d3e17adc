import { sql } from 'kysely';
import type { DutyComplianceDto, DutyComplianceRow } from '../../../../contracts/patrols.js';
import type { SummaryFactsResponse, SummaryScope } from '../../../../contracts/summary.js';
import { inScope, siteScope } from '../../platform/access/actor.js';
import type { Ctx, Db } from '../../platform/context.js';
import { notFound } from '../../platform/http/errors.js';
import { FactBuilder, type PerSite, sumBy } from '../../platform/summary/facts.js';
import { checkPeriod } from '../../platform/summary/period.js';
import { dictionaryLabels } from '../system/index.js';
import './schema.js';

/**
 * Duty compliance (检查职责落实, DOMAIN.md §5): the scheduled rounds due in a period — on
 * time (finished by the window's end), late (finished after it), missed (the window
 * passed before anyone started) and still open — per assignee, level and site. Ad-hoc
 * rounds (a spot check started on the spot) are no duty and are left out; so are
 * cancelled ones. A pending round whose window has passed counts as missed even before
 * the missed sweep has run.
 */

const LIST = '/patrols/rounds';

interface Group {
  siteId: string;
  level: string;
  assigneeKey: string;
  assigneeName: string;
  due: number;
  onTime: number;
  late: number;
  missed: number;
  open: number;
  skippedPoints: number;
}

const n = (v: unknown) => Number(v ?? 0);

/** The due rounds of a scope, counted by site × level × assignee in one grouped query. */
async function groups(db: Db, orgId: string, sites: 'all' | string[], from: string, to: string, now: string): Promise<Group[]> {
  if (sites !== 'all' && !sites.length) return [];
  let q = db
    .selectFrom('patrol_rounds as r')
    .select([
      'r.site_id',
      'r.level',
      'r.assignee_type',
      'r.assignee_id',
      'r.assignee_role',
      'r.assignee_name',
      (eb) => eb.fn.countAll<number>().as('due'),
      sql<number>`coalesce(sum(case when r.status = 'done' and r.finished_at <= r.window_end_at then 1 else 0 end), 0)`.as('on_time'),
      sql<number>`coalesce(sum(case when r.status = 'done' and r.finished_at > r.window_end_at then 1 else 0 end), 0)`.as('late'),
      sql<number>`coalesce(sum(case when r.status = 'missed' or (r.status = 'pending' and r.window_end_at <= ${now}) then 1 else 0 end), 0)`.as(
        'missed',
      ),
    ])
    .where('r.org_id', '=', orgId)
    .where('r.occurrence_id', 'is not', null)
    .where('r.status', '!=', 'cancelled')
    .where('r.due_at', '>=', from)
    .where('r.due_at', '<', to)
    .groupBy(['r.site_id', 'r.level', 'r.assignee_type', 'r.assignee_id', 'r.assignee_role', 'r.assignee_name']);
  if (sites !== 'all') q = q.where('r.site_id', 'in', sites);
  let skippedQ = db
    .selectFrom('patrol_round_points as p')
    .innerJoin('patrol_rounds as r', 'r.id', 'p.round_id')
    .select(['r.site_id', 'r.level', 'r.assignee_type', 'r.assignee_id', 'r.assignee_role', (eb) => eb.fn.countAll<number>().as('n')])
    .where('r.org_id', '=', orgId)
    .where('r.occurrence_id', 'is not', null)
    .where('r.status', '!=', 'cancelled')
    .where('r.due_at', '>=', from)
    .where('r.due_at', '<', to)
    .where('p.status', '=', 'skipped')
    .groupBy(['r.site_id', 'r.level', 'r.assignee_type', 'r.assignee_id', 'r.assignee_role']);
  if (sites !== 'all') skippedQ = skippedQ.where('r.site_id', 'in', sites);
  const [rows, skippedRows] = await Promise.all([q.execute(), skippedQ.execute()]);
  type Keyed = { site_id: string; level: string; assignee_type: string; assignee_id: string | null; assignee_role: string | null };
  const keyOf = (r: Keyed) => `${r.assignee_type}:${r.assignee_id ?? r.assignee_role ?? ''}`;
  const full = (r: Keyed) => `${r.site_id} ${r.level} ${keyOf(r)}`;
  const skipped = new Map(skippedRows.map((r) => [full(r), n(r.n)]));
  // a renamed assignee may show under two names: the skipped points go with the first
  const counted = new Set<string>();
  const takeSkipped = (key: string) => {
    if (counted.has(key)) return 0;
    counted.add(key);
    return skipped.get(key) ?? 0;
  };
  return rows.map((r) => {
    const due = n(r.due);
    const onTime = n(r.on_time);
    const late = n(r.late);
    const missed = n(r.missed);
    return {
      siteId: r.site_id,
      level: r.level,
      assigneeKey: keyOf(r),
      assigneeName: r.assignee_name,
      due,
      onTime,
      late,
      missed,
      open: due - onTime - late - missed,
      skippedPoints: takeSkipped(full(r)),
    };
  });
}

/** on time ÷ decided (due less the still open), in percent with one decimal */
function rateOf(onTime: number, decided: number): number | null {
  return decided > 0 ? Math.round((onTime / decided) * 1000) / 10 : null;
}

function rollUp(rows: Group[], keyOf: (g: Group) => string, labelOf: (g: Group) => string): DutyComplianceRow[] {
  const out = new Map<string, DutyComplianceRow>();
  for (const g of rows) {
    const key = keyOf(g);
    const row = out.get(key) ?? { key, label: labelOf(g), due: 0, onTime: 0, late: 0, missed: 0, open: 0, rate: null };
    row.due += g.due;
    row.onTime += g.onTime;
    row.late += g.late;
    row.missed += g.missed;
    row.open += g.open;
    out.set(key, row);
  }
  return [...out.values()]
    .map((r) => ({ ...r, rate: rateOf(r.onTime, r.due - r.open) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh'));
}

/** The actor's readable sites narrowed by the requested ones; a requested site outside them answers 404. */
async function scopeSites(ctx: Ctx, wanted: string[] | null): Promise<{ sites: { id: string; name: string }[]; scope: 'all' | string[] }> {
  const readable = siteScope(ctx.actor, 'patrols:read');
  if (wanted?.some((id) => !inScope(readable, id))) throw notFound('场所');
  const scope = wanted ?? readable;
  if (scope !== 'all' && !scope.length) return { sites: [], scope };
  let q = ctx.db.selectFrom('sites').select(['id', 'name']).where('org_id', '=', ctx.actor.orgId).orderBy('code');
  if (scope !== 'all') q = q.where('id', 'in', scope);
  const sites = await q.execute();
  if (wanted && sites.length !== wanted.length) throw notFound('场所');
  return { sites, scope };
}

export async function dutyCompliance(ctx: Ctx, q: { from: string; to: string; siteId?: string[] }): Promise<DutyComplianceDto> {
  const period = checkPeriod(q.from, q.to);
  const { sites, scope } = await scopeSites(ctx, q.siteId?.length ? [...new Set(q.siteId)] : null);
  const rows = await groups(ctx.db, ctx.actor.orgId, scope, period.from, period.to, ctx.clock.now().toISOString());
  const levels = await dictionaryLabels(ctx.db, ctx.actor.orgId, 'patrol_level');
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  const [total] = rollUp(
    rows.length ? rows : [],
    () => 'total',
    () => '合计',
  );
  return {
    ...period,
    byPerson: rollUp(
      rows,
      (g) => g.assigneeKey,
      (g) => g.assigneeName,
    ),
    byLevel: rollUp(
      rows,
      (g) => g.level,
      (g) => levels.get(g.level)?.zh ?? g.level,
    ),
    bySite: rollUp(
      rows,
      (g) => g.siteId,
      (g) => siteName.get(g.siteId) ?? '',
    ),
    total: total ?? { key: 'total', label: '合计', due: 0, onTime: 0, late: 0, missed: 0, open: 0, rate: null },
  };
}

/** The patrol module's summary facts for a scope (only sites the actor reads patrols on count). */
export async function patrolFacts(ctx: Ctx, scope: SummaryScope): Promise<SummaryFactsResponse> {
  const wanted = scope.siteIds === 'all' ? null : scope.siteIds;
  const readable = siteScope(ctx.actor, 'patrols:read');
  const narrowed = wanted === null ? null : readable === 'all' ? wanted : wanted.filter((id) => readable.includes(id));
  const { sites, scope: siteIds } = await scopeSites(ctx, narrowed);
  const now = ctx.clock.now().toISOString();
  const rows = await groups(ctx.db, ctx.actor.orgId, siteIds, scope.from, scope.to, now);
  const levels = await dictionaryLabels(ctx.db, ctx.actor.orgId, 'patrol_level');
  const base: [string, string][] = scope.siteIds === 'all' ? [] : sites.map((x): [string, string] => ['siteId', x.id]);
  const f = new FactBuilder(sites, LIST, base);
  const period = { from: scope.from, to: scope.to };
  const decided = (g: Group) => g.due - g.open;
  const rate = (a: number, b: number) => rateOf(a, b);

  const due = sumBy(rows, (g) => g.due);
  const onTime = sumBy(rows, (g) => g.onTime);
  const dueText = '到期时间在期间内的计划巡检（不含临时发起的巡检和已取消的）';
  f.count('patrols.rounds.due', { zh: '应巡检次数', en: 'Rounds due' }, due, f.link(period), `${dueText}数`);
  f.count(
    'patrols.rounds.onTime',
    { zh: '按时完成巡检', en: 'Rounds on time' },
    onTime,
    f.link({ ...period, status: 'done', onTime: '1' }),
    '应巡检中在完成时限（到期时间加时限分钟数）内结束的次数',
  );
  f.count(
    'patrols.rounds.late',
    { zh: '逾期完成巡检', en: 'Rounds late' },
    sumBy(rows, (g) => g.late),
    f.link({ ...period, status: 'done', onTime: '0' }),
    '应巡检中超过完成时限才结束的次数',
  );
  f.count(
    'patrols.rounds.missed',
    { zh: '漏检次数', en: 'Rounds missed' },
    sumBy(rows, (g) => g.missed),
    f.link({ ...period, status: 'missed' }),
    '应巡检中完成时限已过仍未开始、记为漏检的次数',
  );
  const decidedN: PerSite = sumBy(rows, decided);
  f.derived(
    'patrols.duty_rate',
    { zh: '检查职责落实率', en: 'Duty compliance' },
    'percent',
    [onTime, decidedN],
    rate,
    f.link(period),
    '按时完成巡检 ÷（应巡检次数 − 仍在时限内未结束的次数）',
  );
  for (const [code, label] of [...levels].sort((a, b) => a[1].sort - b[1].sort)) {
    const of = (g: Group) => g.level === code;
    if (!rows.some(of)) continue;
    f.derived(
      `patrols.duty_rate.level.${code}`,
      { zh: `${label.zh}落实率`, en: `${label.en} compliance` },
      'percent',
      [sumBy(rows, (g) => g.onTime, of), sumBy(rows, decided, of)],
      rate,
      f.link({ ...period, level: code }),
      `「${label.zh}」层级的按时完成巡检 ÷ 已到期限的应巡检次数`,
    );
  }
  f.count(
    'patrols.points.skipped',
    { zh: '跳过的巡检点位', en: 'Points skipped' },
    sumBy(rows, (g) => g.skippedPoints),
    f.link(period),
    '应巡检中跳过（含结束巡检时仍未签到）的点位数',
  );
  return { scope: { ...period, sites }, generatedAt: now, facts: f.facts };
}

/** GET /patrols/measures: the period checked like every measures request, sites narrowed by `siteId` (404 outside the actor's). */
export async function patrolMeasures(ctx: Ctx, q: { from: string; to: string; siteId?: string[] }): Promise<SummaryFactsResponse> {
  const period = checkPeriod(q.from, q.to);
  const wanted = q.siteId?.length ? [...new Set(q.siteId)] : null;
  if (wanted) await scopeSites(ctx, wanted);
  return patrolFacts(ctx, { siteIds: wanted ?? 'all', ...period });
}
