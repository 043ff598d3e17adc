import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  MaintenanceOccurrenceDto,
  MaintenancePlanDto,
  MaintenancePlanInput,
  MaintenanceSettingsDto,
  MeterReadingDto,
} from '../../../../contracts/maintenance.js';
import type { Page } from '../../../../contracts/types.js';
import type { WorkOrderDto } from '../../../../contracts/workorders.js';
import { type Client, createTestApp, login, type TestApp } from '../../../test/harness.js';
import { zonedInstant } from '../../platform/numbering/time.js';
import { occurrencesJob } from '../../platform/occurrences/engine.js';
import { categoryIdOf, locationIdOf, siteIdOf, userIdOf } from '../equipment/testing.js';

type Err = { error: { code: string; message: string; details?: { fields?: { field: string; message: string }[] } } };

const DAY = 86_400_000;
const at = (date: string, time: string) => zonedInstant(date, time, 'Asia/Shanghai').toISOString();

let t: TestApp;
let admin: Client;
let tech: Client;
let techSy: Client;
let property: Client;
let requester: Client;
let cc: string;
let sy: string;
let techId: string;
let teamCc: string;
let teamSy: string;

async function assetId(site: string, name: string): Promise<string> {
  return (await t.db.selectFrom('assets').select('id').where('site_id', '=', site).where('name', '=', name).executeTakeFirstOrThrow()).id;
}

async function teamId(code: string): Promise<string> {
  return (await t.db.selectFrom('teams').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

const runJob = () => occurrencesJob.run({ db: t.db, clock: t.clock, config: t.config, notifier: t.app.deps.notifier });

async function weeklyPlan(overrides: Partial<MaintenancePlanInput> = {}): Promise<MaintenancePlanInput> {
  return {
    siteId: cc,
    name: '生活给水泵周保养',
    system: 'water',
    target: 'asset',
    assetId: await assetId(cc, '生活给水泵'),
    teamId: teamCc,
    assigneeId: techId,
    workCategory: 'plumbing',
    estimatedMinutes: 60,
    leadDays: 1,
    trigger: 'time',
    // Wednesdays 09:00 in Shanghai, from the demo "today" (Sunday 15 March 2026)
    recurrence: { freq: 'weekly', interval: 1, weekdays: [3], times: ['09:00'], startDate: '2026-03-01', anchor: 'calendar' },
    ...overrides,
  };
}

async function occurrencesOf(client: Client, planId: string, extra = ''): Promise<MaintenanceOccurrenceDto[]> {
  const res = await client.get<Page<MaintenanceOccurrenceDto>>(
    `/api/v1/maintenance/occurrences?planId=${planId}&sort=dueAt&limit=200${extra}`,
  );
  expect(res.status).toBe(200);
  return res.body.items;
}

async function orderOf(occurrenceId: string): Promise<WorkOrderDto> {
  const occ = await t.db.selectFrom('occurrences').select('item_id').where('id', '=', occurrenceId).executeTakeFirstOrThrow();
  expect(occ.item_id).not.toBeNull();
  return (await admin.get<WorkOrderDto>(`/api/v1/work-orders/${occ.item_id}`)).body;
}

async function finish(wo: WorkOrderDto): Promise<WorkOrderDto> {
  let v = wo.version;
  for (const [action, body] of [
    ['accept', {}],
    ['arrive', {}],
    ['start', {}],
    ['finish', { result: '已按计划保养' }],
  ] as const) {
    const res = await tech.post<WorkOrderDto>(`/api/v1/work-orders/${wo.id}/actions/${action}`, { version: v, ...body });
    expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
    v = res.body.version;
    if (action === 'finish') return res.body;
  }
  throw new Error('unreachable');
}

beforeAll(async () => {
  // the clock moves weeks ahead: sessions must outlive it
  t = await createTestApp({ env: { SESSION_TTL_HOURS: String(24 * 365) } });
  admin = await login(t.app, 'admin');
  tech = await login(t.app, 'tech');
  techSy = await login(t.app, 'tech_sy');
  property = await login(t.app, 'property');
  requester = await login(t.app, 'requester');
  cc = await siteIdOf(t.db, 'CC');
  sy = await siteIdOf(t.db, 'SY');
  techId = await userIdOf(t.db, 'tech');
  teamCc = await teamId('CC-WX');
  teamSy = await teamId('SY-WX');
});
afterAll(() => t.close());

describe('maintenance plans', () => {
  it('seeds the fire-system templates and the demo plans of both stores', async () => {
    const codes = await t.db.selectFrom('checklist_templates').select('code').execute();
    expect(codes.map((c) => c.code)).toEqual(expect.arrayContaining(['FIRE-DAILY', 'FIRE-MONTHLY', 'FIRE-ANNUAL', 'HVAC-Q']));
    const fire = await admin.get<Page<MaintenancePlanDto>>(`/api/v1/maintenance/plans?system=fire&siteId=${cc}`);
    expect(fire.body.items.map((p) => p.name).sort()).toEqual(
      ['消防控制室日检', '消防设施年度全面检测', '消防设施月度检查', '灭火器压力月检（地下一层、一层）'].sort(),
    );
    const annual = fire.body.items.find((p) => p.name === '消防设施年度全面检测') as MaintenancePlanDto;
    // beyond the generation horizon: projected from the rule, 15 November at 09:00
    expect(annual).toMatchObject({ checklistTemplateName: '消防设施年度全面检测', graceDays: 28, nextDueAt: at('2026-11-15', '09:00') });
    const meter = await admin.get<Page<MaintenancePlanDto>>(`/api/v1/maintenance/plans?trigger=meter&siteId=${sy}`);
    expect(meter.body.items).toHaveLength(1);
    expect(meter.body.items[0]).toMatchObject({
      meterName: '运行小时',
      meterInterval: 500,
      meterBaseline: 8400,
      meterLatest: 8690,
      recurrence: null,
    });
  });

  it('creates a plan with its schedule and occurrences, and reads it back', async () => {
    const res = await admin.post<MaintenancePlanDto>('/api/v1/maintenance/plans', await weeklyPlan());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      siteName: '长春店',
      assetName: '生活给水泵',
      teamName: '长春店维修班',
      assigneeName: '张维修',
      graceDays: 1,
      active: true,
      nextDueAt: at('2026-03-18', '09:00'),
      lastDoneAt: null,
      version: 1,
    });
    const occ = await occurrencesOf(admin, res.body.id);
    // every Wednesday within the 62-day horizon, none in the past
    expect(occ.length).toBe(9);
    expect(occ[0]).toMatchObject({ dueAt: at('2026-03-18', '09:00'), status: 'open', onTime: null, workOrderId: null });
    // on time until the end of the due day plus one day of grace
    expect(occ[0]?.windowEndAt).toBe(new Date(Date.parse(at('2026-03-19', '00:00')) + DAY).toISOString());
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', res.body.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('names every problem of a plan in Chinese', async () => {
    const res = await admin.post<Err>('/api/v1/maintenance/plans', {
      ...(await weeklyPlan()),
      assetId: await assetId(sy, '生活给水泵'),
      checklistTemplateId: 'nope',
      teamId: teamSy,
      assigneeId: await userIdOf(t.db, 'tech_sy'),
      workCategory: 'nope',
      estimatedMinutes: 0,
      leadDays: 400,
      recurrence: { freq: 'weekly', interval: 0, times: ['9点'], startDate: '2026-02-30', anchor: 'calendar' },
    });
    expect(res.status).toBe(400);
    const fields = Object.fromEntries((res.body.error.details?.fields ?? []).map((f) => [f.field, f.message]));
    expect(fields).toMatchObject({
      assetId: '设备不存在或不属于所选场所',
      checklistTemplateId: '检查表模板不存在或已停用',
      teamId: '班组不存在、已停用或不属于所选场所',
      assigneeId: '执行人不在该场所或没有维修权限',
      workCategory: '请选择有效的工单类别',
      estimatedMinutes: '预计工时须为 1–100000 分钟的整数',
      leadDays: '提前生成天数须为 0–365 的整数',
      'recurrence.interval': expect.any(String),
      'recurrence.times': expect.any(String),
      'recurrence.startDate': expect.any(String),
    });
    const meter = await admin.post<Err>('/api/v1/maintenance/plans', {
      ...(await weeklyPlan()),
      target: 'category',
      categoryId: await categoryIdOf(t.db, 'extinguisher'),
      locationIds: [await locationIdOf(t.db, 'SY-A-B1')],
      trigger: 'meter',
      recurrence: null,
      meterName: ' ',
      meterInterval: 0,
    });
    const meterFields = Object.fromEntries((meter.body.error.details?.fields ?? []).map((f) => [f.field, f.message]));
    expect(meterFields).toMatchObject({
      locationIds: '位置不存在或不属于所选场所',
      target: '按计量保养的计划只能针对单台设备',
      meterName: expect.stringContaining('计量名称'),
      meterInterval: '保养间隔须为大于 0 的数值',
    });
    const noRule = await admin.post<Err>('/api/v1/maintenance/plans', { ...(await weeklyPlan()), recurrence: null });
    expect(noRule.body.error.details?.fields).toEqual([{ field: 'recurrence', message: '请设置保养周期' }]);
  });

  it('lists with filters and exports to Excel', async () => {
    const water = await admin.get<Page<MaintenancePlanDto>>('/api/v1/maintenance/plans?system=water&active=1');
    expect(water.body.items.map((p) => p.name)).toEqual(['生活给水泵周保养']);
    const q = await admin.get<Page<MaintenancePlanDto>>(`/api/v1/maintenance/plans?q=${encodeURIComponent('冷水机组')}&siteId=${cc}`);
    expect(q.body.items.length).toBe(3);
    const paged = await admin.get<Page<MaintenancePlanDto>>(`/api/v1/maintenance/plans?limit=2`);
    expect(paged.body.items).toHaveLength(2);
    const next = await admin.get<Page<MaintenancePlanDto>>(`/api/v1/maintenance/plans?limit=2&cursor=${paged.body.nextCursor}`);
    expect(next.body.items.map((p) => p.id)).not.toContain(paged.body.items[0]?.id);
    const xlsx = await admin.req('GET', '/api/v1/maintenance/plans?format=xlsx');
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.raw.headers['content-type'])).toContain('spreadsheetml');
    const occXlsx = await admin.req('GET', '/api/v1/maintenance/occurrences?format=xlsx&system=fire');
    expect(occXlsx.status).toBe(200);
  });

  it('keeps plans to their sites: 404 elsewhere, 403 without maintenance:manage', async () => {
    const plan = (await admin.get<Page<MaintenancePlanDto>>('/api/v1/maintenance/plans?system=water')).body.items[0] as MaintenancePlanDto;
    expect((await techSy.get(`/api/v1/maintenance/plans/${plan.id}`)).status).toBe(404);
    expect((await techSy.get<Page<MaintenancePlanDto>>('/api/v1/maintenance/plans')).body.items.every((p) => p.siteId === sy)).toBe(true);
    expect((await tech.get(`/api/v1/maintenance/plans/${plan.id}`)).status).toBe(200);
    const body = { ...(await weeklyPlan()), version: plan.version };
    expect((await tech.req('PUT', `/api/v1/maintenance/plans/${plan.id}`, body)).status).toBe(403);
    expect((await requester.get(`/api/v1/maintenance/plans/${plan.id}`)).status).toBe(403);
    const syPlan = (await admin.get<Page<MaintenancePlanDto>>(`/api/v1/maintenance/plans?siteId=${sy}`)).body
      .items[0] as MaintenancePlanDto;
    // 刘物业 manages maintenance on 长春店 only
    expect((await property.req('PUT', `/api/v1/maintenance/plans/${syPlan.id}`, { ...body, version: syPlan.version })).status).toBe(404);
    expect((await property.post(`/api/v1/maintenance/plans/${syPlan.id}/active`, { active: false, version: syPlan.version })).status).toBe(
      404,
    );
    const moved = await property.post<Err>('/api/v1/maintenance/plans', { ...(await weeklyPlan()), siteId: sy });
    expect(moved.body.error.details?.fields?.[0]).toEqual({ field: 'siteId', message: '场所不存在，或您无权在该场所管理保养计划' });
  });

  it('edits with a version: 409 when stale', async () => {
    const plan = (await admin.get<Page<MaintenancePlanDto>>('/api/v1/maintenance/plans?system=water')).body.items[0] as MaintenancePlanDto;
    const ok = await admin.req<MaintenancePlanDto>('PUT', `/api/v1/maintenance/plans/${plan.id}`, {
      ...(await weeklyPlan()),
      estimatedMinutes: 90,
      version: plan.version,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ estimatedMinutes: 90, version: plan.version + 1 });
    const stale = await admin.req<Err>('PUT', `/api/v1/maintenance/plans/${plan.id}`, { ...(await weeklyPlan()), version: plan.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
  });

  it('stops and restarts a plan: future occurrences go and come back', async () => {
    const created = (await admin.post<MaintenancePlanDto>('/api/v1/maintenance/plans', await weeklyPlan({ name: '临时计划' }))).body;
    expect((await occurrencesOf(admin, created.id)).length).toBe(9);
    const off = await admin.post<MaintenancePlanDto>(`/api/v1/maintenance/plans/${created.id}/active`, { active: false, version: 1 });
    expect(off.body).toMatchObject({ active: false, nextDueAt: null, version: 2 });
    expect(await occurrencesOf(admin, created.id)).toEqual([]);
    expect((await admin.post(`/api/v1/maintenance/plans/${created.id}/active`, { active: true, version: 1 })).status).toBe(409);
    const on = await admin.post<MaintenancePlanDto>(`/api/v1/maintenance/plans/${created.id}/active`, { active: true, version: 2 });
    expect(on.body).toMatchObject({ active: true, nextDueAt: at('2026-03-18', '09:00') });
    expect((await occurrencesOf(admin, created.id)).length).toBe(9);
    const inactive = await admin.get<Page<MaintenancePlanDto>>('/api/v1/maintenance/plans?active=0');
    expect(inactive.body.items).toEqual([]);
  });
});

describe('maintenance occurrences and their work orders', () => {
  let plan: MaintenancePlanDto;

  beforeAll(async () => {
    plan = (
      await admin.post<MaintenancePlanDto>(
        '/api/v1/maintenance/plans',
        await weeklyPlan({ name: '消防水泵周试泵', assetId: await assetId(cc, '消防水泵'), system: 'fire', workCategory: 'fire' }),
      )
    ).body;
  });

  it('raises one maintenance work order per occurrence at its lead time, dispatched to the plan team and person', async () => {
    await runJob();
    const [first] = await occurrencesOf(admin, plan.id);
    expect(first?.workOrderId).toBeNull();
    // lead time: a day before Wednesday 09:00
    t.clock.set(at('2026-03-17', '09:30'));
    await runJob();
    await runJob();
    const orders = await t.db
      .selectFrom('work_orders')
      .selectAll()
      .where('source_id', '=', first?.id as string)
      .execute();
    expect(orders).toHaveLength(1);
    const wo = await orderOf(first?.id as string);
    expect(wo).toMatchObject({
      kind: 'maintenance',
      channel: 'maintenance',
      category: 'fire',
      urgency: 'normal',
      assetId: plan.assetId,
      teamId: teamCc,
      assigneeId: techId,
      status: 'dispatched',
    });
    expect(wo.description.split('\n')[0]).toBe('【保养】消防水泵周试泵（计划 2026-03-18 09:00）');
    const listed = (await occurrencesOf(admin, plan.id))[0];
    expect(listed).toMatchObject({ workOrderId: wo.id, workOrderNumber: wo.number, workOrderStatus: 'dispatched' });
  });

  it('finishing the order completes the occurrence on time', async () => {
    const [first] = await occurrencesOf(admin, plan.id);
    t.clock.set(at('2026-03-18', '10:00'));
    await finish(await orderOf(first?.id as string));
    const done = (await occurrencesOf(admin, plan.id))[0];
    expect(done).toMatchObject({ status: 'done', onTime: true, doneAt: t.clock.now().toISOString(), missedAt: null });
    expect((await admin.get<MaintenancePlanDto>(`/api/v1/maintenance/plans/${plan.id}`)).body).toMatchObject({
      lastDoneAt: t.clock.now().toISOString(),
      nextDueAt: at('2026-03-25', '09:00'),
    });
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', first?.id as string)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['complete']);
  });

  it('an order not finished within the window: the occurrence is missed and people are told; done late it stays late', async () => {
    t.clock.set(at('2026-03-24', '10:00'));
    await runJob();
    const second = (await occurrencesOf(admin, plan.id))[1] as MaintenanceOccurrenceDto;
    expect(second.workOrderId).not.toBeNull();
    // due 25 March 09:00, on time until the end of 26 March
    t.clock.set(at('2026-03-27', '00:05'));
    await runJob();
    const missed = (await occurrencesOf(admin, plan.id))[1];
    expect(missed).toMatchObject({ status: 'missed', onTime: false, missedAt: t.clock.now().toISOString() });
    const notes = await t.db
      .selectFrom('notifications')
      .select(['user_id', 'title', 'link'])
      .where('title', '=', '保养未按期完成：消防水泵周试泵')
      .execute();
    const told = new Set(notes.map((n) => n.user_id));
    expect(told.has(techId)).toBe(true);
    expect(told.has(await userIdOf(t.db, 'property'))).toBe(true);
    expect(told.has(await userIdOf(t.db, 'tech_sy'))).toBe(false);
    expect(notes[0]?.link).toBe(`/maintenance/occurrences?planId=${plan.id}`);
    const overdue = await occurrencesOf(admin, plan.id, '&overdue=1');
    expect(overdue.map((o) => o.id)).toEqual([second.id]);

    t.clock.set(at('2026-03-27', '11:00'));
    await finish(await orderOf(second.id));
    const late = (await occurrencesOf(admin, plan.id))[1];
    expect(late).toMatchObject({ status: 'done', onTime: false, missedAt: missed?.missedAt });
    expect((await occurrencesOf(admin, plan.id, '&onTime=0')).map((o) => o.id)).toEqual([second.id]);
    expect((await occurrencesOf(admin, plan.id, '&onTime=1')).length).toBe(1);
    expect(await occurrencesOf(admin, plan.id, '&overdue=1')).toEqual([]);
    const range = await occurrencesOf(admin, plan.id, `&from=${at('2026-03-25', '00:00')}&to=${at('2026-03-26', '00:00')}`);
    expect(range.map((o) => o.id)).toEqual([second.id]);
  });

  it('skips an occurrence with a reason and a version', async () => {
    const third = (await occurrencesOf(admin, plan.id))[2] as MaintenanceOccurrenceDto;
    const row = await t.db.selectFrom('occurrences').select('version').where('id', '=', third.id).executeTakeFirstOrThrow();
    const url = `/api/v1/maintenance/occurrences/${third.id}/skip`;
    expect((await tech.post(url, { reason: '停机检修', version: row.version })).status).toBe(403);
    expect((await techSy.get(`/api/v1/maintenance/occurrences?planId=${plan.id}`)).body).toEqual({ items: [], nextCursor: null });
    expect((await admin.post(url, { reason: '停机检修', version: row.version + 1 })).status).toBe(409);
    const ok = await admin.post<MaintenanceOccurrenceDto>(url, { reason: '停机检修', version: row.version });
    expect(ok.body).toMatchObject({ status: 'skipped', onTime: null });
    const again = await admin.post<Err>(url, { reason: '停机检修', version: row.version + 1 });
    expect(again.status).toBe(409);
    expect((await occurrencesOf(admin, plan.id, '&status=skipped')).map((o) => o.id)).toEqual([third.id]);
  });

  it('an edit reaches future occurrences only', async () => {
    const before = await occurrencesOf(admin, plan.id);
    const current = (await admin.get<MaintenancePlanDto>(`/api/v1/maintenance/plans/${plan.id}`)).body;
    const res = await admin.req<MaintenancePlanDto>('PUT', `/api/v1/maintenance/plans/${plan.id}`, {
      ...(await weeklyPlan({ name: '消防水泵周试泵', assetId: await assetId(cc, '消防水泵'), system: 'fire', workCategory: 'fire' })),
      recurrence: { freq: 'weekly', interval: 1, weekdays: [3], times: ['14:00'], startDate: '2026-03-01', anchor: 'calendar' },
      version: current.version,
    });
    expect(res.status).toBe(200);
    const after = await occurrencesOf(admin, plan.id);
    const now = t.clock.now().toISOString();
    // the past (done, done late, skipped) stays as it was
    expect(after.filter((o) => o.dueAt < now)).toEqual(before.filter((o) => o.dueAt < now));
    // so does the skipped one of 1 April; the open ones without an order follow the new time
    expect(after.find((o) => o.status === 'skipped')?.dueAt).toBe(at('2026-04-01', '09:00'));
    const future = after.filter((o) => o.dueAt >= now && o.status === 'open');
    expect(future.length).toBeGreaterThan(5);
    expect(future.every((o) => o.dueAt.endsWith('T06:00:00.000Z') && o.workOrderId === null)).toBe(true);
  });

  it('attaches the plan checklist, and lists the covered assets of a category plan', async () => {
    t.clock.set('2026-03-27T04:00:00.000Z');
    const cat = await admin.post<MaintenancePlanDto>('/api/v1/maintenance/plans', {
      ...(await weeklyPlan({ name: '地下一层灭火器检查', system: 'fire', workCategory: 'fire' })),
      target: 'category',
      assetId: null,
      categoryId: await categoryIdOf(t.db, 'extinguisher'),
      locationIds: [await locationIdOf(t.db, 'CC-A-B1')],
      checklistTemplateId: (
        await t.db.selectFrom('checklist_templates').select('id').where('code', '=', 'FIRE-MONTHLY').executeTakeFirstOrThrow()
      ).id,
      leadDays: 7,
    });
    expect(cat.status).toBe(201);
    expect(cat.body).toMatchObject({ assetId: null, categoryName: '灭火器', locationNames: [expect.stringContaining('地下一层')] });
    await runJob();
    const [first] = await occurrencesOf(admin, cat.body.id);
    const wo = await orderOf(first?.id as string);
    expect(wo.locationId).toBe(await locationIdOf(t.db, 'CC-A-B1'));
    // 灭火器 01–03 hang in 配电室, 水泵房 and 空调机房 on B1
    expect(wo.description).toMatch(/涉及设备：.*灭火器 01.*灭火器 02.*灭火器 03/);
    expect(wo.description).not.toContain('灭火器 04');
    const checklist = await t.db.selectFrom('checklist_results').selectAll().where('subject_id', '=', wo.id).executeTakeFirstOrThrow();
    expect(checklist).toMatchObject({ subject_type: 'work_order', status: 'draft', site_id: cc });
  });
});

describe('meter readings and meter plans', () => {
  let chiller: string;
  let plan: MaintenancePlanDto;
  const url = () => `/api/v1/assets/${chiller}/meter-readings`;

  beforeAll(async () => {
    t.clock.set('2026-04-01T02:00:00.000Z');
    chiller = await assetId(cc, '2号冷水机组');
    plan = (
      await admin.post<MaintenancePlanDto>('/api/v1/maintenance/plans', {
        ...(await weeklyPlan({ name: '2号冷水机组 500 小时保养', assetId: chiller, system: 'hvac', workCategory: 'hvac' })),
        trigger: 'meter',
        recurrence: null,
        meterName: '运行小时',
        meterUnit: '小时',
        meterInterval: 500,
        leadDays: 0,
      })
    ).body;
  });

  it('counts from the latest reading, 0 before the first', () => {
    expect(plan).toMatchObject({ trigger: 'meter', meterBaseline: 0, meterLatest: null, graceDays: 7, nextDueAt: null });
  });

  it('records cumulative readings and refuses one lower than the last', async () => {
    const first = await tech.post<MeterReadingDto>(url(), { meterName: '运行小时', value: 300 });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ value: 300, unit: '小时', readByName: '张维修', readAt: t.clock.now().toISOString() });
    t.clock.advance(DAY);
    const lower = await tech.post<Err>(url(), { meterName: '运行小时', value: 200 });
    expect(lower.status).toBe(400);
    expect(lower.body.error.details?.fields).toEqual([{ field: 'value', message: '读数不能小于上次读数 300' }]);
    expect((await techSy.post(url(), { meterName: '运行小时', value: 400 })).status).toBe(404);
    expect((await requester.post(url(), { meterName: '运行小时', value: 400 })).status).toBe(403);
    expect(await occurrencesOf(admin, plan.id)).toEqual([]);
  });

  it('an interval reached raises one occurrence and moves the baseline; the job raises its order', async () => {
    const reached = await tech.post<MeterReadingDto>(url(), { meterName: '运行小时', value: 520, note: '月底抄表' });
    expect(reached.status).toBe(201);
    const occ = await occurrencesOf(admin, plan.id);
    expect(occ).toHaveLength(1);
    expect(occ[0]).toMatchObject({ dueAt: reached.body.readAt, status: 'open' });
    expect(occ[0]?.windowEndAt).toBe(new Date(Date.parse(reached.body.readAt) + 7 * DAY).toISOString());
    const after = (await admin.get<MaintenancePlanDto>(`/api/v1/maintenance/plans/${plan.id}`)).body;
    expect(after).toMatchObject({ meterBaseline: 520, meterLatest: 520, version: plan.version + 1, nextDueAt: reached.body.readAt });
    // still open: a further reading past the next interval adds nothing
    t.clock.advance(DAY);
    await tech.post(url(), { meterName: '运行小时', value: 1100 });
    expect(await occurrencesOf(admin, plan.id)).toHaveLength(1);
    await runJob();
    const wo = await orderOf(occ[0]?.id as string);
    expect(wo).toMatchObject({ kind: 'maintenance', assetId: chiller, category: 'hvac' });
    expect(wo.description).toContain('运行小时达到 520 小时');
    const list = await admin.get<Page<MeterReadingDto>>(`${url()}?meterName=${encodeURIComponent('运行小时')}`);
    expect(list.body.items.map((r) => r.value)).toEqual([1100, 520, 300]);
    expect((await techSy.get(url())).status).toBe(404);
  });
});

describe('maintenance settings', () => {
  it('answers the defaults, and only an organisation-wide manager changes them', async () => {
    const res = await tech.get<MaintenanceSettingsDto>('/api/v1/maintenance/settings');
    expect(res.body).toEqual({ gracePercent: 20, graceCapDays: 28, meterWindowDays: 7, version: 1 });
    const body = { gracePercent: 10, graceCapDays: 28, meterWindowDays: 3, version: 1 };
    expect((await property.req('PUT', '/api/v1/maintenance/settings', body)).status).toBe(403);
    const bad = await admin.req<Err>('PUT', '/api/v1/maintenance/settings', { ...body, gracePercent: 101, meterWindowDays: 0 });
    expect(bad.body.error.details?.fields?.map((f) => f.field)).toEqual(['gracePercent', 'meterWindowDays']);
  });

  it('a change re-saves the active plans: future occurrences get the new window', async () => {
    const plan = (await admin.get<Page<MaintenancePlanDto>>('/api/v1/maintenance/plans?system=water')).body.items[0] as MaintenancePlanDto;
    expect(plan.graceDays).toBe(1);
    const saved = await admin.req<MaintenanceSettingsDto>('PUT', '/api/v1/maintenance/settings', {
      gracePercent: 10,
      graceCapDays: 28,
      meterWindowDays: 3,
      version: 1,
    });
    expect(saved.body).toEqual({ gracePercent: 10, graceCapDays: 28, meterWindowDays: 3, version: 2 });
    expect((await admin.req('PUT', '/api/v1/maintenance/settings', { ...saved.body, version: 1 })).status).toBe(409);
    const after = (await admin.get<MaintenancePlanDto>(`/api/v1/maintenance/plans/${plan.id}`)).body;
    expect(after.graceDays).toBe(0);
    const future = (await occurrencesOf(admin, plan.id)).filter((o) => o.dueAt > t.clock.now().toISOString() && !o.workOrderId);
    expect(future.length).toBeGreaterThan(0);
    // 09:00 and no grace: the window ends at midnight of the due day
    for (const o of future) expect(Date.parse(o.windowEndAt) - Date.parse(o.dueAt)).toBe(15 * 3_600_000);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'maintenance_settings').execute();
    expect(audit).toHaveLength(1);
  });
});
