import { describe, expect, it } from 'vitest';
import type { SlaTimerDto, WorkOrderAction } from '../../../../contracts/workorders';
import en from '../../locales/en-US/workorders.json';
import zh from '../../locales/zh-CN/workorders.json';
import {
  actionForm,
  assignedTo,
  dayRangeToParams,
  firstOpenTimer,
  formatDuration,
  formatRemaining,
  linkedFilters,
  orderActions,
  PHONE_PATTERN,
  paramsToDayRange,
  paramToStatuses,
  primaryAction,
  remainingAt,
  slaState,
  splitActions,
  statusesToParam,
  tabParams,
  withoutLinked,
} from './options';

const MIN = 60_000;
const words = (lang: typeof zh) => ({ ...lang.sla.units, left: lang.sla.left, late: lang.sla.late });

const timer = (over: Partial<SlaTimerDto>): SlaTimerDto => ({
  kind: 'response',
  dueAt: '2025-03-01T02:00:00.000Z',
  metAt: null,
  warnedAt: null,
  breachedAt: null,
  remainingMs: 30 * MIN,
  ...over,
});

describe('time left', () => {
  it('reads as the two largest units, in Chinese and English', () => {
    expect(formatRemaining(80 * MIN, words(zh))).toBe('剩余 1小时20分');
    expect(formatRemaining(-25 * MIN, words(zh))).toBe('超时 25分');
    expect(formatRemaining((2 * 24 * 60 + 3 * 60 + 59) * MIN, words(zh))).toBe('剩余 2天3小时');
    expect(formatRemaining(60 * MIN, words(zh))).toBe('剩余 1小时');
    expect(formatRemaining(30_000, words(zh))).toBe('剩余 不足1分');
    expect(formatRemaining(80 * MIN, words(en))).toBe('1 h 20 min left');
    expect(formatRemaining(-25 * MIN, words(en))).toBe('25 min late');
    expect(formatDuration(-(24 * 60) * MIN, zh.sla.units)).toBe('1天');
  });

  it('counts down from what the server said, except while paused', () => {
    const t = timer({ remainingMs: 10 * MIN });
    expect(remainingAt(t, 4 * MIN, false)).toBe(6 * MIN);
    expect(remainingAt(t, 4 * MIN, true)).toBe(10 * MIN);
    expect(remainingAt(t, -5, false)).toBe(10 * MIN);
    expect(remainingAt(timer({ metAt: '2025-03-01T01:00:00.000Z', remainingMs: null }), 0, false)).toBeNull();
  });

  it('colours a deadline: warned orange, breached red (also when the countdown passes zero), met late apart from on time', () => {
    expect(slaState(timer({}), 5 * MIN)).toBe('ok');
    expect(slaState(timer({ warnedAt: '2025-03-01T01:45:00.000Z' }), 5 * MIN)).toBe('warned');
    expect(slaState(timer({ warnedAt: '2025-03-01T01:45:00.000Z' }), -1)).toBe('breached');
    expect(slaState(timer({ breachedAt: '2025-03-01T02:00:00.000Z' }), 5 * MIN)).toBe('breached');
    expect(slaState(timer({ metAt: '2025-03-01T01:59:00.000Z' }), null)).toBe('met');
    expect(slaState(timer({ metAt: '2025-03-01T02:01:00.000Z' }), null)).toBe('metLate');
  });

  it('takes the first unmet deadline in response → arrival → resolution order', () => {
    const timers = [
      timer({ kind: 'resolution', remainingMs: 240 * MIN }),
      timer({ kind: 'arrival', remainingMs: 50 * MIN }),
      timer({ kind: 'response', metAt: '2025-03-01T01:00:00.000Z', remainingMs: null }),
    ];
    expect(firstOpenTimer(timers)?.kind).toBe('arrival');
    expect(firstOpenTimer([timers[2] as SlaTimerDto])).toBeNull();
    expect(firstOpenTimer([])).toBeNull();
  });
});

describe('actions', () => {
  it('puts the next step first and keeps auto_approve out', () => {
    expect(primaryAction(['cancel', 'pool', 'claim', 'dispatch'])).toBe('dispatch');
    expect(primaryAction(['claim'])).toBe('claim');
    expect(primaryAction(['pause', 'finish', 'transfer', 'cancel'])).toBe('finish');
    expect(primaryAction(['reopen', 'rate'])).toBe('rate');
    expect(primaryAction(['reopen'])).toBeNull();
    expect(orderActions(['cancel', 'auto_approve', 'pause', 'finish'] as WorkOrderAction[])).toEqual(['finish', 'pause', 'cancel']);
  });

  it('shows harmless side steps as buttons and hides danger steps in 更多', () => {
    expect(splitActions(['cancel', 'transfer', 'pause', 'finish'])).toEqual({
      primary: 'finish',
      shown: ['pause', 'transfer'],
      more: ['cancel'],
    });
    expect(splitActions(['dispatch', 'pool', 'claim', 'cancel'], 1)).toEqual({
      primary: 'dispatch',
      shown: ['claim'],
      more: ['pool', 'cancel'],
    });
    expect(splitActions(['reopen'])).toEqual({ primary: null, shown: [], more: ['reopen'] });
  });

  it('opens the dialog each action needs', () => {
    expect(actionForm('dispatch')).toBe('assign');
    expect(actionForm('transfer')).toBe('assign');
    expect(actionForm('pause')).toBe('pause');
    expect(actionForm('finish')).toBe('finish');
    expect(actionForm('rate')).toBe('rate');
    for (const a of ['send_back', 'reject', 'reopen', 'cancel'] as const) expect(actionForm(a)).toBe('reason');
    for (const a of ['accept', 'arrive', 'start', 'resume', 'approve', 'claim', 'pool'] as const) expect(actionForm(a)).toBe('confirm');
  });
});

describe('list filters', () => {
  it('maps each quick tab to its fixed parameters', () => {
    expect(tabParams('all', 'u1')).toEqual({});
    expect(tabParams('pending', 'u1')).toEqual({ status: 'pending' });
    expect(tabParams('active', 'u1')).toEqual({ status: 'dispatched,accepted,arrived,in_progress,paused' });
    expect(tabParams('resolved', 'u1')).toEqual({ status: 'resolved' });
    expect(tabParams('overdue', 'u1')).toEqual({ overdue: '1', status: 'pending,dispatched,accepted,arrived,in_progress,paused' });
    expect(tabParams('owned', 'u1')).toEqual({ ownerId: 'u1' });
    expect(tabParams('reported', 'u1')).toEqual({ requesterId: 'u1' });
  });

  it('sends statuses as a comma list and reads it back, dropping unknown codes', () => {
    expect(statusesToParam(['pending', 'paused'])).toBe('pending,paused');
    expect(statusesToParam([])).toBeUndefined();
    expect(paramToStatuses('pending,bogus,paused')).toEqual(['pending', 'paused']);
    expect(paramToStatuses(undefined)).toEqual([]);
  });

  it('turns inclusive local days into a half-open instant range and back', () => {
    const p = dayRangeToParams('2025-03-01', '2025-03-31');
    expect(Date.parse(p.createdTo as string) - Date.parse(p.createdFrom as string)).toBeGreaterThanOrEqual(30 * 24 * 60 * MIN - 60 * MIN);
    expect(paramsToDayRange(p.createdFrom, p.createdTo)).toEqual(['2025-03-01', '2025-03-31']);
    expect(dayRangeToParams(undefined, undefined)).toEqual({ createdFrom: undefined, createdTo: undefined });
  });
});

describe('small things', () => {
  it('checks phone numbers as the server does', () => {
    expect(PHONE_PATTERN.test('0431-8888 6666')).toBe(true);
    expect(PHONE_PATTERN.test('+86 13800138000')).toBe(true);
    expect(PHONE_PATTERN.test('1234')).toBe(false);
    expect(PHONE_PATTERN.test('call me')).toBe(false);
  });

  it('names who has the order: technician with team, team, or the pool', () => {
    expect(assignedTo({ assigneeName: '王师傅', teamName: '维修班', inPool: false })).toEqual({ name: '王师傅（维修班）', pool: false });
    expect(assignedTo({ assigneeName: null, teamName: '维修班', inPool: false })).toEqual({ name: '维修班', pool: false });
    expect(assignedTo({ assigneeName: null, teamName: null, inPool: true })).toEqual({ name: null, pool: true });
  });
});

describe('filters from links', () => {
  it('keeps only known list filters from the URL', () => {
    const search = new URLSearchParams('tab=all&resolvedFrom=2026-01-01T00%3A00%3A00Z&reworked=1&evil=1&status=pending%2Cpaused');
    expect(linkedFilters(search)).toEqual({ resolvedFrom: '2026-01-01T00:00:00Z', reworked: '1', status: 'pending,paused' });
  });

  it('honours a department-scoped figure’s link, and lets its department go on its own', () => {
    // as a department's summary figure links: /work-orders?createdFrom=…&createdTo=…&assigneeDepartmentId=…
    const search = new URLSearchParams('tab=active&createdFrom=2026-05-31T16%3A00%3A00.000Z&assigneeDepartmentId=d1');
    expect(linkedFilters(search)).toEqual({ createdFrom: '2026-05-31T16:00:00.000Z', assigneeDepartmentId: 'd1' });
    const cleared = withoutLinked(search, 'assigneeDepartmentId');
    expect(cleared.toString()).toBe('tab=active&createdFrom=2026-05-31T16%3A00%3A00.000Z');
    expect(linkedFilters(cleared)).toEqual({ createdFrom: '2026-05-31T16:00:00.000Z' });
    // the URL it was made from is left as it was
    expect(search.get('assigneeDepartmentId')).toBe('d1');
    expect(zh.filters.assigneeDepartment).toBe('处理人部门');
    expect(en.filters.assigneeDepartment).toBe('Assignee department');
  });
});
