import type { WorkOrderDto } from '../../../../contracts/workorders.js';
import { assertCan } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { updateVersioned } from '../../platform/db/records.js';
import { AppError } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { findAssetsByIds } from '../equipment/index.js';
import { isActiveDictionaryCode } from '../system/index.js';
import { afterTransition } from './hooks.js';
import { insertEvent, type WorkOrderRow } from './repository.js';
import { getWorkOrder, getWorkOrderRow } from './service.js';
import { STATUS_LABELS } from './state.js';

/** 首问负责制: any clerk may take a request; they are shown as its owner until it closes. */
export async function takeOwnership(ctx: Ctx, id: string, version: number): Promise<WorkOrderDto> {
  const { row } = await getWorkOrderRow(ctx, id);
  assertCan(ctx, 'workorders:dispatch', row.site_id);
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'work_orders', id, version, { owner_id: ctx.actor.userId }, at);
    await insertEvent(tx, { orgId: row.org_id, workOrderId: id, at, actorId: ctx.actor.userId, actorName: ctx.actor.name, action: 'take' });
    await writeAudit(ctx, tx, {
      entity: 'work_order',
      entityId: id,
      action: 'take',
      siteId: row.site_id,
      before: { owner_id: row.owner_id },
      after: { owner_id: ctx.actor.userId },
    });
  });
  return getWorkOrder(ctx, id);
}

export interface EditInput {
  version: number;
  category?: string;
  urgency?: string;
  locationId?: string | null;
  assetId?: string | null;
  description?: string;
  appointmentAt?: string | null;
  requesterName?: string | null;
  requesterPhone?: string | null;
  requesterDepartment?: string | null;
}

/** Corrects the request while the work is open (clerks only); closed orders are history. */
export async function editWorkOrder(ctx: Ctx, id: string, input: EditInput): Promise<WorkOrderDto> {
  const { row } = await getWorkOrderRow(ctx, id);
  assertCan(ctx, 'workorders:dispatch', row.site_id);
  if (['completed', 'rated', 'cancelled'].includes(row.status)) {
    throw new AppError('ILLEGAL_TRANSITION', `工单${STATUS_LABELS[row.status]}，不能修改`, { status: row.status, action: 'edit' });
  }
  const check = new FieldCheck();
  const orgId = ctx.actor.orgId;
  if (input.category !== undefined && !(await isActiveDictionaryCode(ctx.db, orgId, 'repair_category', input.category))) {
    check.add('category', '请选择有效的报修类别');
  }
  if (input.urgency !== undefined && !(await isActiveDictionaryCode(ctx.db, orgId, 'urgency', input.urgency)))
    check.add('urgency', '请选择有效的紧急程度');
  if (input.description !== undefined && !input.description.trim()) check.add('description', '请描述故障情况');
  if (input.locationId) {
    const loc = await ctx.db
      .selectFrom('locations')
      .select('site_id')
      .where('org_id', '=', orgId)
      .where('id', '=', input.locationId)
      .executeTakeFirst();
    if (!loc || loc.site_id !== row.site_id) check.add('locationId', '位置不存在或不属于该场所');
  }
  if (input.assetId) {
    const [asset] = await findAssetsByIds(ctx.db, orgId, [input.assetId]);
    if (!asset || asset.site_id !== row.site_id) check.add('assetId', '设备不存在或不属于该场所');
  }
  check.throwIfAny();
  const patch: Partial<WorkOrderRow> = {};
  if (input.category !== undefined) patch.category = input.category;
  if (input.urgency !== undefined) patch.urgency = input.urgency;
  if (input.locationId !== undefined) patch.location_id = input.locationId;
  if (input.assetId !== undefined) patch.asset_id = input.assetId;
  if (input.description !== undefined) patch.description = input.description.trim();
  if (input.appointmentAt !== undefined) patch.appointment_at = input.appointmentAt ? new Date(input.appointmentAt).toISOString() : null;
  if (input.requesterName !== undefined) patch.requester_name = input.requesterName?.trim() || null;
  if (input.requesterPhone !== undefined) patch.requester_phone = input.requesterPhone?.trim() || null;
  if (input.requesterDepartment !== undefined) patch.requester_department = input.requesterDepartment?.trim() || null;
  const at = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'work_orders', id, input.version, patch, at);
    const after = { ...row, ...patch, version: input.version + 1, updated_at: at };
    await writeAudit(ctx, tx, { entity: 'work_order', entityId: id, action: 'update', siteId: row.site_id, before: row, after });
    await insertEvent(tx, {
      orgId,
      workOrderId: id,
      at,
      actorId: ctx.actor.userId,
      actorName: ctx.actor.name,
      action: 'edit',
      data: { fields: Object.keys(patch) },
    });
    if (patch.category !== undefined || patch.urgency !== undefined) await afterTransition(ctx, tx, row, after, null);
  });
  return getWorkOrder(ctx, id);
}
