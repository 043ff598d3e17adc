import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import {
  carriedOutText,
  defaultStart,
  drillButtons,
  drillInput,
  drillUpdate,
  durationMinutes,
  namesIn,
  participantGroups,
  participantProblem,
  participantRows,
  participantTotal,
  pastDue,
  placeText,
  recordInput,
  reportInput,
  splitMinutes,
} from './logic';

describe('namesIn', () => {
  it('reads names separated the ways people write them', () => {
    expect(namesIn('张三、李四，王五,赵六；钱七\n孙八  周九')).toEqual(['张三', '李四', '王五', '赵六', '钱七', '孙八', '周九']);
    expect(namesIn('  ')).toEqual([]);
    expect(namesIn(null)).toEqual([]);
  });
});

describe('participantGroups', () => {
  it('drops empty rows, trims, and counts the names when no count is given', () => {
    expect(
      participantGroups([
        { group: ' 保安部 ', count: 12, names: '' },
        { group: null, count: null, names: '  ' },
        { group: '工程部', count: null, names: '张三、李四、王五' },
        null,
      ]),
    ).toEqual([
      { group: '保安部', count: 12, names: null },
      { group: '工程部', count: 3, names: '张三、李四、王五' },
    ]);
  });

  it('keeps a row with a count but no group, for the server to refuse with its field', () => {
    expect(participantGroups([{ group: ' ', count: 4 }])).toEqual([{ group: '', count: 4, names: null }]);
  });
});

describe('participantTotal', () => {
  it('adds up every group, names standing in for a missing count', () => {
    expect(
      participantTotal([
        { group: '保安部', count: 12 },
        { group: '专柜员工', count: 40 },
        { group: '工程部', names: '张三 李四' },
      ]),
    ).toBe(54);
  });

  it('is 0 without groups and ignores counts that are not people', () => {
    expect(participantTotal([])).toBe(0);
    expect(participantTotal(undefined)).toBe(0);
    expect(
      participantTotal([
        { group: '保洁', count: -3 },
        { group: '外包', count: Number.NaN },
      ]),
    ).toBe(0);
  });
});

describe('participantProblem', () => {
  const rows = [
    { group: '保安部', count: 12, names: null },
    { group: '', count: 5 },
    { group: '工程部', count: null, names: null },
    { group: '工程部', count: 2.5 },
    { group: '保洁', count: 1, names: '张三、李四' },
    { group: '保安部', count: 3 },
    { group: null, count: null, names: null },
    { group: '专柜员工', count: null, names: '张三、李四' },
  ];

  it('names what is wrong with each row', () => {
    expect(rows.map((_, i) => participantProblem(rows, i))).toEqual([
      null,
      'group',
      'count',
      'count',
      'namesExceedCount',
      'duplicateGroup',
      null,
      null,
    ]);
  });
});

describe('participantRows', () => {
  it('starts with one empty row and keeps stored groups as they are', () => {
    expect(participantRows([])).toEqual([{ group: null, count: null, names: null }]);
    expect(participantRows([{ group: '保安部', count: 2 }])).toEqual([{ group: '保安部', count: 2, names: null }]);
  });
});

describe('drillButtons', () => {
  const steps = (status: Parameters<typeof drillButtons>[0]['status'], manage = true, report: unknown = null) =>
    drillButtons({ status, report: report as never }, manage).map((b) => `${b.step}${b.primary ? '*' : ''}${b.danger ? '!' : ''}`);

  it('offers recording first for planned and missed drills', () => {
    expect(steps('planned')).toEqual(['record*', 'edit', 'cancel!', 'print']);
    expect(steps('missed')).toEqual(['record*', 'print']);
  });

  it('asks for the report of a done drill until it is filed', () => {
    expect(steps('done')).toEqual(['report*', 'edit', 'print']);
    expect(steps('done', true, { purpose: 'x' })).toEqual(['report', 'edit', 'print']);
  });

  it('leaves only printing without drills:manage, and nothing for a cancelled drill', () => {
    expect(steps('done', false)).toEqual(['print']);
    expect(steps('cancelled')).toEqual([]);
  });
});

describe('times', () => {
  it('measures the drill in whole minutes', () => {
    expect(durationMinutes('2026-03-10T01:00:00Z', '2026-03-10T01:35:20Z')).toBe(35);
    expect(durationMinutes('2026-03-10T01:00:00Z', '2026-03-10T01:00:00Z')).toBeNull();
    expect(durationMinutes('2026-03-10T01:00:00Z', null)).toBeNull();
    expect(splitMinutes(95)).toEqual({ hours: 1, minutes: 35 });
  });

  it('writes the time carried out in the site zone, the end date only when it differs', () => {
    expect(carriedOutText('2026-10-24T00:00:00Z', '2026-10-24T00:40:00Z', 'Asia/Shanghai')).toBe('2026-10-24 08:00–08:40');
    expect(carriedOutText('2026-10-24T15:30:00Z', '2026-10-24T16:30:00Z', 'Asia/Shanghai')).toBe('2026-10-24 23:30 – 2026-10-25 00:30');
    expect(carriedOutText(null, null, 'Asia/Shanghai')).toBe('—');
    expect(carriedOutText('2026-10-24T00:00:00Z', '2026-10-24T00:40:00Z', 'Asia/Shanghai', false)).toBe('08:00–08:40');
  });

  it('starts the record at the planned time once it has come, else now', () => {
    const now = new Date('2026-03-10T02:30:45.123Z');
    expect(defaultStart('2026-03-10T02:00:00Z', now).toISOString()).toBe('2026-03-10T02:00:00.000Z');
    expect(defaultStart('2026-03-11T02:00:00Z', now).toISOString()).toBe('2026-03-10T02:30:00.000Z');
  });

  it('flags a planned drill past its window', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    expect(pastDue({ status: 'planned', dueBy: '2026-03-10T11:00:00Z' }, now)).toBe(true);
    expect(pastDue({ status: 'planned', dueBy: '2026-03-10T13:00:00Z' }, now)).toBe(false);
    expect(pastDue({ status: 'missed', dueBy: '2026-03-10T11:00:00Z' }, now)).toBe(false);
  });
});

describe('placeText', () => {
  it('gives the location path and the place, or the site alone', () => {
    expect(placeText({ siteName: '长春店', locationPath: '长春店 / A座主楼', place: '广场集合点' })).toBe('长春店 / A座主楼 · 广场集合点');
    expect(placeText({ siteName: '长春店', locationPath: null, place: '东门' })).toBe('东门');
    expect(placeText({ siteName: '长春店', locationPath: null, place: null })).toBe('长春店');
  });
});

describe('bodies', () => {
  const values = {
    siteId: 's1',
    type: 'fire_evacuation',
    title: ' 消防疏散演练 ',
    scenario: ' 三楼起火 ',
    plannedAt: dayjs('2026-03-10T06:00:30Z'),
    place: ' ',
    commanderId: 'u1',
    startedAt: dayjs('2026-03-10T06:05:00Z'),
    endedAt: dayjs('2026-03-10T06:40:00Z'),
    participants: [{ group: '保安部', count: 8 }, {}],
    preparation: ' 提前通知专柜 ',
  };

  it('plans a drill without its record', () => {
    expect(drillInput(values, false)).toEqual({
      siteId: 's1',
      type: 'fire_evacuation',
      title: '消防疏散演练',
      scenario: '三楼起火',
      plannedAt: '2026-03-10T06:00:00.000Z',
      locationId: null,
      place: null,
      commanderId: 'u1',
    });
  });

  it('records a drill at once, its planned time the start when none is given', () => {
    const body = drillInput({ ...values, plannedAt: null }, true);
    expect(body.plannedAt).toBe('2026-03-10T06:05:00.000Z');
    expect(body.participants).toEqual([{ group: '保安部', count: 8, names: null }]);
    expect(body.preparation).toBe('提前通知专柜');
    expect(body.endedAt).toBe('2026-03-10T06:40:00.000Z');
  });

  it('updates without the site', () => {
    expect('siteId' in drillUpdate(values, true)).toBe(false);
  });

  it('records a planned drill, leaving the scenario as planned when the field is empty', () => {
    const body = recordInput({ ...values, scenario: '' });
    expect(body).toEqual({
      startedAt: '2026-03-10T06:05:00.000Z',
      endedAt: '2026-03-10T06:40:00.000Z',
      commanderId: 'u1',
      participants: [{ group: '保安部', count: 8, names: null }],
      preparation: '提前通知专柜',
      locationId: null,
      place: null,
    });
  });

  it('files a report with empty optional parts as null', () => {
    expect(reportInput({ purpose: ' 检验疏散 ', course: '按预案', problems: ' ', improvements: '增设指示牌' })).toEqual({
      purpose: '检验疏散',
      course: '按预案',
      problems: null,
      causes: null,
      lessons: null,
      evaluation: null,
      improvements: '增设指示牌',
    });
  });
});
