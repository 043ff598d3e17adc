import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainingAttendeeDto, TrainingCheckinResultDto, TrainingSessionDto } from '../../../../contracts/training.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { qrSvg } from '../../platform/print/qr.js';
import { locationIdOf, siteIdOf, userIdOf } from '../equipment/testing.js';
import { type ErrorBody, fieldsOf, multipart, type Page, PNG, signInAll } from './testing.js';

type Session = TrainingSessionDto & ErrorBody;
type Checkin = TrainingCheckinResultDto & ErrorBody;

describe(`training sessions and QR sign-in (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;
  let head: Client;
  let property: Client;
  let tech: Client;
  let security: Client;
  let techSy: Client;
  let cleaner: Client;
  let leader: Client;
  let cc: string;
  let sy: string;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    [admin, head, property, tech, security, techSy, cleaner, leader] = await signInAll(t, [
      'admin',
      'head',
      'property',
      'tech',
      'security',
      'tech_sy',
      'cleaner',
      'leader',
    ] as const);
    cc = await siteIdOf(t.db, 'CC');
    sy = await siteIdOf(t.db, 'SY');
    for (const u of ['tech', 'security', 'tech_sy', 'cleaner', 'dispatcher', 'head', 'vendor']) id[u] = await userIdOf(t.db, u);
  });
  afterAll(() => t.close());

  const at = (iso: string) => t.clock.set(iso);
  /** a day later the sign-ins of the morning have expired (12 h): sign in again */
  const nextDay = async (iso: string) => {
    at(iso);
    [admin, head, property, tech, security, techSy, cleaner, leader] = await signInAll(t, [
      'admin',
      'head',
      'property',
      'tech',
      'security',
      'tech_sy',
      'cleaner',
      'leader',
    ] as const);
  };
  // the clock starts at 2026-03-15 10:00 in both stores
  const body = (over: Record<string, unknown> = {}) => ({
    siteId: cc,
    title: '消防安全培训',
    type: 'fire',
    trainerId: id.head,
    startsAt: '2026-03-15T04:00:00.000Z',
    endsAt: '2026-03-15T05:30:00.000Z',
    place: 'A座二层培训室',
    inviteeIds: [id.tech],
    ...over,
  });

  it('has the demo sessions of every type, numbered per site', async () => {
    const list = await head.get<Page<TrainingSessionDto>>('/api/v1/training/sessions?limit=200');
    expect(list.status).toBe(200);
    const items = list.body.items;
    expect(new Set(items.filter((s) => s.siteId === cc).map((s) => s.type))).toEqual(
      new Set(['induction_safety', 'fire', 'job_skills', 'brand_location', 'etiquette', 'emergency']),
    );
    expect(new Set(items.filter((s) => s.siteId === sy).map((s) => s.type)).size).toBe(6);
    expect(items.every((s) => /^PX-\d{8}-\d{2}$/.test(s.number))).toBe(true);
    const today = items.find((s) => s.title === '应急疏散预案培训') as TrainingSessionDto;
    // head holds training:attend on every site: an open session's sign-in is open to them too
    expect([today.status, today.canSignIn, today.signedInCount, today.invitedCount]).toEqual(['planned', true, 1, 0]);
    expect(items.some((s) => s.status === 'cancelled' && s.cancelReason)).toBe(true);
    // the demo's sign-in is open now for `tech` (an open session of their site)
    const mine = await tech.get<TrainingSessionDto>(`/api/v1/training/sessions/${today.id}`);
    expect([mine.status, mine.body.canSignIn, mine.body.checkinCode]).toEqual([200, true, null]);
  });

  it('refuses a session field by field in Chinese', async () => {
    const bad = await property.post<Session>(
      '/api/v1/training/sessions',
      body({
        title: ' ',
        type: 'nope',
        trainerId: null,
        startsAt: '2026-03-15T05:00:00Z',
        endsAt: '2026-03-15T04:00:00Z',
        inviteeIds: [id.tech_sy, id.vendor],
      }),
    );
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['title', 'type', 'trainerId', 'endsAt', 'inviteeIds.0', 'inviteeIds.1']);
    const other = await property.post<Session>('/api/v1/training/sessions', body({ siteId: sy, inviteeIds: [] }));
    expect([other.status, fieldsOf(other.body)]).toEqual([400, ['siteId']]);
    const place = await property.post<Session>('/api/v1/training/sessions', body({ locationId: await locationIdOf(t.db, 'SY-A-1F') }));
    expect(fieldsOf(place.body)).toEqual(['locationId']);
    const long = await property.post<Session>('/api/v1/training/sessions', body({ endsAt: '2026-03-25T04:00:00Z' }));
    expect(long.body.error.details?.fields?.[0]?.message).toBe('一次培训不能超过 7 天');
  });

  let session: TrainingSessionDto;

  it('creates a session with invitees; the manager sees the sign-in code, others do not', async () => {
    const res = await property.post<Session>(
      '/api/v1/training/sessions',
      body({ trainerId: null, trainerName: '消防支队 李教官', locationId: await locationIdOf(t.db, 'CC-A-2F') }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    session = res.body;
    expect(session.number).toMatch(/^PX-20260315-\d{2}$/);
    expect(session).toMatchObject({
      trainerId: null,
      trainerName: '消防支队 李教官',
      locationPath: expect.stringContaining('二层'),
      status: 'planned',
      invitedCount: 1,
      signedInCount: 0,
      attendees: [{ userId: id.tech, signedInAt: null, method: null }],
      canSignIn: false,
    });
    expect(session.checkinCode).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
    const seen = await tech.get<Session>(`/api/v1/training/sessions/${session.id}`);
    expect([seen.status, seen.body.checkinCode]).toEqual([200, null]);
  });

  it('reads sessions within the site scope: 404 on another site, attendees without safety:read read their own', async () => {
    expect((await techSy.get(`/api/v1/training/sessions/${session.id}`)).status).toBe(404);
    expect((await cleaner.get(`/api/v1/training/sessions/${session.id}`)).status).toBe(404);
    expect((await leader.get(`/api/v1/training/sessions/${session.id}`)).status).toBe(200);
    const list = await techSy.get<Page<TrainingSessionDto>>('/api/v1/training/sessions?limit=200');
    expect(list.body.items.every((s) => s.siteId === sy)).toBe(true);
    // the cleaner (沈阳店, no safety:read) sees the sessions they were invited to and the open ones
    const theirs = await cleaner.get<Page<TrainingSessionDto>>('/api/v1/training/sessions?limit=200');
    expect(theirs.body.items.length).toBeGreaterThan(0);
    for (const s of theirs.body.items) {
      expect(s.siteId).toBe(sy);
      expect(s.invitedCount === 0 || s.attendees.some((a) => a.userId === id.cleaner)).toBe(true);
    }
    const invitedOnly = await head.post<Session>('/api/v1/training/sessions', body({ siteId: sy, inviteeIds: [id.tech_sy] }));
    expect(invitedOnly.status, JSON.stringify(invitedOnly.body)).toBe(201);
    expect((await cleaner.get(`/api/v1/training/sessions/${invitedOnly.body.id}`)).status).toBe(404);
    expect((await techSy.get(`/api/v1/training/sessions/${invitedOnly.body.id}`)).status).toBe(200);
  });

  it('edits a session at the version read (409 otherwise) and changes the invitation list', async () => {
    const stale = await property.req<Session>('PUT', `/api/v1/training/sessions/${session.id}`, {
      ...body({ inviteeIds: [id.tech, id.security] }),
      version: session.version + 1,
    });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'STALE_VERSION']);
    const forbidden = await head.req<Session>('PUT', `/api/v1/training/sessions/${session.id}`, { ...body(), version: session.version });
    expect(forbidden.status).toBe(200);
    const res = await property.req<Session>('PUT', `/api/v1/training/sessions/${session.id}`, {
      ...body({ title: '消防安全培训（灭火器实操）', inviteeIds: [id.tech, id.security] }),
      version: forbidden.body.version,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.attendees.map((a) => a.userId).sort()).toEqual([id.tech, id.security].sort());
    session = res.body;
  });

  it('shows the sign-in QR to managers: an SVG or PNG of <origin>/training/checkin/<code>', async () => {
    const svg = await property.req('GET', `/api/v1/training/sessions/${session.id}/qr.svg`);
    expect(svg.status).toBe(200);
    expect(String(svg.raw.headers['content-type'])).toContain('image/svg+xml');
    expect(svg.raw.body).toBe(await qrSvg(`${t.config.publicUrl.replace(/\/+$/, '')}/training/checkin/${session.checkinCode}`));
    const png = await property.req('GET', `/api/v1/training/sessions/${session.id}/qr.png?width=256`);
    expect([png.status, png.raw.headers['content-type'], png.raw.rawPayload.subarray(1, 4).toString()]).toEqual([200, 'image/png', 'PNG']);
    expect((await head.req('GET', `/api/v1/training/sessions/${session.id}/qr.svg`)).status).toBe(200);
    expect((await tech.req('GET', `/api/v1/training/sessions/${session.id}/qr.svg`)).status).toBe(403);
  });

  it('shows the session behind a code to the sign-in page: may sign in, signed in, the list only to its readers', async () => {
    const look = (c: Client, code = session.checkinCode as string) =>
      c.get<Session>(`/api/v1/training/checkin/${encodeURIComponent(code)}`);
    at('2026-03-15T03:00:00.000Z');
    const early = await look(tech);
    expect(early.status, JSON.stringify(early.body)).toBe(200);
    expect(early.body).toMatchObject({
      id: session.id,
      title: '消防安全培训（灭火器实操）',
      trainerName: session.trainerName,
      place: 'A座二层培训室',
      status: 'planned',
      canSignIn: false,
      signedIn: false,
      checkinCode: null,
    });
    expect(early.body.attendees.map((a) => [a.userId, a.invited]).sort()).toEqual(
      [
        [id.tech, true],
        [id.security, true],
      ].sort(),
    );
    at('2026-03-15T03:30:00.000Z');
    // typed off the printed QR: case and spaces do not matter
    const open = await look(tech, ` ${(session.checkinCode as string).toLowerCase()} `);
    expect([open.status, open.body.canSignIn, open.body.signedIn]).toEqual([200, true, false]);
    // the purchaser attends everywhere without reading training records, and is not invited:
    // sees the session, not who is invited
    const purchaser = await login(t.app, 'purchaser');
    const uninvited = await look(purchaser);
    expect([uninvited.status, uninvited.body.canSignIn, uninvited.body.invitedCount, uninvited.body.attendees]).toEqual([
      200,
      false,
      2,
      [],
    ]);
    expect((await look(techSy)).status).toBe(404);
    expect((await look(tech, 'NOSUCHCODE')).status).toBe(404);
    const requester = await login(t.app, 'requester');
    expect((await look(requester)).status).toBe(403);
  });

  it('signs in by QR from 30 minutes before the start to the end, once; refuses the uninvited and other sites', async () => {
    const scan = (c: Client, code = session.checkinCode as string) => c.post<Checkin>('/api/v1/training/checkin', { code });
    at('2026-03-15T03:29:00.000Z');
    const early = await scan(tech);
    expect([early.status, early.body.error.message]).toEqual([409, '签到尚未开始：培训 2026-03-15 12:00 开始，开始前 30 分钟起可以签到']);
    at('2026-03-15T03:30:00.000Z');
    const first = await scan(tech, ` ${(session.checkinCode as string).toLowerCase()} `);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect([first.body.alreadySignedIn, first.body.signedInAt, first.body.session.signedIn]).toEqual([
      false,
      '2026-03-15T03:30:00.000Z',
      true,
    ]);
    const seen = await tech.get<Session>(`/api/v1/training/checkin/${session.checkinCode}`);
    expect([seen.status, seen.body.canSignIn, seen.body.signedIn]).toEqual([200, false, true]);
    at('2026-03-15T04:10:00.000Z');
    const again = await scan(tech);
    expect([again.status, again.body.alreadySignedIn, again.body.signedInAt]).toEqual([200, true, '2026-03-15T03:30:00.000Z']);
    const audits = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'training_session')
      .where('entity_id', '=', session.id)
      .where('action', '=', 'sign_in')
      .execute();
    expect(audits).toHaveLength(1);
    // dispatcher works at 长春店 but is not on this session's invitation list
    const dispatcher = await login(t.app, 'dispatcher');
    const uninvited = await scan(dispatcher);
    expect([uninvited.status, uninvited.body.error.message]).toEqual([403, '本次培训仅限受邀人员签到，请联系培训负责人']);
    expect((await scan(techSy)).status).toBe(404);
    expect((await scan(tech, 'NOSUCHCODE')).status).toBe(404);
    at('2026-03-15T05:30:01.000Z');
    const late = await scan(security);
    expect([late.status, late.body.error.message]).toEqual([409, '培训已结束，不能再扫码签到，请联系培训负责人补签']);
    const dto = await property.get<Session>(`/api/v1/training/sessions/${session.id}`);
    expect(dto.body.status).toBe('done');
    expect(dto.body.attendees.find((a) => a.userId === id.tech)).toMatchObject({ method: 'qr', signedInAt: '2026-03-15T03:30:00.000Z' });
  });

  it('signs people in by hand at the version read; only people who attend on the site', async () => {
    const before = (await property.get<Session>(`/api/v1/training/sessions/${session.id}`)).body;
    const bad = await property.post<Session>(`/api/v1/training/sessions/${session.id}/attendees`, {
      userIds: [id.security, id.tech_sy],
      version: before.version,
    });
    expect([bad.status, fieldsOf(bad.body)]).toEqual([400, ['userIds.1']]);
    const stale = await property.post<Session>(`/api/v1/training/sessions/${session.id}/attendees`, {
      userIds: [id.security],
      version: before.version + 5,
    });
    expect(stale.status).toBe(409);
    const res = await property.post<Session>(`/api/v1/training/sessions/${session.id}/attendees`, {
      userIds: [id.security, id.tech, id.dispatcher],
      version: before.version,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const byUser = new Map<string | undefined, TrainingAttendeeDto>(res.body.attendees.map((a) => [a.userId, a]));
    // tech keeps the first (QR) sign-in; the dispatcher, not invited, is added as a walk-in
    expect(byUser.get(id.tech)).toMatchObject({ method: 'qr', signedInAt: '2026-03-15T03:30:00.000Z' });
    expect(byUser.get(id.security)).toMatchObject({ method: 'manual', signedInAt: '2026-03-15T05:30:01.000Z' });
    expect(byUser.get(id.dispatcher)).toMatchObject({ method: 'manual', invited: false });
    expect(byUser.get(id.security)?.invited).toBe(true);
    expect([res.body.signedInCount, res.body.invitedCount, res.body.version]).toEqual([3, 2, before.version + 1]);
    expect((await techSy.post(`/api/v1/training/sessions/${session.id}/attendees`, { userIds: [], version: 1 })).status).toBe(403);
  });

  it('cancels with a reason (not once ended); a cancelled session cannot be signed in to', async () => {
    await nextDay('2026-03-16T01:00:00.000Z');
    const next = (
      await property.post<Session>(
        '/api/v1/training/sessions',
        body({ startsAt: '2026-03-16T01:10:00.000Z', endsAt: '2026-03-16T02:00:00.000Z', inviteeIds: [] }),
      )
    ).body;
    expect(next.number).toMatch(/^PX-20260316-01$/);
    const noReason = await property.post<Session>(`/api/v1/training/sessions/${next.id}/cancel`, { reason: ' ', version: next.version });
    expect([noReason.status, fieldsOf(noReason.body)]).toEqual([400, ['reason']]);
    const cancelled = await property.post<Session>(`/api/v1/training/sessions/${next.id}/cancel`, {
      reason: '讲师临时有事',
      version: next.version,
    });
    expect([cancelled.status, cancelled.body.status, cancelled.body.cancelReason]).toEqual([200, 'cancelled', '讲师临时有事']);
    const scan = await security.post<Checkin>('/api/v1/training/checkin', { code: next.checkinCode });
    expect([scan.status, scan.body.error.message]).toEqual([409, '该培训已取消，无需签到']);
    const ended = await property.post<Session>(`/api/v1/training/sessions/${session.id}/cancel`, {
      reason: '测试',
      version: (await property.get<Session>(`/api/v1/training/sessions/${session.id}`)).body.version,
    });
    expect([ended.status, ended.body.error.message]).toEqual([409, '培训已结束，不能取消']);
    const edit = await property.req<Session>('PUT', `/api/v1/training/sessions/${next.id}`, { ...body(), version: cancelled.body.version });
    expect(edit.status).toBe(409);
  });

  it('marks a session done once started, and then closes its QR sign-in', async () => {
    const s = (
      await property.post<Session>(
        '/api/v1/training/sessions',
        body({ startsAt: '2026-03-16T01:30:00.000Z', endsAt: '2026-03-16T04:00:00.000Z', inviteeIds: [] }),
      )
    ).body;
    const early = await property.post<Session>(`/api/v1/training/sessions/${s.id}/done`, { version: s.version });
    expect([early.status, early.body.error.message]).toEqual([409, '培训尚未开始，不能标记为完成']);
    at('2026-03-16T02:00:00.000Z');
    const done = await property.post<Session>(`/api/v1/training/sessions/${s.id}/done`, { version: s.version });
    expect([done.status, done.body.status]).toEqual([200, 'done']);
    const scan = await security.post<Checkin>('/api/v1/training/checkin', { code: s.checkinCode });
    expect(scan.status).toBe(409);
  });

  it('keeps course materials readable by the session readers, including attendees without safety:read', async () => {
    const open = (await head.post<Session>('/api/v1/training/sessions', body({ siteId: sy, inviteeIds: [id.cleaner] }))).body;
    const up = await multipart(
      head,
      '/api/v1/attachments',
      { name: '课件.png', type: 'image/png', data: PNG },
      {
        ownerType: 'training_session',
        ownerId: open.id,
      },
    );
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const dto = await cleaner.get<Session>(`/api/v1/training/sessions/${open.id}`);
    expect(dto.body.materialIds).toEqual([up.body.id]);
    expect((await cleaner.get(`/api/v1/attachments?ownerType=training_session&ownerId=${open.id}`)).status).toBe(200);
    expect((await cleaner.get(`/api/v1/attachments/${up.body.id}/content`)).status).toBe(200);
    expect((await tech.get(`/api/v1/attachments/${up.body.id}/content`)).status).toBe(404);
    const denied = await multipart(
      cleaner,
      '/api/v1/attachments',
      { name: 'x.png', type: 'image/png', data: PNG },
      {
        ownerType: 'training_session',
        ownerId: open.id,
      },
    );
    expect(denied.status).toBe(404);
  });

  it('filters the list by status, type, period and text, and exports it', async () => {
    const q = async (query: string) =>
      (await head.get<Page<TrainingSessionDto>>(`/api/v1/training/sessions?limit=200&siteId=${cc}&${query}`)).body.items;
    const all = await q('');
    const cancelled = await q('status=cancelled');
    expect(cancelled.length).toBeGreaterThan(0);
    expect(cancelled.every((s) => s.status === 'cancelled')).toBe(true);
    const live = await q('status=planned,done');
    expect(live.length + cancelled.length).toBe(all.length);
    expect((await q('type=fire')).every((s) => s.type === 'fire')).toBe(true);
    const march = await q('from=2026-03-15T00:00:00Z&to=2026-03-17T00:00:00Z');
    expect(march.map((s) => s.startsAt).every((v) => v >= '2026-03-15T00:00:00.000Z' && v < '2026-03-17T00:00:00.000Z')).toBe(true);
    expect((await q('q=灭火器')).map((s) => s.id)).toContain(session.id);
    const bad = await head.get<ErrorBody>('/api/v1/training/sessions?from=yesterday');
    expect([bad.status, fieldsOf(bad.body)]).toEqual([400, ['from']]);
    const xlsx = await admin.req('GET', `/api/v1/training/sessions?siteId=${cc}&format=xlsx`);
    expect(String(xlsx.raw.headers['content-type'])).toContain('spreadsheetml');
  });
});
