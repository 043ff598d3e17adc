import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionItemDto } from '../../../../contracts/actions.js';
import type { SafetyCalendarDto, SafetyOverviewDto, SafetySiteCountsDto } from '../../../../contracts/safety.js';
import type { SummaryFactsResponse } from '../../../../contracts/summary.js';
import type { Page } from '../../../../contracts/types.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { systemActor } from '../../platform/access/actor.js';
import { actionCounts, createActionItem } from '../../platform/actions/index.js';
import { readXlsx } from '../../platform/print/excel.js';
import { drillEvents } from '../drills/index.js';
import { siteIdOf, userIdOf } from '../equipment/testing.js';
import { uploadPhoto } from '../hazards/testing.js';
import { trainingEvents } from '../training/index.js';
import { runActionReminders } from './reminders.job.js';
import { addItem, type ErrorBody, registerTestOwner, step } from './testing.js';

type Res = { status: number; body: ActionItemDto & ErrorBody };

describe(`action items: add, submit, verify, reject, cancel, reminders, the safety page (${ENGINE})`, () => {
  let t: TestApp;
  let head: Client;
  let property: Client;
  let tech: Client;
  let techSy: Client;
  let dispatcher: Client;
  let cleaner: Client;
  let cc: string;
  let sy: string;
  let ids: Record<'head' | 'property' | 'tech' | 'techSy' | 'dispatcher' | 'cleaner' | 'security', string>;

  const fields = (r: { body: ErrorBody }) => r.body.error.details?.fields?.map((f) => f.field).sort();
  const message = (r: { body: ErrorBody }, field: string) => r.body.error.details?.fields?.find((f) => f.field === field)?.message;
  const inbox = async (userId: string, number: string) =>
    (await t.db.selectFrom('notifications').select('title').where('user_id', '=', userId).execute())
      .map((m) => m.title)
      .filter((x) => x.includes(number));
  const ok = (res: Res, status = 200): ActionItemDto => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    return res.body;
  };
  /** tech carries it out, property verifies: the usual item of these tests */
  const item = (extra: Record<string, unknown> = {}) => ({
    title: '更换一层东侧过期灭火器',
    assigneeId: ids.tech,
    dueDate: '2026-03-20',
    verifierId: ids.property,
    ...extra,
  });

  beforeAll(async () => {
    // sessions must outlive the days the test clock jumps
    t = await createTestApp({ env: { SESSION_TTL_HOURS: '5000' } });
    [head, property, tech, techSy, dispatcher, cleaner] = (await Promise.all(
      ['head', 'property', 'tech', 'tech_sy', 'dispatcher', 'cleaner'].map((u) => login(t.app, u)),
    )) as [Client, Client, Client, Client, Client, Client];
    cc = await siteIdOf(t.db, 'CC');
    sy = await siteIdOf(t.db, 'SY');
    ids = {
      head: await userIdOf(t.db, 'head'),
      property: await userIdOf(t.db, 'property'),
      tech: await userIdOf(t.db, 'tech'),
      techSy: await userIdOf(t.db, 'tech_sy'),
      dispatcher: await userIdOf(t.db, 'dispatcher'),
      cleaner: await userIdOf(t.db, 'cleaner'),
      security: await userIdOf(t.db, 'security'),
    };
    registerTestOwner({ cc, sy });
  });
  afterAll(() => t.close());

  it('adds numbered items only for the owner managers, checking every field with Chinese messages', async () => {
    t.clock.set('2026-03-15T02:00:00.000Z');
    const add = (c: Client, ownerId: string, extra: Record<string, unknown> = {}) =>
      c.post<ActionItemDto & ErrorBody>('/api/v1/actions', { ownerType: 'incident', ownerId, kind: 'corrective', ...item(extra) });

    const refused = await add(tech, 'test-cc-1');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('没有为该意外事件添加整改措施的权限');
    // 长春店's incident does not exist for 沈阳店's technician; nor does an unknown one for anybody
    expect((await add(techSy, 'test-cc-1')).status).toBe(404);
    expect((await add(head, 'test-xx-1')).body.error).toMatchObject({ code: 'NOT_FOUND', message: '意外事件不存在或无权访问' });

    const bad = await add(head, 'test-cc-1', { title: ' ', assigneeId: ids.techSy, dueDate: '2026-03-14', verifierId: ids.dispatcher });
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(['assigneeId', 'dueDate', 'title', 'verifierId']);
    expect(message(bad, 'title')).toBe('请填写措施内容');
    expect(message(bad, 'assigneeId')).toBe('请选择该场所在职的责任人');
    expect(message(bad, 'dueDate')).toBe('完成期限不能早于今天（2026-03-15）');
    expect(message(bad, 'verifierId')).toBe('验证人须为该场所有整改措施验证权限的在职人员');
    expect(message(await add(head, 'test-cc-1', { dueDate: '2026-02-30' }), 'dueDate')).toBe('完成期限格式应为 YYYY-MM-DD');
    expect(message(await add(head, 'test-cc-1', { verifierId: ids.tech }), 'verifierId')).toBe('验证人不能是责任人');
    expect((await add(head, 'test-cc-1', { kind: 'other' })).status).toBe(400);

    const created = ok(await add(head, 'test-cc-1', { description: '三具灭火器压力不足' }), 201);
    expect(created.number).toMatch(/^CS-20260315-\d{4}$/);
    expect(created).toMatchObject({
      status: 'open',
      siteId: cc,
      siteName: '长春店',
      ownerType: 'incident',
      ownerId: 'test-cc-1',
      ownerNumber: 'SJ-TEST-test-cc-1',
      ownerTitle: '测试事件 test-cc-1',
      ownerLink: '/incidents/test-cc-1',
      kind: 'corrective',
      description: '三具灭火器压力不足',
      assigneeName: '张维修',
      dueDate: '2026-03-20',
      verifierName: '刘物业',
      evidenceIds: [],
      rejectCount: 0,
      overdue: false,
      onTime: null,
      canSubmit: true,
      canVerify: false,
      canEdit: true,
      canCancel: true,
      version: 1,
    });
    // the assignee may carry it out, not edit or cancel it
    expect((await tech.get<ActionItemDto>(`/api/v1/actions/${created.id}`)).body).toMatchObject({
      canSubmit: true,
      canEdit: false,
      canCancel: false,
    });
    expect(await inbox(ids.tech, created.number)).toEqual([`整改措施 ${created.number} 请落实`]);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'action_item')
      .where('entity_id', '=', created.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('edits an open item, refusing other people and stale versions, telling a new assignee', async () => {
    t.clock.set('2026-03-15T02:00:00.000Z');
    const a = await addItem(head, 'test-cc-1', item());
    expect((await tech.req('PUT', `/api/v1/actions/${a.id}`, { title: '改', version: 1 })).status).toBe(403);
    const edited = ok(
      await head.req('PUT', `/api/v1/actions/${a.id}`, { title: '更换灭火器并张贴检查卡', kind: 'preventive', version: 1 }),
    );
    expect(edited).toMatchObject({ title: '更换灭火器并张贴检查卡', kind: 'preventive', assigneeId: ids.tech, version: 2 });
    const stale = await head.req<ErrorBody>('PUT', `/api/v1/actions/${a.id}`, { title: '又改', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    const bad = await head.req<ErrorBody>('PUT', `/api/v1/actions/${a.id}`, { dueDate: '2026-03-01', version: 2 });
    expect(fields(bad)).toEqual(['dueDate']);
    const moved = ok(await head.req('PUT', `/api/v1/actions/${a.id}`, { assigneeId: ids.security, verifierId: null, version: 2 }));
    expect(moved).toMatchObject({ assigneeName: '陈保安', verifierId: null, version: 3 });
    expect(await inbox(ids.security, a.number)).toEqual([`整改措施 ${a.number} 请落实`]);
  });

  it('needs a note to submit, sends a rejection back, and decides on time at verification', async () => {
    t.clock.set('2026-03-15T02:00:00.000Z');
    const a = await addItem(head, 'test-cc-2', item());
    const noNote = await step(tech, a, 'submit', { note: '  ' });
    expect(noNote.status).toBe(400);
    expect(fields(noNote)).toEqual(['note']);
    expect(message(noNote, 'note')).toBe('请说明整改措施的落实情况');
    const submitted = ok(await step(tech, a, 'submit', { note: '已更换三具灭火器' }));
    expect(submitted).toMatchObject({
      status: 'submitted',
      evidenceNote: '已更换三具灭火器',
      submittedBy: ids.tech,
      submittedByName: '张维修',
      canSubmit: false,
    });
    // the named verifier is asked
    expect(await inbox(ids.property, a.number)).toEqual([`整改措施 ${a.number} 待验证`]);
    const noRight = await step(tech, submitted, 'verify');
    expect(noRight.status).toBe(403);
    expect(noRight.body.error.message).toBe('没有验证该场所整改措施的权限');
    expect((await property.get<ActionItemDto>(`/api/v1/actions/${a.id}`)).body.canVerify).toBe(true);

    const noReason = await step(property, submitted, 'reject', {});
    expect(fields(noReason)).toEqual(['reason']);
    const rejected = ok(await step(property, submitted, 'reject', { reason: '新灭火器未贴检查卡' }));
    expect(rejected).toMatchObject({
      status: 'open',
      rejectCount: 1,
      rejectReason: '新灭火器未贴检查卡',
      submittedAt: null,
      submittedBy: null,
      evidenceNote: '已更换三具灭火器',
    });
    expect(await inbox(ids.tech, a.number)).toContain(`整改措施 ${a.number} 验证不通过`);

    t.clock.set('2026-03-22T02:00:00.000Z'); // the due day (03-20) has passed in 长春
    expect((await tech.get<ActionItemDto>(`/api/v1/actions/${a.id}`)).body.overdue).toBe(true);
    const late = ok(await step(tech, rejected, 'submit', { note: '已贴检查卡' }));
    expect(late.overdue).toBe(false);
    const verified = ok(await step(property, late, 'verify', { note: '现场核实' }));
    expect(verified).toMatchObject({
      status: 'verified',
      onTime: false,
      verifiedByName: '刘物业',
      verifyNote: '现场核实',
      canCancel: false,
    });
    expect((await step(property, verified, 'verify')).body.error.code).toBe('ILLEGAL_TRANSITION');
    const frozen = await head.req<ErrorBody>('PUT', `/api/v1/actions/${a.id}`, { title: '改', version: verified.version });
    expect(frozen.body.error).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: '整改措施已验证，不能修改' });
    expect((await step(head, verified, 'cancel', { reason: '误录' })).status).toBe(409);
  });

  it('lets nobody verify their own submission, and asks the site verifiers when none is named', async () => {
    t.clock.set('2026-03-22T02:00:00.000Z');
    const a = await addItem(head, 'test-cc-2', item({ assigneeId: ids.property, verifierId: null, dueDate: '2026-03-25' }));
    // the head manages the incident, so may submit on the assignee's behalf
    const submitted = ok(await step(head, a, 'submit', { note: '已安排更换' }));
    expect(await inbox(ids.property, a.number)).toContain(`整改措施 ${a.number} 待验证`);
    const own = await step(head, submitted, 'verify');
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe('提交人不能验证自己提交的整改措施，请由其他有验证权限的人员验证');
    expect((await step(head, submitted, 'reject', { reason: '不行' })).status).toBe(403);
    expect((await head.get<ActionItemDto>(`/api/v1/actions/${a.id}`)).body.canVerify).toBe(false);
    expect(ok(await step(property, submitted, 'verify'))).toMatchObject({ status: 'verified', onTime: true });
  });

  it('cancels open and submitted items with a reason, by the owner managers only', async () => {
    t.clock.set('2026-03-22T02:00:00.000Z');
    const a = await addItem(head, 'test-cc-1', item({ dueDate: '2026-03-30' }));
    expect((await step(tech, a, 'cancel', { reason: '重复' })).status).toBe(403);
    expect(fields(await step(head, a, 'cancel'))).toEqual(['reason']);
    expect(ok(await step(head, a, 'cancel', { reason: '与 SJ-TEST 重复录入' }))).toMatchObject({
      status: 'cancelled',
      cancelReason: '与 SJ-TEST 重复录入',
      canSubmit: false,
      canEdit: false,
    });
    expect(await inbox(ids.tech, a.number)).toContain(`整改措施 ${a.number} 已取消`);
    const b = await addItem(head, 'test-cc-1', item({ dueDate: '2026-03-30' }));
    const submitted = ok(await step(tech, b, 'submit', { note: '已做' }));
    const cancelled = ok(await step(head, submitted, 'cancel', { reason: '事件定性改变，措施不再需要' }));
    expect(cancelled.status).toBe('cancelled');
    expect((await step(head, cancelled, 'cancel', { reason: '再取消' })).body.error.code).toBe('ILLEGAL_TRANSITION');
    expect((await step(tech, cancelled, 'submit', { note: '再提交' })).status).toBe(409);
  });

  it("keeps each site's items to that site, while the assignee sees their own anywhere", async () => {
    t.clock.set('2026-03-22T02:00:00.000Z');
    const ccItem = await addItem(head, 'test-cc-3', item({ dueDate: '2026-03-30' }));
    // the cleaner belongs to 沈阳店 and reads no safety records there
    const syItem = await addItem(head, 'test-sy-1', {
      title: '清理沈阳店消防通道杂物',
      assigneeId: ids.cleaner,
      dueDate: '2026-03-30',
      kind: 'preventive',
    });
    expect(syItem).toMatchObject({ siteName: '沈阳店', verifierId: null });
    expect((await tech.get(`/api/v1/actions/${syItem.id}`)).status).toBe(404);
    expect((await step(tech, syItem, 'submit', { note: '做了' })).status).toBe(404);
    expect((await tech.req('PUT', `/api/v1/actions/${syItem.id}`, { title: '改', version: 1 })).status).toBe(404);
    expect((await techSy.get(`/api/v1/actions/${syItem.id}`)).status).toBe(200);
    expect((await techSy.get(`/api/v1/actions/${ccItem.id}`)).status).toBe(404);
    const syList = await techSy.get<Page<ActionItemDto>>('/api/v1/actions?limit=200');
    expect(syList.body.items.length).toBeGreaterThan(0);
    expect(syList.body.items.every((i) => i.siteId === sy)).toBe(true);

    const mine = await cleaner.get<Page<ActionItemDto>>('/api/v1/actions?assignee=me');
    expect(mine.body.items.map((i) => i.id)).toEqual([syItem.id]);
    // the incident is not theirs to read: its number still shows, managing it does not
    expect(mine.body.items[0]).toMatchObject({ ownerNumber: 'SJ-TEST-test-sy-1', canSubmit: true, canEdit: false });
    expect((await cleaner.get<Page<ActionItemDto>>('/api/v1/actions')).body.items.map((i) => i.id)).toEqual([syItem.id]);
    expect((await cleaner.get(`/api/v1/actions/${ccItem.id}`)).status).toBe(404);
    expect(ok(await step(cleaner, syItem, 'submit', { note: '杂物已清理' })).status).toBe('submitted');
    // nobody on 沈阳店 was named: the site's verifiers (the head, on every site) are asked
    expect(await inbox(ids.head, syItem.number)).toEqual([`整改措施 ${syItem.number} 待验证`]);
  });

  it('holds evidence while open: added by the assignee and the managers, read by the readers', async () => {
    t.clock.set('2026-03-22T02:00:00.000Z');
    const a = await addItem(head, 'test-cc-3', item({ dueDate: '2026-03-30' }));
    expect((await uploadPhoto(tech, 'action_item', a.id)).status).toBe(201);
    expect((await uploadPhoto(head, 'action_item', a.id)).status).toBe(201);
    const other = await uploadPhoto(dispatcher, 'action_item', a.id);
    expect(other.status).toBe(403);
    expect(other.body.error.message).toBe('只有整改措施的责任人或该记录的管理人员可以上传证据');
    expect((await uploadPhoto(techSy, 'action_item', a.id)).status).toBe(404);
    const withEvidence = (await dispatcher.get<ActionItemDto>(`/api/v1/actions/${a.id}`)).body;
    expect(withEvidence.evidenceIds).toHaveLength(2);
    const listed = await dispatcher.get<Page<{ id: string }>>(`/api/v1/attachments?ownerType=action_item&ownerId=${a.id}`);
    expect(listed.body.items.map((x) => x.id).sort()).toEqual([...withEvidence.evidenceIds].sort());
    ok(await step(tech, withEvidence, 'submit', { note: '见照片' }));
    expect((await uploadPhoto(tech, 'action_item', a.id)).body.error.message).toBe('整改措施待验证，证据不能再更改');
    // nor can the uploader take a photo back once the verifier is judging it
    const removed = await tech.post<{ error: { message: string } }>(`/api/v1/attachments/${withEvidence.evidenceIds[0]}/delete`);
    expect(removed.status).toBe(403);
    expect(removed.body.error.message).toBe('整改措施待验证，证据不能再更改');
    expect((await dispatcher.get<ActionItemDto>(`/api/v1/actions/${a.id}`)).body.evidenceIds).toHaveLength(2);
  });

  it('carries the demo items through the loop, each step audited, none verified by its submitter', async () => {
    const demo = await t.db.selectFrom('action_items').selectAll().where('owner_id', 'not like', 'test-%').execute();
    const statuses = new Set(demo.map((i) => i.status));
    // the incident and drill demos made them; the safety demo carried some on
    expect(demo.length).toBeGreaterThan(0);
    expect([...statuses].sort()).toEqual(['open', 'submitted', 'verified']);
    const steps = await t.db
      .selectFrom('audit_log')
      .select(['entity_id', 'action', 'actor_id'])
      .where('entity', '=', 'action_item')
      .where(
        'entity_id',
        'in',
        demo.map((i) => i.id),
      )
      .execute();
    for (const i of demo) {
      const mine = steps.filter((x) => x.entity_id === i.id).map((x) => x.action);
      const expected = { open: ['create'], submitted: ['create', 'submit'], verified: ['create', 'submit', 'verify'] }[i.status as 'open'];
      expect(mine.sort(), i.number).toEqual([...expected].sort());
      if (i.status === 'verified') {
        expect(i.verified_by).not.toBe(i.submitted_by);
        expect(steps.find((x) => x.entity_id === i.id && x.action === 'verify')?.actor_id).toBe(i.verified_by);
      }
    }
  });

  it('shows the items in their incident history and counts them for the owner', async () => {
    const history = await head.get<{ items: { entity: string; action: string }[] }>('/api/v1/audit/incident/test-cc-2');
    expect(history.status).toBe(200);
    const actions = history.body.items.filter((e) => e.entity === 'action_item').map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['create', 'submit', 'reject', 'verify']));
    const counts = await actionCounts(t.db, 'incident', ['test-cc-1', 'test-cc-2', 'test-none']);
    const stored = await t.db
      .selectFrom('action_items')
      .select(['owner_id', 'status'])
      .where('owner_type', '=', 'incident')
      .where('owner_id', 'in', ['test-cc-1', 'test-cc-2'])
      .execute();
    for (const owner of ['test-cc-1', 'test-cc-2']) {
      const mine = stored.filter((r) => r.owner_id === owner);
      expect(counts.get(owner)).toEqual({
        total: mine.filter((r) => r.status !== 'cancelled').length,
        open: mine.filter((r) => r.status === 'open' || r.status === 'submitted').length,
      });
    }
    expect(counts.get('test-none')).toEqual({ total: 0, open: 0 });
  });

  it('adds items in the caller transaction for other modules and seeds, as the system', async () => {
    t.clock.set('2026-03-22T02:00:00.000Z');
    const orgId = (await t.db.selectFrom('sites').select('org_id').where('id', '=', cc).executeTakeFirstOrThrow()).org_id;
    const ctx = { db: t.db, actor: systemActor(orgId), requestId: null, clock: t.clock, config: t.config, notifier: t.app.deps.notifier };
    const id = await t.db.transaction().execute((tx) =>
      createActionItem(ctx, tx, 'incident', 'test-cc-4', {
        kind: 'improvement',
        title: '修订应急预案',
        assigneeId: ids.property,
        dueDate: '2026-04-30',
      }),
    );
    const made = (await head.get<ActionItemDto>(`/api/v1/actions/${id}`)).body;
    expect(made).toMatchObject({ kind: 'improvement', status: 'open', ownerId: 'test-cc-4', assigneeName: '刘物业' });
    expect(await inbox(ids.property, made.number)).toEqual([`整改措施 ${made.number} 请落实`]);
    await expect(
      t.db.transaction().execute((tx) =>
        createActionItem(ctx, tx, 'incident', 'test-cc-4', {
          kind: 'improvement',
          title: '',
          assigneeId: ids.property,
          dueDate: '2026-04-30',
        }),
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('lists by owner, status, kind, assignee, due dates, overdue, on time and text, and exports', async () => {
    t.clock.set('2026-06-01T02:00:00.000Z');
    const i1 = await addItem(head, 'test-cc-9', item({ dueDate: '2026-06-05', title: '更换应急照明灯' }));
    const i2 = await addItem(head, 'test-cc-9', item({ dueDate: '2026-06-10', kind: 'preventive', title: '每月检查应急照明' }));
    const i3 = await addItem(head, 'test-cc-9', item({ dueDate: '2026-06-03', kind: 'improvement', title: '修订照明检查表' }));
    const i4 = await addItem(head, 'test-sy-9', { title: '沈阳店疏散指示更换', assigneeId: ids.techSy, dueDate: '2026-06-02' });
    ok(await step(tech, i2, 'submit', { note: '已排期' }));
    ok(await step(property, ok(await step(tech, i3, 'submit', { note: '已修订' })), 'verify'));
    t.clock.set('2026-06-04T02:00:00.000Z');
    const list = async (q: string) => {
      const res = await head.get<Page<ActionItemDto>>(`/api/v1/actions?limit=200&${q}`);
      expect(res.status, q).toBe(200);
      return res.body.items.map((i) => i.id);
    };
    const since = `from=${encodeURIComponent('2026-06-01T00:00:00.000Z')}`;
    // sorted by due date
    expect(await list('ownerId=test-cc-9')).toEqual([i3.id, i1.id, i2.id]);
    expect(await list('ownerId=test-cc-9&sort=-dueDate')).toEqual([i2.id, i1.id, i3.id]);
    expect(await list('ownerType=incident&ownerId=test-cc-9&status=open,submitted')).toEqual([i1.id, i2.id]);
    expect(await list('ownerId=test-cc-9&status=open&status=submitted')).toEqual([i1.id, i2.id]);
    expect(await list('ownerId=test-cc-9&kind=preventive')).toEqual([i2.id]);
    expect(await list(`${since}&overdue=1`)).toEqual([i4.id]);
    expect(await list(`${since}&overdue=0&siteId=${cc}`)).toEqual([i3.id, i1.id, i2.id]);
    expect(await list(`${since}&onTime=1`)).toEqual([i3.id]);
    expect(await list(`${since}&dueFrom=2026-06-04&dueTo=2026-06-10`)).toEqual([i1.id, i2.id]);
    expect(await list(`${since}&siteId=${sy}`)).toEqual([i4.id]);
    expect(await list(`${since}&assigneeId=${ids.techSy}`)).toEqual([i4.id]);
    expect(await list(`${since}&to=${encodeURIComponent('2026-06-01T00:00:00.000Z')}`)).toEqual([]);
    expect(await list(`q=${i1.number}`)).toEqual([i1.id]);
    expect(await list(`${since}&q=${encodeURIComponent('应急照明')}`)).toEqual([i1.id, i2.id]);
    const mine = await tech.get<Page<ActionItemDto>>(`/api/v1/actions?assignee=me&${since}`);
    expect(mine.body.items.map((i) => i.id)).toEqual([i3.id, i1.id, i2.id]);
    expect((await head.get<ErrorBody>('/api/v1/actions?dueFrom=2026-6-1')).status).toBe(400);
    expect((await head.get<ErrorBody>('/api/v1/actions?sort=title')).status).toBe(400);

    const xlsx = await head.req('GET', `/api/v1/actions?format=xlsx&ownerId=test-cc-9`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.raw.headers['content-type']).toContain('spreadsheetml');
    const sheet = await readXlsx(xlsx.raw.rawPayload);
    expect(sheet.headers.slice(0, 6)).toEqual(['编号', '场所', '来源', '来源标题', '措施类型', '措施内容']);
    expect(sheet.rows.map((r) => [r.values['编号'], r.values['状态'], r.values['按期完成'] ?? ''])).toEqual([
      [i3.number, '已验证', '是'],
      [i1.number, '待落实', ''],
      [i2.number, '待验证', ''],
    ]);
    expect(sheet.rows[0]?.values['来源']).toBe('意外事件 SJ-TEST-test-cc-9');
  });

  it('reminds the day before, escalates once when overdue, to the assignee and the site verifiers', async () => {
    t.clock.set('2026-07-01T02:00:00.000Z');
    const a = await addItem(head, 'test-cc-5', item({ dueDate: '2026-07-02' }));
    const done = await addItem(head, 'test-cc-5', item({ dueDate: '2026-07-02' }));
    ok(await step(tech, done, 'submit', { note: '当天完成' }));
    const later = await addItem(head, 'test-cc-5', item({ dueDate: '2026-07-10' }));
    const run = () => runActionReminders({ db: t.db, clock: t.clock, config: t.config, notifier: t.app.deps.notifier });

    await run();
    expect(await inbox(ids.tech, a.number)).toContain(`整改措施 ${a.number} 完成期限将到`);
    expect(await inbox(ids.tech, later.number)).toEqual([`整改措施 ${later.number} 请落实`]);
    expect(await run()).toEqual({ reminded: 0, overdue: 0 });

    t.clock.set('2026-07-03T02:00:00.000Z'); // 07-02 has passed in 长春
    // two processes ticking together: each notice is claimed once
    const [x, y] = await Promise.all([run(), run()]);
    expect(x.overdue + y.overdue).toBeGreaterThanOrEqual(1);
    for (const user of [ids.tech, ids.head, ids.property]) {
      expect((await inbox(user, a.number)).filter((m) => m.endsWith('已逾期未落实'))).toHaveLength(1);
    }
    // submitted on time: nothing is owed
    expect((await inbox(ids.tech, done.number)).filter((m) => m.includes('逾期') || m.includes('将到'))).toEqual([]);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', a.id)
      .where('action', 'like', 'notify_%')
      .execute();
    expect(audit.map((r) => r.action).sort()).toEqual(['notify_overdue', 'notify_remind']);
    // a new due date deserves new notices
    const moved = ok(await head.req('PUT', `/api/v1/actions/${a.id}`, { dueDate: '2026-07-04', version: a.version }));
    expect(moved.overdue).toBe(false);
    await run();
    expect((await inbox(ids.tech, a.number)).filter((m) => m.endsWith('完成期限将到'))).toHaveLength(2);
  });

  it('answers the calendar, the overview and the measures from the same records', async () => {
    t.clock.set('2026-08-01T02:00:00.000Z');
    const a = await addItem(head, 'test-cc-8', item({ dueDate: '2026-08-05' }));
    const b = await addItem(head, 'test-cc-8', item({ dueDate: '2026-08-03', kind: 'preventive' }));
    const c = await addItem(head, 'test-cc-8', item({ dueDate: '2026-08-10', kind: 'improvement' }));
    const d = await addItem(head, 'test-sy-8', {
      kind: 'corrective',
      title: '沈阳店灭火器',
      assigneeId: ids.techSy,
      dueDate: '2026-08-02',
    });
    const e = await addItem(head, 'test-cc-8', item({ dueDate: '2026-08-06' }));
    ok(await step(head, e, 'cancel', { reason: '重复' }));
    ok(await step(property, ok(await step(tech, b, 'submit', { note: '完成' })), 'verify'));
    t.clock.set('2026-08-11T02:00:00.000Z');
    ok(await step(property, ok(await step(tech, c, 'submit', { note: '晚了一天' })), 'verify'));
    const f = await addItem(head, 'test-cc-8', item({ dueDate: '2026-08-20' }));

    const from = '2026-08-01T00:00:00.000Z';
    const to = '2026-09-01T00:00:00.000Z';
    const period = `from=${from}&to=${to}&siteId=${cc}&siteId=${sy}`;
    const measures = await head.get<SummaryFactsResponse>(`/api/v1/safety/measures?${period}`);
    expect(measures.status).toBe(200);
    expect(measures.body.scope.sites.map((s) => s.name)).toEqual(['长春店', '沈阳店']);
    const fact = (key: string) => measures.body.facts.find((x) => x.key === key);
    // made in August (not cancelled): a, b, c, d, f; verified b (on time) and c (late)
    expect(fact('actions.total')?.value).toBe(5);
    expect(fact('actions.total')?.bySite?.map((s) => s.value)).toEqual([4, 1]);
    expect(fact('actions.verified')?.value).toBe(2);
    expect(fact('actions.on_time')?.value).toBe(1);
    expect(fact('actions.on_time_rate')?.value).toBe(50);
    // owed now, whenever made: counted independently from the table
    const owed = await t.db
      .selectFrom('action_items')
      .select(['site_id', 'status', 'due_date'])
      .where('site_id', 'in', [cc, sy])
      .where('status', 'in', ['open', 'submitted'])
      .execute();
    const today = '2026-08-11';
    for (const [i, site] of [cc, sy].entries()) {
      const here = owed.filter((r) => r.site_id === site);
      expect(fact('actions.open')?.bySite?.[i]?.value).toBe(here.length);
      expect(fact('actions.overdue')?.bySite?.[i]?.value).toBe(here.filter((r) => r.status === 'open' && r.due_date < today).length);
    }
    expect(fact('actions.overdue')?.value).toBeGreaterThanOrEqual(2); // a and d at least
    // every action-item count is the length of the list its link opens (each area checks its own links)
    const actionFigures = measures.body.facts.filter((y) => y.unit === 'count' && y.key.startsWith('actions.'));
    expect(actionFigures.map((y) => y.key)).toEqual([
      'actions.total',
      'actions.verified',
      'actions.on_time',
      'actions.open',
      'actions.overdue',
    ]);
    for (const x of actionFigures) {
      const listed = await head.get<Page<ActionItemDto>>(`${x.link.replace(/^\/safety\/actions\?/, '/api/v1/actions?')}&limit=200`);
      expect(listed.status, x.link).toBe(200);
      expect(listed.body.items.length, `${x.key} ${x.link}`).toBe(x.value);
    }

    const calendar = await head.get<SafetyCalendarDto>(
      `/api/v1/safety/calendar?from=${encodeURIComponent('2026-08-01T00:00:00+08:00')}&to=${encodeURIComponent('2026-09-01T00:00:00+08:00')}`,
    );
    expect(calendar.status).toBe(200);
    const actionEvents = calendar.body.events.filter((x) => x.kind === 'action');
    const due = await t.db
      .selectFrom('action_items')
      .select('id')
      .where('status', '<>', 'cancelled')
      .where('due_date', '>=', '2026-08-01')
      .where('due_date', '<=', '2026-08-31')
      .execute();
    expect(actionEvents.map((x) => x.id).sort()).toEqual(due.map((r) => r.id).sort());
    expect(actionEvents.find((x) => x.id === a.id)).toMatchObject({
      at: '2026-08-04T16:00:00.000Z',
      endAt: null,
      title: a.title,
      type: 'corrective',
      status: 'overdue',
      siteName: '长春店',
      link: '/incidents/test-cc-8',
    });
    expect(actionEvents.find((x) => x.id === b.id)?.status).toBe('verified');
    expect(actionEvents.map((x) => x.at)).toEqual([...actionEvents.map((x) => x.at)].sort());
    const ccOnly = await property.get<SafetyCalendarDto>(`/api/v1/safety/calendar?from=${from}&to=${to}`);
    expect(ccOnly.body.events.every((x) => x.siteId === cc)).toBe(true);
    expect(ccOnly.body.events.map((x) => x.id)).not.toContain(d.id);

    const overview = await head.get<SafetyOverviewDto>(`/api/v1/safety/overview?${period}`);
    expect(overview.status).toBe(200);
    const byKey = new Map(measures.body.facts.map((x) => [x.key, x]));
    const count = (key: string, siteId: string | null) => {
      const x = byKey.get(key);
      return (siteId === null ? x?.value : x?.bySite?.find((s) => s.siteId === siteId)?.value) ?? 0;
    };
    // each figure of the page is its area's fact, per site and in total (0 where an area has none)
    const mapped: [keyof SafetySiteCountsDto, string][] = [
      ['incidents', 'incidents.total'],
      ['incidentsAwaitingReview', 'incidents.awaiting_review'],
      ['alerts', 'security.alerts'],
      ['apprehended', 'security.apprehended'],
      ['drillsDone', 'drills.done'],
      ['drillsMissed', 'drills.missed'],
      ['drillsPlanned', 'drills.planned'],
      ['drillReportsFiled', 'drills.reports_filed'],
      ['trainingSessions', 'training.sessions'],
      ['trainingAttendance', 'training.attendance'],
      ['spotCheckAttempts', 'training.spot_checks.attempts'],
      ['etiquetteChecks', 'etiquette.checks'],
      ['actionsOpen', 'actions.open'],
      ['actionsOverdue', 'actions.overdue'],
    ];
    const expected = (siteId: string | null) => Object.fromEntries(mapped.map(([field, key]) => [field, count(key, siteId)]));
    expect(overview.body.total).toMatchObject({ siteId: null, ...expected(null) });
    expect(overview.body.sites.map((s) => s.siteName)).toEqual(['长春店', '沈阳店']);
    expect(overview.body.sites[0]).toMatchObject({ siteId: cc, ...expected(cc) });
    expect(overview.body.sites[1]).toMatchObject({ siteId: sy, ...expected(sy) });
    expect(overview.body.sites[0]?.actionsOverdue).toBeGreaterThanOrEqual(1);
    const upcoming = overview.body.upcoming.filter((x) => x.kind === 'action').map((x) => x.id);
    expect(upcoming).toContain(f.id);
    expect(upcoming).not.toContain(a.id);
    expect(upcoming).not.toContain(c.id);
    const overdueIds = overview.body.overdueActions.map((x) => x.id);
    expect(overdueIds).toEqual(expect.arrayContaining([a.id, d.id]));
    expect(overview.body.overdueActions.every((x) => x.overdue)).toBe(true);

    // the demo's month: the other areas' figures and events are gathered as they answer them
    const march = `from=${encodeURIComponent('2026-02-15T00:00:00.000Z')}&to=${encodeURIComponent('2026-04-01T00:00:00.000Z')}`;
    const demoFacts = new Map((await head.get<SummaryFactsResponse>(`/api/v1/safety/measures?${march}`)).body.facts.map((x) => [x.key, x]));
    const demo = (await head.get<SafetyOverviewDto>(`/api/v1/safety/overview?${march}`)).body;
    const demoCount = (key: string) => demoFacts.get(key)?.value ?? 0;
    expect(demo.total).toMatchObject(Object.fromEntries(mapped.map(([field, key]) => [field, demoCount(key)])));
    expect(mapped.filter(([field]) => !field.startsWith('actions') && Number(demo.total[field]) > 0).length).toBeGreaterThan(0);
    expect(demo.total.spotCheckPassRate).toBe(demoFacts.get('training.spot_checks.pass_rate')?.value ?? null);
    expect(demo.total.etiquetteAverage).toBe(demoFacts.get('etiquette.average_score')?.value ?? null);
    const orgId = (await t.db.selectFrom('sites').select('org_id').where('id', '=', cc).executeTakeFirstOrThrow()).org_id;
    // the head reads every site, as the system does
    const headCtx = {
      db: t.db,
      actor: systemActor(orgId),
      requestId: null,
      clock: t.clock,
      config: t.config,
      notifier: t.app.deps.notifier,
    };
    const range = { from: '2026-02-15T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', siteIds: 'all' as const };
    const others = [...(await drillEvents(headCtx, range)), ...(await trainingEvents(headCtx, range))];
    const demoCalendar = (await head.get<SafetyCalendarDto>(`/api/v1/safety/calendar?${march}`)).body.events;
    expect(
      demoCalendar
        .filter((x) => x.kind !== 'action')
        .map((x) => `${x.kind} ${x.id}`)
        .sort(),
    ).toEqual(others.map((x) => `${x.kind} ${x.id}`).sort());
    expect(demoCalendar.map((x) => x.at)).toEqual([...demoCalendar.map((x) => x.at)].sort());

    // property reads 长春店 only; the cleaner reads no safety records
    expect((await property.get(`/api/v1/safety/measures?from=${from}&to=${to}&siteId=${sy}`)).status).toBe(404);
    expect((await cleaner.get(`/api/v1/safety/overview?from=${from}&to=${to}`)).status).toBe(403);
    expect((await head.get(`/api/v1/safety/measures?from=${to}&to=${from}`)).status).toBe(400);
    const long = await head.get<ErrorBody>(`/api/v1/safety/calendar?from=2026-01-01T00:00:00Z&to=2027-06-01T00:00:00Z`);
    expect(message(long, 'to')).toBe('日历一次最多查询 400 天');
  });
});
