import { describe, expect, it } from 'vitest';
import type { ChecklistItem } from '../../../../contracts/checklists.js';
import { etiquetteScore } from './etiquette.score.js';

const items: ChecklistItem[] = [
  { key: 'uniform', label: '着装统一整洁', kind: 'pass_fail', required: true },
  { key: 'badge', label: '佩戴工牌', kind: 'pass_fail', required: true },
  { key: 'hair', label: '发型整洁', kind: 'pass_fail', required: true },
  { key: 'overall', label: '服务态度总体评价', kind: 'choice', required: false, options: ['优', '良', '差'], failOptions: ['差'] },
  { key: 'smiles', label: '微笑次数', kind: 'number', required: false, min: 1 },
  { key: 'note', label: '其他情况', kind: 'text', required: false },
];

describe('etiquette score', () => {
  it('counts passed over judged pass/fail items; 不适用 and text items do not count', () => {
    const s = etiquetteScore(items, [
      { key: 'uniform', value: 'pass' },
      { key: 'badge', value: 'fail' },
      { key: 'hair', value: 'na' },
      { key: 'note', value: '工牌遗忘在更衣室' },
    ]);
    expect(s).toMatchObject({ applicable: 2, passed: 1, score: 50, failedItems: ['佩戴工牌'] });
  });

  it('counts an answered number or choice item as passed when the engine found nothing wrong', () => {
    const s = etiquetteScore(items, [
      { key: 'uniform', value: 'pass' },
      { key: 'badge', value: 'pass' },
      { key: 'hair', value: 'fail' },
      { key: 'overall', value: '差' },
      { key: 'smiles', value: 3 },
    ]);
    // 3 passed of 5 judged
    expect(s).toMatchObject({ applicable: 5, passed: 3, score: 60, failedItems: ['发型整洁', '服务态度总体评价'] });
  });

  it('rounds to one decimal and has no score when nothing was judged', () => {
    const twoOfThree = etiquetteScore(items, [
      { key: 'uniform', value: 'pass' },
      { key: 'badge', value: 'pass' },
      { key: 'hair', value: 'fail' },
    ]);
    expect(twoOfThree.score).toBe(66.7);
    const none = etiquetteScore(items, [
      { key: 'uniform', value: 'na' },
      { key: 'badge', value: 'na' },
      { key: 'hair', value: 'na' },
    ]);
    expect(none).toMatchObject({ score: null, applicable: 0, failedItems: [] });
  });
});
