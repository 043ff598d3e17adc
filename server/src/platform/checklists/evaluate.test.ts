import { describe, expect, it } from 'vitest';
import type { ChecklistItem } from '../../../../contracts/checklists.js';
import { checklistItemProblems, evaluateChecklist, expectedText } from './evaluate.js';

// 消防栓月检 and 卖场温度 as a department writes them
const items: ChecklistItem[] = [
  { key: 'box', label: '箱体完好、无遮挡', kind: 'pass_fail', required: true, photoOnFail: true },
  { key: 'pressure', label: '静水压力', kind: 'number', required: true, unit: 'MPa', min: 0.1, max: 0.3 },
  { key: 'temp', label: '卖场温度', kind: 'number', required: true, unit: '°C', target: 24, tolerance: 1 },
  { key: 'hose', label: '水带状态', kind: 'choice', required: true, options: ['完好', '老化', '缺失'], failOptions: ['老化', '缺失'] },
  { key: 'remark', label: '备注', kind: 'text', required: false },
  { key: 'photo', label: '现场照片', kind: 'photo', required: true },
  { key: 'sign', label: '检查人签名', kind: 'signature', required: true },
];

describe('evaluating a filled checklist', () => {
  it('all in order: no problems, no findings, every item passed', () => {
    const e = evaluateChecklist(items, [
      { key: 'box', value: 'pass' },
      { key: 'pressure', value: 0.25 },
      { key: 'temp', value: 23 },
      { key: 'hose', value: '完好' },
      { key: 'photo', value: null, photoIds: ['f1'] },
      { key: 'sign', value: '张三' },
    ]);
    expect(e).toEqual({ problems: [], findings: [], answered: 6, passed: 6 });
  });

  it('a failed item, a number out of its band and a failing choice become findings', () => {
    const e = evaluateChecklist(items, [
      { key: 'box', value: 'fail', photoIds: ['f2'], note: '箱门损坏' },
      { key: 'pressure', value: 0.05 },
      { key: 'temp', value: 25.5 },
      { key: 'hose', value: '老化' },
      { key: 'photo', value: null, photoIds: ['f1'] },
      { key: 'sign', value: '张三' },
    ]);
    expect(e.problems).toEqual([]);
    expect(e.findings.map((f) => [f.key, f.reason, f.expected])).toEqual([
      ['box', 'failed', null],
      ['pressure', 'below_min', '0.1–0.3 MPa'],
      ['temp', 'out_of_tolerance', '24 ± 1 °C'],
      ['hose', 'fail_option', null],
    ]);
    expect(e.findings[0]?.note).toBe('箱门损坏');
    expect(e.passed).toBe(2);
    // the tolerance is inclusive: 25 is still in band
    expect(evaluateChecklist([items[2] as ChecklistItem], [{ key: 'temp', value: 25 }]).findings).toEqual([]);
  });

  it('N.A. is answered without passing or failing', () => {
    const e = evaluateChecklist([items[0] as ChecklistItem], [{ key: 'box', value: 'na' }]);
    expect(e).toEqual({ problems: [], findings: [], answered: 1, passed: 0 });
  });

  it('names every problem: missing required items, wrong kinds, a failure without its photo, unknown and repeated keys', () => {
    const e = evaluateChecklist(items, [
      { key: 'box', value: 'fail' },
      { key: 'pressure', value: 'high' },
      { key: 'hose', value: '破损' },
      { key: 'nope', value: 'x' },
      { key: 'box', value: 'pass' },
    ]);
    expect(e.problems.map((p) => p.field)).toEqual([
      'answers[3].key',
      'answers[4].key',
      'answers.box',
      'answers.pressure',
      'answers.temp',
      'answers.hose',
      'answers.photo',
      'answers.sign',
    ]);
    expect(e.problems.find((p) => p.field === 'answers.box')?.message).toBe('箱体完好、无遮挡：不合格时须拍照留证');
    expect(e.problems.find((p) => p.field === 'answers.sign')?.message).toBe('检查人签名：请签名');
  });
});

describe('template items', () => {
  it('formats bands the way people write them', () => {
    expect(expectedText({ key: 'a', label: 'a', kind: 'number', required: true, min: 0.1, unit: 'MPa' })).toBe('≥ 0.1 MPa');
    expect(expectedText({ key: 'a', label: 'a', kind: 'number', required: true, max: 40 })).toBe('≤ 40');
  });

  it('refuses inconsistent items', () => {
    expect(checklistItemProblems(items)).toEqual([]);
    const problems = checklistItemProblems([
      { key: 'Bad Key', label: '', kind: 'number', required: true, target: 24, min: 20 },
      { key: 'c', label: '选择', kind: 'choice', required: true, options: ['a'], failOptions: ['b'] },
      { key: 'c', label: '重复', kind: 'text', required: false },
      { key: 'r', label: '范围', kind: 'number', required: true, min: 5, max: 1 },
    ]);
    expect(problems.map((p) => p.field)).toEqual([
      'items[0].key',
      'items[0].label',
      'items[0].target',
      'items[0].tolerance',
      'items[1].options',
      'items[1].failOptions',
      'items[2].key',
      'items[3].max',
    ]);
    expect(checklistItemProblems([])).toEqual([{ field: 'items', message: '请至少添加一个检查项' }]);
  });
});
