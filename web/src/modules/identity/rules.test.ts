import { describe, expect, it } from 'vitest';
import {
  CN_MOBILE_PATTERN,
  EMAIL_PATTERN,
  generatePassword,
  isStrongPassword,
  moduleOf,
  ROLE_CODE_PATTERN,
  USERNAME_PATTERN,
} from './rules';

describe('identity form rules', () => {
  it('accepts strong passwords only: 8+ characters with letters and digits', () => {
    expect(isStrongPassword('abc12345')).toBe(true);
    expect(isStrongPassword('abc1234')).toBe(false);
    expect(isStrongPassword('abcdefgh')).toBe(false);
    expect(isStrongPassword('12345678')).toBe(false);
    expect(isStrongPassword(`a1${'x'.repeat(199)}`)).toBe(false);
  });

  it('generates strong, varied passwords without look-alike characters', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const p = generatePassword();
      expect(p).toHaveLength(12);
      expect(isStrongPassword(p)).toBe(true);
      expect(p).not.toMatch(/[01lIO]/);
      seen.add(p);
    }
    expect(seen.size).toBe(500);
    expect(isStrongPassword(generatePassword(8))).toBe(true);
  });

  it('checks the same formats as the server', () => {
    expect(CN_MOBILE_PATTERN.test('13912345678')).toBe(true);
    expect(CN_MOBILE_PATTERN.test('12912345678')).toBe(false);
    expect(CN_MOBILE_PATTERN.test('1391234567')).toBe(false);
    expect(USERNAME_PATTERN.test('zhang.san-1')).toBe(true);
    expect(USERNAME_PATTERN.test('张三')).toBe(false);
    expect(USERNAME_PATTERN.test('a')).toBe(false);
    expect(EMAIL_PATTERN.test('a@b.cn')).toBe(true);
    expect(EMAIL_PATTERN.test('a@b')).toBe(false);
    expect(ROLE_CODE_PATTERN.test('maintenance_lead')).toBe(true);
    expect(ROLE_CODE_PATTERN.test('1lead')).toBe(false);
  });

  it('groups permissions by their module prefix', () => {
    expect(moduleOf('users:manage')).toBe('users');
    expect(moduleOf('workorders:dispatch')).toBe('workorders');
  });
});
