import { describe, expect, it } from 'vitest';
import type { ReportFactsDto, ResolvedPeriod, SummaryBody, WorkSummaryDto } from '../../../../contracts/reports';
import type { SummaryFact } from '../../../../contracts/summary';
import {
  addItem,
  bodyProblems,
  bodyTexts,
  chartLink,
  defaultPeriod,
  docLang,
  figureChoices,
  figureRows,
  hasProblems,
  insertAt,
  periodDays,
  periodLink,
  periodProblem,
  periodStartDay,
  removeItem,
  searchFacts,
  setText,
  summarySteps,
  textAt,
  tokenLink,
  toPeriodInput,
  yearChoices,
} from './logic';

const period = (from: string, to: string, startDate: string, endDate: string): ResolvedPeriod => ({
  kind: 'quarter',
  from,
  to,
  startDate,
  endDate,
  label: { zh: startDate, en: startDate },
});
const Q3 = period('2026-06-30T16:00:00.000Z', '2026-09-30T16:00:00.000Z', '2026-07-01', '2026-09-30');
const Q2 = period('2026-03-31T16:00:00.000Z', '2026-06-30T16:00:00.000Z', '2026-04-01', '2026-06-30');
const Q3_2025 = period('2025-06-30T16:00:00.000Z', '2025-09-30T16:00:00.000Z', '2025-07-01', '2025-09-30');

const hazards: SummaryFact = {
  key: 'hazards.found',
  label: { zh: '发现隐患', en: 'Hazards found' },
  value: 460,
  unit: 'count',
  bySite: [
    { siteId: 'cc', siteName: '长春店', value: 311 },
    { siteId: 'sy', siteName: '沈阳店', value: 149 },
  ],
  link: '/hazards/register?siteId=cc&siteId=sy&from=2026-06-30T16%3A00%3A00.000Z&to=2026-09-30T16%3A00%3A00.000Z',
  formula: '期间内登记的隐患数',
};
const rate: SummaryFact = {
  key: 'workorders.timely_rate',
  label: { zh: '及时率', en: 'Timely rate' },
  value: 95.25,
  unit: 'percent',
  link: '/work-orders?status=closed',
};
const data: ReportFactsDto = {
  period: Q3,
  sites: [
    { id: 'cc', name: '长春店' },
    { id: 'sy', name: '沈阳店' },
  ],
  departmentId: null,
  generatedAt: '2026-10-08T02:00:00.000Z',
  modules: [
    { module: 'workorders', section: 'service', label: { zh: '维修服务', en: 'Repairs' }, keys: ['workorders.timely_rate'] },
    { module: 'hazards', section: 'safety', label: { zh: '安全隐患', en: 'Hazards' }, keys: ['hazards.found'] },
  ],
  facts: [hazards, rate, { key: 'extra.count', label: { zh: '其他计数', en: 'Other' }, value: 3, unit: 'count', link: '/x' }],
  previous: { period: Q2, values: { 'hazards.found': 400, 'workorders.timely_rate': 93 } },
  lastYear: { period: Q3_2025, values: { 'hazards.found': null, 'workorders.timely_rate': 95.25 } },
};

const today = { year: 2026, month: 11, day: 26 };

describe('the period of a new summary', () => {
  it('proposes the last whole period of each kind', () => {
    expect(defaultPeriod('month', today)).toEqual({ kind: 'month', year: 2026, index: 10 });
    expect(defaultPeriod('quarter', today)).toEqual({ kind: 'quarter', year: 2026, index: 3 });
    expect(defaultPeriod('half', today)).toEqual({ kind: 'half', year: 2026, index: 1 });
    expect(defaultPeriod('year', today)).toEqual({ kind: 'year', year: 2025 });
    expect(defaultPeriod('custom', today)).toEqual({ kind: 'custom', startDate: '2026-11-01', endDate: '2026-11-26' });
    // in January the last month, quarter and half-year are last year's
    const january = { year: 2027, month: 1, day: 5 };
    expect(defaultPeriod('month', january)).toEqual({ kind: 'month', year: 2026, index: 12 });
    expect(defaultPeriod('quarter', january)).toEqual({ kind: 'quarter', year: 2026, index: 4 });
    expect(defaultPeriod('half', january)).toEqual({ kind: 'half', year: 2026, index: 2 });
  });

  it('finds where a period starts', () => {
    expect(periodStartDay({ kind: 'quarter', year: 2026, index: 3 })).toBe('2026-07-01');
    expect(periodStartDay({ kind: 'half', year: 2026, index: 2 })).toBe('2026-07-01');
    expect(periodStartDay({ kind: 'month', year: 2026, index: 2 })).toBe('2026-02-01');
    expect(periodStartDay({ kind: 'year', year: 2026 })).toBe('2026-01-01');
    expect(periodStartDay({ kind: 'month', year: 2026 })).toBeNull();
    expect(periodDays({ kind: 'quarter', year: 2026, index: 3 })).toEqual(['2026-07-01', '2026-09-30']);
    expect(periodDays({ kind: 'month', year: 2028, index: 2 })).toEqual(['2028-02-01', '2028-02-29']);
    expect(periodDays({ kind: 'half', year: 2026, index: 2 })).toEqual(['2026-07-01', '2026-12-31']);
    expect(periodDays({ kind: 'year', year: 2025 })).toEqual(['2025-01-01', '2025-12-31']);
    expect(periodDays({ kind: 'custom', startDate: '2026-01-05', endDate: '2026-02-01' })).toEqual(['2026-01-05', '2026-02-01']);
    expect(periodDays({ kind: 'custom', startDate: '2026-01-05' })).toBeNull();
  });

  it('names what is wrong with the fields', () => {
    expect(periodProblem({ kind: 'month', year: 2026, index: 10 }, today)).toBeNull();
    expect(periodProblem({ kind: 'month', year: null, index: 10 }, today)).toBe('year');
    expect(periodProblem({ kind: 'month', year: 2026, index: 13 }, today)).toBe('index');
    expect(periodProblem({ kind: 'quarter', year: 2026, index: 5 }, today)).toBe('index');
    expect(periodProblem({ kind: 'year', year: 2026 }, today)).toBeNull();
    expect(periodProblem({ kind: 'year', year: 2027 }, today)).toBe('future');
    expect(periodProblem({ kind: 'month', year: 2026, index: 12 }, today)).toBe('future');
    expect(periodProblem({ kind: 'custom', startDate: '2026-01-01' }, today)).toBe('range');
    expect(periodProblem({ kind: 'custom', startDate: '2026-03-01', endDate: '2026-02-01' }, today)).toBe('order');
    expect(periodProblem({ kind: 'custom', startDate: '2020-01-01', endDate: '2025-12-31' }, today)).toBe('span');
    expect(periodProblem({ kind: 'custom', startDate: '2021-01-01', endDate: '2025-12-31' }, today)).toBeNull();
    expect(periodProblem({ kind: 'custom', startDate: '2026-12-01', endDate: '2026-12-31' }, today)).toBe('future');
  });

  it('sends only the fields of the kind', () => {
    expect(toPeriodInput({ kind: 'quarter', year: 2026, index: 3, startDate: '2026-01-01' })).toEqual({
      kind: 'quarter',
      year: 2026,
      index: 3,
    });
    expect(toPeriodInput({ kind: 'year', year: 2025, index: 2 })).toEqual({ kind: 'year', year: 2025 });
    expect(toPeriodInput({ kind: 'custom', year: 2025, startDate: '2026-01-01', endDate: '2026-01-31' })).toEqual({
      kind: 'custom',
      startDate: '2026-01-01',
      endDate: '2026-01-31',
    });
    expect(yearChoices(today)).toHaveLength(11);
    expect(yearChoices(today)[0]).toBe(2026);
  });

  it('follows the interface language', () => {
    expect(docLang('en-US')).toBe('en');
    expect(docLang('zh-CN')).toBe('zh');
    expect(docLang(undefined)).toBe('zh');
  });
});

describe('workflow buttons', () => {
  const s = (over: Partial<WorkSummaryDto>) => ({
    status: 'draft' as const,
    canEdit: false,
    canSubmit: false,
    canApprove: false,
    canReopen: false,
    submittedAt: null,
    ...over,
  });
  it('offers the author editing, submitting and deleting a fresh draft', () => {
    expect(summarySteps(s({ canEdit: true, canSubmit: true }), false)).toEqual(['edit', 'regenerate', 'submit', 'delete']);
  });
  it('keeps a returned summary that was once submitted', () => {
    expect(summarySteps(s({ status: 'returned', canEdit: true, canSubmit: true, submittedAt: '2026-10-01T00:00:00Z' }), false)).toEqual([
      'edit',
      'regenerate',
      'submit',
    ]);
    expect(summarySteps(s({ status: 'draft', canEdit: true, submittedAt: '2026-10-01T00:00:00Z' }), false)).toEqual(['edit', 'regenerate']);
  });
  it('offers the head approving, returning and reopening', () => {
    expect(summarySteps(s({ status: 'submitted', canApprove: true }), false)).toEqual(['approve', 'return']);
    // the author who approves too may not approve their own, yet may reopen it once approved by another
    expect(summarySteps(s({ status: 'submitted' }), false)).toEqual([]);
    expect(summarySteps(s({ status: 'approved', canReopen: true }), false)).toEqual(['reopen']);
    expect(summarySteps(s({ status: 'approved' }), false)).toEqual([]);
  });
  it('shows an older version read-only, restorable while the summary may be edited', () => {
    expect(summarySteps(s({ canEdit: true, canSubmit: true }), true)).toEqual(['restore']);
    expect(summarySteps(s({ status: 'approved' }), true)).toEqual([]);
  });
});

describe('figure links', () => {
  it('moves a link to the previous period and last year', () => {
    const prev = periodLink(hazards.link, Q3, Q2);
    expect(prev).toBe('/hazards/register?siteId=cc&siteId=sy&from=2026-03-31T16%3A00%3A00.000Z&to=2026-06-30T16%3A00%3A00.000Z');
    // local days are moved too, and an instant written without milliseconds is still recognised
    expect(periodLink('/service?day1=2026-07-01&day2=2026-09-30&t=2026-06-30T16:00:00Z', Q3, Q3_2025)).toBe(
      '/service?day1=2025-07-01&day2=2025-09-30&t=2025-06-30T16%3A00%3A00.000Z',
    );
    expect(periodLink(rate.link, Q3, Q2)).toBeNull();
  });
  it('opens the records of a token: its site, its period or the fact', () => {
    expect(tokenLink({ key: 'hazards.found', variant: 'site', siteId: 'sy' }, data)).toBe(
      '/hazards/register?from=2026-06-30T16%3A00%3A00.000Z&to=2026-09-30T16%3A00%3A00.000Z&siteId=sy',
    );
    expect(tokenLink({ key: 'hazards.found', variant: 'ly' }, data)).toContain('from=2025-06-30T16');
    expect(tokenLink({ key: 'hazards.found', variant: 'dprev' }, data)).toBe(hazards.link);
    expect(tokenLink({ key: 'nope', variant: 'value' }, data)).toBeNull();
  });
});

describe('chart clicks', () => {
  it('open the site of a bar, or the period of a comparison', () => {
    const bySite = { type: 'chart' as const, title: '', kind: 'bySite' as const, keys: ['gone', 'hazards.found'] };
    // the unknown key draws no series: the first series is hazards.found
    expect(chartLink(bySite, data, 0, 1)).toContain('siteId=sy');
    expect(chartLink(bySite, data, 1, 0)).toBeNull();
    const compare = { ...bySite, kind: 'compare' as const, keys: ['hazards.found', 'workorders.timely_rate'] };
    expect(chartLink(compare, data, 0, 0)).toBe(hazards.link);
    expect(chartLink(compare, data, 1, 0)).toContain('from=2026-03-31T16');
    expect(chartLink(compare, data, 2, 0)).toContain('from=2025-06-30T16');
    expect(chartLink(compare, data, 0, 1)).toBe(rate.link);
    expect(chartLink(compare, data, 0, 5)).toBeNull();
  });
});

describe('figure tables', () => {
  it('gives every row its total, sites and comparisons, each with a link', () => {
    const [row, pct, unknown] = figureRows(['hazards.found', 'workorders.timely_rate', 'gone'], data, 'zh');
    expect(row?.label).toBe('发现隐患');
    expect(row?.total).toEqual({ value: 460, text: '460', link: hazards.link });
    expect(row?.bySite.cc?.text).toBe('311');
    expect(row?.bySite.sy?.link).toContain('siteId=sy');
    expect(row?.bySite.sy?.link).not.toContain('siteId=cc');
    expect(row?.previous.text).toBe('400');
    expect(row?.previous.link).toContain('from=2026-03-31T16');
    expect(row?.changePrevious).toBe('增长15%');
    expect(row?.lastYear).toEqual({ value: null, text: '—', link: expect.stringContaining('from=2025-06-30') });
    expect(row?.changeLastYear).toBeNull();
    expect(pct?.total.text).toBe('95.3%');
    expect(pct?.previous.link).toBeNull();
    expect(pct?.changeLastYear).toBe('持平');
    expect(pct?.bySite).toEqual({});
    expect(unknown).toMatchObject({ key: 'gone', fact: undefined, label: 'gone', total: { text: '—', link: null } });
    expect(figureRows(['hazards.found'], data, 'en')[0]?.label).toBe('Hazards found');
  });
});

describe('the figure picker', () => {
  it('finds facts by label in either language or by key, grouped by module', () => {
    expect(searchFacts(data, '', 'zh', '其他').map((g) => [g.label, g.facts.map((f) => f.key)])).toEqual([
      ['维修服务', ['workorders.timely_rate']],
      ['安全隐患', ['hazards.found']],
      ['其他', ['extra.count']],
    ]);
    expect(searchFacts(data, '隐患', 'zh', '其他').map((g) => g.module)).toEqual(['hazards']);
    expect(searchFacts(data, 'TIMELY', 'en', 'Other')[0]?.label).toBe('Repairs');
    expect(searchFacts(data, 'extra', 'zh', '其他')[0]?.module).toBe('');
    expect(searchFacts(data, '没有', 'zh', '其他')).toEqual([]);
  });
  it('offers the total, each site, the comparisons and the changes, as printed', () => {
    expect(figureChoices(hazards, data, 'zh').map((c) => [c.token, c.text])).toEqual([
      ['{{hazards.found}}', '460'],
      ['{{hazards.found@cc}}', '311'],
      ['{{hazards.found@sy}}', '149'],
      ['{{hazards.found:prev}}', '400'],
      ['{{hazards.found:ly}}', '—'],
      ['{{hazards.found:dprev}}', '增长15%'],
      ['{{hazards.found:dly}}', '无可比数据'],
    ]);
    expect(figureChoices(rate, data, 'en').map((c) => c.variant)).toEqual(['value', 'prev', 'ly', 'dprev', 'dly']);
  });
});

describe('editing the prose', () => {
  const body: SummaryBody = {
    title: '2026年第三季度后勤工作总结',
    subtitle: '长春店、沈阳店',
    sections: [
      {
        key: 'safety',
        title: '五、安全与应急',
        blocks: [
          { type: 'paragraph', text: '发现隐患{{hazards.found}}项。' },
          { type: 'table', title: '', keys: [] },
        ],
      },
      { key: 'problems', title: '七、存在的问题', blocks: [{ type: 'list', items: ['一', '二'] }] },
    ],
  };

  it('puts a token at the caret or in place of the selection', () => {
    expect(insertAt('发现项', 2, 2, '{{x}}')).toEqual({ text: '发现{{x}}项', caret: 7 });
    expect(insertAt('发现100项', 2, 5, '{{x}}')).toEqual({ text: '发现{{x}}项', caret: 7 });
    expect(insertAt('ab', 9, 9, 'c')).toEqual({ text: 'abc', caret: 3 });
  });

  it('changes one text and leaves the original body alone', () => {
    const next = setText(body, { section: 1, block: 0, item: 1 }, '三');
    expect(textAt(next, { section: 1, block: 0, item: 1 })).toBe('三');
    expect(textAt(body, { section: 1, block: 0, item: 1 })).toBe('二');
    expect(textAt(setText(body, { section: 0, block: 0 }, 'x'), { section: 0, block: 0 })).toBe('x');
    // a path to the wrong kind of block changes nothing
    expect(setText(body, { section: 0, block: 1 }, 'x').sections[0]?.blocks[1]).toEqual(body.sections[0]?.blocks[1]);
    expect(textAt(body, { section: 0, block: 0, item: 0 })).toBeUndefined();
  });

  it('adds and removes list items', () => {
    expect(textAt(addItem(body, 1, 0, 1), { section: 1, block: 0, item: 1 })).toBe('');
    expect(addItem(body, 1, 0, 99).sections[1]?.blocks[0]).toEqual({ type: 'list', items: ['一', '二', ''] });
    expect(removeItem(body, 1, 0, 0).sections[1]?.blocks[0]).toEqual({ type: 'list', items: ['二'] });
    expect(bodyTexts(body).map((t) => t.text)).toEqual(['发现隐患{{hazards.found}}项。', '一', '二']);
  });

  it('finds unknown tokens, empty texts and a missing title before saving', () => {
    expect(hasProblems(bodyProblems(body, data))).toBe(false);
    let edited = setText(body, { section: 0, block: 0 }, '{{nope}}与{{hazards.found@xx}}，{{nope}}');
    edited = addItem(edited, 1, 0, 2);
    const problems = bodyProblems({ ...edited, title: ' ' }, data);
    expect(problems).toEqual({
      unknown: ['{{nope}}', '{{hazards.found@xx}}'],
      empty: [{ section: 1, block: 0, item: 2 }],
      titleMissing: true,
    });
    expect(hasProblems(problems)).toBe(true);
  });
});
