import { describe, expect, it } from 'vitest';
import { formatChange, formatFigure, parseFigureText, renderFigureText, unknownTokens } from './figures.js';
import type { SummaryFact } from './summary.js';

const fact = (key: string, value: number | null, unit: SummaryFact['unit'] = 'count'): SummaryFact => ({
  key,
  label: { zh: key, en: key },
  value,
  unit,
  link: '/x',
  bySite: [
    { siteId: 'a', siteName: '长春店', value: 311 },
    { siteId: 'b', siteName: '沈阳店', value: 149 },
  ],
});
const data = {
  facts: [fact('hazards.found', 460), fact('hazards.on_time_rate', 96.54, 'percent'), fact('cost', 123450, 'fen')],
  previous: { period: {} as never, values: { 'hazards.found': 400, 'hazards.on_time_rate': 94.2 } },
  lastYear: { period: {} as never, values: { 'hazards.found': 0, 'hazards.on_time_rate': null } },
};

describe('figure tokens', () => {
  it('splits text into parts and tokens', () => {
    expect(parseFigureText('发现{{hazards.found}}项，其中长春店{{hazards.found@a}}项{{x:dprev}}')).toEqual([
      { text: '发现' },
      { token: { key: 'hazards.found', variant: 'value' }, raw: '{{hazards.found}}' },
      { text: '项，其中长春店' },
      { token: { key: 'hazards.found', variant: 'site', siteId: 'a' }, raw: '{{hazards.found@a}}' },
      { text: '项' },
      { token: { key: 'x', variant: 'dprev' }, raw: '{{x:dprev}}' },
    ]);
  });
  it('renders totals, sites, comparisons and changes', () => {
    expect(
      renderFigureText(
        '发现{{hazards.found}}项，长春店{{hazards.found@a}}项，较上期{{hazards.found:dprev}}，上期{{hazards.found:prev}}',
        data,
        'zh',
      ),
    ).toBe('发现460项，长春店311项，较上期增长15%，上期400');
    expect(renderFigureText('{{hazards.on_time_rate}} {{hazards.on_time_rate:dprev}} {{hazards.on_time_rate:dly}}', data, 'zh')).toBe(
      '96.5% 提高2.3个百分点 无可比数据',
    );
    expect(renderFigureText('{{hazards.found:dly}}', data, 'en')).toBe('no comparable data');
    expect(renderFigureText('{{cost}}', data, 'zh')).toBe('¥1,234.50');
  });
  it('lists unknown keys and sites', () => {
    expect(unknownTokens('{{hazards.found}}{{nope}}{{hazards.found@zzz}}', data)).toEqual(['{{nope}}', '{{hazards.found@zzz}}']);
  });
  it('formats figures and changes', () => {
    expect(formatFigure(12345, 'count', 'zh')).toBe('12,345');
    expect(formatFigure(null, 'percent', 'zh')).toBe('—');
    expect(formatFigure(3.25, 'hours', 'zh')).toBe('3.3小时');
    expect(formatFigure(-5, 'fen', 'en')).toBe('¥-0.05');
    expect(formatChange(5, 0, 'count', 'zh')).toBeNull();
    expect(formatChange(0, 0, 'count', 'zh')).toBe('持平');
    expect(formatChange(90, 100, 'count', 'en')).toBe('down 10%');
  });
});

describe('figure keys', () => {
  it('cites keys with a unit outside ASCII, never with a colon or an at sign', () => {
    const withUnit = { ...data, facts: [...data.facts, fact('readings.consumption.water.m³', 12)] };
    expect(renderFigureText('用水{{readings.consumption.water.m³}}', withUnit, 'zh')).toBe('用水12');
    expect(parseFigureText('{{a:b:c}}')).toEqual([{ text: '{{a:b:c}}' }]);
  });
});
