import { describe, expect, it } from 'vitest';
import { type DeadlineRule, fixedInTime, incidentDeadline } from './deadline.js';

const overnight: DeadlineRule = { deadlineTypes: ['fire_alarm_fault'], deadlineMode: 'overnight', deadlineHours: 24 };

describe('incident deadlines', () => {
  it('ends 不过夜 at the last moment of the local day it occurred on, in the site’s zone', () => {
    // 23:30 in Shanghai on 14 March is 15:30 UTC; the day ends at 16:00 UTC
    const late = incidentDeadline('fire_alarm_fault', new Date('2026-03-14T15:30:00Z'), overnight, 'Asia/Shanghai');
    expect(late?.toISOString()).toBe('2026-03-14T15:59:59.999Z');
    // the same instant is still the afternoon of 14 March in Berlin: its day ends at 23:00 UTC
    const berlin = incidentDeadline('fire_alarm_fault', new Date('2026-03-14T15:30:00Z'), overnight, 'Europe/Berlin');
    expect(berlin?.toISOString()).toBe('2026-03-14T22:59:59.999Z');
    // 00:30 in Shanghai on 15 March (16:30 UTC on the 14th) belongs to the 15th
    const early = incidentDeadline('fire_alarm_fault', new Date('2026-03-14T16:30:00Z'), overnight, 'Asia/Shanghai');
    expect(early?.toISOString()).toBe('2026-03-15T15:59:59.999Z');
  });

  it('keeps the local day across a daylight-saving change', () => {
    // Berlin springs forward on 29 March 2026: that day has 23 hours and ends at 22:00 UTC
    const d = incidentDeadline('fire_alarm_fault', new Date('2026-03-29T08:00:00Z'), overnight, 'Europe/Berlin');
    expect(d?.toISOString()).toBe('2026-03-29T21:59:59.999Z');
  });

  it('counts hours from the time it occurred, and gives other types no deadline', () => {
    const rule: DeadlineRule = { deadlineTypes: ['fire_alarm_fault', 'power_outage'], deadlineMode: 'hours', deadlineHours: 4 };
    expect(incidentDeadline('power_outage', new Date('2026-03-14T15:30:00Z'), rule, 'Asia/Shanghai')?.toISOString()).toBe(
      '2026-03-14T19:30:00.000Z',
    );
    expect(incidentDeadline('fire', new Date('2026-03-14T15:30:00Z'), rule, 'Asia/Shanghai')).toBeNull();
  });

  it('is fixed in time when resolved by the deadline, late once past it unresolved, undecided before', () => {
    const deadline = '2026-03-14T15:59:59.999Z';
    const before = new Date('2026-03-14T12:00:00Z');
    const after = new Date('2026-03-14T16:00:00Z');
    expect(fixedInTime(null, null, after)).toBeNull();
    expect(fixedInTime(null, '2026-03-14T12:00:00.000Z', after)).toBeNull();
    expect(fixedInTime(deadline, null, before)).toBeNull();
    expect(fixedInTime(deadline, null, after)).toBe(false);
    expect(fixedInTime(deadline, '2026-03-14T15:59:00.000Z', after)).toBe(true);
    expect(fixedInTime(deadline, deadline, after)).toBe(true);
    expect(fixedInTime(deadline, '2026-03-14T16:00:00.000Z', after)).toBe(false);
  });
});
