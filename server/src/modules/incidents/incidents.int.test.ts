import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionItemDto } from '../../../../contracts/actions.js';
import type { IncidentDto, IncidentSettingsDto } from '../../../../contracts/incidents.js';
import type { Page } from '../../../../contracts/types.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { locationIdOf, siteIdOf, userIdOf } from '../equipment/testing.js';
import { pdfText, uploadPhoto } from '../hazards/testing.js';
import { createIncident, type ErrorBody, fields, incidentBody, messages, review } from './testing.js';

/** The test clock: 2026-03-15 02:00 UTC = 10:00 in Asia/Shanghai. */
describe(`incident reports: writing, submitting, review, deadlines, the printed form (${ENGINE})`, () => {
  let t: TestApp;
  let head: Client;
  let admin: Client;
  let tech: Client;
  let techSy: Client;
  let property: Client;
  let security: Client;
  let cc: string;
  let sy: string;
  let ids: Record<'head' | 'tech' | 'techSy' | 'property', string>;

  const inbox = async (userId: string) =>
    (await t.db.selectFrom('notifications').select('title').where('user_id', '=', userId).execute()).map((m) => m.title);
  const put = (c: Client, i: Pick<IncidentDto, 'id' | 'version'>, body: Record<string, unknown>) =>
    c.req<IncidentDto & ErrorBody>('PUT', `/api/v1/incidents/${i.id}`, { ...body, version: i.version });
  const submit = (c: Client, i: Pick<IncidentDto, 'id' | 'version'>) =>
    c.post<IncidentDto & ErrorBody>(`/api/v1/incidents/${i.id}/submit`, { version: i.version });

  beforeAll(async () => {
    t = await createTestApp();
    [head, admin, tech, techSy, property, security] = (await Promise.all(
      ['head', 'admin', 'tech', 'tech_sy', 'property', 'security'].map((u) => login(t.app, u)),
    )) as [Client, Client, Client, Client, Client, Client];
    cc = await siteIdOf(t.db, 'CC');
    sy = await siteIdOf(t.db, 'SY');
    ids = {
      head: await userIdOf(t.db, 'head'),
      tech: await userIdOf(t.db, 'tech'),
      techSy: await userIdOf(t.db, 'tech_sy'),
      property: await userIdOf(t.db, 'property'),
    };
  });
  afterAll(() => t.close());

  it('writes a numbered draft, and lists every problem of a form in Chinese', async () => {
    const draft = await createIncident(tech, cc, { responsibleId: ids.tech, lossFen: 0 });
    expect(draft.number).toMatch(/^SJ-20260314-\d{4}$/);
    expect(draft).toMatchObject({
      status: 'draft',
      authorName: '张维修',
      responsibleName: '张维修',
      deadlineAt: null,
      fixedInTime: null,
      canEdit: true,
      canReview: false,
      actionsTotal: 0,
    });

    const bad = await tech.post<ErrorBody>(
      '/api/v1/incidents',
      incidentBody(cc, {
        type: 'meteor',
        occurredAt: '2026-03-16T00:00:00.000Z',
        locationId: await locationIdOf(t.db, 'SY-A-1F-01'),
        responsibleId: ids.techSy,
        lossFen: -5,
        summary: '  ',
      }),
    );
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(['locationId', 'lossFen', 'occurredAt', 'responsibleId', 'summary', 'type']);
    expect(messages(bad)).toContain('事发时间不能晚于当前时间');
    const early = await tech.post<ErrorBody>('/api/v1/incidents', incidentBody(cc, { resolvedAt: '2026-03-14T06:00:00.000Z' }));
    expect(messages(early)).toEqual(['处理完成时间不能早于事发时间']);
    // tech works at 长春店 only
    const elsewhere = await tech.post<ErrorBody>('/api/v1/incidents', incidentBody(sy));
    expect(elsewhere.status).toBe(400);
    expect(fields(elsewhere)).toEqual(['siteId']);
    // a responsible person without an account is written out
    const vendor = await createIncident(tech, cc, { responsibleName: '某专柜员工李某' });
    expect(vendor).toMatchObject({ responsibleId: null, responsibleName: '某专柜员工李某' });
  });

  it('submits only a complete report, to the site’s reviewers; the author may not change it while it waits', async () => {
    const bare = await createIncident(tech, cc, { place: null, course: null, handling: ' ', causeAnalysis: null });
    const incomplete = await submit(tech, bare);
    expect(incomplete.status).toBe(400);
    expect(fields(incomplete)).toEqual(['causeAnalysis', 'course', 'handling', 'place']);
    const filled = (await put(tech, bare, incidentBody(cc, { locationId: await locationIdOf(t.db, 'CC-A-1F-01') }))).body;
    expect(filled.locationPath).toBe('长春店 / A座主楼 / 一层 / 化妆品区');
    const sent = await submit(tech, filled);
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: 'submitted', canEdit: false });
    expect(sent.body.submittedAt).toBe(t.clock.now().toISOString());
    expect(await inbox(ids.head)).toContain(`意外事件报告 ${filled.number} 待审核`);
    // property holds no incidents:review: not told
    expect(await inbox(ids.property)).not.toContain(`意外事件报告 ${filled.number} 待审核`);

    const locked = await put(tech, sent.body, incidentBody(cc));
    expect(locked.status).toBe(409);
    expect(locked.body.error.message).toContain('请审核人退回');
    // a reviewer may correct it before deciding
    const corrected = await put(head, sent.body, incidentBody(cc, { title: '一层东区照明回路跳闸' }));
    expect(corrected.body).toMatchObject({ status: 'submitted', title: '一层东区照明回路跳闸' });
    // the old version is stale now
    const stale = await put(head, sent.body, incidentBody(cc));
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    // someone who reads it but neither wrote it nor reviews
    expect((await put(security, corrected.body, incidentBody(cc))).status).toBe(403);
  });

  it('returns with a reason, the author edits and submits again, another reviewer approves; self-review is refused', async () => {
    let i = await createIncident(tech, cc, { submit: true });
    expect(i.status).toBe('submitted');
    expect((await review(tech, i, 'approve')).status).toBe(403);
    const noReason = await review(head, i, 'return', ' ');
    expect(fields(noReason)).toEqual(['note']);
    i = (await review(head, i, 'return', '请补充损失金额')).body;
    expect(i).toMatchObject({ status: 'returned', reviewerName: '王后勤', reviewNote: '请补充损失金额', canEdit: true });
    expect(await inbox(ids.tech)).toContain(`意外事件报告 ${i.number} 被退回`);
    i = (await put(tech, i, incidentBody(cc, { lossFen: 12_000, submit: true }))).body;
    expect(i).toMatchObject({ status: 'submitted', lossFen: 12_000 });
    i = (await review(head, i, 'approve', '处置及时')).body;
    expect(i).toMatchObject({ status: 'reviewed', reviewerName: '王后勤', reviewNote: '处置及时', canEdit: false, canReview: false });
    expect(await inbox(ids.tech)).toContain(`意外事件报告 ${i.number} 已审核通过`);
    const after = await put(head, i, incidentBody(cc));
    expect(after.status).toBe(409);
    expect((await review(head, i, 'approve')).status).toBe(409);

    // the head's own report: another reviewer decides
    const own = await createIncident(head, cc, { submit: true });
    expect(own.canReview).toBe(false);
    const self = await review(head, own, 'approve');
    expect(self.status).toBe(403);
    expect(self.body.error.message).toBe('不能审核自己填报的报告，请由其他审核人审核');
    const waiting = await head.get<Page<IncidentDto>>('/api/v1/incidents?awaitingReview=1&limit=200');
    expect(waiting.body.items.map((x) => x.id)).not.toContain(own.id);
    const forAdmin = await admin.get<Page<IncidentDto>>('/api/v1/incidents?awaitingReview=1&limit=200');
    expect(forAdmin.body.items.map((x) => x.id)).toContain(own.id);
    expect((await review(admin, own, 'approve')).body.status).toBe('reviewed');
  });

  it('hides another site’s reports (404) and lists one’s own', async () => {
    const i = await createIncident(tech, cc);
    expect((await techSy.get(`/api/v1/incidents/${i.id}`)).status).toBe(404);
    expect((await techSy.req('PUT', `/api/v1/incidents/${i.id}`, { ...incidentBody(cc), version: i.version })).status).toBe(404);
    expect((await techSy.post(`/api/v1/incidents/${i.id}/submit`, { version: i.version })).status).toBe(404);
    expect((await techSy.get(`/api/v1/incidents/${i.id}/report.pdf`)).status).toBe(404);
    const theirs = await techSy.get<Page<IncidentDto>>('/api/v1/incidents?limit=200');
    expect(theirs.body.items.every((x) => x.siteId === sy)).toBe(true);
    const mine = await tech.get<Page<IncidentDto>>('/api/v1/incidents?author=me&limit=200');
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((x) => x.authorId === ids.tech)).toBe(true);
    const found = await tech.get<Page<IncidentDto>>(`/api/v1/incidents?q=${encodeURIComponent(i.number)}`);
    expect(found.body.items.map((x) => x.id)).toEqual([i.id]);
    const xlsx = await head.req('GET', `/api/v1/incidents?format=xlsx&siteId=${cc}`);
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.raw.headers['content-type'])).toContain('spreadsheetml');
  });

  it('gives fire-alarm faults the 不过夜 deadline in the site’s zone, and judges them fixed in time', async () => {
    const fault = (siteId: string, extra: Record<string, unknown>) =>
      ({ type: 'fire_alarm_fault', title: '消防报警主机故障', summary: '报警主机显示 3 楼烟感故障', ...extra, siteId }) as const;
    // 23:30 in Shanghai, fixed at 23:50: in time
    const fixed = await createIncident(
      tech,
      cc,
      fault(cc, { occurredAt: '2026-03-14T15:30:00.000Z', resolvedAt: '2026-03-14T15:50:00.000Z' }),
    );
    expect(fixed).toMatchObject({ deadlineAt: '2026-03-14T15:59:59.999Z', fixedInTime: true });
    // 09:00 yesterday, fixed after midnight: late
    const late = await createIncident(
      tech,
      cc,
      fault(cc, { occurredAt: '2026-03-14T01:00:00.000Z', resolvedAt: '2026-03-14T16:30:00.000Z' }),
    );
    expect(late.fixedInTime).toBe(false);
    // unresolved, yesterday: late already; today: not yet decided
    const open = await createIncident(tech, cc, fault(cc, { occurredAt: '2026-03-14T03:00:00.000Z' }));
    expect(open.fixedInTime).toBe(false);
    const today = await createIncident(tech, cc, fault(cc, { occurredAt: '2026-03-15T01:00:00.000Z' }));
    expect(today).toMatchObject({ deadlineAt: '2026-03-15T15:59:59.999Z', fixedInTime: null });
    const listed = async (query: string) =>
      (await head.get<Page<IncidentDto>>(`/api/v1/incidents?${query}&siteId=${cc}&limit=200`)).body.items.map((x) => x.id);
    const inTime = await listed('type=fire_alarm_fault&fixedInTime=1');
    expect(inTime).toContain(fixed.id);
    expect(inTime.filter((id) => [late.id, open.id, today.id].includes(id))).toEqual([]);
    const notInTime = await listed('fixedInTime=0');
    expect(notInTime).toEqual(expect.arrayContaining([late.id, open.id]));
    expect(notInTime.filter((id) => [fixed.id, today.id].includes(id))).toEqual([]);

    // the same instant in a store kept on Berlin time ends its day at 23:00 UTC
    await t.db.updateTable('sites').set({ timezone: 'Europe/Berlin' }).where('id', '=', sy).execute();
    try {
      const berlin = await createIncident(techSy, sy, fault(sy, { occurredAt: '2026-03-14T15:30:00.000Z' }));
      expect(berlin.deadlineAt).toBe('2026-03-14T22:59:59.999Z');
    } finally {
      await t.db.updateTable('sites').set({ timezone: 'Asia/Shanghai' }).where('id', '=', sy).execute();
    }
  });

  it('keeps the deadline rule in the settings: types and overnight or N hours', async () => {
    const s = (await tech.get<IncidentSettingsDto>('/api/v1/incidents/settings')).body;
    expect(s).toMatchObject({ deadlineTypes: ['fire_alarm_fault'], deadlineMode: 'overnight', deadlineHours: 24 });
    const hours = { deadlineTypes: ['fire_alarm_fault', 'power_outage'], deadlineMode: 'hours', deadlineHours: 4, version: s.version };
    expect((await tech.req('PUT', '/api/v1/incidents/settings', hours)).status).toBe(403);
    const bad = await head.req<ErrorBody>('PUT', '/api/v1/incidents/settings', { ...hours, deadlineTypes: ['meteor'], deadlineHours: 0 });
    expect(fields(bad)).toEqual(['deadlineHours', 'deadlineTypes']);
    const saved = await head.req<IncidentSettingsDto>('PUT', '/api/v1/incidents/settings', hours);
    expect(saved.body).toMatchObject({ deadlineMode: 'hours', deadlineHours: 4, version: s.version + 1 });
    expect((await head.req('PUT', '/api/v1/incidents/settings', hours)).status).toBe(409);
    try {
      const outage = await createIncident(tech, cc, { occurredAt: '2026-03-15T00:30:00.000Z', resolvedAt: '2026-03-15T01:30:00.000Z' });
      expect(outage).toMatchObject({ deadlineAt: '2026-03-15T04:30:00.000Z', fixedInTime: true });
    } finally {
      await head.req('PUT', '/api/v1/incidents/settings', { ...s, version: saved.body.version });
    }
  });

  it('carries corrective measures verified by someone else, through the action-item routes', async () => {
    let i = await createIncident(tech, cc, { type: 'water_leak', title: '二层女装区跑水', submit: true });
    // the author adds a measure while the report is not yet reviewed
    const added = await tech.post<ActionItemDto & ErrorBody>('/api/v1/actions', {
      ownerType: 'incident',
      ownerId: i.id,
      kind: 'corrective',
      title: '更换二层女装区老化的喷淋支管',
      assigneeId: ids.tech,
      dueDate: '2026-03-20',
      verifierId: ids.property,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({ ownerNumber: i.number, ownerTitle: '二层女装区跑水', status: 'open' });
    // someone from another store cannot see the report, so neither its measures
    const foreign = await techSy.post<ErrorBody>('/api/v1/actions', {
      ownerType: 'incident',
      ownerId: i.id,
      kind: 'preventive',
      title: 'x',
      assigneeId: ids.techSy,
      dueDate: '2026-03-20',
    });
    expect(foreign.status).toBe(404);
    i = (await review(head, i, 'approve')).body;
    expect(i).toMatchObject({ actionsTotal: 1, actionsOpen: 1 });
    // reviewed: the author no longer manages its measures, a reviewer does
    const late = await tech.post('/api/v1/actions', {
      ownerType: 'incident',
      ownerId: i.id,
      kind: 'preventive',
      title: '每月检查喷淋支管',
      assigneeId: ids.tech,
      dueDate: '2026-03-31',
    });
    expect(late.status).toBe(403);

    const item = added.body;
    const sent = await tech.post<ActionItemDto & ErrorBody>(`/api/v1/actions/${item.id}/submit`, {
      note: '已更换并试压',
      version: item.version,
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    // the submitter does not verify their own work
    expect((await tech.post(`/api/v1/actions/${item.id}/verify`, { version: sent.body.version })).status).toBe(403);
    const verified = await property.post<ActionItemDto>(`/api/v1/actions/${item.id}/verify`, {
      note: '现场查看合格',
      version: sent.body.version,
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ status: 'verified', verifiedByName: '刘物业', onTime: true });
    expect((await head.get<IncidentDto>(`/api/v1/incidents/${i.id}`)).body).toMatchObject({ actionsTotal: 1, actionsOpen: 0 });
  });

  it('prints the 意外事件处理报告单 with its measures, attachments, author and reviewer', async () => {
    let i = await createIncident(tech, cc, {
      type: 'fire_alarm_fault',
      title: '消防报警主机故障',
      occurredAt: '2026-03-14T02:00:00.000Z',
      resolvedAt: '2026-03-14T09:00:00.000Z',
      responsibleId: ids.tech,
      causeAnalysis: '三层 12 号烟感底座进水短路。',
      lossFen: 35_000,
    });
    const photo = await uploadPhoto(tech, 'incident', i.id);
    expect(photo.status).toBe(201);
    // neither author nor reviewer
    expect((await uploadPhoto(security, 'incident', i.id)).status).toBe(403);
    i = (await submit(tech, i)).body;
    const measure = await head.post<ActionItemDto & ErrorBody>('/api/v1/actions', {
      ownerType: 'incident',
      ownerId: i.id,
      kind: 'preventive',
      title: '三层烟感底座加装防水罩',
      assigneeId: ids.tech,
      dueDate: '2026-03-25',
    });
    expect(measure.status, JSON.stringify(measure.body)).toBe(201);
    i = (await review(head, i, 'approve', '同意')).body;
    expect(i.attachmentIds).toEqual([photo.body.id]);
    // reviewed: its files are final
    expect((await uploadPhoto(tech, 'incident', i.id)).status).toBe(403);

    const res = await head.req('GET', `/api/v1/incidents/${i.id}/report.pdf`);
    expect(res.status).toBe(200);
    expect(res.raw.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.raw.rawPayload, i.number);
    for (const expected of [
      '意外事件处理报告单',
      i.number,
      '消防报警主机故障',
      '2026-03-1410:00',
      '长春店（一层东区）',
      '责任人张维修',
      '三层12号烟感底座进水短路。',
      '隔离故障灯具后合闸',
      '¥350.00',
      '按时完成',
      '纠正和预防措施',
      '预防措施三层烟感底座加装防水罩张维修2026-03-25待落实',
      'photo.png',
      '填报人：张维修',
      '审核人：王后勤',
      '审核日期：2026年3月15日',
      '现场照片',
    ]) {
      expect(text, expected).toContain(expected);
    }
  });
});
