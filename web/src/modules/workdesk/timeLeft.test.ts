import { describe, expect, it } from 'vitest';
import type { SlaTimerDto } from '../../../../contracts/workorders';
import { durationText, pressingTimer } from './timeLeft';

const timer = (over: Partial<SlaTimerDto>): SlaTimerDto => ({
  kind: 'resolution',
  dueAt: '2026-01-01T00:00:00Z',
  metAt: null,
  warnedAt: null,
  breachedAt: null,
  remainingMs: 0,
  ...over,
});

describe('time left on a work order', () => {
  it('picks the open deadline with the least time and ignores met ones', () => {
    const left = pressingTimer([
      timer({ kind: 'response', metAt: '2026-01-01T00:00:00Z', remainingMs: null }),
      timer({ kind: 'arrival', remainingMs: 25 * 60_000 }),
      timer({ kind: 'resolution', remainingMs: 300 * 60_000 }),
    ]);
    expect(left).toEqual({ minutes: 25, late: false, warned: false });
    expect(pressingTimer([timer({ metAt: 'x', remainingMs: null })])).toBeNull();
  });

  it('is late when the time is negative or the breach is recorded', () => {
    expect(pressingTimer([timer({ remainingMs: -61 * 60_000 })])).toMatchObject({ minutes: -61, late: true });
    expect(pressingTimer([timer({ remainingMs: 5_000, breachedAt: 'x', warnedAt: 'x' })])).toMatchObject({ late: true, warned: true });
  });

  it('writes durations in Chinese and English', () => {
    expect(durationText(80, 'zh')).toBe('1小时20分');
    expect(durationText(-25, 'zh')).toBe('25分');
    expect(durationText(3 * 1440 + 120, 'zh')).toBe('3天2小时');
    expect(durationText(80, 'en')).toBe('1h 20m');
  });
});
