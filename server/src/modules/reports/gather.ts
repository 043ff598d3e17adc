import type { Permission } from '../../../../contracts/permissions.js';
import type { ComparisonDto, PeriodInput, ReportFactsDto, ResolvedPeriod } from '../../../../contracts/reports.js';
import type { SummaryFact, SummaryScope, SummaryUnit } from '../../../../contracts/summary.js';
import { type Actor, inScope, type SiteScope, siteScope } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import { notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { siteTimeZone, zonedParts } from '../../platform/numbering/time.js';
import { scopeSites } from '../../platform/summary/facts.js';
import { type FactProvider, factProviders } from '../../platform/summary/registry.js';
import { previousPeriod, resolvePeriod, sameLastYear } from './periods.js';

/**
 * Every module's summary facts for one scope (the dashboard, and the data a summary
 * version is written from): the period's facts, and the totals of the period before and
 * of the same dates a year earlier. Each module computes its own figures through the
 * fact-provider registry; this only narrows the scope to what the actor may read and runs
 * the providers side by side.
 */

export interface GatherInput {
  period: ResolvedPeriod;
  /** already narrowed to sites of the organisation the actor reads (see `requestedSites`) */
  siteIds: string[] | 'all';
  departmentId: string | null;
  /** the organisation's zone when the caller has it already */
  timeZone?: string;
}

/**
 * The zone report periods are read in: the organisation's (its settings' `timezone`,
 * else Asia/Shanghai) — not a site's, so that a group whose stores sit in several zones
 * still reports one calendar, and the same zone as the organisation-wide ZJ numbers.
 */
export function reportTimeZone(ctx: Ctx): Promise<string> {
  return siteTimeZone(ctx.db, ctx.actor.orgId, null);
}

/** A period as chosen, resolved in the organisation's zone (400 with Chinese field messages). */
export async function periodOf(ctx: Ctx, input: PeriodInput, prefix = ''): Promise<ResolvedPeriod> {
  return resolvePeriod(input, await reportTimeZone(ctx), prefix);
}

/** The sites where the actor reads reports (the site switcher narrows it). */
export function reportScope(actor: Actor): SiteScope {
  return siteScope(actor, 'reports:read');
}

/**
 * The sites a request names, or 'all' (every site the actor reads) when it names none.
 * A site outside the actor's reports:read sites, or of another organisation, answers 404
 * like a record out of scope — the convention of every measures endpoint.
 */
export async function requestedSites(ctx: Ctx, siteIds: string[] | undefined): Promise<string[] | 'all'> {
  const wanted = siteIds?.length ? [...new Set(siteIds)] : null;
  if (!wanted) return 'all';
  const readable = reportScope(ctx.actor);
  if (wanted.some((id) => !inScope(readable, id))) throw notFound('场所');
  if ((await scopeSites(ctx.db, ctx.actor.orgId, wanted)).length !== wanted.length) throw notFound('场所');
  return wanted;
}

/** A department of the organisation (inactive ones too: a past period may name one); 400 on `field` for any other id. */
export async function departmentOf(
  ctx: Ctx,
  departmentId: string | null | undefined,
  field = 'departmentId',
): Promise<{ id: string; name: string } | null> {
  if (!departmentId) return null;
  const dept = await ctx.db
    .selectFrom('departments')
    .select(['id', 'name'])
    .where('org_id', '=', ctx.actor.orgId)
    .where('id', '=', departmentId)
    .executeTakeFirst();
  if (!dept) new FieldCheck().add(field, '部门不存在').throwIfAny();
  return dept ?? null;
}

/** The actor's reports:read sites intersected with the requested ones. */
function effectiveSites(actor: Actor, wanted: string[] | 'all'): SiteScope {
  const readable = reportScope(actor);
  if (wanted === 'all') return readable;
  return readable === 'all' ? wanted : wanted.filter((id) => readable.includes(id));
}

/**
 * Whether the actor reads a module on every site of the scope. A module read on some of
 * them only is left out rather than shown with totals over fewer sites than the report
 * names: a total must always mean the scope's total.
 */
function readsEverywhere(actor: Actor, perm: Permission, sites: SiteScope): boolean {
  const held = siteScope(actor, perm);
  if (sites === 'all') return held === 'all';
  return sites.length > 0 && sites.every((id) => inScope(held, id));
}

/**
 * The totals of another period for the current period's keys. A key the other period
 * lacks is a breakdown with no records there (a repair category nobody reported): a
 * count or quantity of nothing is 0; any other figure has no basis (null).
 */
function totals(period: ResolvedPeriod, current: SummaryFact[], other: SummaryFact[]): ComparisonDto {
  const byKey = new Map(other.map((f) => [f.key, f.value]));
  const missing = (f: SummaryFact) => (ADDITIVE.has(f.unit) ? 0 : null);
  return { period, values: Object.fromEntries(current.map((f) => [f.key, byKey.has(f.key) ? (byKey.get(f.key) ?? null) : missing(f)])) };
}

const ADDITIVE = new Set<SummaryUnit>(['count', 'quantity']);

/**
 * Runs every registered provider the actor may read on the whole scope, for the period,
 * the period before and the same period last year — all at once: on PostgreSQL the
 * queries spread over the pool, on SQLite they queue on its one connection either way.
 */
export async function gatherFacts(ctx: Ctx, input: GatherInput): Promise<ReportFactsDto> {
  const sites = effectiveSites(ctx.actor, input.siteIds);
  const timeZone = input.timeZone ?? (await reportTimeZone(ctx));
  const periods = [input.period, previousPeriod(input.period, timeZone), sameLastYear(input.period, timeZone)] as const;
  const providers: FactProvider[] = factProviders().filter((p) => readsEverywhere(ctx.actor, p.permission, sites));
  const scopeOf = (p: ResolvedPeriod): SummaryScope => ({ siteIds: sites, from: p.from, to: p.to, departmentId: input.departmentId });
  // a year's previous period is the same year last year: gather it once
  const sameAsPrevious = periods[2].from === periods[1].from && periods[2].to === periods[1].to;
  const gathered = sameAsPrevious ? periods.slice(0, 2) : periods;
  const [siteList, runs] = await Promise.all([
    scopeSites(ctx.db, ctx.actor.orgId, sites),
    Promise.all(gathered.flatMap((p) => providers.map((provider) => provider.facts(ctx, scopeOf(p))))),
  ]);
  const n = providers.length;
  const current = runs.slice(0, n);
  const facts = current.flat();
  const previousFacts = runs.slice(n, 2 * n).flat();
  return {
    period: input.period,
    sites: siteList,
    departmentId: input.departmentId,
    generatedAt: ctx.clock.now().toISOString(),
    modules: providers.map((p, i) => ({
      module: p.module,
      section: p.section,
      label: p.label,
      keys: (current[i] ?? []).map((f) => f.key),
    })),
    facts,
    previous: totals(periods[1], facts, previousFacts),
    lastYear: totals(periods[2], facts, sameAsPrevious ? previousFacts : runs.slice(2 * n).flat()),
  };
}

export interface FactsQuery extends Partial<PeriodInput> {
  siteId?: string[];
  departmentId?: string;
}

/**
 * GET /reports/facts: the facts of a period (the current month when no kind is given) for
 * the sites asked for — every site the actor reads with reports:read when none are.
 */
export async function reportFacts(ctx: Ctx, q: FactsQuery): Promise<ReportFactsDto> {
  const timeZone = await reportTimeZone(ctx);
  const now = zonedParts(ctx.clock.now(), timeZone);
  const input: PeriodInput = q.kind
    ? { kind: q.kind, year: q.year, index: q.index, startDate: q.startDate, endDate: q.endDate }
    : { kind: 'month', year: now.year, index: now.month };
  const period = resolvePeriod(input, timeZone);
  const [siteIds, department] = await Promise.all([requestedSites(ctx, q.siteId), departmentOf(ctx, q.departmentId)]);
  return gatherFacts(ctx, { period, siteIds, departmentId: department?.id ?? null, timeZone });
}
