import { describe, expect, it } from 'vitest';
import { scannedCode } from '../../components/ScanInput';
import { fenToYuan, formatMoney, yuanToFen } from './format';

describe('money', () => {
  it('turns yuan with two decimals into whole fen without float noise', () => {
    expect(yuanToFen(123.45)).toBe(12345);
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
    expect(yuanToFen(19.99)).toBe(1999);
    expect(yuanToFen('8.5')).toBe(850);
    expect(yuanToFen(null)).toBeNull();
    expect(yuanToFen('')).toBeNull();
  });
  it('shows fen as yuan for the form and as ¥ with separators', () => {
    expect(fenToYuan(12345)).toBe(123.45);
    expect(fenToYuan(null)).toBeNull();
    expect(formatMoney(123450)).toBe('¥1,234.50');
    expect(formatMoney(null)).toBe('—');
  });
});

describe('scannedCode', () => {
  it('reduces a scanned QR URL to its code and keeps plain codes', () => {
    expect(scannedCode('https://hq.example.com/q/AB3K7MNP')).toBe('AB3K7MNP');
    expect(scannedCode(' http://127.0.0.1:3000/q/AB3K7MNP?x=1 ')).toBe('AB3K7MNP');
    expect(scannedCode('ZC-2026-0007')).toBe('ZC-2026-0007');
  });
});
