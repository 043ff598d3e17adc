import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { attributesToBody, attributesToForm } from './attributeValues';
import type { AttributeDef } from './types';

const def = (key: string, type: AttributeDef['type']): AttributeDef => ({
  id: key,
  categoryId: 'c',
  key,
  label: key,
  labelEn: key,
  type,
  unit: null,
  options: [],
  required: false,
  sort: 0,
  active: true,
  version: 1,
});

const defs = [def('plate', 'text'), def('load', 'number'), def('inspected', 'date'), def('size', 'choice')];

describe('attribute values', () => {
  it('turns stored dates into dayjs for the picker and leaves the rest', () => {
    const form = attributesToForm(defs, { plate: '吉A12345', load: 1000, inspected: '2026-03-01' });
    expect(form.plate).toBe('吉A12345');
    expect(form.load).toBe(1000);
    expect(dayjs.isDayjs(form.inspected)).toBe(true);
    expect((form.inspected as dayjs.Dayjs).format('YYYY-MM-DD')).toBe('2026-03-01');
  });

  it('sends only the defined keys, dates as YYYY-MM-DD, trimmed text, no empties', () => {
    const body = attributesToBody(defs, {
      plate: '  吉A12345 ',
      load: 0,
      inspected: dayjs('2026-03-01'),
      size: '',
      stale: 'from another category',
    });
    expect(body).toEqual({ plate: '吉A12345', load: 0, inspected: '2026-03-01' });
  });

  it('drops whitespace-only text', () => {
    expect(attributesToBody(defs, { plate: '   ' })).toEqual({});
  });
});
