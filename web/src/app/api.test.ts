import { describe, expect, it } from 'vitest';
import { apiUrl, toQueryString } from './api';

describe('query strings', () => {
  it('drops empty values, turns booleans into 1/0 and repeats arrays', () => {
    expect(
      toQueryString({ q: '长春', empty: '', none: null, missing: undefined, active: true, off: false, id: ['a', 'b'], limit: 20 }),
    ).toBe(`?q=${encodeURIComponent('长春')}&active=1&off=0&id=a&id=b&limit=20`);
    expect(toQueryString({})).toBe('');
    expect(toQueryString(undefined)).toBe('');
  });

  it('prefixes paths with /api/v1', () => {
    expect(apiUrl('/sites', { format: 'xlsx' })).toBe('/api/v1/sites?format=xlsx');
  });
});
