import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import {
  actionBody,
  actionButtons,
  actionForm,
  breakdownMatrix,
  campaignTotals,
  categoryBySite,
  hazardSteps,
  noteRequired,
  onTimeRate,
  splitFacts,
  stepKeys,
  subGradeFits,
  titleFrom,
  urlFilters,
  withFilter,
} from './logic';
import type { SummaryFact } from './types';

const hazard = (h: Partial<Parameters<typeof hazardSteps>[0]> = {}): Parameters<typeof hazardSteps>[0] => ({
  status: 'registered',
  grade: 'general',
  overdue: false,
  responsibleId: null,
  rectifiedAt: null,
  acceptedAt: null,
  signedOffAt: null,
  ...h,
});

const fact = (key: string, value: number | null, bySite?: [string, number][]): SummaryFact => ({
  key,
  label: { zh: key.split('.').pop() ?? key, en: key },
  value,
  unit: 'count',
  link: `/hazards/register?category=${key.split('.').pop()}`,
  bySite: bySite?.map(([siteId, v]) => ({ siteId, siteName: siteId, value: v })),
});

describe('hazard steps', () => {
  it('adds the sign-off step for major hazards only', () => {
    expect(stepKeys('general')).toEqual(['registered', 'rectifying', 'submitted', 'closed']);
    expect(stepKeys('major')).toEqual(['registered', 'rectifying', 'submitted', 'pending_signoff', 'closed']);
    // a hazard waiting for sign-off shows the step even when its grade was lowered since
    expect(stepKeys('general', 'pending_signoff')).toContain('pending_signoff');
  });

  it('puts an open hazard on the step of its status, red when overdue', () => {
    expect(hazardSteps(hazard())).toMatchObject({ current: 0, state: 'process' });
    expect(hazardSteps(hazard({ status: 'rectifying', overdue: true }))).toMatchObject({ current: 1, state: 'error' });
    expect(hazardSteps(hazard({ status: 'submitted' }))).toMatchObject({ current: 2, state: 'process' });
    expect(hazardSteps(hazard({ status: 'pending_signoff', grade: 'major' }))).toMatchObject({ current: 3, state: 'process' });
  });

  it('finishes a closed hazard on its last step, general or major', () => {
    expect(hazardSteps(hazard({ status: 'closed' }))).toEqual({
      keys: ['registered', 'rectifying', 'submitted', 'closed'],
      current: 3,
      state: 'finish',
    });
    expect(hazardSteps(hazard({ status: 'closed', grade: 'major' }))).toMatchObject({ current: 4, state: 'finish' });
  });

  it('stops a cancelled hazard in red where it had come to', () => {
    expect(hazardSteps(hazard({ status: 'cancelled' }))).toMatchObject({ current: 0, state: 'error' });
    expect(hazardSteps(hazard({ status: 'cancelled', responsibleId: 'u1' }))).toMatchObject({ current: 1, state: 'error' });
    expect(hazardSteps(hazard({ status: 'cancelled', responsibleId: 'u1', rectifiedAt: 'x' }))).toMatchObject({ current: 2 });
    expect(
      hazardSteps(hazard({ status: 'cancelled', grade: 'major', responsibleId: 'u1', rectifiedAt: 'x', acceptedAt: 'y' })),
    ).toMatchObject({ current: 3, state: 'error' });
  });
});

describe('hazard actions', () => {
  it('makes the first forward step primary and reject / cancel red, forward first', () => {
    expect(actionButtons(['cancel', 'reject', 'accept'])).toEqual([
      { action: 'accept', primary: true, danger: false },
      { action: 'reject', primary: false, danger: true },
      { action: 'cancel', primary: false, danger: true },
    ]);
    expect(actionButtons(['cancel'])).toEqual([{ action: 'cancel', primary: false, danger: true }]);
    expect(actionButtons(['submit', 'assign']).map((b) => [b.action, b.primary])).toEqual([
      ['assign', true],
      ['submit', false],
    ]);
    expect(actionButtons([])).toEqual([]);
  });

  it('chooses each action its form and whether the note is required', () => {
    expect(actionForm('assign')).toBe('assign');
    expect(actionForm('submit')).toBe('submit');
    expect(['accept', 'reject', 'sign_off', 'cancel'].map((a) => actionForm(a as 'accept'))).toEqual(['note', 'note', 'note', 'note']);
    expect(['submit', 'reject', 'cancel'].every((a) => noteRequired(a as 'reject'))).toBe(true);
    expect(noteRequired('accept') || noteRequired('sign_off')).toBe(false);
  });

  it('builds the assign body with funds in fen and the deadline as a date', () => {
    const body = actionBody(
      'assign',
      {
        responsibleId: 'u1',
        verifierId: 'u2',
        measures: '  更换灭火器  ',
        fundsYuan: 1234.56,
        deadline: dayjs('2025-06-30T10:00:00'),
        contingencyPlan: '  ',
        addresseeType: null,
        addresseeId: 'd1',
      },
      3,
    );
    expect(body).toEqual({
      responsibleId: 'u1',
      verifierId: 'u2',
      measures: '更换灭火器',
      fundsFen: 123456,
      deadline: '2025-06-30',
      contingencyPlan: null,
      temporaryMeasures: null,
      acceptanceStandard: null,
      addresseeType: null,
      addresseeId: null,
      version: 3,
    });
    expect(actionBody('assign', { fundsYuan: 0.1 + 0.2 }, 1)).toMatchObject({ fundsFen: 30 });
    expect(actionBody('assign', { fundsYuan: null }, 1)).toMatchObject({ fundsFen: null });
  });

  it('builds the note bodies: trimmed, empty optional notes as null', () => {
    expect(actionBody('submit', { note: ' 已更换 ' }, 2)).toEqual({ note: '已更换', version: 2 });
    expect(actionBody('accept', { note: '   ' }, 2)).toEqual({ note: null, version: 2 });
    expect(actionBody('reject', { note: '照片不清楚' }, 5)).toEqual({ note: '照片不清楚', version: 5 });
  });
});

describe('hazard form helpers', () => {
  it('offers the sub-grades of the chosen grade', () => {
    expect(subGradeFits('general_a', 'general')).toBe(true);
    expect(subGradeFits('major_a', 'general')).toBe(false);
    expect(subGradeFits('general_a', undefined)).toBe(false);
  });

  it('proposes a title from the first line of a finding, at most 30 characters', () => {
    expect(titleFrom('  消防通道堵塞\n纸箱堆放')).toBe('消防通道堵塞');
    expect(titleFrom('x'.repeat(40))).toBe(`${'x'.repeat(30)}…`);
    expect(titleFrom('')).toBe('');
  });
});

describe('list filters in the URL', () => {
  it('reads the given keys, repeated ones as lists, and drops the rest', () => {
    const q = new URLSearchParams('siteId=a&siteId=b&status=closed&overdue=&foo=1');
    expect(urlFilters(q, ['siteId', 'status', 'overdue'])).toEqual({ siteId: ['a', 'b'], status: 'closed' });
    expect(withFilter(q, 'status', undefined).has('status')).toBe(false);
    expect(withFilter(q, 'siteId', ['c']).getAll('siteId')).toEqual(['c']);
    expect(withFilter(q, 'overdue', '1').get('overdue')).toBe('1');
  });
});

describe('campaign figures', () => {
  const results = [
    { siteId: 'a', siteName: 'A', findings: 5, hazards: 2, rectified: 2, onTime: 1, open: 0, overdue: 0 },
    { siteId: 'b', siteName: 'B', findings: 3, hazards: 1, rectified: 0, onTime: 0, open: 1, overdue: 1 },
  ];

  it('adds the sites up', () => {
    expect(campaignTotals(results)).toEqual({ findings: 8, hazards: 3, rectified: 2, onTime: 1, open: 1, overdue: 1 });
    expect(campaignTotals([])).toEqual({ findings: 0, hazards: 0, rectified: 0, onTime: 0, open: 0, overdue: 0 });
  });

  it('rates on time over rectified, none when nothing was rectified', () => {
    expect(onTimeRate({ rectified: 3, onTime: 2 })).toBe(66.7);
    expect(onTimeRate({ rectified: 0, onTime: 0 })).toBeNull();
  });
});

describe('measures', () => {
  const sites = [
    { id: 'a', name: '长春店' },
    { id: 'b', name: '沈阳店' },
  ];

  it('charts the per-category hazard counts by site, leaving out empty categories', () => {
    const facts = [
      fact('hazards.found', 5, [
        ['a', 3],
        ['b', 2],
      ]),
      fact('hazards.found.category.fire_safety', 4, [
        ['b', 1],
        ['a', 3],
      ]),
      fact('hazards.found.category.hygiene', 0, [
        ['a', 0],
        ['b', 0],
      ]),
      fact('hazards.found.category.other', 1),
    ];
    const chart = categoryBySite(facts, sites, (f) => f.label.zh);
    expect(chart.categories).toEqual(['fire_safety', 'other']);
    expect(chart.facts.map((f) => f.key)).toEqual(['hazards.found.category.fire_safety', 'hazards.found.category.other']);
    // matched by site id, not by position; a fact without a per-site split counts 0
    expect(chart.series).toEqual([
      { siteId: 'a', name: '长春店', values: [3, 0] },
      { siteId: 'b', name: '沈阳店', values: [1, 0] },
    ]);
  });

  it('separates the headline figures from their breakdowns', () => {
    const facts = [
      fact('hazards.found', 1),
      fact('hazards.found.category.fire_safety', 1),
      fact('hazards.found.grade.major', 1),
      fact('findings.handled_rate', 1),
      fact('patrols.due.level.joint', 1),
    ];
    const { main, breakdown } = splitFacts(facts);
    expect(main.map((f) => f.key)).toEqual(['hazards.found', 'findings.handled_rate']);
    expect(breakdown).toHaveLength(3);
  });
});

describe('breakdown table', () => {
  it('puts each dimension value in a row and each broken-down figure in a column', () => {
    const facts = [
      fact('hazards.found', 3),
      fact('hazards.found.category.fire_safety', 2),
      fact('hazards.found.category.hygiene', 1),
      fact('hazards.rectified.category.fire_safety', 1),
      fact('hazards.found.grade.major', 1),
      fact('hazards.findings.resolution.open', 4),
    ];
    const m = breakdownMatrix(facts);
    expect(m.columns).toEqual(['hazards.found', 'hazards.rectified', 'hazards.findings']);
    expect(m.rows.map((r) => r.id)).toEqual(['category.fire_safety', 'category.hygiene', 'grade.major', 'resolution.open']);
    const fire = m.rows[0];
    expect(fire?.dim).toBe('category');
    expect(fire?.code).toBe('fire_safety');
    expect(Object.keys(fire?.cells ?? {})).toEqual(['hazards.found', 'hazards.rectified']);
    expect(m.rows[1]?.cells['hazards.rectified']).toBeUndefined();
  });
});
