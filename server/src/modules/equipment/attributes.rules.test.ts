import { describe, expect, it } from 'vitest';
import { parseYuan } from './assets.import.parse.js';
import {
  type AttributeDef,
  definitionProblems,
  isIsoDate,
  keepKnownAttributes,
  parseDate,
  parseNumber,
  validateAttributes,
} from './attributes.rules.js';

const def = (key: string, type: AttributeDef['type'], extra: Partial<AttributeDef> = {}): AttributeDef => ({
  key,
  label: key.toUpperCase(),
  type,
  unit: null,
  options: [],
  required: false,
  active: true,
  ...extra,
});

const DEFS = [
  def('capacity', 'number', { label: '制冷量', unit: 'kW' }),
  def('installed', 'date', { label: '安装日期' }),
  def('spec', 'choice', { label: '规格', options: ['2kg', '4kg'] }),
  def('plate', 'text', { label: '车牌号', required: true }),
  def('old', 'text', { label: '旧属性', active: false, required: true }),
];

describe('attribute values', () => {
  it('parses numbers typed by people and refuses the rest', () => {
    expect(parseNumber('12')).toBe(12);
    expect(parseNumber(' -3.5 ')).toBe(-3.5);
    expect(parseNumber('1,200')).toBe(1200);
    expect(parseNumber('1,200.5')).toBe(1200.5);
    expect(parseNumber(7)).toBe(7);
    expect(parseNumber('12kW')).toBeNull();
    expect(parseNumber('1e3')).toBeNull();
    expect(parseNumber('')).toBeNull();
    expect(parseNumber(Number.NaN)).toBeNull();
  });

  it('accepts real calendar days only', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-3-1')).toBe(false);
    expect(parseDate('2026-3-5')).toBe('2026-03-05');
    expect(parseDate('2026/03/05')).toBe('2026-03-05');
    expect(parseDate('2026-13-01')).toBeNull();
    expect(parseDate('昨天')).toBeNull();
  });

  it('normalises valid values and drops empty ones', () => {
    const { values, errors } = validateAttributes(DEFS, {
      capacity: '1,200',
      installed: '2021/5/1',
      spec: '4kg',
      plate: ' 吉A12345 ',
      extra: '',
    });
    expect(errors).toEqual([]);
    expect(values).toEqual({ capacity: 1200, installed: '2021-05-01', spec: '4kg', plate: '吉A12345' });
  });

  it('reports one field error per bad attribute, as attributes.<key>', () => {
    const { errors } = validateAttributes(DEFS, { capacity: 'big', installed: '2026-13-01', spec: '3kg', color: 'red' });
    expect(errors.map((e) => e.field).sort()).toEqual([
      'attributes.capacity',
      'attributes.color',
      'attributes.installed',
      'attributes.plate',
      'attributes.spec',
    ]);
    const msg = (f: string) => errors.find((e) => e.field === `attributes.${f}`)?.message;
    expect(msg('capacity')).toBe('制冷量应为数字（单位 kW）');
    expect(msg('installed')).toContain('YYYY-MM-DD');
    expect(msg('spec')).toBe('规格不是可选值，可选：2kg、4kg');
    expect(msg('plate')).toBe('车牌号必填');
    expect(msg('color')).toBe('该分类没有此属性');
  });

  it('treats a blank required value as missing and keeps values of deactivated definitions untouched', () => {
    const { values, errors } = validateAttributes(DEFS, { plate: '   ', old: 'legacy' });
    expect(errors).toEqual([{ field: 'attributes.plate', message: '车牌号必填' }]);
    expect(values).toEqual({ old: 'legacy' });
  });

  it('keeps only known keys when an asset changes category', () => {
    expect(keepKnownAttributes(DEFS, { capacity: 1, other: 'x' })).toEqual({ capacity: 1 });
  });

  it('checks choice options of a definition', () => {
    expect(definitionProblems({ type: 'choice', options: [] })[0]?.message).toContain('至少需要一个');
    expect(definitionProblems({ type: 'choice', options: ['a', 'a'] })[0]?.message).toContain('重复');
    expect(definitionProblems({ type: 'number', options: ['a'] })[0]?.field).toBe('options');
    expect(definitionProblems({ type: 'choice', options: ['a', 'b'] })).toEqual([]);
  });
});

describe('money in yuan', () => {
  it('converts up to two decimals to fen exactly', () => {
    expect(parseYuan('1234.5')).toBe(123450);
    expect(parseYuan('¥1,234.56')).toBe(123456);
    expect(parseYuan('0.07')).toBe(7);
    expect(parseYuan('268000')).toBe(26800000);
    expect(parseYuan('1.005')).toBeNull();
    expect(parseYuan('-5')).toBeNull();
    expect(parseYuan('一百')).toBeNull();
  });
});
