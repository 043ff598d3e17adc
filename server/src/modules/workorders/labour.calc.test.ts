import { describe, expect, it } from 'vitest';
import { findOverlap, resolveTimes, summarize } from './labour.calc.js';

const now = new Date('2026-03-15T10:00:00Z');

describe('labour entries: times', () => {
  it('computes minutes from a start and an end, rounded to the minute', () => {
    expect(resolveTimes({ startedAt: '2026-03-15T08:00:00Z', endedAt: '2026-03-15T09:30:29Z' }, now)).toEqual({
      times: { startedAt: '2026-03-15T08:00:00.000Z', endedAt: '2026-03-15T09:30:29.000Z', minutes: 90 },
      errors: [],
    });
  });

  it('takes minutes alone', () => {
    expect(resolveTimes({ minutes: 45 }, now).times).toEqual({ startedAt: null, endedAt: null, minutes: 45 });
  });

  it('rejects an end before the start, a missing half, the future, too long, nothing at all', () => {
    const fields = (input: Parameters<typeof resolveTimes>[0]) => resolveTimes(input, now).errors.map((e) => e.field);
    expect(fields({ startedAt: '2026-03-15T09:00:00Z', endedAt: '2026-03-15T08:00:00Z' })).toEqual(['endedAt']);
    expect(fields({ startedAt: '2026-03-15T09:00:00Z' })).toEqual(['endedAt']);
    expect(fields({ endedAt: '2026-03-15T09:00:00Z' })).toEqual(['startedAt']);
    expect(fields({ startedAt: 'nope', endedAt: '2026-03-15T09:00:00Z' })).toEqual(['startedAt']);
    expect(fields({ startedAt: '2026-03-15T09:00:00Z', endedAt: '2026-03-15T11:00:00Z' })).toEqual(['endedAt']);
    expect(fields({ startedAt: '2026-03-13T09:00:00Z', endedAt: '2026-03-14T09:01:00Z' })).toEqual(['endedAt']);
    expect(fields({ startedAt: '2026-03-15T09:00:00Z', endedAt: '2026-03-15T09:00:20Z' })).toEqual(['endedAt']);
    expect(fields({})).toEqual(['minutes']);
    expect(fields({ minutes: 0 })).toEqual(['minutes']);
    expect(fields({ minutes: 1441 })).toEqual(['minutes']);
    expect(fields({ minutes: 1.5 })).toEqual(['minutes']);
  });
});

describe('labour entries: overlap', () => {
  const existing = [
    { id: 'a', startedAt: '2026-03-15T08:00:00Z', endedAt: '2026-03-15T09:00:00Z' },
    { id: 'b', startedAt: null, endedAt: null },
  ];
  it('finds an overlapping span but lets spans touch', () => {
    expect(findOverlap({ id: 'x', startedAt: '2026-03-15T08:30:00Z', endedAt: '2026-03-15T09:30:00Z' }, existing)?.id).toBe('a');
    expect(findOverlap({ id: 'x', startedAt: '2026-03-15T07:00:00Z', endedAt: '2026-03-15T10:00:00Z' }, existing)?.id).toBe('a');
    expect(findOverlap({ id: 'x', startedAt: '2026-03-15T09:00:00Z', endedAt: '2026-03-15T09:30:00Z' }, existing)).toBeUndefined();
    expect(findOverlap({ id: 'x', startedAt: null, endedAt: null }, existing)).toBeUndefined();
  });
  it('does not compare an entry with itself (editing)', () => {
    expect(findOverlap({ id: 'a', startedAt: '2026-03-15T08:10:00Z', endedAt: '2026-03-15T08:50:00Z' }, existing)).toBeUndefined();
  });
});

describe('labour entries: summary', () => {
  it('gives 工时工效 and efficiency against the standard', () => {
    const s = summarize(
      [
        { userId: 'u1', userName: '张', kind: 'effective', minutes: 60 },
        { userId: 'u1', userName: '张', kind: 'travel', minutes: 20 },
        { userId: 'u2', userName: '李', kind: 'effective', minutes: 30 },
        { userId: 'u2', userName: '李', kind: 'waiting', minutes: 10 },
      ],
      120,
    );
    expect(s).toMatchObject({ totalMinutes: 120, effectiveMinutes: 90, effectiveRatio: 0.75, standardMinutes: 120, efficiency: 1.333 });
    expect(s.byUser).toEqual([
      { userId: 'u1', userName: '张', totalMinutes: 80, effectiveMinutes: 60 },
      { userId: 'u2', userName: '李', totalMinutes: 40, effectiveMinutes: 30 },
    ]);
  });
  it('has no ratios without entries, standard or effective time', () => {
    expect(summarize([], 60)).toMatchObject({ effectiveRatio: null, efficiency: null });
    expect(summarize([{ userId: 'u', userName: 'u', kind: 'standby', minutes: 5 }], 60)).toMatchObject({
      effectiveRatio: 0,
      efficiency: null,
    });
    expect(summarize([{ userId: 'u', userName: 'u', kind: 'effective', minutes: 5 }], null).efficiency).toBeNull();
  });
});
