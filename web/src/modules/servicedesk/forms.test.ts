import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { actionBody, filtersFromSearch, hotlineBody, timeLeft, visitBody } from './forms';

describe('service-desk form helpers', () => {
  it('reads only the known filters from a link', () => {
    const search = new URLSearchParams('from=2026-03-01&to=2026-03-31&outcome=complaint&evil=1&siteId=');
    expect(filtersFromSearch(search, ['from', 'to', 'outcome', 'siteId'])).toEqual({
      from: '2026-03-01',
      to: '2026-03-31',
      outcome: 'complaint',
    });
  });

  it('sends repair fields only for a work-order outcome', () => {
    const base = {
      siteId: 's1',
      content: ' 灯不亮 ',
      callerName: ' 张 ',
      callerPhone: '',
      workOrder: { category: 'power', urgency: 'urgent', locationId: 'l1', appointmentAt: dayjs('2026-03-16T02:00:00Z') },
      complaint: { subject: '  ' },
    };
    const wo = hotlineBody({ ...base, outcome: 'work_order' });
    expect(wo).toMatchObject({
      content: '灯不亮',
      callerName: '张',
      callerPhone: null,
      complaint: null,
      workOrder: { category: 'power', urgency: 'urgent', locationId: 'l1', appointmentAt: '2026-03-16T02:00:00.000Z' },
    });
    const info = hotlineBody({ ...base, outcome: 'info', note: ' 已答复 ' });
    expect(info).toMatchObject({ workOrder: null, complaint: null, note: '已答复' });
    const complaint = hotlineBody({ ...base, outcome: 'complaint' });
    expect(complaint.complaint).toEqual({ subject: null, category: 'other' });
  });

  it('raises a complaint with a visit only when dissatisfied and asked', () => {
    expect(visitBody({ method: 'phone', result: 'satisfied', raiseComplaint: true }).complaint).toBeNull();
    expect(visitBody({ method: 'phone', result: 'dissatisfied' }).complaint).toBeNull();
    expect(visitBody({ method: 'wechat', result: 'dissatisfied', raiseComplaint: true, comment: ' 又坏了 ' })).toMatchObject({
      comment: '又坏了',
      followUpNeeded: false,
      complaint: { category: 'quality', subject: null },
    });
  });

  it('sends each complaint step its own fields', () => {
    expect(actionBody('assign', { handlerId: 'u1', note: '' }, 3)).toEqual({ version: 3, handlerId: 'u1', note: null });
    expect(actionBody('resolve', { resolution: ' 已道歉 ', note: 'x' }, 4)).toEqual({ version: 4, resolution: '已道歉' });
    expect(actionBody('close', { satisfaction: 'satisfied' }, 5)).toEqual({ version: 5, satisfaction: 'satisfied', note: null });
    expect(actionBody('reopen', { note: '再次来电' }, 6)).toEqual({ version: 6, note: '再次来电' });
  });

  it('counts the time left to a deadline, and how late', () => {
    const now = new Date('2026-03-15T00:00:00Z');
    expect(timeLeft('2026-03-17T05:30:00Z', now)).toEqual({ late: false, days: 2, hours: 5 });
    expect(timeLeft('2026-03-14T21:00:00Z', now)).toEqual({ late: true, days: 0, hours: 3 });
  });
});
