import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChecklistTemplateDto, ChecklistTemplateVersionDto } from '../../../../contracts/checklists.js';
import type { Page } from '../../../../contracts/types.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { orgIdOf } from '../equipment/testing.js';
import { findTemplate, seedTemplate } from './index.js';
import { CHILLER_ITEMS, createTemplate, type ErrorBody, type Template } from './testing.js';

describe(`checklist templates (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;
  let tech: Client;
  let property: Client;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
    tech = await login(t.app, 'tech');
    property = await login(t.app, 'property');
  });
  afterAll(() => t.close());

  const fields = (res: { body: ErrorBody }) => res.body.error.details?.fields ?? [];

  it('creates version 1, lists and exports it, and lets everyone signed in read it', async () => {
    const created = await createTemplate(admin, { code: 'T_CREATE' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ code: 'T_CREATE', purpose: 'maintenance', currentVersion: 1, active: true, version: 1 });
    // stored with only the fields each kind uses
    expect(created.body.items[0]).toEqual({
      key: 'belt',
      label: '皮带松紧与磨损',
      kind: 'pass_fail',
      required: true,
      hint: null,
      photoOnFail: false,
    });
    expect(created.body.items[2]).toMatchObject({ kind: 'number', unit: '°C', target: 7, tolerance: 1, min: null, max: null });

    // null stays null and 0 stays 0 through the request schema (type coercion must not swap them)
    const zero = await createTemplate(admin, {
      code: 'T_ZERO',
      items: [{ key: 'leak', label: '漏水量', kind: 'number', required: true, unit: 'L', min: 0, max: null, target: null }],
    });
    expect(zero.body.items[0]).toMatchObject({ min: 0, max: null, target: null, tolerance: null });

    const read = await tech.get<ChecklistTemplateDto>(`/api/v1/checklist-templates/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.items.map((i) => i.key)).toEqual(CHILLER_ITEMS.map((i) => i.key));
    const listed = await tech.get<Page<ChecklistTemplateDto>>('/api/v1/checklist-templates?q=T_CREATE');
    expect(listed.body.items.map((i) => i.code)).toEqual(['T_CREATE']);
    const xlsx = await admin.req('GET', '/api/v1/checklist-templates?format=xlsx&q=T_CREATE');
    expect(xlsx.status).toBe(200);
    expect(xlsx.raw.headers['content-type']).toContain('spreadsheetml');

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('entity', '=', 'checklist_template')
      .where('entity_id', '=', created.body.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('refuses templates to people without checklists:manage on every site', async () => {
    expect((await createTemplate(tech, { code: 'T_TECH' })).status).toBe(403);
    // 刘物业 manages checklists on 长春店 only: templates are the whole organisation's
    expect((await createTemplate(property, { code: 'T_PROPERTY' })).status).toBe(403);
  });

  it('names every problem of a template in Chinese', async () => {
    const empty = await createTemplate(admin, { code: 'bad code!', name: ' ', items: [] });
    expect(empty.status).toBe(400);
    expect(fields(empty)).toEqual([
      { field: 'code', message: '编码只能用字母、数字、下划线和短横线（1–40 位）' },
      { field: 'name', message: '请填写模板名称' },
      { field: 'items', message: '请至少添加一个检查项' },
    ]);
    const items = await createTemplate(admin, {
      code: 'T_BAD_ITEMS',
      items: [
        { key: 'a', label: '压力', kind: 'number', required: true, min: 1, target: 2, tolerance: 0.1 },
        { key: 'a', label: '', kind: 'text', required: false },
        { key: 'Bad-Key', label: '噪声', kind: 'choice', required: false, options: ['正常'], failOptions: ['异响'] },
        { key: 'temp', label: '温度', kind: 'number', required: true, min: 10, max: 5 },
      ],
    });
    expect(items.status).toBe(400);
    expect(fields(items)).toEqual([
      { field: 'items[0].target', message: '“目标值±允差”和“上下限”只能选一种' },
      { field: 'items[1].key', message: '编码 a 重复' },
      { field: 'items[1].label', message: '请填写检查项名称' },
      { field: 'items[2].key', message: '编码只能用小写字母、数字和下划线（1–40 位）' },
      { field: 'items[2].options', message: '选择题至少要有两个选项' },
      { field: 'items[2].failOptions', message: '不合格选项必须是选项之一' },
      { field: 'items[3].max', message: '上限不能小于下限' },
    ]);
  });

  it('answers 409 for a code already used in the organisation', async () => {
    expect((await createTemplate(admin, { code: 'T_DUP' })).status).toBe(201);
    const dup = await createTemplate(admin, { code: 'T_DUP', name: '另一个' });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'DUPLICATE', message: '检查表模板编码 T_DUP 已被使用' });
    const other = (await createTemplate(admin, { code: 'T_DUP2' })).body;
    const renamed = await admin.req<Template>('PUT', `/api/v1/checklist-templates/${other.id}`, { ...body(other), code: 'T_DUP' });
    expect(renamed.status).toBe(409);
  });

  const body = (tpl: ChecklistTemplateDto) => ({
    code: tpl.code,
    name: tpl.name,
    purpose: tpl.purpose,
    description: tpl.description,
    items: tpl.items,
    version: tpl.version,
  });

  it('makes a new version only when the items change, keeps the old ones readable, and refuses a stale save', async () => {
    const v1 = (await createTemplate(admin, { code: 'T_VERSIONS' })).body;
    const renamed = await admin.req<Template>('PUT', `/api/v1/checklist-templates/${v1.id}`, {
      ...body(v1),
      name: '冷水机组月度保养（新）',
      description: null,
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({ name: '冷水机组月度保养（新）', description: null, currentVersion: 1, version: 2 });

    const stale = await admin.req<Template>('PUT', `/api/v1/checklist-templates/${v1.id}`, { ...body(v1), name: '旧页面' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');

    const items = [...renamed.body.items.slice(0, 2), { key: 'oil', label: '油位', kind: 'pass_fail', required: true }];
    const v2 = await admin.req<Template>('PUT', `/api/v1/checklist-templates/${v1.id}`, { ...body(renamed.body), items });
    expect(v2.status).toBe(200);
    expect(v2.body).toMatchObject({ currentVersion: 2, version: 3 });
    expect(v2.body.items.map((i) => i.key)).toEqual(['belt', 'pressure', 'oil']);

    const versions = await tech.get<ChecklistTemplateVersionDto[]>(`/api/v1/checklist-templates/${v1.id}/versions`);
    expect(versions.body.map((v) => [v.templateVersion, v.items.length, v.createdByName])).toEqual([
      [2, 3, '系统管理员'],
      [1, 6, '系统管理员'],
    ]);
    const first = await tech.get<ChecklistTemplateVersionDto>(`/api/v1/checklist-templates/${v1.id}/versions/1`);
    expect(first.body.items.map((i) => i.key)).toEqual(CHILLER_ITEMS.map((i) => i.key));
    expect((await tech.get(`/api/v1/checklist-templates/${v1.id}/versions/3`)).status).toBe(404);
  });

  it('deactivates and reactivates, filtered by active and purpose', async () => {
    const tpl = (await createTemplate(admin, { code: 'T_ACTIVE', purpose: 'fire' })).body;
    const off = await admin.post<Template>(`/api/v1/checklist-templates/${tpl.id}/active`, { active: false, version: tpl.version });
    expect(off.body).toMatchObject({ active: false, version: 2 });
    const inactive = await admin.get<Page<ChecklistTemplateDto>>('/api/v1/checklist-templates?active=0&purpose=fire');
    expect(inactive.body.items.map((i) => i.code)).toContain('T_ACTIVE');
    const activeFire = await admin.get<Page<ChecklistTemplateDto>>('/api/v1/checklist-templates?active=1&purpose=fire');
    expect(activeFire.body.items.map((i) => i.code)).not.toContain('T_ACTIVE');
    expect((await admin.post(`/api/v1/checklist-templates/${tpl.id}/active`, { active: true, version: 1 })).status).toBe(409);
    const on = await admin.post<Template>(`/api/v1/checklist-templates/${tpl.id}/active`, { active: true, version: 2 });
    expect(on.body.active).toBe(true);
    expect(await findTemplate(t.db, await orgIdOf(t.db), tpl.id)).toEqual({
      id: tpl.id,
      name: tpl.name,
      active: true,
      currentVersion: 1,
    });
  });

  it('seeds a template once, keeping an edited one, and refuses a bad seed', async () => {
    const orgId = await orgIdOf(t.db);
    const input = { code: 'SEED_FIRE_D', name: '消防日检', purpose: 'fire' as const, items: CHILLER_ITEMS.slice(0, 1) };
    const id = await t.db.transaction().execute((tx) => seedTemplate(tx, orgId, input, t.clock.now()));
    const again = await t.db.transaction().execute((tx) => seedTemplate(tx, orgId, { ...input, name: '改了' }, t.clock.now()));
    expect(again).toBe(id);
    expect((await admin.get<ChecklistTemplateDto>(`/api/v1/checklist-templates/${id}`)).body).toMatchObject({
      name: '消防日检',
      currentVersion: 1,
    });
    await expect(
      t.db.transaction().execute((tx) => seedTemplate(tx, orgId, { ...input, code: 'SEED_BAD', items: [] }, t.clock.now())),
    ).rejects.toThrow('请至少添加一个检查项');
  });

  it('answers 404 for an unknown template', async () => {
    expect((await tech.get('/api/v1/checklist-templates/00000000000000000000000000')).status).toBe(404);
    expect((await tech.get('/api/v1/checklist-templates/00000000000000000000000000/versions')).status).toBe(404);
  });
});
