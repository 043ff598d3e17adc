import { describe, expect, it } from 'vitest';
import { bandOf, bandPosition, bandText, belowLast, inBand, numberText, outBy, valueText } from './band';

const none = { target: null, tolerance: null, min: null, max: null };

describe('reading band', () => {
  it('takes target ± tolerance before min–max, and includes both ends', () => {
    const band = bandOf({ ...none, target: 24, tolerance: 1 });
    expect(band).toEqual({ low: 23, high: 25, target: 24 });
    expect(inBand(23, band)).toBe(true);
    expect(inBand(25, band)).toBe(true);
    expect(inBand(25.01, band)).toBe(false);
    expect(bandPosition(22.9, band)).toBe('low');
    expect(bandPosition(25.5, band)).toBe('high');
  });

  it('counts a value on a decimal limit as in band, as the server does', () => {
    const band = bandOf({ ...none, target: 24.3, tolerance: 0.1 });
    expect(inBand(24.4, band)).toBe(true);
    expect(inBand(24.2, band)).toBe(true);
    expect(inBand(24.41, band)).toBe(false);
    expect(outBy(24.5, band)).toBe(0.1);
    expect(inBand(0.1 + 0.2, bandOf({ ...none, max: 0.3 }))).toBe(true);
  });

  it('lets one end of a min–max band stay open', () => {
    const freezer = bandOf({ ...none, max: -18 });
    expect(inBand(-20, freezer)).toBe(true);
    expect(bandPosition(-15, freezer)).toBe('high');
    expect(outBy(-15, freezer)).toBe(3);
    const atLeast = bandOf({ ...none, min: 2 });
    expect(bandPosition(1, atLeast)).toBe('low');
    expect(inBand(100, atLeast)).toBe(true);
  });

  it('says nothing without a band or without a value', () => {
    expect(inBand(5, bandOf(none))).toBeNull();
    expect(inBand(null, bandOf({ ...none, min: 1, max: 2 }))).toBeNull();
    expect(bandPosition(Number.NaN, bandOf({ ...none, min: 1, max: 2 }))).toBeNull();
    expect(outBy(1.5, bandOf({ ...none, min: 1, max: 2 }))).toBe(0);
  });

  it('writes the band as the server does', () => {
    expect(bandText({ ...none, target: 24, tolerance: 1 }, '°C')).toBe('24 ± 1 °C');
    expect(bandText({ ...none, min: 2, max: 8 }, '°C')).toBe('2–8 °C');
    expect(bandText({ ...none, min: -21, max: -15 }, '°C')).toBe('−21 至 −15 °C');
    expect(bandText({ ...none, min: -0.5, max: 0.5 }, '')).toBe('−0.5 至 0.5');
    expect(bandText({ ...none, max: -18 }, '°C')).toBe('≤ −18 °C');
    expect(bandText({ ...none, min: 40 }, '%')).toBe('≥ 40 %');
    expect(bandText({ ...none, min: 0.1, max: 0.3 }, '')).toBe('0.1–0.3');
    expect(bandText(none, 'kWh')).toBeNull();
    expect(numberText(-0.5)).toBe('−0.5');
    expect(numberText(0.1 + 0.2)).toBe('0.3');
    expect(valueText(24.2, '°C')).toBe('24.2 °C');
    expect(valueText(12345.6, '')).toBe('12345.6');
    expect(valueText(null, '°C')).toBe('—');
  });

  it('flags a meter reading below the last one, and only for meters', () => {
    expect(belowLast(99, { kind: 'cumulative', lastValue: 100 })).toBe(true);
    expect(belowLast(100, { kind: 'cumulative', lastValue: 100 })).toBe(false);
    expect(belowLast(99, { kind: 'instant', lastValue: 100 })).toBe(false);
    expect(belowLast(5, { kind: 'cumulative', lastValue: null })).toBe(false);
  });
});
