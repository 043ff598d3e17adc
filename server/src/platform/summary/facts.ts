import type { SummaryFact, SummarySiteValue, SummaryUnit } from '../../../../contracts/summary.js';
import type { SiteScope } from '../access/actor.js';
import type { Db } from '../context.js';

/**
 * Assembling summary facts (contracts/summary.ts) from per-site figures, for every
 * module's measures: counts are summed over the scope's sites and derived figures (rates,
 * means) are recomputed from the summed parts, so a total always agrees with its sites.
 * Each fact links to the web list of the records behind it.
 */

export type PerSite = Map<string, number>;

export function sumBy<T extends { siteId: string }>(rows: T[], value: (r: T) => number, where: (r: T) => boolean = () => true): PerSite {
  const m: PerSite = new Map();
  for (const r of rows) if (where(r)) m.set(r.siteId, (m.get(r.siteId) ?? 0) + value(r));
  return m;
}

/** Builds facts over one scope's sites: counts add up, rates are recomputed from the summed parts. */
export class FactBuilder {
  readonly facts: SummaryFact[] = [];
  constructor(
    private readonly sites: { id: string; name: string }[],
    private readonly path: string,
    /** query parameters every link carries (the sites asked for) */
    private readonly base: [string, string][],
  ) {}

  link(params: Record<string, string>): string {
    const q = new URLSearchParams(this.base);
    for (const [k, v] of Object.entries(params)) q.append(k, v);
    return `${this.path}?${q.toString()}`;
  }

  private bySite(value: (siteId: string) => number | null): SummarySiteValue[] {
    return this.sites.map((s) => ({ siteId: s.id, siteName: s.name, value: value(s.id) }));
  }

  /** an additive figure: a count, or a measured `quantity` (consumption) that adds up over sites too */
  count(key: string, label: SummaryFact['label'], perSite: PerSite, link: string, formula: string, unit: SummaryUnit = 'count'): void {
    const bySite = this.bySite((id) => perSite.get(id) ?? 0);
    const value = bySite.reduce((a, s) => a + (s.value ?? 0), 0);
    this.facts.push({ key, label, value, unit, bySite, link, formula });
  }

  /** a figure that is not additive over sites (a maximum): each site's value and the total given */
  value(
    key: string,
    label: SummaryFact['label'],
    unit: SummaryUnit,
    perSite: (siteId: string) => number | null,
    total: number | null,
    link: string,
    formula: string,
  ): void {
    this.facts.push({ key, label, value: total, unit, bySite: this.bySite(perSite), link, formula });
  }

  /** a figure computed from two additive parts (numerator and denominator, or a sum given twice) */
  derived(
    key: string,
    label: SummaryFact['label'],
    unit: SummaryUnit,
    parts: [PerSite, PerSite],
    f: (a: number, b: number) => number | null,
    link: string,
    formula: string,
  ): void {
    const [a, b] = parts;
    let ta = 0;
    let tb = 0;
    const bySite = this.bySite((id) => {
      const sa = a.get(id) ?? 0;
      const sb = b.get(id) ?? 0;
      ta += sa;
      tb += sb;
      return f(sa, sb);
    });
    this.facts.push({ key, label, value: f(ta, tb), unit, bySite, link, formula });
  }
}

/** The sites a facts scope covers, with names, in code order (inactive ones too: their records still count); none for an empty list. */
export async function scopeSites(db: Db, orgId: string, sites: SiteScope): Promise<{ id: string; name: string }[]> {
  if (sites !== 'all' && !sites.length) return [];
  let q = db.selectFrom('sites').select(['id', 'name']).where('org_id', '=', orgId).orderBy('code').orderBy('id');
  if (sites !== 'all') q = q.where('id', 'in', sites);
  return q.execute();
}
