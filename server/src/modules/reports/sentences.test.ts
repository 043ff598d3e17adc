import { describe, expect, it } from 'vitest';
import {
  buildFacts,
  CHANGCHUN,
  changchunYear,
  emptyYear,
  oneStoreFacts,
  SHENYANG,
  shenyangYear,
  twoStoresFacts,
} from './fixtures/facts.js';
import { enNumber, FactView, innerLabel, joinEn, longDate, lowerFirst, quantityLabel, zhNumber } from './sentences.js';

describe('sentences', () => {
  it('writes the count of sites in words', () => {
    expect([1, 2, 3, 10, 12, 20, 21, 100, 105, 110, 1000, 1001].map((n) => zhNumber(n))).toEqual([
      '一',
      '两',
      '三',
      '十',
      '十二',
      '二十',
      '二十一',
      '一百',
      '一百零五',
      '一百一十',
      '一千',
      '一千零一',
    ]);
    expect(zhNumber(2, false)).toBe('二');
    expect([1, 2, 13, 20, 42, 100, 105, 1200, 2005].map(enNumber)).toEqual([
      'one',
      'two',
      'thirteen',
      'twenty',
      'forty-two',
      'one hundred',
      'one hundred and five',
      'one thousand two hundred',
      'two thousand and five',
    ]);
  });

  it('phrases breakdowns, rates and comparisons from the facts', () => {
    const zh = new FactView(twoStoresFacts(), 'zh');
    expect(zh.bySite('hazards.found', '项')).toBe('，其中长春店{{hazards.found@site-cc}}项，沈阳店{{hazards.found@site-sy}}项');
    expect(zh.spread('hazards.overdue', '项')).toBe('，均在长春店');
    expect(zh.siteRates('hazards.on_time_rate')).toBe('（长春店{{hazards.on_time_rate@site-cc}}，沈阳店{{hazards.on_time_rate@site-sy}}）');
    expect(zh.compare('hazards.found')).toBe('，较上期{{hazards.found:dprev}}，较去年同期{{hazards.found:dly}}');
    const en = new FactView(twoStoresFacts(), 'en');
    expect(en.bySite('hazards.found', '')).toBe(' ({{hazards.found@site-cc}} at 长春店 and {{hazards.found@site-sy}} at 沈阳店)');
    expect(en.compare('hazards.found')).toBe(
      ', {{hazards.found:dprev}} on the previous period and {{hazards.found:dly}} on the same period last year',
    );
    // one site: no breakdown; last year without figures: no comparison with it
    const one = new FactView(oneStoreFacts(), 'zh');
    expect(one.bySite('hazards.found', '项')).toBe('');
    expect(one.compare('hazards.found')).toBe('，较上期{{hazards.found:dprev}}');
    // a zero total has no breakdown
    expect(zh.bySite('incidents.type.fire', '起')).toBe('');
  });

  it('names a site without any as having none, and a site with them all alone', () => {
    const school = { id: 'site-school', name: '实验学校' };
    const data = buildFacts({
      sites: [CHANGCHUN, SHENYANG, school],
      raw: new Map([
        [CHANGCHUN.id, changchunYear()],
        [SHENYANG.id, shenyangYear()],
        [school.id, emptyYear()],
      ]),
    });
    const zh = new FactView(data, 'zh');
    expect(zh.bySite('workorders.received', '项')).toBe(
      '，其中长春店{{workorders.received@site-cc}}项，沈阳店{{workorders.received@site-sy}}项，实验学校无',
    );
    // 4 overdue hazards, all at 长春店
    expect(zh.bySite('hazards.overdue', '项')).toBe('，均在长春店');
    expect(zh.bySite('hazards.overdue.grade.major', '项')).toBe('（长春店）');
    const en = new FactView(data, 'en');
    expect(en.bySite('workorders.received', '')).toBe(
      ' ({{workorders.received@site-cc}} at 长春店, {{workorders.received@site-sy}} at 沈阳店 and none at 实验学校)',
    );
    expect(en.bySite('hazards.overdue.grade.major', '')).toBe(' (at 长春店)');
    // English tense: a period that has ended is told in the past
    expect(en.be('hazards.overdue')).toBe('were');
    expect(new FactView({ ...data, generatedAt: '2026-06-01T00:00:00.000Z' }, 'en').be('hazards.overdue.grade.major')).toBe('is');
  });

  it('reads labels', () => {
    const data = twoStoresFacts();
    const drill = data.facts.find((f) => f.key === 'drills.done.type.fire_evacuation');
    const power = data.facts.find((f) => f.key === 'readings.consumption.electricity');
    if (!drill || !power) throw new Error('fixture facts expected');
    expect(innerLabel(drill, 'zh')).toBe('消防疏散');
    expect(innerLabel(drill, 'en')).toBe('Fire evacuation');
    expect(quantityLabel(power, 'zh')).toEqual({ name: '用电量', unit: 'kWh' });
    expect(quantityLabel(power, 'en')).toEqual({ name: 'Electricity', unit: 'kWh' });
    expect(lowerFirst('HVAC')).toBe('HVAC');
    expect(lowerFirst('Water supply & drainage')).toBe('water supply & drainage');
    expect(joinEn(['a', 'b', 'c'])).toBe('a, b and c');
    expect(longDate('2026-03-01', 'zh')).toBe('2026年3月1日');
    expect(longDate('2026-03-01', 'en')).toBe('1 March 2026');
  });
});
