import { describe, expect, it } from 'vitest';
import {
  addDays,
  addYears,
  type FireItemFacts,
  type FireRuleSpec,
  fireSchedule,
  isCalendarDate,
  isDue,
  nextCheckDue,
  nextServiceDue,
  scrapDate,
} from './fire.dates.js';

const dryPowder: FireRuleSpec = { checkIntervalDays: 30, firstServiceYears: 5, serviceIntervalYears: 2, scrapYears: 10 };
const waterBased: FireRuleSpec = { checkIntervalDays: 30, firstServiceYears: 3, serviceIntervalYears: 1, scrapYears: 6 };
const co2: FireRuleSpec = { checkIntervalDays: 30, firstServiceYears: 5, serviceIntervalYears: 2, scrapYears: 12 };
const hose: FireRuleSpec = { checkIntervalDays: 30, firstServiceYears: null, serviceIntervalYears: null, scrapYears: null };

const item = (over: Partial<FireItemFacts> = {}): FireItemFacts => ({
  productionDate: '2020-06-10',
  registeredOn: '2024-01-05',
  lastCheckOn: null,
  lastServiceOn: null,
  lost: false,
  ...over,
});

describe('calendar helpers', () => {
  it('adds days across month and year ends', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2025-12-15', 30)).toBe('2026-01-14');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('adds years and puts 29 February on 28 February of a common year', () => {
    expect(addYears('2020-06-10', 5)).toBe('2025-06-10');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2024-02-29', 10)).toBe('2034-02-28');
  });

  it('recognises only real calendar days', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
  });
});

describe('service and scrap ages (DOMAIN.md §4)', () => {
  it('dry powder: first service at 5 years, then every 2, scrapped at 10', () => {
    expect(nextServiceDue(dryPowder, item())).toBe('2025-06-10');
    expect(nextServiceDue(dryPowder, item({ lastServiceOn: '2025-07-01' }))).toBe('2027-07-01');
    expect(scrapDate(dryPowder, item())).toBe('2030-06-10');
  });

  it('water-based: 3 / 1 / 6', () => {
    expect(nextServiceDue(waterBased, item())).toBe('2023-06-10');
    expect(nextServiceDue(waterBased, item({ lastServiceOn: '2023-06-01' }))).toBe('2024-06-01');
    expect(scrapDate(waterBased, item())).toBe('2026-06-10');
  });

  it('CO₂: 5 / 2 / 12', () => {
    expect(nextServiceDue(co2, item())).toBe('2025-06-10');
    expect(nextServiceDue(co2, item({ lastServiceOn: '2025-06-20' }))).toBe('2027-06-20');
    expect(scrapDate(co2, item())).toBe('2032-06-10');
  });

  it('a unit made on a leap day is due on 28 February', () => {
    const leap = item({ productionDate: '2024-02-29' });
    expect(nextServiceDue(dryPowder, leap)).toBe('2029-02-28');
    expect(scrapDate(dryPowder, leap)).toBe('2034-02-28');
    expect(nextServiceDue(waterBased, item({ productionDate: '2024-02-29', lastServiceOn: '2028-02-29' }))).toBe('2029-02-28');
  });

  it('kinds without service or scrap age, and units without a production date, have no such date', () => {
    expect(nextServiceDue(hose, item())).toBeNull();
    expect(scrapDate(hose, item())).toBeNull();
    expect(nextServiceDue(dryPowder, item({ productionDate: null }))).toBeNull();
    expect(scrapDate(dryPowder, item({ productionDate: null }))).toBeNull();
  });

  it('a kind with a service interval but no first-service age starts from the interval', () => {
    const rule = { ...hose, serviceIntervalYears: 1 };
    expect(nextServiceDue(rule, item())).toBe('2021-06-10');
  });
});

describe('monthly check', () => {
  it('counts from the last check', () => {
    expect(nextCheckDue(dryPowder, item({ lastCheckOn: '2026-03-01' }))).toBe('2026-03-31');
  });

  it('an item never checked counts from its production date, else from its registration', () => {
    expect(nextCheckDue(dryPowder, item())).toBe('2020-07-10');
    expect(nextCheckDue(dryPowder, item({ productionDate: null }))).toBe('2024-02-04');
  });
});

describe('state', () => {
  const today = '2026-03-15';

  it('is ok when nothing is due', () => {
    const s = fireSchedule(dryPowder, item({ productionDate: '2025-01-01', lastCheckOn: '2026-03-01' }), today);
    expect(s).toEqual({ nextCheckDue: '2026-03-31', nextServiceDue: '2030-01-01', scrapDate: '2035-01-01', state: 'ok' });
  });

  it('check_due when the month has passed, including the due day itself', () => {
    expect(fireSchedule(dryPowder, item({ productionDate: '2025-01-01', lastCheckOn: '2026-02-13' }), today).state).toBe('check_due');
    expect(fireSchedule(dryPowder, item({ productionDate: '2025-01-01', lastCheckOn: '2026-02-14' }), today).state).toBe('ok');
  });

  it('service_due outranks check_due; scrap_due outranks service_due', () => {
    expect(fireSchedule(dryPowder, item({ productionDate: '2021-03-15' }), today).state).toBe('service_due');
    expect(fireSchedule(dryPowder, item({ productionDate: '2021-03-16' }), today).state).toBe('check_due');
    expect(fireSchedule(dryPowder, item({ productionDate: '2016-03-15', lastServiceOn: '2026-01-01' }), today).state).toBe('scrap_due');
    expect(fireSchedule(waterBased, item({ productionDate: '2020-03-14', lastServiceOn: '2026-01-01' }), today).state).toBe('scrap_due');
  });

  it('missing outranks everything', () => {
    expect(fireSchedule(dryPowder, item({ productionDate: '2010-01-01', lost: true }), today).state).toBe('missing');
  });

  it('a hose is only ever check_due or ok', () => {
    expect(fireSchedule(hose, item({ productionDate: '1990-01-01' }), today).state).toBe('check_due');
    expect(fireSchedule(hose, item({ productionDate: '1990-01-01', lastCheckOn: '2026-03-10' }), today).state).toBe('ok');
  });
});

describe('due lists', () => {
  const today = '2026-03-15';
  const unit = item({ productionDate: '2021-04-10', lastCheckOn: '2026-03-01' });
  const s = fireSchedule(dryPowder, unit, today);

  it('includes what falls due within the window and nothing later', () => {
    expect(s.nextServiceDue).toBe('2026-04-10');
    expect(isDue('service', s, unit, today, 0)).toBe(false);
    expect(isDue('service', s, unit, today, 26)).toBe(true);
    expect(isDue('service', s, unit, today, 25)).toBe(false);
    expect(isDue('check', s, unit, today, 16)).toBe(true);
    expect(isDue('check', s, unit, today, 15)).toBe(false);
    expect(isDue('scrap', s, unit, today, 365)).toBe(false);
  });

  it('missing ignores the window; a kind with no scrap age is never on the scrap list', () => {
    expect(isDue('missing', s, { lost: true }, today, 0)).toBe(true);
    expect(isDue('missing', s, { lost: false }, today, 999)).toBe(false);
    const h = fireSchedule(hose, item(), today);
    expect(isDue('scrap', h, item(), today, 10_000)).toBe(false);
  });
});
