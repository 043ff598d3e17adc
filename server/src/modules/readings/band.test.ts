import { describe, expect, it } from 'vitest';
import { bandOf, bandText, inBand } from './band.js';

const none = { target: null, tolerance: null, min: null, max: null };

describe('reading bands', () => {
  it('target ± tolerance: the limits count as in band, float noise included', () => {
    const b = bandOf({ ...none, target: 24, tolerance: 1 });
    expect([inBand(23, b), inBand(25, b), inBand(22.9, b), inBand(25.1, b)]).toEqual([true, true, false, false]);
    const small = bandOf({ ...none, target: 0.3, tolerance: 0.1 });
    expect(inBand(0.2, small)).toBe(true);
    expect(bandText({ ...none, target: 24, tolerance: 1 }, '°C')).toBe('24 ± 1 °C');
  });

  it('min–max, one-sided limits, and no band at all', () => {
    const cold = bandOf({ ...none, min: -22, max: -15 });
    expect([inBand(-18, cold), inBand(-14, cold), inBand(-23, cold)]).toEqual([true, false, false]);
    expect(bandText({ ...none, min: -22, max: -15 }, '°C')).toBe('−22 至 −15 °C');
    expect(bandText({ ...none, min: -2, max: 8 }, '°C')).toBe('−2 至 8 °C');
    expect(bandText({ ...none, min: 2, max: 8 }, '°C')).toBe('2–8 °C');
    expect(inBand(100, bandOf({ ...none, min: 2 }))).toBe(true);
    expect(bandText({ ...none, max: -15 }, '°C')).toBe('≤ −15 °C');
    expect(inBand(5, bandOf(none))).toBeNull();
    expect(bandText(none, 'kWh')).toBeNull();
  });
});
