import { type SqlBool, sql } from 'kysely';
import type { SafetyEventDto } from '../../../../contracts/safety.js';
import type { SummaryFact, SummaryScope } from '../../../../contracts/summary.js';
import { siteScope } from '../../platform/access/actor.js';
import type { Ctx, Db } from '../../platform/context.js';
import { FactBuilder, type PerSite, scopeSites, sumBy } from '../../platform/summary/facts.js';
import { checkPeriod } from '../../platform/summary/period.js';
import { dictionaryLabels } from '../system/index.js';
import { mean, percent } from './common.js';
import { staffOf } from './sessions.repository.js';
import { sessionStatus } from './sessions.service.js';
import { spotCheckStatus } from './spotchecks.service.js';
import './schema.js';

/**
 * The training module's summary facts and calendar events, for the safety page, the
 * work summary and the calendar. Sessions count by their start in the period (cancelled
 * ones never); attendance is the sign-ins to those sessions; spot checks count by when
 * they were made; attempts, people, passes and scores by when the attempt was submitted.
 * Every family is one query grouped by site, so a total is the sum of its sites (people:
 * distinct over the whole scope, as one person may take checks on two sites). With a
 * department, attendance and attempts count only its staff (users.department_id); the
 * sessions and spot checks themselves are counted as they are.
 */

const SESSIONS = '/training/sessions';
const SPOT_CHECKS = '/training/spot-checks';
const n = (v: unknown) => Number(v ?? 0);

/** The actor's safety:read sites intersected with the requested ones. */
function effectiveSites(ctx: Ctx, wanted: SummaryScope['siteIds'] | null | undefined): 'all' | string[] {
  const readable = siteScope(ctx.actor, 'safety:read');
  if (!wanted || wanted === 'all') return readable;
  return readable === 'all' ? wanted : wanted.filter((id) => readable.includes(id));
}

// biome-ignore lint/suspicious/noExplicitAny: narrows any query with a site column
function onSites<Q extends { where: (...args: any[]) => Q }>(q: Q, column: string, sites: 'all' | string[]): Q {
  if (sites === 'all') return q;
  return sites.length ? q.where(column, 'in', sites) : q.where(sql<SqlBool>`1 = 0`);
}

// biome-ignore lint/suspicious/noExplicitAny: narrows any query with a person (user id) column
function ofDepartment<Q extends { where: (...args: any[]) => Q }>(
  db: Db,
  q: Q,
  column: string,
  orgId: string,
  departmentId: string | null,
): Q {
  return departmentId ? q.where(column, 'in', staffOf(db, orgId, departmentId)) : q;
}

/** said after the formula of a figure about people when the scope names a department */
export const DEPARTMENT_NOTE = '按部门统计：只计该部门人员';

interface Counts {
  sessions: { siteId: string; type: string; count: number }[];
  attendance: { siteId: string; count: number }[];
  checks: { siteId: string; count: number }[];
  attempts: { siteId: string; count: number; passed: number; scoreSum: number; people: number }[];
  peopleTotal: number;
}

async function counts(
  db: Db,
  orgId: string,
  sites: 'all' | string[],
  from: string,
  to: string,
  departmentId: string | null,
): Promise<Counts> {
  const sessions = onSites(
    db
      .selectFrom('training_sessions as s')
      .select(['s.site_id', 's.type', (eb) => eb.fn.countAll<number>().as('n')])
      .where('s.org_id', '=', orgId)
      .where('s.status', '<>', 'cancelled')
      .where('s.starts_at', '>=', from)
      .where('s.starts_at', '<', to)
      .groupBy(['s.site_id', 's.type']),
    's.site_id',
    sites,
  );
  const attendance = onSites(
    ofDepartment(
      db,
      db
        .selectFrom('training_attendees as a')
        .innerJoin('training_sessions as s', 's.id', 'a.session_id')
        .select(['s.site_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('s.org_id', '=', orgId)
        .where('s.status', '<>', 'cancelled')
        .where('s.starts_at', '>=', from)
        .where('s.starts_at', '<', to)
        .where('a.signed_in_at', 'is not', null)
        .groupBy('s.site_id'),
      'a.user_id',
      orgId,
      departmentId,
    ),
    's.site_id',
    sites,
  );
  const checks = onSites(
    db
      .selectFrom('spot_checks as c')
      .select(['c.site_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('c.org_id', '=', orgId)
      .where('c.created_at', '>=', from)
      .where('c.created_at', '<', to)
      .groupBy('c.site_id'),
    'c.site_id',
    sites,
  );
  const submitted = <T>(q: T) =>
    ofDepartment(
      db,
      // biome-ignore lint/suspicious/noExplicitAny: the same conditions on two select shapes
      (q as any)
        .where('q.org_id', '=', orgId)
        .where('q.submitted_at', 'is not', null)
        .where('q.submitted_at', '>=', from)
        .where('q.submitted_at', '<', to),
      'q.user_id',
      orgId,
      departmentId,
    ) as T;
  const attempts = onSites(
    submitted(
      db
        .selectFrom('quiz_attempts as q')
        .select([
          'q.site_id',
          (eb) => eb.fn.countAll<number>().as('n'),
          sql<number>`coalesce(sum(q.passed), 0)`.as('passed'),
          sql<number>`coalesce(sum(q.score), 0)`.as('score_sum'),
          sql<number>`count(distinct q.user_id)`.as('people'),
        ])
        .groupBy('q.site_id'),
    ),
    'q.site_id',
    sites,
  );
  const people = onSites(
    submitted(db.selectFrom('quiz_attempts as q').select(sql<number>`count(distinct q.user_id)`.as('people'))),
    'q.site_id',
    sites,
  );
  const [s, a, c, q, p] = await Promise.all([
    sessions.execute(),
    attendance.execute(),
    checks.execute(),
    attempts.execute(),
    people.executeTakeFirst(),
  ]);
  return {
    sessions: s.map((r) => ({ siteId: r.site_id, type: r.type, count: n(r.n) })),
    attendance: a.map((r) => ({ siteId: r.site_id, count: n(r.n) })),
    checks: c.map((r) => ({ siteId: r.site_id, count: n(r.n) })),
    attempts: q.map((r) => ({ siteId: r.site_id, count: n(r.n), passed: n(r.passed), scoreSum: n(r.score_sum), people: n(r.people) })),
    peopleTotal: n(p?.people),
  };
}

/** The module's summary facts (contracts/summary.ts): training.* keys, per site and in total, each linking to its records. */
export async function trainingFacts(ctx: Ctx, scope: SummaryScope): Promise<SummaryFact[]> {
  const orgId = ctx.actor.orgId;
  const sites = effectiveSites(ctx, scope.siteIds);
  const [siteList, c, types] = await Promise.all([
    scopeSites(ctx.db, orgId, sites),
    counts(ctx.db, orgId, sites, scope.from, scope.to, scope.departmentId ?? null),
    dictionaryLabels(ctx.db, orgId, 'training_type'),
  ]);
  const base: [string, string][] = scope.siteIds === 'all' ? [] : siteList.map((x): [string, string] => ['siteId', x.id]);
  const period = { from: scope.from, to: scope.to };
  const held = { ...period, status: 'planned,done' };
  // the figures about people link to the records of the department's staff only, as they count them
  const staff: Record<string, string> = scope.departmentId ? { departmentId: scope.departmentId } : {};
  const submitted = { submittedFrom: scope.from, submittedTo: scope.to, ...staff };
  const s = new FactBuilder(siteList, SESSIONS, base);
  const k = new FactBuilder(siteList, SPOT_CHECKS, base);

  s.count(
    'training.sessions',
    { zh: '培训场次', en: 'Training sessions' },
    sumBy(c.sessions, (r) => r.count),
    s.link(held),
    '期间内开始的培训场次，不含已取消的',
  );
  const codes = [...new Set([...types.keys(), ...c.sessions.map((r) => r.type)])];
  for (const code of codes) {
    const label = types.get(code);
    s.count(
      `training.sessions.type.${code}`,
      { zh: `培训场次（${label?.zh ?? code}）`, en: `Training sessions (${label?.en ?? code})` },
      sumBy(
        c.sessions,
        (r) => r.count,
        (r) => r.type === code,
      ),
      s.link({ ...held, type: code }),
      `期间内开始、培训类型为“${label?.zh ?? code}”的培训场次，不含已取消的`,
    );
  }
  s.count(
    'training.attendance',
    { zh: '培训签到人次', en: 'Training attendance' },
    sumBy(c.attendance, (r) => r.count),
    s.link({ ...held, ...staff }),
    '期间内开始的培训（不含已取消）的签到人次：扫码签到与补签',
  );

  k.count(
    'training.spot_checks',
    { zh: '知识抽查次数', en: 'Knowledge spot checks' },
    sumBy(c.checks, (r) => r.count),
    k.link(period),
    '期间内发起的知识抽查次数',
  );
  const attempts: PerSite = sumBy(c.attempts, (r) => r.count);
  const passed: PerSite = sumBy(c.attempts, (r) => r.passed);
  const scoreSum: PerSite = sumBy(c.attempts, (r) => r.scoreSum);
  k.count(
    'training.spot_checks.attempts',
    { zh: '抽查答卷数', en: 'Spot-check attempts' },
    attempts,
    k.link(submitted),
    '期间内提交的答卷份数',
  );
  const people = new Map(c.attempts.map((r) => [r.siteId, r.people]));
  k.value(
    'training.spot_checks.people',
    { zh: '参加抽查人数', en: 'People spot-checked' },
    'count',
    (id) => people.get(id) ?? 0,
    c.peopleTotal,
    k.link(submitted),
    '期间内提交过答卷的人数（同一人多次只计一次；合计按人去重，可能小于各场所之和）',
  );
  k.count(
    'training.spot_checks.passed',
    { zh: '抽查合格答卷', en: 'Spot-check attempts passed' },
    passed,
    k.link(submitted),
    '期间内提交的答卷中，得分达到及格分的份数',
  );
  k.derived(
    'training.spot_checks.pass_rate',
    { zh: '抽查合格率', en: 'Spot-check pass rate' },
    'percent',
    [passed, attempts],
    percent,
    k.link(submitted),
    '合格答卷 ÷ 提交的答卷',
  );
  k.derived(
    'training.spot_checks.average_score',
    { zh: '抽查平均分', en: 'Spot-check average score' },
    'score',
    [scoreSum, attempts],
    mean,
    k.link(submitted),
    '期间内提交的答卷得分之和 ÷ 答卷份数（百分制，保留一位小数）',
  );
  const facts = [...s.facts, ...k.facts];
  if (!scope.departmentId) return facts;
  // sessions and spot checks are the department's whatever it is; attendance and answers are people's
  return facts.map((f) => (PEOPLE_FACTS.has(f.key) ? { ...f, formula: `${f.formula}。${DEPARTMENT_NOTE}` } : f));
}

const PEOPLE_FACTS = new Set([
  'training.attendance',
  'training.spot_checks.attempts',
  'training.spot_checks.people',
  'training.spot_checks.passed',
  'training.spot_checks.pass_rate',
  'training.spot_checks.average_score',
]);

export interface EventRange {
  from: string;
  to: string;
  /** the sites asked for; absent, null or 'all': every site the actor reads safety records of */
  siteIds?: string[] | 'all' | null;
}

/**
 * Calendar events of training: sessions overlapping the range (kind 'training', at the
 * start, with the end; cancelled ones are no event) and spot checks due in it (kind
 * 'spot_check', at the due time), on the actor's safety:read sites.
 */
export async function trainingEvents(ctx: Ctx, range: EventRange): Promise<SafetyEventDto[]> {
  const orgId = ctx.actor.orgId;
  const sites = effectiveSites(ctx, range.siteIds);
  // the caller's range, checked like any period (Chinese messages, never a RangeError)
  const { from, to } = checkPeriod(range.from, range.to);
  const [sessions, checks] = await Promise.all([
    onSites(
      ctx.db
        .selectFrom('training_sessions as s')
        .innerJoin('sites as site', 'site.id', 's.site_id')
        .select(['s.id', 's.site_id', 'site.name as site_name', 's.title', 's.type', 's.starts_at', 's.ends_at', 's.status'])
        .where('s.org_id', '=', orgId)
        .where('s.status', '<>', 'cancelled')
        .where('s.starts_at', '<', to)
        .where('s.ends_at', '>', from),
      's.site_id',
      sites,
    ).execute(),
    onSites(
      ctx.db
        .selectFrom('spot_checks as c')
        .innerJoin('sites as site', 'site.id', 'c.site_id')
        .select(['c.id', 'c.site_id', 'site.name as site_name', 'c.title', 'c.topic', 'c.due_at', 'c.status'])
        .where('c.org_id', '=', orgId)
        .where('c.due_at', '>=', from)
        .where('c.due_at', '<', to),
      'c.site_id',
      sites,
    ).execute(),
  ]);
  const now = ctx.clock.now().getTime();
  const events: SafetyEventDto[] = [
    ...sessions.map(
      (r): SafetyEventDto => ({
        kind: 'training',
        id: r.id,
        siteId: r.site_id,
        siteName: r.site_name,
        at: r.starts_at,
        endAt: r.ends_at,
        title: r.title,
        type: r.type,
        status: sessionStatus(r, now),
        link: `${SESSIONS}/${r.id}`,
      }),
    ),
    ...checks.map(
      (r): SafetyEventDto => ({
        kind: 'spot_check',
        id: r.id,
        siteId: r.site_id,
        siteName: r.site_name,
        at: r.due_at,
        endAt: null,
        title: r.title,
        type: r.topic,
        status: spotCheckStatus(r, now),
        link: `${SPOT_CHECKS}/${r.id}`,
      }),
    ),
  ];
  return events.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}
