import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatChange, formatFigure, parseFigureText, renderFigureText, tokenText } from '../../../../contracts/figures.js';
import type { ReportFactsDto, SummaryBody, SummaryLang, WorkSummaryDetailDto } from '../../../../contracts/reports.js';
import type { SummaryFact } from '../../../../contracts/summary.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { type Figure, independentFigures, type Period, type Rows, readRows } from '../../../test/year/expected.js';
import { generateYear, type YearResult } from '../../../test/year/generate.js';
import { YEAR_PASSWORD } from '../../../test/year/world.js';

/**
 * Issue 9 point 5: a realistic year of 长春店 and 沈阳店 is made through the services
 * (server/test/year), then the annual work summary is written by the app — and every
 * figure it prints is compared with a count made here from the rows themselves
 * (server/test/year/expected.ts), per site too, with the previous period's and last
 * year's values; a quarter is checked the same way. A key the summary uses without an
 * independent count fails the test, so the check grows with the composer.
 */

/** after the year, the Monday morning the summary is written */
const NOW = '2025-01-06T02:00:00.000Z';
const YEAR = 2024;

/**
 * Families whose members a module lists only when they occur in the period (a channel no
 * order came through has no figure): in a comparison period without such records the
 * comparison has no basis (null) where the count is zero.
 */
const LISTED_WHEN_PRESENT = [
  /^workorders\.received\.(channel|category)\./,
  /^workorders\.(rated|satisfaction)\.category\./,
  /^patrols\.duty_rate\.level\./,
];

/** figures of distinct people: a person checked at both stores counts once in the total */
const DISTINCT_PEOPLE = /\.people$/;

type Err = { error: { code: string; message: string } };

describe(`annual work summary of a generated year (${ENGINE})`, () => {
  let t: TestApp;
  let year: YearResult;
  let head: Client;
  let rows: Rows;
  let cc: string;
  let sy: string;

  beforeAll(async () => {
    t = await createTestApp();
    year = await generateYear(t.app, t.clock);
    cc = year.sites.CC;
    sy = year.sites.SY;
    t.clock.set(NOW);
    head = await login(t.app, 'head');
    const org = await t.db.selectFrom('organizations').select('id').executeTakeFirstOrThrow();
    rows = await readRows(t.db, org.id);
    // building a year through the services takes a while, more on a busy machine
  }, 600_000);
  afterAll(() => t?.close());

  /** the independent figures of a period as of now */
  const expectedOf = (period: Period) => independentFigures(rows, period, t.clock.now());
  const both = () => new Set([cc, sy]);

  function figure(figures: Map<string, Figure>, key: string): Figure {
    const f = figures.get(key);
    if (!f) throw new Error(`no independent count for ${key}`);
    return f;
  }

  /** A comparison value against the count: null is right only for a family member absent in that period with nothing to count. */
  function expectComparison(key: string, actual: number | null | undefined, expected: number | null, what: string) {
    if ((actual === null || actual === undefined) && LISTED_WHEN_PRESENT.some((re) => re.test(key))) {
      expect(expected === 0 || expected === null, `${what} ${key}: no figure, but ${expected} counted`).toBe(true);
      return;
    }
    expect(actual ?? null, `${what} ${key}`).toBe(expected);
  }

  /** Every fact, its sites and its comparisons against the counts; answers the keys that had none. */
  function checkFacts(dto: ReportFactsDto, sites: Set<string>): string[] {
    const now = expectedOf(dto.period);
    const previous = expectedOf(dto.previous.period);
    const lastYear = expectedOf(dto.lastYear.period);
    const uncounted: string[] = [];
    for (const fact of dto.facts) {
      const f = now.get(fact.key);
      if (!f) {
        uncounted.push(fact.key);
        continue;
      }
      expect(fact.value, fact.key).toBe(f(sites));
      for (const s of fact.bySite ?? []) expect(s.value, `${fact.key}@${s.siteName}`).toBe(f(new Set([s.siteId])));
      expectComparison(fact.key, dto.previous.values[fact.key], figure(previous, fact.key)(sites), 'previous');
      expectComparison(fact.key, dto.lastYear.values[fact.key], figure(lastYear, fact.key)(sites), 'last year');
    }
    // and the other way round: nothing counted is missing from the facts
    for (const [key, f] of now) {
      const v = f(sites);
      if (v !== null && v !== 0)
        expect(
          dto.facts.some((x) => x.key === key),
          `${key} = ${v} is missing from the facts`,
        ).toBe(true);
    }
    return uncounted;
  }

  it('generated a busy year for both stores through the services', () => {
    const t0 = year.tally;
    // a department store's year: hundreds of repairs, maintenance, rounds and readings, and every safety record
    expect((t0['workorders.reported.CC'] ?? 0) + (t0['workorders.reported.SY'] ?? 0)).toBeGreaterThanOrEqual(300);
    for (const kind of [
      'maintenance.checklists',
      'patrols.rounds.walked',
      'readings.taken',
      'hazards.action.accept',
      'security.alerts.CC',
    ]) {
      expect(t0[kind], kind).toBeGreaterThan(0);
    }
    const received = figure(expectedOf({ from: year.from, to: year.to }), 'workorders.received');
    expect(received(new Set([cc])) ?? 0).toBeGreaterThan(received(new Set([sy])) ?? 0);
  });

  /**
   * Every figure token of both bodies (paragraphs and lists) against the counts — its
   * value, a site's value, the comparisons and the change in words as printed — and every
   * key of the tables and charts; answers how many tokens were checked.
   */
  function checkSummary(summary: WorkSummaryDetailDto, sites: Set<string>): number {
    const data = summary.facts;
    const now = expectedOf(data.period);
    const previous = expectedOf(data.previous.period);
    const lastYear = expectedOf(data.lastYear.period);
    const factOf = (key: string): SummaryFact => {
      const fact = data.facts.find((x) => x.key === key);
      if (!fact) throw new Error(`the summary names ${key}, which is not among its facts`);
      return fact;
    };
    const used = new Set<string>();
    let tokens = 0;
    for (const lang of ['zh', 'en'] as SummaryLang[]) {
      const body: SummaryBody = summary.body[lang];
      for (const block of body.sections.flatMap((section) => section.blocks)) {
        if (block.type === 'table' || block.type === 'chart') {
          for (const key of block.keys) used.add(key);
          continue;
        }
        const texts = block.type === 'paragraph' ? [block.text] : block.items;
        for (const part of texts.flatMap((text) => parseFigureText(text))) {
          if (!('token' in part)) continue;
          tokens++;
          const { key, variant, siteId } = part.token;
          used.add(key);
          const fact = factOf(key);
          const f = figure(now, key);
          const total = f(sites);
          const before = variant === 'dly' || variant === 'ly' ? figure(lastYear, key)(sites) : figure(previous, key)(sites);
          const printed = tokenText(part.token, data, lang);
          switch (variant) {
            case 'value':
              expect(fact.value, key).toBe(total);
              expect(printed, `${key} printed`).toBe(formatFigure(total, fact.unit, lang));
              break;
            case 'site': {
              const site = f(new Set([siteId as string]));
              expect(fact.bySite?.find((s) => s.siteId === siteId)?.value, `${key}@${siteId}`).toBe(site);
              expect(printed, `${key}@${siteId} printed`).toBe(formatFigure(site, fact.unit, lang));
              break;
            }
            case 'prev':
            case 'ly':
              expectComparison(key, variant === 'prev' ? data.previous.values[key] : data.lastYear.values[key], before, variant);
              break;
            case 'dprev':
            case 'dly': {
              const stored = variant === 'dprev' ? data.previous.values[key] : data.lastYear.values[key];
              expectComparison(key, stored, before, variant);
              const words = formatChange(total, stored, fact.unit, lang) ?? (lang === 'zh' ? '无可比数据' : 'no comparable data');
              expect(printed, `${key}:${variant} printed`).toBe(words);
              break;
            }
          }
        }
      }
    }
    const uncounted = [...used].filter((key) => !now.has(key));
    expect(uncounted, `figures the summary uses without an independent count: ${uncounted.join(', ')}`).toEqual([]);
    // the tables' figures and their sites, too
    for (const key of used) {
      const fact = factOf(key);
      expect(fact.value, key).toBe(figure(now, key)(sites));
      for (const s of fact.bySite ?? []) expect(s.value, `${key}@${s.siteName}`).toBe(figure(now, key)(new Set([s.siteId])));
    }
    return tokens;
  }

  it('writes the annual summary of both stores: every figure in the text and the tables equals an independent count', async () => {
    const res = await head.post<WorkSummaryDetailDto & Err>('/api/v1/summaries', {
      period: { kind: 'year', year: YEAR },
      siteIds: [cc, sy],
    });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(201);
    expect(res.body.facts.period).toMatchObject({ kind: 'year', from: year.from, to: year.to });
    expect(res.body.facts.sites.map((s) => s.id).sort()).toEqual([cc, sy].sort());
    // a year's summary says a great deal in figures
    expect(checkSummary(res.body, both())).toBeGreaterThan(50);
  });

  it('writes the summary of the third quarter: its figures equal the counts of the quarter, the one before and the same quarter of 2023', async () => {
    const res = await head.post<WorkSummaryDetailDto & Err>('/api/v1/summaries', {
      period: { kind: 'quarter', year: YEAR, index: 3 },
      siteIds: [cc, sy],
    });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(201);
    expect(checkSummary(res.body, both())).toBeGreaterThan(50);
  });

  it('says the hazards were all rectified in time only when they were, and otherwise how many are overdue', async () => {
    const res = await head.post<WorkSummaryDetailDto & Err>('/api/v1/summaries', {
      period: { kind: 'year', year: YEAR },
      siteIds: [cc, sy],
    });
    expect(res.status).toBe(201);
    const zh = res.body.body.zh.sections
      .flatMap((s) => s.blocks)
      .flatMap((b) => (b.type === 'paragraph' ? [b.text] : b.type === 'list' ? b.items : []))
      .map((text) => renderFigureText(text, res.body.facts, 'zh'))
      .join('\n');
    const now = expectedOf({ from: year.from, to: year.to });
    const n = (key: string) => figure(now, key)(both());
    const allInTime =
      n('hazards.rectified') === n('hazards.found') && n('hazards.on_time') === n('hazards.rectified') && n('hazards.open') === 0;
    expect(zh).toContain(`本期共排查发现安全隐患${n('hazards.found')}项`);
    if (allInTime) expect(zh).toContain('所有隐患均已在规定期限内整改完毕');
    else expect(zh).not.toContain('均已在规定期限内整改完毕');
    const overdue = n('hazards.overdue') ?? 0;
    if (overdue > 0) expect(zh).toContain(`逾期未整改${overdue}项`);
    else expect(zh).not.toContain('逾期未整改');
  });

  it('gives every fact of the year an independent count, per site and against 2023, and the sites add up to the totals', async () => {
    const res = await head.get<ReportFactsDto>(`/api/v1/reports/facts?kind=year&year=${YEAR}&siteId=${cc}&siteId=${sy}`);
    expect(res.status).toBe(200);
    const dto = res.body;
    expect(dto.previous.period).toMatchObject({ from: '2022-12-31T16:00:00.000Z', to: year.from });
    expect(dto.lastYear.period).toMatchObject({ from: '2022-12-31T16:00:00.000Z', to: year.from });
    const uncounted = checkFacts(dto, both());
    expect(uncounted, `facts without an independent count: ${uncounted.join(', ')}`).toEqual([]);
    for (const fact of dto.facts) {
      if (!(fact.unit === 'count' || fact.unit === 'quantity' || fact.unit === 'fen') || fact.value === null) continue;
      const sum = (fact.bySite ?? []).reduce((a, s) => a + (s.value ?? 0), 0);
      if (DISTINCT_PEOPLE.test(fact.key)) expect(fact.value, fact.key).toBeLessThanOrEqual(sum);
      else expect(sum, `${fact.key}: the sites add up to the total`).toBe(fact.value);
    }
    // 2023 has no records of these stores: the comparisons say so rather than inventing figures
    expect(dto.previous.values['workorders.received']).toBe(0);
    expect(dto.previous.values['hazards.found']).toBe(0);
    expect(dto.previous.values['workorders.timelyRepairRate'] ?? null).toBeNull();
  });

  it('checks a quarter the same way, against the quarter before and the same quarter of 2023', async () => {
    const res = await head.get<ReportFactsDto>(`/api/v1/reports/facts?kind=quarter&year=${YEAR}&index=3&siteId=${cc}&siteId=${sy}`);
    expect(res.status).toBe(200);
    const dto = res.body;
    expect(dto.period).toMatchObject({ from: '2024-06-30T16:00:00.000Z', to: '2024-09-30T16:00:00.000Z' });
    expect(dto.previous.period).toMatchObject({ from: '2024-03-31T16:00:00.000Z', to: '2024-06-30T16:00:00.000Z' });
    expect(dto.lastYear.period).toMatchObject({ from: '2023-06-30T16:00:00.000Z', to: '2023-09-30T16:00:00.000Z' });
    const uncounted = checkFacts(dto, both());
    expect(uncounted, `facts without an independent count: ${uncounted.join(', ')}`).toEqual([]);
    // the second quarter had its own records: the comparison is a real one
    expect(dto.previous.values['workorders.received']).toBeGreaterThan(0);
    expect(dto.previous.values['patrols.rounds.due']).toBeGreaterThan(0);
  });

  it('shows a 沈阳店-only reader only 沈阳店, with its own counts', async () => {
    const reader = await login(t.app, 'sy_property', YEAR_PASSWORD);
    const res = await reader.get<ReportFactsDto>(`/api/v1/reports/facts?kind=year&year=${YEAR}`);
    expect(res.status).toBe(200);
    expect(res.body.sites.map((s) => s.id)).toEqual([sy]);
    for (const fact of res.body.facts)
      expect(
        (fact.bySite ?? []).map((s) => s.siteId),
        fact.key,
      ).toEqual([sy]);
    const uncounted = checkFacts(res.body, new Set([sy]));
    expect(uncounted, `facts without an independent count: ${uncounted.join(', ')}`).toEqual([]);
    const other = await reader.get(`/api/v1/reports/facts?kind=year&year=${YEAR}&siteId=${cc}`);
    expect(other.status).toBe(404);
  });
});
