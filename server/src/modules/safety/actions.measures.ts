import { type SqlBool, sql } from 'kysely';
import type { SummaryFact, SummaryScope } from '../../../../contracts/summary.js';
import type { Ctx } from '../../platform/context.js';
import { FactBuilder, scopeSites, sumBy } from '../../platform/summary/facts.js';
import { siteTodaySql } from '../hazards/dates.js';
import { onTimeSql, orgTimezones, overdueSql } from './actions.repository.js';
import { effectiveSites } from './scope.js';

/**
 * The action items' summary facts: the items made in the period (not cancelled), how many
 * of them are verified and verified on time (as of now); and what is owed now, whenever
 * it was made: open (待落实 or 待验证) and overdue — the safety page's "what is open".
 * Each family is one query grouped by site, so a total is the sum of its sites.
 */

const LIST = '/safety/actions';
const n = (v: unknown) => Number(v ?? 0);
const percent = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 1000) / 10);
const sum = (cond: ReturnType<typeof sql<SqlBool>>) => sql<number>`coalesce(sum(case when ${cond} then 1 else 0 end), 0)`;

interface ActionCount {
  siteId: string;
  total: number;
  verified: number;
  onTime: number;
  open: number;
  overdue: number;
}

export async function actionFacts(ctx: Ctx, scope: SummaryScope): Promise<SummaryFact[]> {
  const orgId = ctx.actor.orgId;
  const db = ctx.db;
  const wanted = effectiveSites(ctx, scope.siteIds);
  const today = siteTodaySql(await orgTimezones(db, orgId), ctx.clock.now());
  // made in the period: how many, verified, on time
  let made = db
    .selectFrom('action_items as i')
    .select([
      'i.site_id',
      (eb) => eb.fn.countAll<number>().as('n'),
      sum(sql<SqlBool>`i.status = 'verified'`).as('verified'),
      sum(onTimeSql() as never).as('on_time'),
    ])
    .where('i.org_id', '=', orgId)
    .where('i.status', '<>', 'cancelled')
    .where('i.created_at', '>=', scope.from)
    .where('i.created_at', '<', scope.to)
    .groupBy('i.site_id');
  // still owed now, whenever made
  let owed = db
    .selectFrom('action_items as i')
    .innerJoin('sites as s', 's.id', 'i.site_id')
    .select(['i.site_id', (eb) => eb.fn.countAll<number>().as('n'), sum(overdueSql(today) as never).as('overdue')])
    .where('i.org_id', '=', orgId)
    .where('i.status', 'in', ['open', 'submitted'])
    .groupBy('i.site_id');
  if (wanted !== 'all') {
    made = wanted.length ? made.where('i.site_id', 'in', wanted) : made.where(sql<SqlBool>`1 = 0`);
    owed = wanted.length ? owed.where('i.site_id', 'in', wanted) : owed.where(sql<SqlBool>`1 = 0`);
  }
  const [madeRows, owedRows, sites] = await Promise.all([made.execute(), owed.execute(), scopeSites(db, orgId, wanted)]);
  const counts: ActionCount[] = [
    ...madeRows.map((r) => ({ siteId: r.site_id, total: n(r.n), verified: n(r.verified), onTime: n(r.on_time), open: 0, overdue: 0 })),
    ...owedRows.map((r) => ({ siteId: r.site_id, total: 0, verified: 0, onTime: 0, open: n(r.n), overdue: n(r.overdue) })),
  ];
  const base: [string, string][] = scope.siteIds === 'all' ? [] : sites.map((x): [string, string] => ['siteId', x.id]);
  const f = new FactBuilder(sites, LIST, base);
  const period = { from: scope.from, to: scope.to };
  const total = sumBy(counts, (r) => r.total);
  const verified = sumBy(counts, (r) => r.verified);
  const onTime = sumBy(counts, (r) => r.onTime);
  f.count(
    'actions.total',
    { zh: '整改措施', en: 'Action items' },
    total,
    f.link({ ...period, status: 'open,submitted,verified' }),
    '期间内为意外事件和演练制定的纠正、预防和改进措施数，不含已取消的',
  );
  f.count(
    'actions.verified',
    { zh: '已验证措施', en: 'Action items verified' },
    verified,
    f.link({ ...period, status: 'verified' }),
    '期间内制定的措施中，截至当前已落实并验证通过的数量',
  );
  f.count(
    'actions.on_time',
    { zh: '按期完成措施', en: 'Action items done on time' },
    onTime,
    f.link({ ...period, status: 'verified', onTime: '1' }),
    '已验证的措施中，最终验证通过的那次落实情况不晚于完成期限当日（场所当地日期）提交的数量',
  );
  f.derived(
    'actions.on_time_rate',
    { zh: '措施按期完成率', en: 'Action items on-time rate' },
    'percent',
    [onTime, verified],
    percent,
    f.link({ ...period, status: 'verified', onTime: '1' }),
    '按期完成措施 ÷ 已验证措施',
  );
  f.count(
    'actions.open',
    { zh: '未完成措施', en: 'Action items open' },
    sumBy(counts, (r) => r.open),
    f.link({ status: 'open,submitted' }),
    '截至当前仍待落实或待验证的措施数（不论何时制定）',
  );
  f.count(
    'actions.overdue',
    { zh: '逾期未落实措施', en: 'Action items overdue' },
    sumBy(counts, (r) => r.overdue),
    f.link({ overdue: '1' }),
    '截至当前仍待落实（未提交落实情况）且已过完成期限（场所当地日期）的措施数（不论何时制定）',
  );
  return f.facts;
}
