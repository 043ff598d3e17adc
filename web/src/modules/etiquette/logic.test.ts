import { describe, expect, it } from 'vitest';
import { urlFilters } from '../hazards/logic';
import {
  CHECK_FILTERS,
  checkInput,
  DRAFT_KEY,
  draftAnswers,
  draftResult,
  etiquetteTemplates,
  type LocalDraft,
  parseDraft,
  scoreText,
  scoreTone,
} from './logic';
import type { ChecklistTemplateDto } from './types';

const template: ChecklistTemplateDto = {
  id: 't1',
  code: 'LY-APPEARANCE',
  name: '仪容仪表检查表',
  purpose: 'inspection',
  description: null,
  currentVersion: 3,
  items: [
    { key: 'uniform', label: '着装整洁', kind: 'pass_fail', required: true },
    { key: 'badge', label: '佩戴工牌', kind: 'pass_fail', required: true },
  ],
  active: true,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 1,
};

describe('checkInput', () => {
  const answers = [{ key: 'uniform', value: 'pass' as const }];

  it('names a user of the site by id', () => {
    expect(
      checkInput(
        { siteId: 's1', personMode: 'user', personId: 'u1', personName: '留下的名字', personUnit: ' 服装部 ', templateId: 't1', note: ' ' },
        answers,
      ),
    ).toEqual({ siteId: 's1', personId: 'u1', personName: null, personUnit: '服装部', templateId: 't1', answers, note: null });
  });

  it('names anyone else by the name written, without an id', () => {
    expect(
      checkInput(
        {
          siteId: 's1',
          personMode: 'name',
          personId: 'u1',
          personName: ' 王丽 ',
          personUnit: '雅戈尔专柜',
          templateId: 't1',
          note: '口红过艳',
        },
        [],
      ),
    ).toEqual({
      siteId: 's1',
      personId: null,
      personName: '王丽',
      personUnit: '雅戈尔专柜',
      templateId: 't1',
      answers: [],
      note: '口红过艳',
    });
  });
});

describe('etiquetteTemplates', () => {
  it('offers inspection and other checklists, the seeded etiquette ones first', () => {
    const rows = [
      { code: 'FIRE-M', name: '消防设施月检', purpose: 'fire' as const },
      { code: 'SPOT', name: '安全专项检查', purpose: 'inspection' as const },
      { code: 'ETIQUETTE-MANNERS', name: '礼貌礼仪检查表', purpose: 'inspection' as const },
      { code: 'ETIQUETTE-APPEARANCE', name: '仪容仪表检查表', purpose: 'inspection' as const },
      { code: 'MISC', name: '其他检查', purpose: 'other' as const },
    ];
    expect(etiquetteTemplates(rows).map((r) => r.code)).toEqual(['ETIQUETTE-APPEARANCE', 'ETIQUETTE-MANNERS', 'SPOT', 'MISC']);
  });
});

describe('draftResult', () => {
  it("is a fillable draft of the template's current version", () => {
    const r = draftResult(template, [{ key: 'badge', value: 'fail' }], 2);
    expect(r).toMatchObject({
      id: 'draft-t1',
      subjectType: 'etiquette_check',
      templateId: 't1',
      templateVersion: 3,
      status: 'draft',
      canFill: true,
      version: 2,
      answers: [{ key: 'badge', value: 'fail' }],
    });
    expect(r.items).toBe(template.items);
  });
});

describe('local drafts', () => {
  const draft: LocalDraft = {
    values: { siteId: 's1', personMode: 'name', personName: '王丽', templateId: 't1' },
    personLabel: null,
    answers: [
      { key: 'uniform', value: 'pass' },
      { key: 'gone', value: 'fail' },
    ],
    savedAt: '2026-03-10T02:00:00Z',
  };

  it('reads back what was stored and refuses anything else', () => {
    expect(DRAFT_KEY).toBe('houqin.etiquette.draft');
    expect(parseDraft(JSON.stringify(draft))).toEqual(draft);
    expect(parseDraft(null)).toBeNull();
    expect(parseDraft('{not json')).toBeNull();
    expect(parseDraft(JSON.stringify({ values: {}, answers: [{ value: 1 }], savedAt: 'x' }))).toBeNull();
    expect(parseDraft(JSON.stringify({ values: null, answers: [], savedAt: 'x' }))).toBeNull();
  });

  it("keeps the answers of the template's items only, and none for another template", () => {
    expect(draftAnswers(draft, template)).toEqual([{ key: 'uniform', value: 'pass' }]);
    expect(draftAnswers(draft, { ...template, id: 't2' })).toEqual([]);
    expect(draftAnswers(null, template)).toEqual([]);
  });
});

describe('scores', () => {
  it('reads 90 and above as good, below 60 as poor', () => {
    expect([100, 90, 89.9, 60, 59.9, 0].map(scoreTone)).toEqual(['good', 'good', 'fair', 'fair', 'poor', 'poor']);
  });

  it('shows one decimal at most', () => {
    expect(scoreText(100)).toBe('100');
    expect(scoreText(83.333)).toBe('83.3');
  });
});

describe('list filters from a summary figure’s link', () => {
  it('keeps the department of a department-scoped figure', () => {
    // as the etiquette facts link under a department scope (server training/etiquette.measures.ts)
    const link = new URLSearchParams('from=2026-01-01T00%3A00%3A00.000Z&to=2026-04-01T00%3A00%3A00.000Z&departmentId=d1');
    expect(urlFilters(link, CHECK_FILTERS)).toEqual({
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-04-01T00:00:00.000Z',
      departmentId: 'd1',
    });
  });
});
