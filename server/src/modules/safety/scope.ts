import type { SummaryScope } from '../../../../contracts/summary.js';
import { inScope, siteScope } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import { notFound } from '../../platform/http/errors.js';
import { scopeSites } from '../../platform/summary/facts.js';

/** The actor's safety:read sites intersected with the requested ones. */
export function effectiveSites(ctx: Ctx, wanted: SummaryScope['siteIds']): 'all' | string[] {
  const readable = siteScope(ctx.actor, 'safety:read');
  if (wanted === 'all') return readable;
  return readable === 'all' ? wanted : wanted.filter((id) => readable.includes(id));
}

/**
 * The sites a request names (`siteId`, repeatable), or 'all' when it names none. A site
 * outside the actor's safety:read sites, or of another organisation, answers 404 like any
 * record out of scope.
 */
export async function requestedSites(ctx: Ctx, siteId: string[] | undefined): Promise<'all' | string[]> {
  const wanted = siteId?.length ? [...new Set(siteId)] : null;
  if (!wanted) return 'all';
  const readable = siteScope(ctx.actor, 'safety:read');
  if (wanted.some((id) => !inScope(readable, id))) throw notFound('场所');
  if ((await scopeSites(ctx.db, ctx.actor.orgId, wanted)).length !== wanted.length) throw notFound('场所');
  return wanted;
}
