import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import {
  actionsLink,
  addDays,
  COUNT_SPECS,
  calendarWindow,
  countLink,
  countText,
  dayIn,
  daysOfMonth,
  eventsByDay,
  factsByArea,
  itemBody,
  itemButtons,
  statusesOf,
  stepBody,
  stepNoteRequired,
  timeIn,
  typeDictionary,
  withSite,
} from './logic';
import type { SafetyEvent, SummaryFact } from './types';

const item = (o: Partial<Parameters<typeof itemButtons>[0]> = {}): Parameters<typeof itemButtons>[0] => ({
  status: 'open',
  canSubmit: false,
  canVerify: false,
  canEdit: false,
  canCancel: false,
  ...o,
});

const event = (o: Partial<SafetyEvent>): SafetyEvent => ({
  kind: 'drill',
  id: 'e1',
  siteId: 'cc',
  siteName: '长春店',
  at: '2026-03-10T02:00:00.000Z',
  endAt: null,
  title: '消防疏散演练',
  type: 'fire_evacuation',
  status: 'planned',
  link: '/drills/e1',
  ...o,
});

const fact = (key: string, link = `/x?k=${key}`): SummaryFact => ({ key, label: { zh: key, en: key }, value: 1, unit: 'count', link });

describe('itemButtons', () => {
  it('offers nothing to someone the item allows nothing', () => {
    expect(itemButtons(item())).toEqual([]);
  });

  it('gives the assignee 提交落实情况 as the primary step while open', () => {
    expect(itemButtons(item({ canSubmit: true }))).toEqual([{ step: 'submit', primary: true, danger: false }]);
  });

  it('gives a verifier 验证通过 (primary) and 退回 (red) once submitted', () => {
    const buttons = itemButtons(item({ status: 'submitted', canVerify: true }));
    expect(buttons.map((b) => [b.step, b.primary, b.danger])).toEqual([
      ['verify', true, false],
      ['reject', false, true],
    ]);
  });

  it('lets a manager edit only while open and cancel while open or submitted', () => {
    expect(itemButtons(item({ canEdit: true, canCancel: true })).map((b) => b.step)).toEqual(['edit', 'cancel']);
    expect(itemButtons(item({ status: 'submitted', canEdit: true, canCancel: true })).map((b) => b.step)).toEqual(['cancel']);
    expect(itemButtons(item({ status: 'verified', canEdit: true, canCancel: true }))).toEqual([]);
  });

  it('ignores a stale flag that does not fit the status', () => {
    expect(itemButtons(item({ status: 'submitted', canSubmit: true }))).toEqual([]);
    expect(itemButtons(item({ status: 'open', canVerify: true }))).toEqual([]);
  });
});

describe('step bodies', () => {
  it('needs a note to submit, reject and cancel but not to verify', () => {
    expect(['submit', 'verify', 'reject', 'cancel'].filter((s) => stepNoteRequired(s as never))).toEqual(['submit', 'reject', 'cancel']);
  });

  it('sends a submission note trimmed, an empty verification note as null and reasons as reason', () => {
    expect(stepBody('submit', '  换了电源模块 ', 3)).toEqual({ note: '换了电源模块', version: 3 });
    expect(stepBody('verify', '   ', 4)).toEqual({ note: null, version: 4 });
    expect(stepBody('verify', '已现场确认', 4)).toEqual({ note: '已现场确认', version: 4 });
    expect(stepBody('reject', ' 未附照片 ', 5)).toEqual({ reason: '未附照片', version: 5 });
    expect(stepBody('cancel', '重复', 6)).toEqual({ reason: '重复', version: 6 });
  });

  it('turns the drawer values into the item input with the due date as a plain day', () => {
    expect(
      itemBody({
        kind: 'preventive',
        title: ' 增加巡查 ',
        description: '  ',
        assigneeId: 'u1',
        dueDate: dayjs('2026-04-30T15:00:00'),
        verifierId: undefined,
      }),
    ).toEqual({ kind: 'preventive', title: '增加巡查', description: null, assigneeId: 'u1', dueDate: '2026-04-30', verifierId: null });
  });
});

describe('action list links', () => {
  it('opens the open items as both open statuses and the overdue ones by the flag, for a site or all', () => {
    expect(actionsLink('open')).toBe('/safety/actions?status=open&status=submitted');
    expect(actionsLink('overdue', 's1')).toBe('/safety/actions?siteId=s1&overdue=1');
  });

  it('narrows a link to one site, replacing the sites it had', () => {
    expect(withSite('/drills?siteId=a&siteId=b&status=done', 'c')).toBe('/drills?status=done&siteId=c');
    expect(withSite('/drills?status=done', null)).toBe('/drills?status=done');
    expect(withSite('/etiquette', 'c')).toBe('/etiquette?siteId=c');
  });
});

describe('statusesOf', () => {
  it('reads statuses given repeated or comma-separated, as the facts link them', () => {
    expect(statusesOf(new URLSearchParams('status=open%2Csubmitted'))).toEqual(['open', 'submitted']);
    expect(statusesOf(new URLSearchParams('status=open&status=verified'))).toEqual(['open', 'verified']);
    expect(statusesOf(new URLSearchParams('overdue=1'))).toEqual([]);
  });
});

describe('calendar days', () => {
  it('adds days across month and year ends', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('asks for a week before the month and two weeks after it, covering any six-week grid', () => {
    expect(calendarWindow('2026-02')).toEqual({ from: '2026-01-25', to: '2026-03-15' });
    expect(calendarWindow('2026-12')).toEqual({ from: '2026-11-24', to: '2027-01-15' });
  });

  it('reads the day and time of an instant in the site zone', () => {
    // 17:30 UTC on the 9th is 01:30 on the 10th in Shanghai
    expect(dayIn('2026-03-09T17:30:00.000Z', 'Asia/Shanghai')).toBe('2026-03-10');
    expect(timeIn('2026-03-09T17:30:00.000Z', 'Asia/Shanghai')).toBe('01:30');
    expect(dayIn('2026-03-09T17:30:00.000Z', 'UTC')).toBe('2026-03-09');
    expect(dayIn('not a date', 'UTC')).toBe('');
  });

  it('groups events by the day of their own site, in time order', () => {
    const zones: Record<string, string> = { cc: 'Asia/Shanghai', ld: 'Europe/London' };
    const byDay = eventsByDay(
      [
        event({ id: 'late', at: '2026-03-10T08:00:00.000Z' }),
        event({ id: 'early', at: '2026-03-10T01:00:00.000Z', kind: 'training' }),
        // an action item due on the 11th: its site's midnight, 16:00 UTC the day before
        event({ id: 'due', kind: 'action', at: '2026-03-10T16:00:00.000Z' }),
        // the same instant at a London site is still the 10th
        event({ id: 'london', siteId: 'ld', at: '2026-03-10T16:00:00.000Z' }),
      ],
      (siteId) => zones[siteId],
    );
    expect([...byDay.keys()].sort()).toEqual(['2026-03-10', '2026-03-11']);
    expect(byDay.get('2026-03-10')?.map((e) => e.id)).toEqual(['early', 'late', 'london']);
    expect(byDay.get('2026-03-11')?.map((e) => e.id)).toEqual(['due']);
  });

  it('lists only the days of the month shown (not the neighbouring weeks of the grid), in order', () => {
    const byDay = eventsByDay(
      [
        event({ id: 'a', at: '2026-03-20T02:00:00.000Z' }),
        event({ id: 'b', at: '2026-02-27T02:00:00.000Z' }),
        event({ id: 'c', at: '2026-03-02T02:00:00.000Z' }),
        event({ id: 'd', at: '2026-04-01T02:00:00.000Z' }),
      ],
      () => 'Asia/Shanghai',
    );
    expect(daysOfMonth(byDay, '2026-03')).toEqual(['2026-03-02', '2026-03-20']);
  });
});

describe('overview figures', () => {
  const period = { from: '2026-02-28T16:00:00.000Z', to: '2026-03-31T16:00:00.000Z' };
  const spec = (field: string) => {
    const s = COUNT_SPECS.find((x) => x.field === field);
    if (!s) throw new Error(field);
    return s;
  };

  it('maps every count of the overview to a distinct fact key', () => {
    const keys = COUNT_SPECS.map((s) => s.fact);
    expect(new Set(keys).size).toBe(keys.length);
    expect(COUNT_SPECS).toHaveLength(16);
  });

  it("uses the fact's own link, narrowed to a site when the figure is a site's", () => {
    const facts = [fact('drills.missed', '/drills?status=missed&from=a&to=b')];
    expect(countLink(spec('drillsMissed'), null, period, facts)).toBe('/drills?status=missed&from=a&to=b');
    expect(countLink(spec('drillsMissed'), 's1', period, facts)).toBe('/drills?status=missed&from=a&to=b&siteId=s1');
  });

  it("falls back to the module's list for the period, and to the action list's own filters", () => {
    expect(countLink(spec('alerts'), 's1', period, [])).toBe(
      `/security-alerts?siteId=s1&from=${encodeURIComponent(period.from)}&to=${encodeURIComponent(period.to)}`,
    );
    expect(countLink(spec('actionsOverdue'), null, period, [])).toBe('/safety/actions?overdue=1');
    expect(countLink(spec('actionsOpen'), 's2', period, [])).toBe('/safety/actions?siteId=s2&status=open&status=submitted');
  });

  it('writes counts plainly, a rate in percent, an average with one decimal and — without a basis', () => {
    expect(countText(12)).toBe('12');
    expect(countText(0)).toBe('0');
    expect(countText(87.456, 'percent')).toBe('87.5%');
    expect(countText(91.04, 'score')).toBe('91');
    expect(countText(null, 'percent')).toBe('—');
  });
});

describe('measures by area', () => {
  it('sorts facts into areas in page order, breakdowns by type apart from the headline figures', () => {
    const areas = factsByArea([
      fact('training.sessions'),
      fact('incidents.total'),
      fact('incidents.type.fire'),
      fact('incidents.type.power_cut'),
      fact('incidents.fire_alarm_faults'),
      fact('drills.done'),
      fact('drills.done.type.fire_evacuation'),
      fact('security.alerts.type.theft'),
      fact('security.alerts'),
      fact('actions.overdue'),
    ]);
    expect(areas.map((a) => a.area)).toEqual(['incidents', 'security', 'drills', 'training', 'actions']);
    const incidents = areas[0];
    expect(incidents?.main.map((f) => f.key)).toEqual(['incidents.total', 'incidents.fire_alarm_faults']);
    // the incident types break down the incident count
    expect(incidents?.byType).toEqual([
      { parent: 'incidents.total', rows: [expect.objectContaining({ code: 'fire' }), expect.objectContaining({ code: 'power_cut' })] },
    ]);
    expect(areas[1]?.byType[0]?.parent).toBe('security.alerts');
    expect(areas[2]?.byType[0]).toEqual({ parent: 'drills.done', rows: [expect.objectContaining({ code: 'fire_evacuation' })] });
    expect(areas[3]?.byType).toEqual([]);
  });

  it('names type codes with the dictionary of their area', () => {
    expect(typeDictionary('incidents.total')).toBe('incident_type');
    expect(typeDictionary('security.alerts')).toBe('security_alert_type');
    expect(typeDictionary('drills.done')).toBe('drill_type');
    expect(typeDictionary('training.sessions')).toBe('training_type');
    expect(typeDictionary('actions.total')).toBeNull();
  });
});
