import { describe, expect, it } from 'vitest';
import { draftIssues, filledLines, lineErrors, needsNote, targetText } from './entry';

const room = { target: 24, tolerance: 1, min: null, max: null, kind: 'instant' as const, lastValue: 24.2 };
const meter = { target: null, tolerance: null, min: null, max: null, kind: 'cumulative' as const, lastValue: 1500 };

describe('reading entry', () => {
  it('asks for a note only when the value is out of band', () => {
    expect(needsNote(room, 24.9)).toBe(false);
    expect(needsNote(room, 26)).toBe(true);
    expect(needsNote(meter, 2000)).toBe(false);
    expect(draftIssues(room, { value: 26, note: '  ' })).toEqual({ note: 'noteRequired' });
    expect(draftIssues(room, { value: 26, note: '空调故障，已报修' })).toEqual({});
    expect(draftIssues(room, { value: null, note: '' })).toEqual({});
  });

  it('stops a meter reading below the last one', () => {
    expect(draftIssues(meter, { value: 1499, note: '' })).toEqual({ value: 'belowLast' });
    expect(draftIssues(meter, { value: 1500, note: '' })).toEqual({});
  });

  it('sends the filled lines in the order of the points', () => {
    const points = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(filledLines(points, { c: { value: 0, note: '' }, a: { value: 24.1, note: ' 正常 ' }, b: { value: null, note: 'x' } })).toEqual([
      { pointId: 'a', value: 24.1, note: '正常' },
      { pointId: 'c', value: 0, note: null },
    ]);
  });

  it('puts a server error on the row it names by its index in what was sent', () => {
    const lines = [{ pointId: 'a' }, { pointId: 'c' }];
    const { rows, other } = lineErrors(lines, [
      { field: 'lines.1.value', message: '读数小于上次读数' },
      { field: 'lines/0/note', message: '不能超过 500 个字' },
      { field: 'lines.1', message: '读数点已停用' },
      { field: 'lines.1.value', message: '须为数值' },
      { field: 'lines.7.value', message: '越界' },
      { field: 'readAt', message: '读数时间不能晚于现在' },
    ]);
    expect(rows).toEqual({
      a: { note: '不能超过 500 个字' },
      c: { value: '读数小于上次读数；须为数值', line: '读数点已停用' },
    });
    expect(other.map((f) => f.field)).toEqual(['lines.7.value', 'readAt']);
  });

  it('writes where a point is: a location by its path, an asset after the place it stands in', () => {
    expect(targetText({ targetType: 'location', targetName: '一层', targetPath: '长春店 / A座主楼 / 一层' })).toBe(
      '长春店 / A座主楼 / 一层',
    );
    expect(targetText({ targetType: 'asset', targetName: '1号冷库', targetPath: '沈阳店 / 地下一层' })).toBe('沈阳店 / 地下一层 1号冷库');
    expect(targetText({ targetType: 'asset', targetName: '1号冷库', targetPath: null })).toBe('1号冷库');
  });
});
