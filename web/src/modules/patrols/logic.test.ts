import { describe, expect, it } from 'vitest';
import {
  COMPLIANCE_FIGURES,
  complianceLink,
  durationText,
  newlyChecked,
  nextPoint,
  POINT_STYLES,
  pendingCount,
  planScheduleText,
  ROUND_STYLES,
  rateText,
  rateTone,
  roundFilters,
  roundTiming,
  routeProgress,
  shortTime,
  withRoundFilter,
} from './logic';
import { type Recurrence, ROUND_POINT_STATUSES, ROUND_STATUSES } from './types';

const point = (id: string, seq: number, status: 'pending' | 'checked' | 'skipped') => ({ id, seq, status });

describe('patrol route order', () => {
  it('walks to the first point of the route not yet dealt with, whatever the list order', () => {
    const points = [point('c', 3, 'pending'), point('a', 1, 'checked'), point('b', 2, 'pending')];
    expect(nextPoint(points)?.id).toBe('b');
    expect(nextPoint([point('a', 1, 'skipped'), point('b', 2, 'checked')])).toBeNull();
    // a point checked in out of order leaves the earlier one next
    expect(nextPoint([point('a', 1, 'pending'), point('b', 2, 'checked')])?.id).toBe('a');
  });

  it('finds the point a check-in just recorded', () => {
    const before = [point('a', 1, 'checked'), point('b', 2, 'pending'), point('c', 3, 'pending')];
    const after = [point('a', 1, 'checked'), point('b', 2, 'pending'), point('c', 3, 'checked')];
    expect(newlyChecked(before, after)).toBe('c');
    // scanning a point already checked in changes nothing
    expect(newlyChecked(after, after)).toBeNull();
  });

  it('counts checked and skipped points as done', () => {
    const points = [point('a', 1, 'checked'), point('b', 2, 'skipped'), point('c', 3, 'pending'), point('d', 4, 'pending')];
    expect(routeProgress(points)).toEqual({ done: 2, total: 4, percent: 50 });
    expect(routeProgress([])).toEqual({ done: 0, total: 0, percent: 0 });
    expect(pendingCount(points)).toBe(2);
  });
});

describe('status colours', () => {
  it('has a colour and a label for every round and point state', () => {
    for (const s of ROUND_STATUSES) expect(ROUND_STYLES[s].label).toBe(`patrols:roundStatus.${s}`);
    for (const s of ROUND_POINT_STATUSES) expect(POINT_STYLES[s].label).toBe(`patrols:pointStatus.${s}`);
    expect(ROUND_STYLES.done.color).toBe('success');
    expect(ROUND_STYLES.missed.color).toBe('error');
    expect(ROUND_STYLES.in_progress.color).toBe('processing');
    expect(POINT_STYLES.skipped.color).toBe('warning');
  });

  it('colours on-time rates (percent, as the server sends them): 95 % good, 80 % attention, below bad, nothing decided none', () => {
    expect(rateTone(100)).toBe('good');
    expect(rateTone(95)).toBe('good');
    expect(rateTone(94.9)).toBe('warn');
    expect(rateTone(80)).toBe('warn');
    expect(rateTone(79.9)).toBe('bad');
    expect(rateTone(0)).toBe('bad');
    expect(rateTone(null)).toBe('none');
    expect(rateText(95.2)).toBe('95.2%');
    expect(rateText(100)).toBe('100%');
    expect(rateText(null)).toBe('—');
  });
});

describe('round timing', () => {
  const round = { status: 'pending' as const, dueAt: '2025-03-01T01:00:00.000Z', windowEndAt: '2025-03-01T02:00:00.000Z' };
  it('places an open round before, inside and after its window', () => {
    expect(roundTiming(round, new Date('2025-03-01T00:59:00Z'))).toBe('upcoming');
    expect(roundTiming(round, new Date('2025-03-01T01:00:00Z'))).toBe('due');
    expect(roundTiming(round, new Date('2025-03-01T02:00:00Z'))).toBe('due');
    expect(roundTiming(round, new Date('2025-03-01T02:00:01Z'))).toBe('late');
    expect(roundTiming({ ...round, status: 'done' }, new Date('2025-03-01T03:00:00Z'))).toBe('closed');
  });

  it('writes a time as the site clock: only hh:mm today, with the date on another day', () => {
    const now = new Date('2025-03-01T04:00:00Z'); // 12:00 in Shanghai
    expect(shortTime('2025-03-01T01:30:00Z', 'Asia/Shanghai', now)).toBe('09:30');
    expect(shortTime('2025-02-28T01:30:00Z', 'Asia/Shanghai', now)).toBe('02-28 09:30');
    // 16:30 UTC on 28 Feb is already 1 March in Shanghai
    expect(shortTime('2025-02-28T16:30:00Z', 'Asia/Shanghai', now)).toBe('00:30');
    expect(shortTime(null, 'Asia/Shanghai', now)).toBe('—');
  });

  it('writes durations in hours and minutes', () => {
    expect(durationText(65, 'zh')).toBe('1 小时 5 分');
    expect(durationText(120, 'zh')).toBe('2 小时');
    expect(durationText(12, 'zh')).toBe('12 分钟');
    expect(durationText(65, 'en')).toBe('1 h 5 min');
    expect(durationText(null, 'en')).toBe('—');
  });
});

describe('schedule in words', () => {
  const rule: Recurrence = { freq: 'daily', interval: 1, times: ['09:00', '15:00'], startDate: '2025-01-01', anchor: 'calendar' };
  it('uses the rule, or its days with the interval while the site is open', () => {
    expect(planScheduleText({ recurrence: rule, everyHoursWhileOpen: null }, 'zh')).toContain('09:00、15:00');
    const hourly = planScheduleText({ recurrence: rule, everyHoursWhileOpen: 2 }, 'zh');
    expect(hourly).toContain('营业时间内每 2 小时');
    expect(hourly).not.toContain('09:00');
    expect(planScheduleText({ recurrence: rule, everyHoursWhileOpen: 3 }, 'en')).toContain('every 3 h while open');
  });
});

describe('rounds list filters in the URL', () => {
  it('keeps the known filters, repeating sites and statuses', () => {
    const q = new URLSearchParams('siteId=a&siteId=b&status=pending&status=in_progress&level=fire_patrol&junk=1&assignee=');
    expect(roundFilters(q)).toEqual({ siteId: ['a', 'b'], status: ['pending', 'in_progress'], level: 'fire_patrol' });
    const next = withRoundFilter(q, 'status', 'missed');
    expect(next.getAll('status')).toEqual(['missed']);
    expect(withRoundFilter(next, 'siteId', undefined).has('siteId')).toBe(false);
  });

  it('links each compliance figure to the rounds it counts', () => {
    const period = { from: '2025-03-01T00:00:00.000Z', to: '2025-04-01T00:00:00.000Z' };
    const parse = (link: string) => {
      expect(link.startsWith('/patrols/rounds?')).toBe(true);
      return new URLSearchParams(link.split('?')[1]);
    };
    const late = parse(complianceLink('person', { key: 'user:u1', label: '张三' }, 'late', period, ['s1']));
    expect(late.get('assignee')).toBe('user:u1');
    expect(late.get('assigneeName')).toBe('张三');
    expect(late.getAll('siteId')).toEqual(['s1']);
    expect(late.get('status')).toBe('done');
    expect(late.get('onTime')).toBe('0');
    expect(late.get('from')).toBe(period.from);

    // a site row names its own site, not the page's choice
    const missed = parse(complianceLink('site', { key: 's2', label: '沈阳店' }, 'missed', period, ['s1', 's2']));
    expect(missed.getAll('siteId')).toEqual(['s2']);
    expect(missed.get('status')).toBe('missed');

    const open = parse(complianceLink('level', { key: 'fire_patrol', label: '防火巡查' }, 'open', period));
    expect(open.get('level')).toBe('fire_patrol');
    expect(open.getAll('status')).toEqual(['pending', 'in_progress']);

    const due = parse(complianceLink('total', { key: 'total', label: '合计' }, 'due', period));
    expect([...due.keys()].sort()).toEqual(['from', 'to']);
    expect(COMPLIANCE_FIGURES).toEqual(['due', 'onTime', 'late', 'missed', 'open']);
    // every figure's link reads back as the rounds list's filters
    for (const f of COMPLIANCE_FIGURES) {
      const filters = roundFilters(parse(complianceLink('person', { key: 'role:security', label: '保安' }, f, period)));
      expect(filters.assignee).toBe('role:security');
      // the name is for the tag only: never sent to the server
      expect(filters).not.toHaveProperty('assigneeName');
    }
  });
});
