import { describe, expect, it } from 'vitest';
import type { ChecklistItem } from '../../../../contracts/checklists';
import { checklistItemProblems } from '../../../../server/src/platform/checklists/evaluate';
import { assignItemKeys, bandOf, dottedFields, toItem, toItems, toValues } from './items';

describe('checklist template items in the editor', () => {
  it('keeps saved keys wherever the item moves and names new items after their position', () => {
    expect(assignItemKeys([{}, {}, {}])).toEqual(['item_1', 'item_2', 'item_3']);
    // item_2 was saved and moved to the top: it keeps its key; the new ones skip it
    expect(assignItemKeys([{ key: 'item_2' }, {}, { key: 'item_1' }, {}])).toEqual(['item_2', 'item_3', 'item_1', 'item_4']);
    expect(assignItemKeys([{ key: 'belt' }, {}])).toEqual(['belt', 'item_2']);
    const keys = assignItemKeys([{}, { key: 'item_1' }, {}, { key: 'item_3' }]);
    expect(new Set(keys).size).toBe(4);
    expect(keys).toEqual(['item_2', 'item_1', 'item_4', 'item_3']);
  });

  it('stores only the fields each kind uses, trimmed', () => {
    expect(toItem({ label: ' 皮带 ', kind: 'pass_fail', required: true, photoOnFail: true, unit: 'x', min: 1 }, 'a')).toEqual({
      key: 'a',
      label: '皮带',
      kind: 'pass_fail',
      required: true,
      hint: null,
      photoOnFail: true,
    });
    const range = toItem({ label: '水压', kind: 'number', unit: ' MPa ', band: 'range', min: 0.1, max: 0.3, target: 5, tolerance: 1 }, 'p');
    expect(range).toMatchObject({ unit: 'MPa', min: 0.1, max: 0.3, target: null, tolerance: null, required: false });
    const target = toItem({ label: '温度', kind: 'number', band: 'target', min: 1, max: 2, target: 24, tolerance: 1 }, 't');
    expect(target).toMatchObject({ min: null, max: null, target: 24, tolerance: 1 });
    const none = toItem({ label: '电流', kind: 'number', band: 'none', min: 1, target: 3 }, 'n');
    expect(none).toMatchObject({ min: null, max: null, target: null, tolerance: null });
    const choice = toItem({ label: '噪声', kind: 'choice', options: [' 正常', '异常 ', '', '正常'], failOptions: ['异常', '消失了'] }, 'c');
    expect(choice).toMatchObject({ options: ['正常', '异常'], failOptions: ['异常'] });
  });

  it('gives the server items it accepts, and reads stored items back', () => {
    const items = toItems([
      { label: '外观', kind: 'pass_fail', required: true },
      { label: '出风温度', kind: 'number', band: 'target', target: 12, tolerance: 2, unit: '°C' },
      { label: '噪声', kind: 'choice', options: ['正常', '异常'], failOptions: ['异常'] },
      { label: '照片', kind: 'photo', required: true },
      { label: '签名', kind: 'signature', required: true },
    ]);
    expect(checklistItemProblems(items)).toEqual([]);
    const back = items.map(toValues);
    expect(back[1]?.band).toBe('target');
    expect(toItems(back)).toEqual(items);
    expect(bandOf({ min: null, max: 3, target: null } as ChecklistItem)).toBe('range');
  });

  it('puts the server field errors of list items under their inputs', () => {
    expect(
      dottedFields([
        { field: 'items[2].label', message: 'x' },
        { field: 'code', message: 'y' },
      ]),
    ).toEqual([
      { field: 'items.2.label', message: 'x' },
      { field: 'code', message: 'y' },
    ]);
  });
});
