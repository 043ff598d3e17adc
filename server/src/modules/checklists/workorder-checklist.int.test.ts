import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChecklistAnswer, ChecklistResultDto, ChecklistTemplateDto } from '../../../../contracts/checklists.js';
import type { WorkOrderDto } from '../../../../contracts/workorders.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { siteIdOf, userIdOf } from '../equipment/testing.js';
import { checklistResultOf } from './index.js';
import {
  CHILLER_ITEMS,
  type ChecklistAnswerBody,
  createTemplate,
  type ErrorBody,
  maintenanceOrder,
  otherTechnician,
  steps,
  uploadPhoto,
} from './testing.js';

describe(`work-order checklists (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;
  let dispatcher: Client;
  let tech: Client;
  let techSy: Client;
  let tech2: Client;
  let cc: string;
  let techId: string;
  let template: ChecklistTemplateDto;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
    dispatcher = await login(t.app, 'dispatcher');
    tech = await login(t.app, 'tech');
    techSy = await login(t.app, 'tech_sy');
    cc = await siteIdOf(t.db, 'CC');
    techId = await userIdOf(t.db, 'tech');
    tech2 = await otherTechnician(t, admin, cc, 'tech_cc2');
    const created = await createTemplate(admin, {
      items: CHILLER_ITEMS.map((i) => (i.key === 'belt' ? { ...i, photoOnFail: true } : i)),
    });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    template = created.body;
  });
  afterAll(() => t.close());

  const url = (id: string) => `/api/v1/work-orders/${id}/checklist`;
  const read = (c: Client, id: string) => c.get<ChecklistAnswerBody>(url(id));
  const save = (c: Client, id: string, result: ChecklistResultDto, answers: ChecklistAnswer[], submit: boolean) =>
    c.req<ChecklistAnswerBody>('PUT', url(id), { answers, submit, version: result.version });
  const fieldsOf = (res: { body: ErrorBody }) => res.body.error.details?.fields ?? [];
  const current = async (c: Client, id: string) => (await read(c, id)).body.result as ChecklistResultDto;

  it('fills a draft, refuses finishing before submit, turns two findings into repair orders, and keeps the version used', async () => {
    const order = await maintenanceOrder(t, { siteId: cc, templateId: template.id, assigneeId: techId });
    const attached = await read(tech, order.id);
    expect(attached.status).toBe(200);
    expect(attached.body.result).toMatchObject({
      subjectType: 'work_order',
      subjectId: order.id,
      templateCode: 'CHILLER_M',
      templateVersion: 1,
      status: 'draft',
      // dispatched, not yet accepted
      canFill: false,
    });
    await steps(tech, order.id, [['accept'], ['arrive'], ['start']]);
    let result = await current(tech, order.id);
    expect(result.canFill).toBe(true);

    // the template changes while the order is open: the order keeps the version it was given
    const changed = await admin.req<ChecklistTemplateDto>('PUT', `/api/v1/checklist-templates/${template.id}`, {
      code: template.code,
      name: template.name,
      purpose: template.purpose,
      description: template.description,
      items: [...template.items, { key: 'oil', label: '油位', kind: 'pass_fail', required: true }],
      version: template.version,
    });
    expect(changed.body.currentVersion).toBe(2);
    result = await current(tech, order.id);
    expect(result.templateVersion).toBe(1);
    expect(result.items.map((i) => i.key)).toEqual(CHILLER_ITEMS.map((i) => i.key));

    // a draft keeps what is there without asking for the rest
    const draft = await save(tech, order.id, result, [{ key: 'belt', value: 'fail' }], false);
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    expect(draft.body.result).toMatchObject({ status: 'draft', answers: [{ key: 'belt', value: 'fail' }], filledByName: '张维修' });
    expect((await save(tech, order.id, result, [], false)).body.error.code).toBe('STALE_VERSION');
    result = draft.body.result as ChecklistResultDto;

    const wo = (await tech.get<WorkOrderDto>(`/api/v1/work-orders/${order.id}`)).body;
    const early = await tech.post<ErrorBody>(`/api/v1/work-orders/${order.id}/actions/finish`, { version: wo.version, result: '保养完成' });
    expect(early.status).toBe(400);
    expect(early.body.error.message).toBe('请先填写并提交保养检查表');
    expect(fieldsOf(early)).toEqual([{ field: 'checklist', message: '检查表未提交' }]);

    // submitting asks for every required item, a number where a number belongs, the photo of a failure
    const incomplete = await save(
      tech,
      order.id,
      result,
      [
        { key: 'belt', value: 'fail' },
        { key: 'pressure', value: '很高' },
      ],
      true,
    );
    expect(incomplete.status).toBe(400);
    expect(fieldsOf(incomplete)).toEqual([
      { field: 'answers.belt', message: '皮带松紧与磨损：不合格时须拍照留证' },
      { field: 'answers.pressure', message: '冷冻水供水压力：请填写数字' },
      { field: 'answers.supply_temp', message: '冷冻水出水温度：此项必填' },
      { field: 'answers.signer', message: '保养人签名：请签名' },
    ]);
    const unknownPhoto = await save(
      tech,
      order.id,
      result,
      [{ key: 'belt', value: 'fail', photoIds: ['00000000000000000000000000'] }],
      false,
    );
    expect(fieldsOf(unknownPhoto)).toEqual([{ field: 'answers.belt', message: '照片不存在或已删除，请重新上传' }]);

    const photo = await uploadPhoto(tech, result.id);
    expect(photo.status, JSON.stringify(photo.body)).toBe(201);
    const answers: ChecklistAnswer[] = [
      { key: 'belt', value: 'fail', photoIds: [photo.body.id], note: '皮带开裂' },
      { key: 'pressure', value: 0.5 },
      { key: 'supply_temp', value: 7.6 },
      { key: 'noise', value: '正常' },
      { key: 'signer', value: '张维修' },
    ];
    const submitted = await save(tech, order.id, result, answers, true);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const done = submitted.body.result as ChecklistResultDto;
    expect(done).toMatchObject({ status: 'submitted', canFill: false, templateVersion: 1 });
    expect(done.submittedAt).not.toBeNull();
    expect(done.findings).toEqual([
      { key: 'belt', label: '皮带松紧与磨损', reason: 'failed', value: 'fail', expected: null, note: '皮带开裂' },
      { key: 'pressure', label: '冷冻水供水压力', reason: 'above_max', value: 0.5, expected: '0.2–0.4 MPa', note: null },
    ]);
    expect(done.followUps.map((f) => f.key)).toEqual(['belt', 'pressure']);

    const repairs = await Promise.all(done.followUps.map(async (f) => (await admin.get<WorkOrderDto>(`/api/v1/work-orders/${f.id}`)).body));
    for (const [i, repair] of repairs.entries()) {
      expect(repair).toMatchObject({
        number: done.followUps[i]?.number,
        kind: 'repair',
        channel: 'maintenance',
        siteId: cc,
        category: 'hvac',
        urgency: 'normal',
        sourceType: 'checklist_finding',
        sourceId: done.id,
        requesterId: null,
      });
    }
    expect(repairs.map((r) => r.description)).toEqual([
      `保养检查发现：皮带松紧与磨损（实测 不合格，标准 合格），来自工单 ${order.number}；备注：皮带开裂`,
      `保养检查发现：冷冻水供水压力（实测 0.5 MPa，标准 0.2–0.4 MPa），来自工单 ${order.number}`,
    ]);

    const again = await save(tech, order.id, done, answers, false);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('检查表已提交，不能再修改');

    const finished = await steps(tech, order.id, [['finish', { result: '保养完成，皮带待更换' }]]);
    expect(finished.status).toBe('resolved');

    const stored = await checklistResultOf(t.db, 'work_order', order.id);
    expect(stored?.status).toBe('submitted');
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'checklist_result')
      .where('entity_id', '=', done.id)
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'submit']);
  });

  it('lets a dispatcher of the site fill it, and submits a clean checklist without follow-ups', async () => {
    const order = await maintenanceOrder(t, { siteId: cc, templateId: template.id, assigneeId: techId });
    // the order now gets the template's current version 2
    await steps(tech, order.id, [['accept']]);
    const result = await current(dispatcher, order.id);
    expect(result).toMatchObject({ templateVersion: 2, canFill: true });
    const answers: ChecklistAnswer[] = [
      { key: 'belt', value: 'pass' },
      { key: 'pressure', value: 0.3 },
      { key: 'supply_temp', value: 6 },
      { key: 'noise', value: '偏大' },
      { key: 'signer', value: '李调度' },
      { key: 'oil', value: 'na' },
    ];
    const submitted = await save(dispatcher, order.id, result, answers, true);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.result).toMatchObject({ status: 'submitted', findings: [], followUps: [] });
  });

  it('refuses a technician not on the order, a technician of another site, and an order not being worked on', async () => {
    const order = await maintenanceOrder(t, { siteId: cc, templateId: template.id, assigneeId: techId });
    const dispatched = await current(tech, order.id);
    const notYet = await save(tech, order.id, dispatched, [], false);
    expect(notYet.status).toBe(409);
    expect(notYet.body.error.code).toBe('CONFLICT');
    await steps(tech, order.id, [['accept']]);
    const result = await current(tech, order.id);

    const other = await read(tech2, order.id);
    expect(other.status).toBe(200);
    expect(other.body.result?.canFill).toBe(false);
    const refused = await save(tech2, order.id, result, [{ key: 'belt', value: 'pass' }], false);
    expect(refused.status).toBe(403);
    expect((await uploadPhoto(tech2, result.id)).status).toBe(403);

    // 沈阳店's technician cannot see a 长春店 order or its checklist at all
    expect((await read(techSy, order.id)).status).toBe(404);
    expect((await save(techSy, order.id, result, [], false)).status).toBe(404);
    expect((await uploadPhoto(techSy, result.id)).status).toBe(404);
    expect((await current(tech, order.id)).version).toBe(result.version);
  });

  it('answers null for an order without a checklist, and lets it finish', async () => {
    const created = await admin.post<WorkOrderDto>('/api/v1/work-orders', {
      siteId: cc,
      category: 'plumbing',
      urgency: 'normal',
      description: '洗手间水龙头漏水',
    });
    expect((await read(tech, created.body.id)).body).toEqual({ result: null });
    expect((await save(admin, created.body.id, { version: 1 } as ChecklistResultDto, [], false)).status).toBe(404);
    await steps(admin, created.body.id, [['dispatch', { assigneeId: techId }]]);
    const finished = await steps(tech, created.body.id, [['accept'], ['arrive'], ['start'], ['finish', { result: '更换阀芯' }]]);
    expect(finished.status).toBe('resolved');
  });
});
