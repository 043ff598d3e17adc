import { describe, expect, it } from 'vitest';
import {
  addWorkingMs,
  choosePolicy,
  computeDue,
  endOfSiteDay,
  localInstant,
  type PolicyTerms,
  parseOpeningHours,
  remainingMs,
  resolutionClock,
  type SiteHours,
  timerKinds,
  warnAt,
  workingMs,
} from './sla.calc.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const SH_24: SiteHours = { timeZone: 'Asia/Shanghai', openingHours: null };
const SH_STORE: SiteHours = { timeZone: 'Asia/Shanghai', openingHours: '09:00-21:30' };
const SH_NIGHT: SiteHours = { timeZone: 'Asia/Shanghai', openingHours: '22:00-06:00' };
const NY_24: SiteHours = { timeZone: 'America/New_York', openingHours: null };
const NY_OFFICE: SiteHours = { timeZone: 'America/New_York', openingHours: '09:00-17:00' };

function policy(id: string, p: Partial<PolicyTerms> = {}): PolicyTerms {
  return {
    id,
    site_id: null,
    category: null,
    urgency: null,
    response_minutes: null,
    arrival_minutes: null,
    resolution_minutes: 60,
    not_overnight: 0,
    business_hours: 0,
    exclude_paused: 1,
    warn_before_minutes: 10,
    active: 1,
    ...p,
  };
}

describe('choosePolicy: the most specific active policy wins', () => {
  const order = { siteId: 'cc', category: 'fire', urgency: 'emergency' };
  const all = [
    policy('a-default'),
    policy('b-urgency', { urgency: 'emergency' }),
    policy('c-category', { category: 'fire' }),
    policy('d-site', { site_id: 'cc' }),
    policy('e-cat-urg', { category: 'fire', urgency: 'emergency' }),
    policy('f-site-urg', { site_id: 'cc', urgency: 'emergency' }),
    policy('g-site-cat', { site_id: 'cc', category: 'fire' }),
    policy('h-all', { site_id: 'cc', category: 'fire', urgency: 'emergency' }),
  ];

  it('ranks site+category+urgency > site+category > site+urgency > category+urgency > site > category > urgency > default', () => {
    const expected = ['h-all', 'g-site-cat', 'f-site-urg', 'e-cat-urg', 'd-site', 'c-category', 'b-urgency', 'a-default'];
    for (let i = 0; i < expected.length; i++) {
      const left = all.filter((p) => expected.slice(i).includes(p.id));
      expect(choosePolicy(left, order)?.id).toBe(expected[i]);
    }
  });

  it('skips inactive policies and those of another site, category or urgency', () => {
    const candidates = [
      policy('x-off', { site_id: 'cc', category: 'fire', urgency: 'emergency', active: 0 }),
      policy('y-sy', { site_id: 'sy', category: 'fire' }),
      policy('z-normal', { category: 'fire', urgency: 'normal' }),
      policy('w-urgency', { urgency: 'emergency' }),
    ];
    expect(choosePolicy(candidates, order)?.id).toBe('w-urgency');
    expect(choosePolicy(candidates.slice(0, 3), order)).toBeNull();
  });

  it('breaks a tie between equally specific policies by the smaller id', () => {
    expect(choosePolicy([policy('b', { urgency: 'emergency' }), policy('a', { urgency: 'emergency' })], order)?.id).toBe('a');
  });

  it('sets a resolution deadline when only 不过夜 is on', () => {
    expect(timerKinds(policy('p', { response_minutes: 30, resolution_minutes: null, not_overnight: 1 }))).toEqual([
      'response',
      'resolution',
    ]);
    expect(timerKinds(policy('p', { arrival_minutes: 30, resolution_minutes: null }))).toEqual(['arrival']);
  });
});

describe('wall-clock and zone helpers', () => {
  it('parses opening hours, including night windows and 24:00', () => {
    expect(parseOpeningHours('09:00-21:30')).toEqual({ open: 540, close: 1290 });
    expect(parseOpeningHours('22:00-06:00')).toEqual({ open: 1320, close: 1800 });
    expect(parseOpeningHours('00:00-24:00')).toEqual({ open: 0, close: 1440 });
    expect(parseOpeningHours(null)).toBeNull();
    expect(parseOpeningHours('9-5')).toBeNull();
  });

  it('finds local times in Asia/Shanghai and across New York daylight-saving changes', () => {
    expect(iso(localInstant('2026-03-15', 9 * 60, 'Asia/Shanghai'))).toBe('2026-03-15T01:00:00.000Z');
    expect(iso(localInstant('2026-03-15', 24 * 60 + 30, 'Asia/Shanghai'))).toBe('2026-03-15T16:30:00.000Z');
    // 2026-03-08: clocks jump from 02:00 EST to 03:00 EDT
    expect(iso(localInstant('2026-03-08', 60, 'America/New_York'))).toBe('2026-03-08T06:00:00.000Z');
    expect(iso(localInstant('2026-03-08', 9 * 60, 'America/New_York'))).toBe('2026-03-08T13:00:00.000Z');
    expect(iso(localInstant('2026-03-08', 150, 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z'); // 02:30 does not exist
    // 2026-11-01: 01:30 happens twice; the first one (EDT) is meant
    expect(iso(localInstant('2026-11-01', 90, 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
  });
});

describe('working time', () => {
  it('is wall time without business hours', () => {
    expect(workingMs(at('2026-03-15T12:00:00Z'), at('2026-03-16T12:00:00Z'), SH_STORE, false)).toBe(24 * HOUR);
    expect(addWorkingMs(at('2026-03-15T12:00:00Z'), 90 * MIN, SH_STORE, false)).toBe(at('2026-03-15T13:30:00Z'));
  });

  it('counts only opening hours, continuing the next morning', () => {
    // 20:00 → 21:30 (1.5 h) and 09:00 → 10:00 next day (1 h), Shanghai time
    expect(workingMs(at('2026-03-15T12:00:00Z'), at('2026-03-16T02:00:00Z'), SH_STORE, true)).toBe(2.5 * HOUR);
    // 4 h from 20:00: 1.5 h tonight, 2.5 h tomorrow → 11:30 local
    expect(iso(addWorkingMs(at('2026-03-15T12:00:00Z'), 4 * HOUR, SH_STORE, true))).toBe('2026-03-16T03:30:00.000Z');
    // reported before opening: the clock starts at 09:00
    expect(iso(addWorkingMs(at('2026-03-15T22:00:00Z'), HOUR, SH_STORE, true))).toBe('2026-03-16T02:00:00.000Z');
  });

  it('handles business hours spanning the night (22:00-06:00)', () => {
    // 03:00 local: 3 h left of last night's window, then 1 h from 22:00
    expect(iso(addWorkingMs(at('2026-03-15T19:00:00Z'), 4 * HOUR, SH_NIGHT, true))).toBe('2026-03-16T15:00:00.000Z');
    // noon local: nothing until 22:00
    expect(iso(addWorkingMs(at('2026-03-15T04:00:00Z'), HOUR, SH_NIGHT, true))).toBe('2026-03-15T15:00:00.000Z');
    expect(workingMs(at('2026-03-15T04:00:00Z'), at('2026-03-16T04:00:00Z'), SH_NIGHT, true)).toBe(8 * HOUR);
  });

  it('follows New York daylight saving: a 23-hour day, office hours in EDT after the change', () => {
    const day = { timeZone: 'America/New_York', openingHours: '00:00-24:00' };
    expect(workingMs(at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z'), day, true)).toBe(23 * HOUR);
    // Saturday 16:00 EST + 2 office hours: 1 h on Saturday, 1 h from Sunday 09:00 EDT
    expect(iso(addWorkingMs(at('2026-03-07T21:00:00Z'), 2 * HOUR, NY_OFFICE, true))).toBe('2026-03-08T14:00:00.000Z');
    // wall time is elapsed time: 24 h later is 17:00 EDT on the clock
    expect(iso(addWorkingMs(at('2026-03-07T21:00:00Z'), 24 * HOUR, NY_OFFICE, false))).toBe('2026-03-08T21:00:00.000Z');
  });
});

describe('不过夜: the end of the site day', () => {
  it('is 24:00 local for a site without opening hours', () => {
    expect(iso(endOfSiteDay(at('2026-03-15T15:50:00Z'), SH_24))).toBe('2026-03-15T16:00:00.000Z'); // 23:50 → 24:00
    expect(iso(endOfSiteDay(at('2026-03-15T02:00:00Z'), SH_24))).toBe('2026-03-15T16:00:00.000Z');
    // New York on the spring-forward day: midnight is EDT
    expect(iso(endOfSiteDay(at('2026-03-08T06:30:00Z'), NY_24))).toBe('2026-03-09T04:00:00.000Z');
  });

  it('is the closing time while the site is open or yet to open that day, else 24:00', () => {
    expect(iso(endOfSiteDay(at('2026-03-15T02:00:00Z'), SH_STORE))).toBe('2026-03-15T13:30:00.000Z'); // 10:00 → 21:30
    expect(iso(endOfSiteDay(at('2026-03-14T23:00:00Z'), SH_STORE))).toBe('2026-03-15T13:30:00.000Z'); // 07:00 → 21:30
    expect(iso(endOfSiteDay(at('2026-03-15T15:50:00Z'), SH_STORE))).toBe('2026-03-15T16:00:00.000Z'); // 23:50 → 24:00
    expect(iso(endOfSiteDay(at('2026-03-15T19:00:00Z'), SH_NIGHT))).toBe('2026-03-15T22:00:00.000Z'); // 03:00 → 06:00
  });
});

describe('computeDue', () => {
  const base = at('2026-03-15T02:00:00Z');
  const terms = { minutes: 120, notOvernight: false, businessHours: false, excludePaused: true, pauses: [], site: SH_24 };

  it('adds the minutes to the start', () => {
    expect(iso(computeDue({ ...terms, base }))).toBe('2026-03-15T04:00:00.000Z');
    expect(computeDue({ ...terms, base, minutes: null })).toBeNull();
  });

  it('caps at the end of the site day with 不过夜: 10 minutes left at 23:50', () => {
    const late = at('2026-03-15T15:50:00Z');
    expect(iso(computeDue({ ...terms, base: late, minutes: 24 * 60, notOvernight: true }))).toBe('2026-03-15T16:00:00.000Z');
    expect(iso(computeDue({ ...terms, base: late, minutes: null, notOvernight: true }))).toBe('2026-03-15T16:00:00.000Z');
    // a shorter deadline stays as it is
    expect(iso(computeDue({ ...terms, base: late, minutes: 5, notOvernight: true }))).toBe('2026-03-15T15:55:00.000Z');
    // with opening hours, the day ends at closing
    expect(iso(computeDue({ ...terms, base, minutes: 24 * 60, notOvernight: true, site: SH_STORE }))).toBe('2026-03-15T13:30:00.000Z');
  });

  it('leaves paused time out when the policy says so', () => {
    const pauses = [{ from: base + 30 * MIN, to: base + 60 * MIN }];
    expect(computeDue({ ...terms, base, pauses })).toBe(base + 150 * MIN);
    expect(computeDue({ ...terms, base, pauses, excludePaused: false })).toBe(base + 120 * MIN);
    // a pause after the deadline does not move it; a pause before the start counts only from the start
    expect(computeDue({ ...terms, base, pauses: [{ from: base + 3 * HOUR, to: base + 4 * HOUR }] })).toBe(base + 120 * MIN);
    expect(computeDue({ ...terms, base, pauses: [{ from: base - HOUR, to: base + 10 * MIN }] })).toBe(base + 130 * MIN);
    // two pauses add up
    const two = [
      { from: base + 10 * MIN, to: base + 20 * MIN },
      { from: base + 50 * MIN, to: base + 80 * MIN },
    ];
    expect(computeDue({ ...terms, base, pauses: two })).toBe(base + 160 * MIN);
  });

  it('does not let pauses move the 不过夜 cap', () => {
    const late = at('2026-03-15T15:00:00Z'); // 23:00
    const pauses = [{ from: late + 10 * MIN, to: late + 50 * MIN }];
    expect(iso(computeDue({ ...terms, base: late, minutes: 24 * 60, notOvernight: true, pauses }))).toBe('2026-03-15T16:00:00.000Z');
  });

  it('counts paused business hours only inside opening hours', () => {
    const evening = at('2026-03-15T12:00:00Z'); // 20:00, 1.5 h before closing
    // paused 21:00 → 10:00 next day: only 0.5 h + 1 h of opening time were paused
    const pauses = [{ from: at('2026-03-15T13:00:00Z'), to: at('2026-03-16T02:00:00Z') }];
    const due = computeDue({ ...terms, base: evening, minutes: 120, businessHours: true, site: SH_STORE, pauses });
    // 1 h worked before the pause, 1 h after 10:00 → 11:00 local
    expect(iso(due)).toBe('2026-03-16T03:00:00.000Z');
  });
});

describe('warnings and time left', () => {
  it('warns ahead of the deadline, never before the start', () => {
    expect(warnAt(1000 * MIN, 0, 30)).toBe(970 * MIN);
    expect(warnAt(20 * MIN, 0, 30)).toBeNull();
  });

  it('counts down in wall or working time, negative once late, frozen while paused', () => {
    const due = at('2026-03-16T02:00:00Z'); // 10:00 local
    const now = at('2026-03-15T12:00:00Z'); // 20:00 local
    const site = SH_STORE;
    expect(remainingMs(due, now, { site, businessHours: false, pausedSince: null, excludePaused: true })).toBe(14 * HOUR);
    expect(remainingMs(due, now, { site, businessHours: true, pausedSince: null, excludePaused: true })).toBe(2.5 * HOUR);
    expect(remainingMs(due, due + 5 * MIN, { site, businessHours: true, pausedSince: null, excludePaused: true })).toBe(-5 * MIN);
    const paused = { site: SH_24, businessHours: false, pausedSince: now, excludePaused: true };
    expect(remainingMs(due, now + 3 * HOUR, paused)).toBe(14 * HOUR);
    expect(remainingMs(due, now + 3 * HOUR, { ...paused, excludePaused: false })).toBe(11 * HOUR);
  });
});

describe('resolutionClock', () => {
  it('starts at the report, or at the last reopen / rejection, with the pauses since', () => {
    const events = [
      { at: 10, action: 'pause' },
      { at: 20, action: 'resume' },
      { at: 30, action: 'finish' },
      { at: 40, action: 'reject' },
      { at: 50, action: 'pause' },
      { at: 70, action: 'resume' },
      { at: 80, action: 'pause' },
    ];
    expect(resolutionClock(0, events.slice(0, 3), 100)).toEqual({ base: 0, pauses: [{ from: 10, to: 20 }] });
    expect(resolutionClock(0, events, 100)).toEqual({
      base: 40,
      pauses: [
        { from: 50, to: 70 },
        { from: 80, to: 100 },
      ],
    });
  });
});
