import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import {
  alertBody,
  alertValues,
  apprehendedRequired,
  deadlineFor,
  deadlineState,
  deadlineText,
  incidentBody,
  incidentSteps,
  incidentValues,
  missingForSubmit,
  monthPeriod,
  officerAlertsLink,
} from './logic';
import type { Incident, SecurityAlert } from './types';

const SH = 'Asia/Shanghai';
const rule = { deadlineTypes: ['fire_alarm_fault'], deadlineMode: 'overnight' as const, deadlineHours: 24 };

const incident = (over: Partial<Incident> = {}): Incident => ({
  id: 'i1',
  number: 'SJ-20260312-0001',
  siteId: 's1',
  siteName: '长春店',
  title: '消防报警主机故障',
  type: 'fire_alarm_fault',
  occurredAt: '2026-03-12T02:30:00.000Z',
  locationId: null,
  locationPath: null,
  place: '消防控制室',
  responsibleId: null,
  responsibleName: '张三',
  summary: '主机报故障',
  course: null,
  handling: '更换模块',
  losses: null,
  lossFen: 123_456,
  causeAnalysis: '模块老化',
  resolvedAt: '2026-03-12T09:00:00.000Z',
  deadlineAt: '2026-03-12T16:00:00.000Z',
  fixedInTime: true,
  workOrderId: null,
  workOrderNumber: null,
  attachmentIds: [],
  authorId: 'u1',
  authorName: '李四',
  submittedAt: null,
  reviewerId: null,
  reviewerName: null,
  reviewedAt: null,
  reviewNote: null,
  status: 'draft',
  actionsTotal: 0,
  actionsOpen: 0,
  canEdit: true,
  canReview: false,
  createdAt: '2026-03-12T03:00:00.000Z',
  updatedAt: '2026-03-12T03:00:00.000Z',
  version: 1,
  ...over,
});

describe('incident form', () => {
  it('sends the loss in fen, a written name only when no user is chosen, and empty texts as null', () => {
    const body = incidentBody(
      {
        title: '  停电  ',
        type: 'power_outage',
        occurredAt: dayjs('2026-03-12T02:30:00.000Z'),
        responsibleMode: 'name',
        responsibleId: 'u9',
        responsibleName: ' 王五 ',
        summary: '全场停电',
        course: '   ',
        lossYuan: 1234.56,
        submit: true,
      },
      's1',
    );
    expect(body).toMatchObject({
      siteId: 's1',
      title: '停电',
      occurredAt: '2026-03-12T02:30:00.000Z',
      responsibleId: null,
      responsibleName: '王五',
      course: null,
      lossFen: 123_456,
      resolvedAt: null,
      submit: true,
    });
    const byUser = incidentBody({ responsibleMode: 'user', responsibleId: 'u9', responsibleName: '王五', lossYuan: null }, 's1');
    expect(byUser).toMatchObject({ responsibleId: 'u9', responsibleName: null, lossFen: null, submit: false });
  });

  it('refills the form from a report: fen as yuan, a written name in its own mode', () => {
    const v = incidentValues(incident());
    expect(v.lossYuan).toBe(1234.56);
    expect(v.responsibleMode).toBe('name');
    expect(v.responsibleName).toBe('张三');
    expect(v.occurredAt?.toISOString()).toBe('2026-03-12T02:30:00.000Z');
    expect(incidentValues(incident({ responsibleId: 'u2', responsibleName: '赵六' }))).toMatchObject({
      responsibleMode: 'user',
      responsibleId: 'u2',
      responsibleName: null,
    });
    // and back to the same body
    expect(incidentBody(v, 's1').lossFen).toBe(123_456);
  });
});

describe('不过夜 deadline', () => {
  it('ends with the site’s day for overnight types, N hours later in hours mode, none for other types', () => {
    // 23:30 on the 12th in Shanghai is 15:30Z; the day's last millisecond is just before 16:00Z
    expect(deadlineFor('fire_alarm_fault', '2026-03-12T15:30:00.000Z', rule, SH)).toBe('2026-03-12T15:59:59.999Z');
    // 00:30 on the 13th in Shanghai (16:30Z on the 12th) belongs to the 13th
    expect(deadlineFor('fire_alarm_fault', '2026-03-12T16:30:00.000Z', rule, SH)).toBe('2026-03-13T15:59:59.999Z');
    expect(deadlineFor('fire_alarm_fault', '2026-03-12T02:00:00.000Z', { ...rule, deadlineMode: 'hours', deadlineHours: 4 }, SH)).toBe(
      '2026-03-12T06:00:00.000Z',
    );
    expect(deadlineFor('power_outage', '2026-03-12T02:00:00.000Z', rule, SH)).toBeNull();
    expect(deadlineFor('fire_alarm_fault', null, rule, SH)).toBeNull();
    expect(deadlineFor('fire_alarm_fault', '2026-03-12T02:00:00.000Z', undefined, SH)).toBeNull();
  });

  it('reads a midnight deadline as 24:00 of the day before', () => {
    expect(deadlineText('2026-03-12T15:59:59.999Z', SH)).toBe('2026-03-12 24:00');
    expect(deadlineText('2026-03-12T16:00:00.000Z', SH)).toBe('2026-03-12 24:00');
    expect(deadlineText('2026-03-12T15:59:00.000Z', SH)).toBe('2026-03-12 23:59');
    expect(deadlineText('2026-03-12T15:59:59.000Z', SH)).toBe('2026-03-12 23:59');
    expect(deadlineText('2026-03-12T06:00:00.000Z', SH)).toBe('2026-03-12 14:00');
    expect(deadlineText(null, SH)).toBe('—');
  });

  it('tells fixed in time, fixed late, overdue and still within the deadline apart', () => {
    const deadlineAt = '2026-03-12T15:59:59.999Z';
    const before = new Date('2026-03-12T10:00:00.000Z');
    const after = new Date('2026-03-13T01:00:00.000Z');
    // fixed at 23:59 counts, at 00:00 it does not
    expect(deadlineState({ deadlineAt, resolvedAt: '2026-03-12T15:59:00.000Z' }, after)).toBe('in_time');
    expect(deadlineState({ deadlineAt, resolvedAt: '2026-03-12T16:00:00.000Z' }, after)).toBe('late');
    expect(deadlineState({ deadlineAt, resolvedAt: null }, after)).toBe('overdue');
    expect(deadlineState({ deadlineAt, resolvedAt: null }, before)).toBe('pending');
    expect(deadlineState({ deadlineAt: null, resolvedAt: null }, after)).toBe('none');
  });
});

describe('review steps', () => {
  it('lets whoever may edit change a report until it is reviewed and submit it while a draft or returned; a reviewer decides a submitted one', () => {
    expect(incidentSteps(incident({ status: 'draft' }))).toEqual(['submit', 'edit']);
    expect(incidentSteps(incident({ status: 'returned' }))).toEqual(['submit', 'edit']);
    // the author of a submitted report has canEdit false from the server; a reviewer keeps it
    expect(incidentSteps(incident({ status: 'submitted', canEdit: false }))).toEqual([]);
    expect(incidentSteps(incident({ status: 'submitted', canEdit: true, canReview: true }))).toEqual(['approve', 'return', 'edit']);
    expect(incidentSteps(incident({ status: 'reviewed', canEdit: true, canReview: true }))).toEqual([]);
  });

  it('names what a draft lacks for submitting: where, the course, the handling and the cause', () => {
    expect(missingForSubmit(incident({ place: null, locationId: null, course: ' ', handling: null, causeAnalysis: null }))).toEqual([
      'where',
      'course',
      'handling',
      'causeAnalysis',
    ]);
    expect(missingForSubmit(incident({ place: null, locationId: 'l1', course: '经过' }))).toEqual([]);
  });
});

describe('security log', () => {
  it('counts people caught only for 抓获 and 移交公安', () => {
    expect(apprehendedRequired('apprehended')).toBe(true);
    expect(apprehendedRequired('handed_to_police')).toBe(true);
    expect(apprehendedRequired('resolved')).toBe(false);
    const base = {
      receivedAt: dayjs('2026-03-12T02:00:00.000Z'),
      source: 'cctv',
      type: 'theft',
      description: ' 可疑人员盗窃化妆品 ',
      officerIds: ['u1', 'u2'],
      apprehendedCount: 2,
    };
    expect(alertBody({ ...base, outcome: 'handed_to_police' }, 's1')).toMatchObject({
      siteId: 's1',
      description: '可疑人员盗窃化妆品',
      outcome: 'handed_to_police',
      apprehendedCount: 2,
      officerIds: ['u1', 'u2'],
      closedAt: null,
      incidentId: null,
    });
    expect(alertBody({ ...base, outcome: 'resolved' }, 's1').apprehendedCount).toBe(0);
  });

  it('refills the form with the officers’ ids', () => {
    const alert = {
      siteId: 's1',
      receivedAt: '2026-03-12T02:00:00.000Z',
      source: 'cctv',
      type: 'theft',
      locationId: null,
      place: '一楼化妆品区',
      description: '盗窃',
      handling: null,
      outcome: 'apprehended',
      apprehendedCount: 1,
      officers: [
        { userId: 'u1', name: '保安甲' },
        { userId: 'u2', name: '保安乙' },
      ],
      closedAt: null,
      incidentId: 'i1',
    } as unknown as SecurityAlert;
    const v = alertValues(alert);
    expect(v.officerIds).toEqual(['u1', 'u2']);
    expect(alertBody(v, 's1')).toMatchObject({ place: '一楼化妆品区', apprehendedCount: 1, incidentId: 'i1' });
  });

  it('defaults the officers’ period to the calendar month', () => {
    const p = monthPeriod(new Date(2026, 0, 31, 23, 0));
    expect(new Date(p.from).getDate()).toBe(1);
    expect(new Date(p.from).getMonth()).toBe(0);
    expect(new Date(p.to).getMonth()).toBe(1);
    expect(new Date(p.to).getDate()).toBe(1);
    // December rolls into January of the next year
    expect(new Date(monthPeriod(new Date(2026, 11, 5)).to).getFullYear()).toBe(2027);
  });

  it('links an officer to their alerts with the same sites and period', () => {
    const search = new URLSearchParams('siteId=s1&siteId=s2&from=2026-03-01T00:00:00.000Z&other=x');
    const link = officerAlertsLink('/security-alerts', { userId: 'u1', name: '保安甲' }, search);
    const q = new URLSearchParams(link.split('?')[1]);
    expect(link.startsWith('/security-alerts?')).toBe(true);
    expect(q.getAll('siteId')).toEqual(['s1', 's2']);
    expect(q.get('from')).toBe('2026-03-01T00:00:00.000Z');
    expect(q.get('officerId')).toBe('u1');
    expect(q.get('officerName')).toBe('保安甲');
    expect(q.has('other')).toBe(false);
  });
});
