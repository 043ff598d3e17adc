import { FIGURE_KEY, figureToken, formatChange } from '../../../../contracts/figures.js';
import type { ReportFactsDto, SummaryLang } from '../../../../contracts/reports.js';
import type { SummaryFact } from '../../../../contracts/summary.js';

/**
 * The phrasing the work summary is written with: a view of the facts that answers values
 * and writes figure tokens, per-site breakdowns ("其中长春店{{k@a}}项，沈阳店{{k@b}}项"),
 * comparisons with the previous period and the same period last year (only where a basis
 * exists), and numbers in words for the count of sites — the one number the prose may
 * spell out. Nothing here types a figure: every number a reader sees comes from a token.
 */

/** Sites listed one by one in a breakdown; beyond this the largest few are named (the table and chart carry all). */
export const MAX_LISTED_SITES = 6;
const LEADING_SITES = 3;

/** Read-only access to one scope's facts, in one language. */
export class FactView {
  private readonly byKey: Map<string, SummaryFact>;
  readonly zh: boolean;

  constructor(
    readonly data: ReportFactsDto,
    readonly lang: SummaryLang,
  ) {
    this.byKey = new Map(data.facts.filter((f) => FIGURE_KEY.test(f.key)).map((f) => [f.key, f]));
    this.zh = lang === 'zh';
  }

  /** the Chinese or the English text */
  t(zh: string, en: string): string {
    return this.zh ? zh : en;
  }

  get sites(): ReportFactsDto['sites'] {
    return this.data.sites;
  }

  /** several sites in the scope: counts are broken down per site */
  get multi(): boolean {
    return this.data.sites.length > 1;
  }

  fact(key: string): SummaryFact | undefined {
    return this.byKey.get(key);
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** the first of the keys that is among the facts (modules adapted by others may spell a key either way) */
  pick(...keys: string[]): string | undefined {
    return keys.find((k) => this.byKey.has(k));
  }

  /** the total, or null when the fact is absent or has no basis */
  v(key: string | undefined): number | null {
    return key === undefined ? null : (this.byKey.get(key)?.value ?? null);
  }

  /** a count that is present and above zero */
  pos(key: string | undefined): key is string {
    return (this.v(key) ?? 0) > 0;
  }

  /** a rate or mean that is present and has a basis */
  known(key: string | undefined): key is string {
    return this.v(key) !== null;
  }

  siteValue(key: string, siteId: string): number | null {
    return this.byKey.get(key)?.bySite?.find((s) => s.siteId === siteId)?.value ?? null;
  }

  /** {{key}} */
  tok(key: string): string {
    return figureToken(key);
  }

  /** {{key@siteId}} */
  at(key: string, siteId: string): string {
    return figureToken(key, 'site', siteId);
  }

  /**
   * The members of a breakdown family `parent.dim.code` (one more segment, no deeper), in
   * the order the module gave them.
   */
  family(parent: string, dim: string): SummaryFact[] {
    const prefix = `${parent}.${dim}.`;
    return [...this.byKey.values()].filter((f) => f.key.startsWith(prefix) && !f.key.slice(prefix.length).includes('.'));
  }

  /** the members above zero, largest first (ties in the module's order) */
  largest(members: SummaryFact[], limit = Number.POSITIVE_INFINITY): SummaryFact[] {
    return members
      .map((f, i) => ({ f, i }))
      .filter(({ f }) => (f.value ?? 0) > 0)
      .sort((a, b) => (b.f.value ?? 0) - (a.f.value ?? 0) || a.i - b.i)
      .slice(0, limit)
      .map(({ f }) => f);
  }

  /** the sites of a fact in the scope's order, with their values */
  siteRows(key: string): { siteId: string; siteName: string; value: number | null }[] {
    const fact = this.byKey.get(key);
    if (!fact?.bySite) return [];
    return fact.bySite;
  }

  /**
   * A count's per-site breakdown following its total, for several sites only:
   * "，其中长春店{{k@a}}项，沈阳店{{k@b}}项" / " ({{k@a}} at 长春店 and {{k@b}} at 沈阳店)".
   * Sites without any are named last as having none ("，实验学校无"); when one site has
   * them all, it is named alone ("，均在沈阳店"). With many sites the largest few are
   * named. Empty when the total is zero.
   */
  bySite(key: string, unitZh: string): string {
    if (!this.multi || !this.pos(key)) return '';
    const rows = this.siteRows(key);
    if (rows.length < 2) return '';
    const some = rows.filter((r) => (r.value ?? 0) > 0);
    if (some.length === 1) return this.alone(key, some[0] as (typeof some)[number]);
    if (rows.length > MAX_LISTED_SITES) {
      const top = leading(rows);
      if (this.zh) return `，其中数量较多的是${top.map((r) => `${r.siteName}${this.at(key, r.siteId)}${unitZh}`).join('、')}`;
      return `, led by ${joinEn(top.map((r) => `${r.siteName} (${this.at(key, r.siteId)})`))}`;
    }
    const none = rows.filter((r) => (r.value ?? 0) === 0).map((r) => r.siteName);
    if (this.zh) {
      const listed = some.map((r) => `${r.siteName}${this.at(key, r.siteId)}${unitZh}`).join('，');
      return `，其中${listed}${none.length ? `，${joinZh(none)}${none.length > 1 ? '均' : ''}无` : ''}`;
    }
    return ` (${joinEn([...some.map((r) => `${this.at(key, r.siteId)} at ${r.siteName}`), ...(none.length ? [`none at ${joinEn(none)}`] : [])])})`;
  }

  /**
   * Where a problem lies, for several sites: only the sites where the count is above
   * zero ("，其中沈阳店{{k@b}}项" / "，均在沈阳店").
   */
  spread(key: string, unitZh: string): string {
    if (!this.multi || !this.pos(key)) return '';
    const rows = this.siteRows(key).filter((r) => (r.value ?? 0) > 0);
    if (!rows.length) return '';
    if (rows.length === 1) return this.alone(key, rows[0] as (typeof rows)[number]);
    const shown = rows.length <= MAX_LISTED_SITES ? rows : leading(rows);
    const more = rows.length > shown.length;
    if (this.zh) return `，其中${shown.map((r) => `${r.siteName}${this.at(key, r.siteId)}${unitZh}`).join('，')}${more ? '等' : ''}`;
    return ` (${joinEn(shown.map((r) => `${this.at(key, r.siteId)} at ${r.siteName}`))}${more ? ' among others' : ''})`;
  }

  /** the one site a count lies at: "（沈阳店）" for a single one, "，均在沈阳店" for several */
  private alone(key: string, site: { siteName: string }): string {
    if (this.v(key) === 1) return this.t(`（${site.siteName}）`, ` (at ${site.siteName})`);
    return this.t(`，均在${site.siteName}`, `, all at ${site.siteName}`);
  }

  /** English "is/are" (or "was/were" for a period that has ended) agreeing with a count */
  be(key: string): string {
    const one = this.v(key) === 1;
    if (this.periodRunning) return one ? 'is' : 'are';
    return one ? 'was' : 'were';
  }

  /**
   * A rate or mean per site, for several sites, the sites with a basis only:
   * "（长春店{{k@a}}，沈阳店{{k@b}}）" / " (长春店 {{k@a}}, 沈阳店 {{k@b}})". With many sites, the
   * lowest few, since a summary names where a rate falls short.
   */
  siteRates(key: string): string {
    if (!this.multi || !this.known(key)) return '';
    let rows = this.siteRows(key).filter((r) => r.value !== null);
    if (rows.length < 2) return '';
    let lowest = false;
    if (rows.length > MAX_LISTED_SITES) {
      rows = rows
        .map((r, i) => ({ r, i }))
        .sort((a, b) => (a.r.value ?? 0) - (b.r.value ?? 0) || a.i - b.i)
        .slice(0, LEADING_SITES)
        .map(({ r }) => r);
      lowest = true;
    }
    if (this.zh) return `（${lowest ? '较低的有' : ''}${rows.map((r) => `${r.siteName}${this.at(key, r.siteId)}`).join('，')}）`;
    return ` (${lowest ? 'lowest: ' : ''}${rows.map((r) => `${r.siteName} ${this.at(key, r.siteId)}`).join(', ')})`;
  }

  /** the sites where a rate or mean is known and below a level, lowest first */
  sitesBelow(key: string, level: number): { siteId: string; siteName: string; value: number | null }[] {
    return this.siteRows(key)
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => r.value !== null && r.value < level)
      .sort((a, b) => (a.r.value ?? 0) - (b.r.value ?? 0) || a.i - b.i)
      .map(({ r }) => r);
  }

  /** a comparison exists: both values known and a change can be stated (a count growing from zero has none) */
  comparable(key: string, against: 'previous' | 'lastYear'): boolean {
    const fact = this.byKey.get(key);
    if (!fact) return false;
    const before = this.data[against].values[key];
    return formatChange(fact.value, before, fact.unit, this.lang) !== null;
  }

  /**
   * The comparisons of a figure that have a basis, to follow it in a sentence:
   * "，较上期{{k:dprev}}，较去年同期{{k:dly}}" / ", {{k:dprev}} on the previous period and
   * {{k:dly}} on the same period last year". Empty when neither exists.
   */
  compare(key: string): string {
    const prev = this.comparable(key, 'previous');
    const ly = this.comparable(key, 'lastYear');
    if (this.zh) {
      return `${prev ? `，较上期${figureToken(key, 'dprev')}` : ''}${ly ? `，较去年同期${figureToken(key, 'dly')}` : ''}`;
    }
    const parts = [
      ...(prev ? [`${figureToken(key, 'dprev')} on the previous period`] : []),
      ...(ly ? [`${figureToken(key, 'dly')} on the same period last year`] : []),
    ];
    return parts.length ? `, ${parts.join(' and ')}` : '';
  }

  /** an English noun in the singular when the figure is exactly one */
  noun(key: string, singular: string, plural: string): string {
    return this.v(key) === 1 ? singular : plural;
  }

  /** a module's facts include anything recorded: a count above zero, or a rate with a basis */
  hasData(keys: string[]): boolean {
    return keys.some((k) => {
      const f = this.byKey.get(k);
      if (!f || f.value === null) return false;
      return RATE_UNITS.has(f.unit) ? true : f.value !== 0;
    });
  }

  /** the figures of a period still running are taken "now"; of a past one, at its end */
  get periodRunning(): boolean {
    return Date.parse(this.data.period.to) > Date.parse(this.data.generatedAt);
  }
}

const RATE_UNITS = new Set(['percent', 'score', 'ratio']);

function leading<T extends { value: number | null }>(rows: T[]): T[] {
  return rows
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => (r.value ?? 0) > 0)
    .sort((a, b) => (b.r.value ?? 0) - (a.r.value ?? 0) || a.i - b.i)
    .slice(0, LEADING_SITES)
    .map(({ r }) => r);
}

/** a, b and c */
export function joinEn(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** lower-case the first letter of a label used mid-sentence, unless its first word is an acronym (HVAC) */
export function lowerFirst(s: string): string {
  const first = s.split(/\s/)[0] ?? '';
  return first.length > 1 && first === first.toUpperCase() ? s : s.replace(/^([A-Z])/, (c) => c.toLowerCase());
}

/** a list inside a Chinese sentence: 甲、乙、丙, as the seed writes it */
export function joinZh(items: string[]): string {
  return items.join('、');
}

/** The name inside the parentheses of a family member's label: 完成演练（消防疏散） → 消防疏散. */
export function innerLabel(fact: SummaryFact, lang: SummaryLang): string {
  const label = fact.label[lang];
  const m = lang === 'zh' ? /（([^（）]+)）$/.exec(label) : /\(([^()]+)\)$/.exec(label);
  return m?.[1] ?? label;
}

/** 用电量（kWh） → { name: 用电量, unit: kWh } */
export function quantityLabel(fact: SummaryFact, lang: SummaryLang): { name: string; unit: string } {
  const label = fact.label[lang];
  const m = lang === 'zh' ? /^(.*)（([^（）]+)）$/.exec(label) : /^(.*) \(([^()]+)\)$/.exec(label);
  return m ? { name: m[1] as string, unit: m[2] as string } : { name: label, unit: '' };
}

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** A whole number in Chinese words (up to 99,999): 2 → 两 when it counts things, 12 → 十二, 105 → 一百零五. */
export function zhNumber(n: number, counting = true): string {
  if (!Number.isInteger(n) || n < 0 || n >= 100_000) return String(n);
  if (n === 2 && counting) return '两';
  if (n < 10) return ZH_DIGITS[n] as string;
  const units = ['', '十', '百', '千', '万'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const place = digits.length - 1 - i;
    if (d === 0) {
      zero = true;
      return;
    }
    if (zero && out) out += '零';
    zero = false;
    out += `${ZH_DIGITS[d]}${units[place]}`;
  });
  // 一十二 is written 十二
  return n >= 10 && n < 20 ? out.replace(/^一十/, '十') : out;
}

const EN_SMALL = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** A whole number in English words (up to 999,999): 12 → twelve, 105 → one hundred and five. */
export function enNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1_000_000) return String(n);
  if (n < 20) return EN_SMALL[n] as string;
  if (n < 100) return `${EN_TENS[Math.floor(n / 10)]}${n % 10 ? `-${EN_SMALL[n % 10]}` : ''}`;
  if (n < 1000) return `${EN_SMALL[Math.floor(n / 100)]} hundred${n % 100 ? ` and ${enNumber(n % 100)}` : ''}`;
  const rest = n % 1000;
  return `${enNumber(Math.floor(n / 1000))} thousand${rest ? (rest < 100 ? ' and ' : ' ') + enNumber(rest) : ''}`;
}

/** ISO local date → 2026年3月1日 / 1 March 2026 */
export function longDate(date: string, lang: SummaryLang): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (lang === 'zh') return `${y}年${m}月${d}日`;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${d} ${months[m - 1]} ${y}`;
}
