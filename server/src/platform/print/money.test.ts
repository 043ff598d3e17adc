import { describe, expect, it } from 'vitest';
import { amountInChineseCapitals, formatYuan } from './money.js';

describe('amountInChineseCapitals', () => {
  it.each([
    [123450, '壹仟贰佰叁拾肆元伍角整'],
    [0, '零元整'],
    [100, '壹元整'],
    [1000, '壹拾元整'],
    [150, '壹元伍角整'],
    [50, '伍角整'],
    [5, '伍分'],
    [55, '伍角伍分'],
    [105, '壹元零伍分'],
    [100507, '壹仟零伍元零柒分'],
    [168032, '壹仟陆佰捌拾元叁角贰分'],
    [10_000_000, '壹拾万元整'],
    [10_001_000, '壹拾万零壹拾元整'],
    [100_000_000, '壹佰万元整'],
    [1_000_000_000, '壹仟万元整'],
    [10_000_000_000, '壹亿元整'],
    [10_000_000_100, '壹亿零壹元整'],
    [10_001_000_000, '壹亿零壹万元整'],
    [11_000_000_000, '壹亿壹仟万元整'],
    [1_234_567_890_12, '壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元壹角贰分'],
    [2_000_500, '贰万零伍元整'],
    [2_010_000, '贰万零壹佰元整'],
    [2_100_000, '贰万壹仟元整'],
    [-1250, '负壹拾贰元伍角整'],
  ])('%i fen → %s', (fen, text) => {
    expect(amountInChineseCapitals(fen)).toBe(text);
  });

  it('refuses fractions of a fen', () => {
    expect(() => amountInChineseCapitals(1.5)).toThrow(RangeError);
  });
});

describe('formatYuan', () => {
  it.each([
    [123450, '¥1,234.50'],
    [0, '¥0.00'],
    [7, '¥0.07'],
    [123456789, '¥1,234,567.89'],
    [-1200, '-¥12.00'],
  ])('%i fen → %s', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });
});
