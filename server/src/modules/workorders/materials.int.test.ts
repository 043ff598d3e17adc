import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MaterialDto, WorkOrderDto } from '../../../../contracts/workorders.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { siteIdOf, userIdOf } from '../equipment/testing.js';
import type { MaterialList } from './materials.service.js';

type Err = { error: { code: string; details?: { fields?: { field: string }[] } } };

describe(`materials of a work order and its material cost (${ENGINE})`, () => {
  let t: TestApp;
  let requester: Client;
  let dispatcher: Client;
  let tech: Client;
  let techSy: Client;
  let wo: WorkOrderDto;

  beforeAll(async () => {
    t = await createTestApp();
    [requester, dispatcher, tech, techSy] = await Promise.all([
      login(t.app, 'requester'),
      login(t.app, 'dispatcher'),
      login(t.app, 'tech'),
      login(t.app, 'tech_sy'),
    ]);
    wo = (
      await requester.post<WorkOrderDto>('/api/v1/work-orders', {
        siteId: await siteIdOf(t.db, 'CC'),
        category: 'power',
        urgency: 'urgent',
        description: '照明灯不亮',
      })
    ).body;
    wo = (
      await dispatcher.post<WorkOrderDto>(`/api/v1/work-orders/${wo.id}/actions/dispatch`, {
        version: wo.version,
        assigneeId: await userIdOf(t.db, 'tech'),
      })
    ).body;
  });
  afterAll(() => t.close());

  const url = () => `/api/v1/work-orders/${wo.id}/materials`;
  const order = async () => (await tech.get<WorkOrderDto>(`/api/v1/work-orders/${wo.id}`)).body;
  const line = (body: Record<string, unknown>) =>
    tech.post<MaterialDto & Err>(url(), {
      name: 'LED 灯管',
      spec: 'T8 1.2m',
      quantity: 2,
      unit: '根',
      unitPrice: 1250,
      suppliedBy: 'department',
      ...body,
    });

  it('adds lines and keeps the department’s material cost on the order, bumping its version', async () => {
    const before = await order();
    const led = await line({});
    expect(led.status, JSON.stringify(led.body)).toBe(201);
    expect(led.body).toMatchObject({ name: 'LED 灯管', quantity: 2, unitPrice: 1250, suppliedBy: 'department', itemId: null, version: 1 });
    const byCounter = await line({ name: '镇流器', spec: null, quantity: 1, unit: '个', unitPrice: 3000, suppliedBy: 'counter' });
    expect(byCounter.status).toBe(201);
    const after = await order();
    expect(after.materialCost).toBe(2500);
    expect(after.version).toBe(before.version + 1); // the counter's line did not change the cost
    const list = (await requester.get<MaterialList>(url())).body;
    expect(list).toMatchObject({ totalAmount: 5500, materialCost: 2500 });
    expect(list.items.map((i) => i.amount)).toEqual([2500, 3000]);
    // an action with the version read before the material change is stale
    const stale = await tech.post<Err>(`/api/v1/work-orders/${wo.id}/actions/accept`, { version: before.version });
    expect(stale.body.error.code).toBe('STALE_VERSION');
  });

  it('validates every field with a Chinese message', async () => {
    const bad = await line({ name: ' ', unit: ' ', quantity: 1.0005 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details?.fields?.map((f) => f.field).sort()).toEqual(['name', 'quantity', 'unit']);
    expect((await line({ quantity: 0 })).status).toBe(400);
    expect((await line({ unitPrice: -1 })).status).toBe(400);
    expect((await line({ suppliedBy: 'nobody' })).status).toBe(400);
  });

  it('edits and deletes lines with versions, recomputing the cost each time', async () => {
    const items = (await tech.get<MaterialList>(url())).body.items;
    const counterLine = items.find((i) => i.suppliedBy === 'counter') as MaterialDto;
    const edited = await tech.patch<MaterialDto>(`${url()}/${counterLine.id}`, { version: 1, suppliedBy: 'department', quantity: 1.5 });
    expect(edited.body).toMatchObject({ suppliedBy: 'department', quantity: 1.5, version: 2 });
    expect((await order()).materialCost).toBe(2500 + 4500);
    expect((await tech.patch<Err>(`${url()}/${counterLine.id}`, { version: 1, quantity: 3 })).status).toBe(409);
    expect((await tech.req('DELETE', `${url()}/${counterLine.id}?version=2`)).status).toBe(200);
    expect((await order()).materialCost).toBe(2500);
    expect((await tech.get<MaterialList>(url())).body.items).toHaveLength(1);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', counterLine.id).orderBy('at').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
  });

  it('answers 404 to another store and 403 to the requester', async () => {
    expect((await techSy.get(url())).status).toBe(404);
    expect((await requester.post(url(), { name: 'x', quantity: 1, unit: '个', unitPrice: 1, suppliedBy: 'requester' })).status).toBe(403);
  });
});
