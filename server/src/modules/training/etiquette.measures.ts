import { type SqlBool, sql } from 'kysely';
import type { SummaryFact, SummaryScope } from '../../../../contracts/summary.js';
import { type SiteScope, siteScope } from '../../platform/access/actor.js';
import type { Ctx, Db } from '../../platform/context.js';
import { FactBuilder } from '../../platform/summary/facts.js';
import './etiquette.schema.js';
import { DEPARTMENT_NOTE } from './measures.js';
import { staffOf } from './sessions.repository.js';

/**
 * The etiquette checks' summary facts: checks made in the period, people checked and the
 * average score. A person is a user, or a name with its department or counter written out;
 * someone checked at two sites counts at each, and once in the total. With a department,
 * only checks of its staff count (users.department_id of the person checked).
 */

const LIST = '/etiquette';

/** one person: the user, or the written-out name and unit */
const personKey = sql<string>`coalesce(e.person_id, 'name:' || e.person_name || '|' || coalesce(e.person_unit, ''))`;

function effectiveSites(ctx: Ctx, wanted: SummaryScope['siteIds']): SiteScope {
  const readable = siteScope(ctx.actor, 'safety:read');
  if (wanted === 'all') return readable;
  return readable === 'all' ? wanted : wanted.filter((id) => readable.includes(id));
}

function inPeriod(db: Db, orgId: string, sites: SiteScope, from: string, to: string, departmentId: string | null) {
  let q = db
    .selectFrom('etiquette_checks as e')
    .where('e.org_id', '=', orgId)
    .where('e.checked_at', '>=', from)
    .where('e.checked_at', '<', to);
  if (sites !== 'all') q = sites.length ? q.where('e.site_id', 'in', sites) : q.where(sql<SqlBool>`1 = 0`);
  // a name written out (no user) has no department on record: only checked users can be the department's
  if (departmentId) q = q.where('e.person_id', 'in', staffOf(db, orgId, departmentId));
  return q;
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/** The module's summary facts (contracts/summary.ts): etiquette.checks, etiquette.people, etiquette.average_score. */
export async function etiquetteFacts(ctx: Ctx, scope: SummaryScope): Promise<SummaryFact[]> {
  const orgId = ctx.actor.orgId;
  const db = ctx.db;
  const sitesIn = effectiveSites(ctx, scope.siteIds);
  const departmentId = scope.departmentId ?? null;
  let siteQuery = db.selectFrom('sites').select(['id', 'name']).where('org_id', '=', orgId).orderBy('code');
  if (sitesIn !== 'all') siteQuery = sitesIn.length ? siteQuery.where('id', 'in', sitesIn) : siteQuery.where(sql<SqlBool>`1 = 0`);
  const [sites, perSite, total] = await Promise.all([
    siteQuery.execute(),
    inPeriod(db, orgId, sitesIn, scope.from, scope.to, departmentId)
      .select([
        'e.site_id',
        (eb) => eb.fn.countAll<number>().as('n'),
        sql<number>`coalesce(sum(e.score), 0)`.as('scores'),
        sql<number>`count(distinct ${personKey})`.as('people'),
      ])
      .groupBy('e.site_id')
      .execute(),
    inPeriod(db, orgId, sitesIn, scope.from, scope.to, departmentId)
      .select(sql<number>`count(distinct ${personKey})`.as('people'))
      .executeTakeFirst(),
  ]);
  const count = new Map(perSite.map((r) => [r.site_id, Number(r.n)]));
  const scores = new Map(perSite.map((r) => [r.site_id, Number(r.scores)]));
  const people = new Map(perSite.map((r) => [r.site_id, Number(r.people)]));
  const base: [string, string][] = scope.siteIds === 'all' ? [] : sites.map((s): [string, string] => ['siteId', s.id]);
  const f = new FactBuilder(sites, LIST, base);
  // with a department the list shows the checks of its staff, the ones counted
  const link = f.link({ from: scope.from, to: scope.to, ...(departmentId ? { departmentId } : {}) });
  f.count('etiquette.checks', { zh: '礼仪检查', en: 'Etiquette checks' }, count, link, '检查时间在期间内的仪容仪表、礼貌礼仪检查次数');
  f.value(
    'etiquette.people',
    { zh: '礼仪检查人数', en: 'People checked for etiquette' },
    'count',
    (id) => people.get(id) ?? 0,
    Number(total?.people ?? 0),
    link,
    '期间内被检查的人数（同一人多次检查只计一次；在两个场所被检查的人，各场所各计一次，合计只计一次）',
  );
  f.derived(
    'etiquette.average_score',
    { zh: '礼仪检查平均分', en: 'Average etiquette score' },
    'score',
    [scores, count],
    (sum, n) => (n ? round1(sum / n) : null),
    link,
    '期间内各次礼仪检查得分的平均值（每次得分 = 合格项 ÷ 适用项 × 100）',
  );
  return departmentId ? f.facts.map((x) => ({ ...x, formula: `${x.formula}。${DEPARTMENT_NOTE}（被检查人为该部门的用户）` })) : f.facts;
}
