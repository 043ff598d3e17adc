import type { ChecklistItem, ChecklistResultDto, ChecklistTemplateDto } from '../../../../contracts/checklists.js';
import type { WorkOrderDto } from '../../../../contracts/workorders.js';
import { type Client, login, type TestApp } from '../../../test/harness.js';
import { systemActor } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import { orgIdOf } from '../equipment/testing.js';
import { intake } from '../workorders/index.js';
import { attachChecklist } from './results.service.js';

/**
 * Test fixtures of the checklist engine: a template made through the API, and a
 * maintenance work order with a draft checklist made the way the maintenance module
 * makes one (intake with kind 'maintenance', then attachChecklist), without needing it.
 */
export type ErrorBody = {
  error: { code: string; message: string; details?: { fields?: { field: string; message: string }[]; status?: string } };
};
export type Template = ChecklistTemplateDto & ErrorBody;
export type ChecklistAnswerBody = { result: ChecklistResultDto | null } & ErrorBody;

/** A chiller check: pass/fail with a photo on failure, a number in a band, a target ± tolerance, a choice, a signature. */
export const CHILLER_ITEMS: ChecklistItem[] = [
  { key: 'belt', label: '皮带松紧与磨损', kind: 'pass_fail', required: true, photoOnFail: false },
  { key: 'pressure', label: '冷冻水供水压力', kind: 'number', required: true, unit: 'MPa', min: 0.2, max: 0.4 },
  { key: 'supply_temp', label: '冷冻水出水温度', kind: 'number', required: true, unit: '°C', target: 7, tolerance: 1 },
  { key: 'noise', label: '运行噪声', kind: 'choice', required: false, options: ['正常', '偏大', '异响'], failOptions: ['异响'] },
  { key: 'remark', label: '其他情况', kind: 'text', required: false },
  { key: 'signer', label: '保养人签名', kind: 'signature', required: true },
];

export function createTemplate(c: Client, body: Record<string, unknown> = {}) {
  return c.post<Template>('/api/v1/checklist-templates', {
    code: 'CHILLER_M',
    name: '冷水机组月度保养',
    purpose: 'maintenance',
    description: '每月一次',
    items: CHILLER_ITEMS,
    ...body,
  });
}

async function systemCtx(t: TestApp): Promise<Ctx> {
  const { notifier, config } = t.app.deps;
  return { db: t.db, actor: systemActor(await orgIdOf(t.db)), requestId: null, clock: t.clock, config, notifier };
}

/** A maintenance work order on `siteId` dispatched to `assigneeId`, with a draft checklist of `templateId`. */
export async function maintenanceOrder(
  t: TestApp,
  opts: { siteId: string; templateId: string; assigneeId: string | null; teamId?: string | null; category?: string },
): Promise<{ id: string; number: string }> {
  const ctx = await systemCtx(t);
  return t.db.transaction().execute(async (tx) => {
    const row = await intake(
      ctx,
      tx,
      {
        siteId: opts.siteId,
        category: opts.category ?? 'hvac',
        urgency: 'normal',
        description: '冷水机组月度保养',
        kind: 'maintenance',
        sourceType: 'maintenance_plan',
        sourceId: null,
        assignTo: { teamId: opts.teamId ?? null, assigneeId: opts.assigneeId, actorName: '保养计划' },
      },
      { channel: 'maintenance', requesterId: null, ownerId: null, actorName: '保养计划' },
    );
    await attachChecklist(ctx, tx, { type: 'work_order', id: row.id, siteId: row.site_id }, opts.templateId);
    return { id: row.id, number: row.number };
  });
}

/** Takes a work order step by step with the versions each step returns; fails loudly on a refusal. */
export async function steps(c: Client, id: string, actions: [string, Record<string, unknown>?][]): Promise<WorkOrderDto> {
  let wo = (await c.get<WorkOrderDto>(`/api/v1/work-orders/${id}`)).body;
  for (const [action, body] of actions) {
    const res = await c.post<WorkOrderDto>(`/api/v1/work-orders/${id}/actions/${action}`, { version: wo.version, ...body });
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
    wo = res.body;
  }
  return wo;
}

/** A tiny PNG the upload accepts. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(24, 1)]);

/** Uploads a photo to a checklist result (ownerType checklist_result), as the phone page does. */
export function uploadPhoto(c: Client, resultId: string) {
  const boundary = `----houqin${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="ownerType"\r\n\r\nchecklist_result\r\n`),
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="ownerId"\r\n\r\n${resultId}\r\n`),
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="belt.png"\r\ncontent-type: image/png\r\n\r\n`),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return c.req<{ id: string } & ErrorBody>('POST', '/api/v1/attachments', body, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
  });
}

/** A second technician of `siteId`, on no team and no order. */
export async function otherTechnician(t: TestApp, admin: Client, siteId: string, username: string): Promise<Client> {
  const role = await t.db.selectFrom('roles').select('id').where('code', '=', 'technician').executeTakeFirstOrThrow();
  const password = 'Tech2026chk';
  const user = await admin.post<{ id: string }>('/api/v1/users', { username, name: `维修${username}`, password });
  if (user.status !== 201) throw new Error(`user: ${user.status} ${JSON.stringify(user.body)}`);
  const grant = await admin.post(`/api/v1/users/${user.body.id}/memberships`, { roleId: role.id, siteId });
  if (grant.status !== 201) throw new Error(`membership: ${grant.status} ${JSON.stringify(grant.body)}`);
  return login(t.app, username, password);
}
