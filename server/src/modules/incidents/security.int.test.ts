import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfficerRecordDto, SecurityAlertDto } from '../../../../contracts/incidents.js';
import type { Page } from '../../../../contracts/types.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { locationIdOf, siteIdOf, userIdOf } from '../equipment/testing.js';
import { alertBody, createAlert, createIncident, type ErrorBody, fields, messages } from './testing.js';

/** The test clock: 2026-03-15 02:00 UTC = 10:00 in Asia/Shanghai; the demo's alerts are all before today. */
describe(`security log: alerts, officers, commendations (${ENGINE})`, () => {
  let t: TestApp;
  let head: Client;
  let security: Client;
  let tech: Client;
  let techSy: Client;
  let dispatcher: Client;
  let cc: string;
  let sy: string;
  let ids: Record<'security' | 'tech' | 'techSy' | 'property', string>;
  /** today 08:00–10:00 local: only this file's alerts */
  const TODAY = 'from=2026-03-15T00:00:00.000Z&to=2026-03-15T02:00:00.000Z';
  const put = (c: Client, a: Pick<SecurityAlertDto, 'id' | 'version'>, body: Record<string, unknown>) =>
    c.req<SecurityAlertDto & ErrorBody>('PUT', `/api/v1/security-alerts/${a.id}`, { ...body, version: a.version });
  const commend = (c: Client, a: Pick<SecurityAlertDto, 'id'>, body: Record<string, unknown>) =>
    c.post<SecurityAlertDto & ErrorBody>(`/api/v1/security-alerts/${a.id}/commendations`, body);

  beforeAll(async () => {
    t = await createTestApp();
    [head, security, tech, techSy, dispatcher] = (await Promise.all(
      ['head', 'security', 'tech', 'tech_sy', 'dispatcher'].map((u) => login(t.app, u)),
    )) as [Client, Client, Client, Client, Client];
    cc = await siteIdOf(t.db, 'CC');
    sy = await siteIdOf(t.db, 'SY');
    ids = {
      security: await userIdOf(t.db, 'security'),
      tech: await userIdOf(t.db, 'tech'),
      techSy: await userIdOf(t.db, 'tech_sy'),
      property: await userIdOf(t.db, 'property'),
    };
  });
  afterAll(() => t.close());

  it('records a numbered alert with its officers, and lists every problem of a form in Chinese', async () => {
    const a = await createAlert(security, cc, [ids.security, ids.tech], { receivedAt: '2026-03-15T00:30:00.000Z' });
    expect(a.number).toMatch(/^JJ-20260315-\d{4}$/);
    expect(a).toMatchObject({
      outcome: 'handed_to_police',
      apprehendedCount: 1,
      recordedByName: '陈保安',
      commendations: [],
    });
    expect(a.officers.map((o) => o.name).sort()).toEqual(['张维修', '陈保安'].sort());

    const syIncident = await createIncident(techSy, sy);
    const bad = await security.post<ErrorBody>(
      '/api/v1/security-alerts',
      alertBody(cc, [ids.security, ids.techSy], {
        source: 'rumour',
        type: 'alien',
        receivedAt: '2026-03-15T03:00:00.000Z',
        locationId: await locationIdOf(t.db, 'SY-A-1F-01'),
        outcome: 'apprehended',
        apprehendedCount: 0,
        incidentId: syIncident.id,
        closedAt: null,
      }),
    );
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(['apprehendedCount', 'incidentId', 'locationId', 'officerIds', 'receivedAt', 'source', 'type']);
    expect(messages(bad)).toContain('处置结果为“抓获”时请填写抓获人数（至少 1 人）');
    const resolved = await security.post<ErrorBody>('/api/v1/security-alerts', alertBody(cc, [ids.security], { outcome: 'resolved' }));
    expect(fields(resolved)).toEqual(['apprehendedCount']);
    const nobody = await security.post<ErrorBody>(
      '/api/v1/security-alerts',
      alertBody(cc, [], { closedAt: '2026-03-12T05:00:00.000Z', description: ' ' }),
    );
    expect(fields(nobody)).toEqual(['closedAt', 'description', 'officerIds']);
    // 陈保安 keeps the log of 长春店 only
    expect(fields(await security.post('/api/v1/security-alerts', alertBody(sy, [ids.techSy])))).toEqual(['siteId']);
    expect((await tech.post('/api/v1/security-alerts', alertBody(cc, [ids.tech]))).status).toBe(403);
  });

  it('edits an alert and its officers, refusing a stale version and other sites', async () => {
    const a = await createAlert(security, cc, [ids.security], {
      receivedAt: '2026-03-15T00:40:00.000Z',
      outcome: 'resolved',
      apprehendedCount: 0,
    });
    const edited = await put(
      security,
      a,
      alertBody(cc, [ids.security, ids.property], { receivedAt: a.receivedAt, outcome: 'resolved', apprehendedCount: 0, handling: '劝离' }),
    );
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ handling: '劝离', version: a.version + 1 });
    expect(edited.body.officers.map((o) => o.userId).sort()).toEqual([ids.security, ids.property].sort());
    const audit = await t.db
      .selectFrom('audit_log')
      .select('diff')
      .where('entity', '=', 'security_alert')
      .where('entity_id', '=', a.id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.diff)).toMatchObject({ officers: [[ids.security], [ids.security, ids.property].sort()] });
    const stale = await put(security, a, alertBody(cc, [ids.security], { outcome: 'resolved', apprehendedCount: 0 }));
    expect(stale.status).toBe(409);
    // a form that leaves out what it must say is answered field by field
    const empty = await put(security, edited.body, {});
    expect(fields(empty)).toEqual(['description', 'officerIds', 'outcome', 'receivedAt', 'source', 'type']);
    // the dispatcher reads the log of 长春店 but does not keep it
    expect((await put(dispatcher, edited.body, alertBody(cc, [ids.security]))).status).toBe(403);
    expect((await techSy.get(`/api/v1/security-alerts/${a.id}`)).status).toBe(404);
    expect((await commend(techSy, a, { officerId: ids.security, note: '好' })).status).toBe(404);
    const theirs = await techSy.get<Page<SecurityAlertDto>>('/api/v1/security-alerts?limit=200');
    expect(theirs.body.items.length).toBeGreaterThan(0);
    expect(theirs.body.items.every((x) => x.siteId === sy)).toBe(true);
  });

  it('commends an officer of the alert — not oneself — and keeps commended officers on it', async () => {
    const a = await createAlert(security, cc, [ids.security, ids.tech], { receivedAt: '2026-03-15T01:00:00.000Z', apprehendedCount: 2 });
    const self = await commend(security, a, { officerId: ids.security, note: '自己表扬自己' });
    expect(self.status).toBe(403);
    expect(self.body.error.message).toBe('不能表扬自己');
    expect((await commend(tech, a, { officerId: ids.security, note: '配合默契' })).status).toBe(403);
    const wrong = await commend(head, a, { officerId: ids.property, note: ' ' });
    expect(fields(wrong)).toEqual(['note', 'officerId']);

    const done = await commend(head, a, { officerId: ids.security, note: '快速处置，抓获两名嫌疑人' });
    expect(done.status).toBe(201);
    expect(done.body.commendations).toMatchObject([
      { officerName: '陈保安', note: '快速处置，抓获两名嫌疑人', commendedByName: '王后勤', alertNumber: a.number },
    ]);
    // 陈保安 commends a colleague on the same alert
    expect((await commend(security, a, { officerId: ids.tech, note: '协助拦截' })).status).toBe(201);
    const inbox = await t.db.selectFrom('notifications').select('title').where('user_id', '=', ids.security).execute();
    expect(inbox.map((m) => m.title)).toContain(`您因接警 ${a.number} 受到表扬`);

    const current = (await head.get<SecurityAlertDto>(`/api/v1/security-alerts/${a.id}`)).body;
    const dropped = await put(security, current, alertBody(cc, [ids.tech], { receivedAt: current.receivedAt, apprehendedCount: 2 }));
    expect(dropped.status).toBe(400);
    expect(messages(dropped)).toEqual(['已受表扬的出警人员不能从记录中移除']);
  });

  it('filters the log, and counts per officer what the list shows', async () => {
    const list = async (query: string) =>
      (await head.get<Page<SecurityAlertDto>>(`/api/v1/security-alerts?${query}&siteId=${cc}&limit=200`)).body.items;
    const today = await list(TODAY);
    expect(today.length).toBe(3);
    // the same period written in local time
    expect((await list('from=2026-03-15T08:00:00%2B08:00&to=2026-03-15T10:00:00%2B08:00')).length).toBe(3);
    expect((await list(`${TODAY}&officerId=${ids.tech}`)).length).toBe(2);
    expect((await list(`${TODAY}&outcome=apprehended,handed_to_police`)).length).toBe(2);
    expect((await list(`${TODAY}&outcome=resolved`)).length).toBe(1);
    expect((await list(`${TODAY}&commended=1`)).map((a) => a.apprehendedCount)).toEqual([2]);
    expect((await list(`${TODAY}&type=theft&source=cctv`)).length).toBe(3);
    expect((await list(`${TODAY}&q=${encodeURIComponent('劝离')}`)).length).toBe(1);
    const xlsx = await head.req('GET', `/api/v1/security-alerts?format=xlsx&${TODAY}`);
    expect(String(xlsx.raw.headers['content-type'])).toContain('spreadsheetml');

    const records = (await head.get<OfficerRecordDto[]>(`/api/v1/security-alerts/officers?${TODAY}&siteId=${cc}`)).body;
    const expected = new Map<string, OfficerRecordDto>();
    for (const a of today) {
      for (const o of a.officers) {
        const r = expected.get(o.userId) ?? { userId: o.userId, name: o.name, alerts: 0, apprehended: 0, commendations: 0 };
        r.alerts++;
        r.apprehended += a.apprehendedCount;
        r.commendations += a.commendations.filter((c) => c.officerId === o.userId).length;
        expected.set(o.userId, r);
      }
    }
    expect(records.sort((x, y) => x.userId.localeCompare(y.userId))).toEqual(
      [...expected.values()].sort((x, y) => x.userId.localeCompare(y.userId)),
    );
    expect(records.find((r) => r.userId === ids.security)).toMatchObject({ alerts: 3, apprehended: 3, commendations: 1 });

    // the whole demo quarter: 陈保安 attended most alerts
    const quarter = (
      await head.get<OfficerRecordDto[]>('/api/v1/security-alerts/officers?from=2025-12-01T00:00:00.000Z&to=2026-03-16T00:00:00.000Z')
    ).body;
    expect(quarter[0]?.name).toBe('陈保安');
    expect((await dispatcher.get(`/api/v1/security-alerts/officers?${TODAY}&siteId=${sy}`)).status).toBe(404);
    expect((await head.get<ErrorBody>('/api/v1/security-alerts/officers?from=2026-03-15T00:00:00Z&to=2026-03-01T00:00:00Z')).status).toBe(
      400,
    );
  });
});
