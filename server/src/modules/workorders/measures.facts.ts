import type { SummaryFact, SummarySiteValue, SummaryUnit } from '../../../../contracts/summary.js';

/**
 * Assembling summary facts from per-site figures: counts are summed over the scope's
 * sites, derived figures (rates, means) are recomputed from the summed parts, so a
 * total always agrees with its sites.
 */

export const CHANNEL_LABELS: Record<string, { zh: string; en: string }> = {
  qr: { zh: '扫码报修', en: 'QR code' },
  web: { zh: '网页报修', en: 'Web form' },
  phone: { zh: '电话报修', en: 'Phone' },
  hotline: { zh: '24小时热线', en: '24-hour hotline' },
  walk_in: { zh: '现场报修', en: 'Walk-in' },
  patrol: { zh: '巡检发现', en: 'Patrol' },
  maintenance: { zh: '保养发现', en: 'Maintenance' },
  counter: { zh: '专柜报修', en: 'Vendor counter' },
};

export type PerSite = Map<string, number>;

export function sumBy<T extends { siteId: string }>(rows: T[], value: (r: T) => number, where: (r: T) => boolean = () => true): PerSite {
  const m: PerSite = new Map();
  for (const r of rows) if (where(r)) m.set(r.siteId, (m.get(r.siteId) ?? 0) + value(r));
  return m;
}

/** Builds facts over one scope's sites: counts add up, rates are recomputed from summed parts. */
export class FactBuilder {
  readonly facts: SummaryFact[] = [];
  constructor(
    private readonly sites: { id: string; name: string }[],
    private readonly linkBase: Record<string, string>,
  ) {}

  link(params: Record<string, string>): string {
    return `/work-orders?${new URLSearchParams({ ...this.linkBase, ...params }).toString()}`;
  }

  private bySite(value: (siteId: string) => number | null): SummarySiteValue[] {
    return this.sites.map((s) => ({ siteId: s.id, siteName: s.name, value: value(s.id) }));
  }

  count(key: string, label: SummaryFact['label'], perSite: PerSite, link: string, formula: string): void {
    const bySite = this.bySite((id) => perSite.get(id) ?? 0);
    const value = bySite.reduce((a, s) => a + (s.value ?? 0), 0);
    this.facts.push({ key, label, value, unit: 'count', bySite, link, formula });
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

  /** a figure computed from two additive parts (numerator and denominator, sum and count…) */
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
