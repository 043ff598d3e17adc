import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrillDto, DrillPlanDto } from '../../../../contracts/drills.js';
import type { SummaryFact } from '../../../../contracts/summary.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { type Actor, systemActor } from '../../platform/access/actor.js';
import { createActionItem } from '../../platform/actions/index.js';
import { actorFromSession } from '../../platform/auth/sessions.js';
import type { Ctx } from '../../platform/context.js';
import { occurrencesJob } from '../../platform/occurrences/engine.js';
import { locationIdOf, orgIdOf, siteIdOf, userIdOf } from '../equipment/testing.js';
import { type ErrorBody, pdfText, uploadPhoto } from '../hazards/testing.js';
import { drillEvents, drillFacts } from './index.js';

type Plan = DrillPlanDto & ErrorBody;
type Drill = DrillDto & ErrorBody;
type Page<T> = { items: T[]; nextCursor: string | null };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe(`drills (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;
  let security: Client;
  let techSy: Client;
  let dispatcher: Client;
  let cc: string;
  let sy: string;
  let propertyId: string;
  let techSyId: string;
  let securityId: string;

  const runJob = () => occurrencesJob.run({ db: t.db, clock: t.clock, config: t.config, notifier: t.app.deps.notifier });
  const fields = (res: { body: ErrorBody }) => (res.body.error?.details?.fields ?? []).map((f) => f.field);
  const ctxOf = (actor: Actor): Ctx => ({
    db: t.db,
    actor,
    requestId: null,
    clock: t.clock,
    config: t.config,
    notifier: t.app.deps.notifier,
  });
  const actorOf = async (c: Client) => {
    const token = decodeURIComponent(c.cookie.split('=').slice(1).join('='));
    const actor = await actorFromSession(t.db, t.clock, token);
    if (!actor) throw new Error('no session');
    return actor;
  };

  beforeAll(async () => {
    // the clock walks through two weeks: sessions must outlive it
    t = await createTestApp({ env: { SESSION_TTL_HOURS: '2000' } });
    admin = await login(t.app, 'admin');
    security = await login(t.app, 'security');
    techSy = await login(t.app, 'tech_sy');
    dispatcher = await login(t.app, 'dispatcher');
    cc = await siteIdOf(t.db, 'CC');
    sy = await siteIdOf(t.db, 'SY');
    propertyId = await userIdOf(t.db, 'property');
    techSyId = await userIdOf(t.db, 'tech_sy');
    securityId = await userIdOf(t.db, 'security');
  });
  afterAll(() => t.close());

  const planBody = (over: Record<string, unknown> = {}) => ({
    siteId: cc,
    name: '测试消防疏散演练',
    type: 'fire_evacuation',
    scenario: '二层女装区起火冒烟，组织顾客和员工疏散至广场集合点。',
    locationId: null,
    place: 'A座主楼',
    commanderId: propertyId,
    // Tuesdays and Fridays at 15:00 in Shanghai (07:00Z)
    recurrence: { freq: 'weekly', interval: 1, weekdays: [2, 5], times: ['15:00'], startDate: '2026-03-15', anchor: 'calendar' },
    windowHours: 2,
    leadDays: 1,
    ...over,
  });
  const groups = [
    { group: '保安部', count: 10 },
    { group: '专柜员工', count: 35, names: '化妆品区、珠宝区' },
  ];
  const recordBody = (version: number, over: Record<string, unknown> = {}) => ({
    startedAt: '2026-03-17T07:00:00.000Z',
    endedAt: '2026-03-17T07:35:00.000Z',
    commanderId: propertyId,
    participants: groups,
    preparation: '检查应急广播和集合点',
    version,
    ...over,
  });

  let plan: DrillPlanDto;
  let tuesday: DrillDto;
  let friday: DrillDto;

  it('refuses a plan field by field in Chinese, and only on a site the user manages drills for', async () => {
    const bad = await admin.post<Plan>(
      '/api/v1/drill-plans',
      planBody({
        type: 'nope',
        windowHours: 0,
        leadDays: 99,
        commanderId: techSyId,
        locationId: await locationIdOf(t.db, 'SY-A-1F-01'),
        recurrence: { freq: 'weekly', interval: 1, weekdays: [9], times: [], startDate: '2026-02-30', anchor: 'calendar' },
      }),
    );
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(
      expect.arrayContaining([
        'type',
        'windowHours',
        'leadDays',
        'commanderId',
        'locationId',
        'recurrence.weekdays',
        'recurrence.times',
        'recurrence.startDate',
      ]),
    );
    expect(bad.body.error.details?.fields?.find((f) => f.field === 'type')?.message).toBe('请选择有效的演练类型');
    const otherSite = await security.post<Plan>('/api/v1/drill-plans', planBody({ siteId: sy, commanderId: null }));
    expect(fields(otherSite)).toEqual(['siteId']);
    expect((await dispatcher.post<Plan>('/api/v1/drill-plans', planBody())).status).toBe(403);
  });

  it('creates a plan twice a week; the engine raises each drill a day ahead', async () => {
    const created = await security.post<Plan>('/api/v1/drill-plans', planBody());
    expect(created.status).toBe(201);
    plan = created.body;
    expect(plan).toMatchObject({
      commanderName: '刘物业',
      windowHours: 2,
      leadDays: 1,
      active: true,
      nextDueAt: '2026-03-17T07:00:00.000Z',
    });

    await runJob();
    const none = await admin.get<Page<DrillDto>>(`/api/v1/drills?planId=${plan.id}`);
    expect(none.body.items).toEqual([]);
    // Monday 16:00 in Shanghai: Tuesday's drill is within its day of lead
    t.clock.set('2026-03-16T08:00:00.000Z');
    await runJob();
    const raised = await admin.get<Page<DrillDto>>(`/api/v1/drills?planId=${plan.id}`);
    expect(raised.body.items).toHaveLength(1);
    tuesday = raised.body.items[0] as DrillDto;
    expect(tuesday).toMatchObject({
      status: 'planned',
      title: '测试消防疏散演练',
      type: 'fire_evacuation',
      plannedAt: '2026-03-17T07:00:00.000Z',
      dueBy: '2026-03-17T09:00:00.000Z',
      commanderName: '刘物业',
      planName: '测试消防疏散演练',
      participantCount: 0,
      report: null,
    });
    expect(tuesday.number).toMatch(/^YL-20260317-\d{2}$/);
  });

  it('records a drill: validation in Chinese, done, its occurrence completed; a report only once done', async () => {
    t.clock.set('2026-03-17T07:40:00.000Z');
    const url = `/api/v1/drills/${tuesday.id}`;
    const early = await security.req<Drill>('PUT', `${url}/report`, {
      purpose: '检验疏散能力',
      course: '按预案疏散',
      version: tuesday.version,
    });
    expect(early.status).toBe(409);

    const bad = await security.post<Drill>(
      `${url}/record`,
      recordBody(tuesday.version, {
        endedAt: '2026-03-17T06:59:00.000Z',
        commanderId: techSyId,
        participants: [
          { group: '保安部', count: 0 },
          { group: '保安部', count: 3 },
        ],
      }),
    );
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(expect.arrayContaining(['endedAt', 'commanderId', 'participants.0.count', 'participants.1.group']));
    const future = await security.post<Drill>(`${url}/record`, recordBody(tuesday.version, { endedAt: '2026-03-17T09:00:00.000Z' }));
    expect(fields(future)).toEqual(['endedAt']);
    const empty = await security.post<Drill>(`${url}/record`, recordBody(tuesday.version, { participants: [] }));
    expect(fields(empty)).toEqual(['participants']);
    const stale = await security.post<Drill>(`${url}/record`, recordBody(tuesday.version + 1));
    expect(stale.status).toBe(409);

    const done = await security.post<Drill>(`${url}/record`, recordBody(tuesday.version));
    expect(done.status).toBe(200);
    tuesday = done.body;
    expect(tuesday).toMatchObject({
      status: 'done',
      participantCount: 45,
      recordedByName: '陈保安',
      preparation: '检查应急广播和集合点',
      participants: [
        { group: '保安部', count: 10, names: null },
        { group: '专柜员工', count: 35, names: '化妆品区、珠宝区' },
      ],
    });
    const occ = await t.db
      .selectFrom('occurrences')
      .select(['status', 'missed_at'])
      .where('item_id', '=', tuesday.id)
      .executeTakeFirstOrThrow();
    expect(occ).toEqual({ status: 'done', missed_at: null });
    const again = await security.post<Drill>(`${url}/record`, recordBody(tuesday.version));
    expect(again.status).toBe(409);
    const cancel = await security.post<Drill>(`${url}/cancel`, { reason: '误操作', version: tuesday.version });
    expect(cancel.status).toBe(409);

    const noPurpose = await security.req<Drill>('PUT', `${url}/report`, { purpose: ' ', course: '', version: tuesday.version });
    expect(fields(noPurpose).sort()).toEqual(['course', 'purpose']);
    const filed = await security.req<Drill>('PUT', `${url}/report`, {
      purpose: '检验营业期间突发火情的疏散能力',
      course: '15:00 烟感报警，启动应急广播，全部人员 5 分钟内疏散至集合点。',
      problems: '二层东侧安全出口外堆放纸箱',
      causes: '补货后未及时清理',
      lessons: '日常巡查重点检查安全出口',
      evaluation: '疏散有序，达到预期效果',
      improvements: '清理安全出口堆放物并纳入每日巡查',
      version: tuesday.version,
    });
    expect(filed.status).toBe(200);
    expect(filed.body.report).toMatchObject({ purpose: '检验营业期间突发火情的疏散能力', evaluation: '疏散有序，达到预期效果' });
    expect(filed.body.reportFiledByName).toBe('陈保安');
    t.clock.advance(HOUR);
    const amended = await admin.req<Drill>('PUT', `${url}/report`, {
      ...filed.body.report,
      lessons: '疏散引导员提前熟悉路线',
      version: filed.body.version,
    });
    expect(amended.status).toBe(200);
    // the first filing's time and author stay
    expect(amended.body).toMatchObject({ reportFiledAt: filed.body.reportFiledAt, reportFiledByName: '陈保安' });
    tuesday = amended.body;

    // the record of a done drill is edited with PUT; a plan's drill keeps the plan's time
    const moved = await security.req<Drill>('PUT', url, {
      type: tuesday.type,
      title: tuesday.title,
      scenario: tuesday.scenario,
      plannedAt: '2026-03-17T08:00:00.000Z',
      commanderId: propertyId,
      startedAt: tuesday.startedAt,
      endedAt: tuesday.endedAt,
      participants: groups,
      version: tuesday.version,
    });
    expect(fields(moved)).toEqual(['plannedAt']);
    const edited = await security.req<Drill>('PUT', url, {
      type: tuesday.type,
      title: tuesday.title,
      scenario: tuesday.scenario,
      plannedAt: tuesday.plannedAt,
      place: '二层女装区',
      commanderId: propertyId,
      startedAt: tuesday.startedAt,
      endedAt: '2026-03-17T07:40:00.000Z',
      participants: [...groups, { group: '工程部', count: 5 }],
      version: tuesday.version,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ participantCount: 50, place: '二层女装区', endedAt: '2026-03-17T07:40:00.000Z', status: 'done' });
    tuesday = edited.body;
    const staleEdit = await security.req<Drill>('PUT', url, {
      type: tuesday.type,
      title: tuesday.title,
      scenario: tuesday.scenario,
      plannedAt: tuesday.plannedAt,
      commanderId: propertyId,
      startedAt: tuesday.startedAt,
      endedAt: tuesday.endedAt,
      participants: groups,
      version: tuesday.version - 1,
    });
    expect(staleEdit.status).toBe(409);
  });

  it('marks a drill not recorded within its window missed, tells the commander once, and takes a late record', async () => {
    t.clock.set('2026-03-19T08:00:00.000Z');
    await runJob();
    const raised = await admin.get<Page<DrillDto>>(`/api/v1/drills?planId=${plan.id}&status=planned`);
    friday = raised.body.items[0] as DrillDto;
    expect(friday.plannedAt).toBe('2026-03-20T07:00:00.000Z');
    t.clock.set('2026-03-20T09:01:00.000Z');
    await runJob();
    await runJob();
    const missed = await admin.get<Drill>(`/api/v1/drills/${friday.id}`);
    expect(missed.body.status).toBe('missed');
    const notes = await t.db
      .selectFrom('notifications')
      .select(['user_id', 'link'])
      .where('kind', '=', 'drill_missed')
      .where('title', '=', '演练未按期进行：测试消防疏散演练')
      .execute();
    expect(notes).toEqual([{ user_id: propertyId, link: `/drills/${friday.id}` }]);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'drill')
      .where('entity_id', '=', friday.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'mark_missed']);
    const noEdit = await security.req<Drill>('PUT', `/api/v1/drills/${friday.id}`, {
      type: friday.type,
      title: friday.title,
      scenario: friday.scenario,
      plannedAt: friday.plannedAt,
      version: missed.body.version,
    });
    expect(noEdit.status).toBe(409);

    const late = await security.post<Drill>(
      `/api/v1/drills/${friday.id}/record`,
      recordBody(missed.body.version, { startedAt: '2026-03-20T08:30:00.000Z', endedAt: '2026-03-20T09:00:00.000Z' }),
    );
    expect(late.status).toBe(200);
    expect(late.body.status).toBe('done');
    friday = late.body;
    const occ = await t.db
      .selectFrom('occurrences')
      .select(['status', 'missed_at'])
      .where('item_id', '=', friday.id)
      .executeTakeFirstOrThrow();
    // done late: the occurrence keeps the time it was missed
    expect(occ.status).toBe('done');
    expect(occ.missed_at).not.toBeNull();
  });

  let oneOff: DrillDto;

  it('plans a one-off drill, moves it, and lets the engine mark it missed after 24 hours', async () => {
    const loc = await locationIdOf(t.db, 'CC-A-B1-01');
    const body = {
      siteId: cc,
      type: 'power_outage',
      title: '配电室停电应急演练',
      scenario: '两路市电失电，切换柴油发电机',
      plannedAt: '2026-03-22T00:00:00.000Z',
      locationId: loc,
      commanderId: propertyId,
    };
    const past = await security.post<Drill>('/api/v1/drills', { ...body, plannedAt: '2026-03-18T00:00:00.000Z' });
    expect(fields(past)).toEqual(['plannedAt']);
    const created = await security.post<Drill>('/api/v1/drills', body);
    expect(created.status).toBe(201);
    oneOff = created.body;
    expect(oneOff).toMatchObject({
      status: 'planned',
      planId: null,
      dueBy: '2026-03-23T00:00:00.000Z',
      locationPath: expect.stringContaining('配电室'),
    });
    expect(oneOff.number).toMatch(/^YL-20260322-\d{2}$/);

    const moved = await security.req<Drill>('PUT', `/api/v1/drills/${oneOff.id}`, {
      type: body.type,
      title: body.title,
      scenario: body.scenario,
      plannedAt: '2026-03-23T00:00:00.000Z',
      locationId: loc,
      commanderId: null,
      version: oneOff.version,
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ plannedAt: '2026-03-23T00:00:00.000Z', dueBy: '2026-03-24T00:00:00.000Z', commanderId: null });
    const recordInPlan = await security.req<Drill>('PUT', `/api/v1/drills/${oneOff.id}`, {
      type: body.type,
      title: body.title,
      scenario: body.scenario,
      plannedAt: '2026-03-23T00:00:00.000Z',
      startedAt: '2026-03-20T08:00:00.000Z',
      version: moved.body.version,
    });
    expect(fields(recordInPlan)).toEqual(['startedAt']);

    // the first time has passed its window: moved away, it is not missed
    t.clock.set('2026-03-23T12:00:00.000Z');
    await runJob();
    expect((await admin.get<Drill>(`/api/v1/drills/${oneOff.id}`)).body.status).toBe('planned');
    t.clock.set('2026-03-24T00:01:00.000Z');
    await runJob();
    const missed = await admin.get<Drill>(`/api/v1/drills/${oneOff.id}`);
    expect(missed.body.status).toBe('missed');
    // without a commander the site's drill managers hear of it
    const notes = await t.db
      .selectFrom('notifications')
      .select('user_id')
      .where('kind', '=', 'drill_missed')
      .where('link', '=', `/drills/${oneOff.id}`)
      .execute();
    expect(notes.map((n) => n.user_id)).toContain(securityId);
    const schedule = await t.db.selectFrom('schedules').select('active').where('owner_id', '=', oneOff.id).executeTakeFirstOrThrow();
    expect(schedule.active).toBe(0);
    oneOff = missed.body;
  });

  it('records a drill at once, cancels a planned one, and keeps photos and action items on the drill', async () => {
    const recorded = await security.post<Drill>('/api/v1/drills', {
      siteId: cc,
      type: 'water_leak',
      title: '喷淋管道跑水演练',
      scenario: '二层喷淋支管爆裂跑水',
      plannedAt: '2026-03-23T13:45:00.000Z',
      startedAt: '2026-03-23T13:45:00.000Z',
      endedAt: '2026-03-23T14:15:00.000Z',
      commanderId: propertyId,
      participants: [
        { group: '工程部', count: 5 },
        { group: '保洁部', count: 6 },
      ],
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ status: 'done', participantCount: 11, recordedByName: '陈保安' });
    const noCommander = await security.post<Drill>('/api/v1/drills', {
      siteId: cc,
      type: 'water_leak',
      title: '跑水演练',
      scenario: '跑水',
      plannedAt: '2026-03-23T13:45:00.000Z',
      startedAt: '2026-03-23T13:45:00.000Z',
      endedAt: '2026-03-23T14:15:00.000Z',
      participants: groups,
    });
    expect(fields(noCommander)).toEqual(['commanderId']);

    const planned = await security.post<Drill>('/api/v1/drills', {
      siteId: cc,
      type: 'security_incident',
      title: '珠宝区抢夺处置演练',
      scenario: '可疑人员抢夺首饰后逃跑',
      plannedAt: '2026-03-30T02:30:00.000Z',
    });
    expect(planned.status).toBe(201);
    const noReason = await security.post<Drill>(`/api/v1/drills/${planned.body.id}/cancel`, { reason: ' ', version: planned.body.version });
    expect(fields(noReason)).toEqual(['reason']);
    const cancelled = await security.post<Drill>(`/api/v1/drills/${planned.body.id}/cancel`, {
      reason: '与商场促销活动冲突，改期另行安排',
      version: planned.body.version,
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '与商场促销活动冲突，改期另行安排' });
    const occ = await t.db.selectFrom('occurrences').select('status').where('owner_id', '=', planned.body.id).executeTakeFirstOrThrow();
    expect(occ.status).toBe('skipped');
    expect((await security.post<Drill>(`/api/v1/drills/${planned.body.id}/record`, recordBody(cancelled.body.version))).status).toBe(409);

    const photo = await uploadPhoto(security, 'drill', tuesday.id);
    expect(photo.status).toBe(201);
    const ctx = ctxOf(systemActor(await orgIdOf(t.db)));
    const techId = await userIdOf(t.db, 'tech');
    await t.db.transaction().execute((tx) =>
      createActionItem({ ...ctx, db: tx }, tx, 'drill', tuesday.id, {
        kind: 'improvement',
        title: '清理二层东侧安全出口堆放物',
        assigneeId: techId,
        dueDate: '2026-03-31',
      }),
    );
    const withAll = await admin.get<DrillDto>(`/api/v1/drills/${tuesday.id}`);
    expect(withAll.body).toMatchObject({ photoIds: [photo.body.id], actionsTotal: 1, actionsOpen: 1 });
    tuesday = withAll.body;
  });

  it('prints the record with its report, participants and action items', async () => {
    const res = await admin.req('GET', `/api/v1/drills/${tuesday.id}/record.pdf`);
    expect(res.status).toBe(200);
    expect(res.raw.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.raw.rawPayload, 'drill');
    for (const s of [
      '应急演练记录',
      tuesday.number,
      '测试消防疏散演练',
      '消防疏散',
      '刘物业',
      '保安部10人',
      '专柜员工35人（化妆品区、珠宝区）',
      '合计50人',
      '演练报告',
      '检验营业期间突发火情的疏散能力',
      '二层东侧安全出口外堆放纸箱',
      '清理二层东侧安全出口堆放物',
      '演练照片',
    ]) {
      expect(text).toContain(s);
    }
    expect((await techSy.req('GET', `/api/v1/drills/${tuesday.id}/record.pdf`)).status).toBe(404);
    const unreported = await admin.req('GET', `/api/v1/drills/${oneOff.id}/record.pdf`);
    expect(pdfText(unreported.raw.rawPayload, 'unreported')).toContain('尚未填写');
  });

  it('keeps other sites out: 长春店 drills and plans are 404 to 沈阳店 staff, 沈阳店 ones to 长春店 security', async () => {
    expect((await techSy.get(`/api/v1/drills/${tuesday.id}`)).status).toBe(404);
    expect((await techSy.get(`/api/v1/drill-plans/${plan.id}`)).status).toBe(404);
    const list = await techSy.get<Page<DrillDto>>('/api/v1/drills?limit=200');
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((d) => d.siteId === sy)).toBe(true);
    const syDrill = list.body.items[0] as DrillDto;
    const step = await security.req<Drill>('PUT', `/api/v1/drills/${syDrill.id}/report`, {
      purpose: 'x',
      course: 'y',
      version: syDrill.version,
    });
    expect(step.status).toBe(404);
    expect((await techSy.post(`/api/v1/drills/${tuesday.id}/cancel`, { reason: 'x', version: 1 })).status).toBe(403);
  });

  it('lists with filters and exports a spreadsheet', async () => {
    const q = 'from=2026-03-15T16:00:00.000Z&to=2026-03-31T16:00:00.000Z';
    const done = await admin.get<Page<DrillDto>>(`/api/v1/drills?${q}&siteId=${cc}&status=done&report=1`);
    expect(done.body.items.map((d) => d.id)).toEqual([tuesday.id]);
    const byType = await admin.get<Page<DrillDto>>(`/api/v1/drills?${q}&type=water_leak`);
    expect(byType.body.items.map((d) => d.title)).toEqual(['喷淋管道跑水演练']);
    const search = await admin.get<Page<DrillDto>>(`/api/v1/drills?q=${encodeURIComponent(tuesday.number)}`);
    expect(search.body.items.map((d) => d.id)).toEqual([tuesday.id]);
    const bad = await admin.get<ErrorBody>('/api/v1/drills?from=yesterday');
    expect(bad.status).toBe(400);
    const xlsx = await admin.req('GET', `/api/v1/drills?format=xlsx&${q}`);
    expect(xlsx.raw.headers['content-type']).toContain('spreadsheetml');
    const plans = await admin.req('GET', '/api/v1/drill-plans?format=xlsx');
    expect(plans.raw.headers['content-type']).toContain('spreadsheetml');
  });

  it('gives summary facts that match independent counts, per site and for a site-bound user', async () => {
    const scope = { siteIds: 'all' as const, from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };
    const facts = await drillFacts(ctxOf(await actorOf(admin)), scope);
    const fact = (key: string) => facts.find((f) => f.key === key) as SummaryFact;
    const rows = await t.db
      .selectFrom('drills')
      .select(['site_id', 'type', 'status', 'participant_count', 'report_filed_at'])
      .where('planned_at', '>=', scope.from)
      .where('planned_at', '<', scope.to)
      .execute();
    const count = (p: (r: (typeof rows)[number]) => boolean) => rows.filter(p).length;
    const done = rows.filter((r) => r.status === 'done');
    expect(fact('drills.done').value).toBe(done.length);
    expect(fact('drills.missed').value).toBe(count((r) => r.status === 'missed'));
    expect(fact('drills.planned').value).toBe(count((r) => r.status === 'planned'));
    expect(fact('drills.reports_filed').value).toBe(done.filter((r) => r.report_filed_at !== null).length);
    expect(fact('drills.participants').value).toBe(done.reduce((a, r) => a + Number(r.participant_count), 0));
    expect(fact('drills.done.type.water_leak').value).toBe(done.filter((r) => r.type === 'water_leak').length);
    expect(fact('drills.done.type.fire_evacuation').value).toBeGreaterThan(20);
    expect(fact('drills.missed').value).toBeGreaterThan(0);
    const ccDone = fact('drills.done').bySite?.find((s) => s.siteId === cc)?.value;
    expect(ccDone).toBe(done.filter((r) => r.site_id === cc).length);
    expect(fact('drills.missed').link).toBe(
      `/drills?from=${encodeURIComponent(scope.from)}&to=${encodeURIComponent(scope.to)}&status=missed`,
    );
    expect(fact('drills.reports_filed').link).toContain('report=1');

    // 陈保安 reads 长春店 only: every figure is 长春店's
    const own = await drillFacts(ctxOf(await actorOf(security)), scope);
    const ownDone = own.find((f) => f.key === 'drills.done') as SummaryFact;
    expect(ownDone.bySite?.map((s) => s.siteId)).toEqual([cc]);
    expect(ownDone.value).toBe(ccDone);
  });

  it('gives calendar events: drills at their planned time and plan occurrences not raised yet', async () => {
    const range = { from: '2026-03-16T16:00:00.000Z', to: '2026-04-10T16:00:00.000Z' };
    const events = await drillEvents(ctxOf(await actorOf(security)), range);
    expect(events.every((e) => e.siteId === cc && e.kind === 'drill')).toBe(true);
    expect(events.find((e) => e.id === tuesday.id)).toMatchObject({ status: 'done', link: `/drills/${tuesday.id}`, at: tuesday.plannedAt });
    const scheduled = events.filter((e) => e.status === 'scheduled' && e.link === `/drills/plans/${plan.id}`);
    expect(scheduled.length).toBeGreaterThan(0);
    expect(events.some((e) => e.status === 'cancelled')).toBe(false);
    expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort());
    const sy = await drillEvents(ctxOf(await actorOf(techSy)), range);
    expect(sy.every((e) => e.siteName === '沈阳店')).toBe(true);
  });

  it('edits and stops a plan with versions checked', async () => {
    const current = (await admin.get<DrillPlanDto>(`/api/v1/drill-plans/${plan.id}`)).body;
    const edited = await admin.req<Plan>('PUT', `/api/v1/drill-plans/${plan.id}`, {
      ...planBody({ name: '测试消防疏散演练（周五）', recurrence: { ...planBody().recurrence, weekdays: [5] } }),
      version: current.version,
    });
    expect(edited.status).toBe(200);
    // Tuesday's drill was raised already and stays; after it, Fridays only
    expect(edited.body).toMatchObject({ name: '测试消防疏散演练（周五）', nextDueAt: '2026-03-24T07:00:00.000Z' });
    const open = await t.db
      .selectFrom('occurrences')
      .select('due_at')
      .where('owner_id', '=', plan.id)
      .where('status', '=', 'open')
      .orderBy('due_at')
      .limit(3)
      .execute();
    expect(open.map((o) => new Date(o.due_at).toISOString())).toEqual([
      '2026-03-24T07:00:00.000Z',
      '2026-03-27T07:00:00.000Z',
      '2026-04-03T07:00:00.000Z',
    ]);
    const stale = await admin.req<Plan>('PUT', `/api/v1/drill-plans/${plan.id}`, { ...planBody(), version: current.version });
    expect(stale.status).toBe(409);
    const stopped = await admin.post<Plan>(`/api/v1/drill-plans/${plan.id}/active`, { active: false, version: edited.body.version });
    expect(stopped.body).toMatchObject({ active: false, nextDueAt: null });
    const restarted = await admin.post<Plan>(`/api/v1/drill-plans/${plan.id}/active`, { active: true, version: stopped.body.version });
    expect(restarted.body.active).toBe(true);
    expect(restarted.body.nextDueAt).not.toBeNull();
    const list = await admin.get<Page<DrillPlanDto>>(`/api/v1/drill-plans?siteId=${cc}&active=1&q=${encodeURIComponent('周五')}`);
    expect(list.body.items.map((p) => p.id)).toEqual([plan.id]);
  });

  it('seeds a demo: two fire-evacuation plans with two months of history and one-off drills with reports', async () => {
    const demo = await admin.get<Page<DrillPlanDto>>(`/api/v1/drill-plans?q=${encodeURIComponent('营业期间消防疏散演练')}`);
    expect(demo.body.items.map((p) => p.siteName).sort()).toEqual(['沈阳店', '长春店']);
    expect(demo.body.items[0]?.recurrence).toMatchObject({ weekdays: [2, 5], times: ['15:00'] });
    const ids = demo.body.items.map((p) => p.id);
    const rows = await t.db.selectFrom('drills').select(['status', 'report_filed_at']).where('plan_id', 'in', ids).execute();
    expect(rows.filter((r) => r.status === 'done').length).toBeGreaterThan(25);
    expect(rows.filter((r) => r.status === 'missed').length).toBeGreaterThan(1);
    const oneOffs = await t.db
      .selectFrom('drills')
      .select(['type', 'report_filed_at'])
      .where('plan_id', 'is', null)
      .where('created_at', '<', '2026-03-15T02:00:00.000Z')
      .execute();
    expect(new Set(oneOffs.map((r) => r.type))).toEqual(
      new Set(['power_outage', 'water_leak', 'security_incident', 'severe_weather', 'equipment_shutdown']),
    );
    expect(oneOffs.every((r) => r.report_filed_at !== null)).toBe(true);
    const actions = await t.db.selectFrom('action_items').select('id').where('owner_type', '=', 'drill').execute();
    expect(actions.length).toBeGreaterThanOrEqual(3);
  });
});
