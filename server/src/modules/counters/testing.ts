import type { Client, TestApp } from '../../../test/harness.js';
import { newId } from '../../platform/db/ids.js';
import { orgIdOf } from '../equipment/testing.js';
import type { CounterDto, NoticeDto } from './dto.js';
import { seedCounterDefaults } from './seed.defaults.js';

/**
 * Test fixtures of the counters module: the module's defaults (until the bootstrap
 * runs them itself), counters made through the API, and work-order material and
 * labour lines written straight into their tables — the statement only reads them.
 */
export async function seedDefaults(t: TestApp): Promise<void> {
  const orgId = await orgIdOf(t.db);
  await t.db.transaction().execute((tx) => seedCounterDefaults(tx, orgId, t.clock.now().toISOString()));
}

export type ErrorBody = { error: { code: string; details?: { fields?: { field: string }[]; status?: string; action?: string } } };

export async function createCounter(c: Client, siteId: string, code: string, members: string[] = []): Promise<CounterDto> {
  const res = await c.post<CounterDto>('/api/v1/counters', {
    siteId,
    code,
    name: `专柜${code}`,
    contactName: '店长',
    contactPhone: '13900000000',
  });
  if (res.status !== 201) throw new Error(`creating counter ${code} failed: ${res.status} ${JSON.stringify(res.body)}`);
  if (!members.length) return res.body;
  const added = await c.post<CounterDto>(`/api/v1/counters/${res.body.id}/members`, { userIds: members });
  if (added.status !== 200) throw new Error(`adding members failed: ${added.status} ${JSON.stringify(added.body)}`);
  return added.body;
}

export async function issue(c: Client, counterId: string, deadline: string, body: Record<string, unknown> = {}): Promise<NoticeDto> {
  const res = await c.post<NoticeDto>('/api/v1/counter-notices', {
    counterId,
    description: '柜台灯箱破损，电线外露',
    requirement: '更换灯箱面板，线路穿管',
    deadline,
    ...body,
  });
  if (res.status !== 201) throw new Error(`issuing a notice failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function addMaterial(
  t: TestApp,
  workOrderId: string,
  line: {
    name: string;
    quantity: number;
    unitPrice: number;
    suppliedBy: 'counter' | 'department' | 'requester' | 'vendor';
    deleted?: boolean;
  },
): Promise<void> {
  const now = t.clock.now().toISOString();
  await t.db
    .insertInto('work_order_materials')
    .values({
      id: newId(),
      org_id: await orgIdOf(t.db),
      work_order_id: workOrderId,
      name: line.name,
      spec: null,
      quantity: line.quantity,
      unit: '个',
      unit_price: line.unitPrice,
      supplied_by: line.suppliedBy,
      item_id: null,
      deleted_at: line.deleted ? now : null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export async function addLabour(
  t: TestApp,
  workOrderId: string,
  userId: string,
  minutes: number,
  kind: 'effective' | 'travel' | 'waiting' = 'effective',
): Promise<void> {
  const now = t.clock.now().toISOString();
  await t.db
    .insertInto('work_order_labour')
    .values({
      id: newId(),
      org_id: await orgIdOf(t.db),
      work_order_id: workOrderId,
      user_id: userId,
      kind,
      started_at: null,
      ended_at: null,
      minutes,
      note: null,
      deleted_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}
