import { randomBytes } from 'node:crypto';
import type { Page } from '../../../../contracts/types.js';
import type { Channel, WorkOrderDto, WorkOrderEventDto } from '../../../../contracts/workorders.js';
import { hasPermission } from '../../platform/access/actor.js';
import { assertCan } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { AppError, forbidden } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import { counterIdsOfUser } from '../counters/index.js';
import { findAssetsByIds } from '../equipment/index.js';
import { getLocation, getSite, locationPathNames } from '../org/index.js';
import { activeDictionaryPairs } from '../system/index.js';
import { type AssignTo, afterCreate } from './hooks.js';
import { type ActorView, actionsFor, actorView, assertVisible, isWorker } from './policy.js';
import {
  findWorkOrderListRow,
  findWorkOrderRow,
  insertEvent,
  listEvents,
  listWorkOrders,
  timersOf,
  type WorkOrderFilter,
  type WorkOrderListRow,
  type WorkOrderRow,
} from './repository.js';
import { timerContextOf, timerDtos } from './sla.timers.js';

export interface IntakeInput {
  siteId: string;
  locationId?: string | null;
  assetId?: string | null;
  category: string;
  urgency: string;
  description: string;
  appointmentAt?: string | null;
  requesterName?: string | null;
  requesterPhone?: string | null;
  requesterDepartment?: string | null;
  counterId?: string | null;
  kind?: WorkOrderRow['kind'];
  sourceType?: string | null;
  sourceId?: string | null;
  /** dispatch straight to this team or person (a maintenance plan's), instead of the dispatch rules */
  assignTo?: AssignTo | null;
}

/** channels a clerk records for someone else; a logged-in reporter's own request is 'web' */
const CLERK_CHANNELS: ReadonlySet<Channel> = new Set(['phone', 'hotline', 'walk_in']);

/**
 * The one intake every channel goes through (QR page, form, clerk, patrol, maintenance,
 * vendor counter): validates, numbers, records the first event, then lets automatic
 * dispatch and the deadline timers run — all in the caller's transaction.
 */
export async function intake(
  ctx: Ctx,
  tx: Tx,
  input: IntakeInput,
  meta: { channel: Channel; requesterId: string | null; ownerId: string | null; actorName?: string },
): Promise<WorkOrderRow> {
  const check = new FieldCheck();
  const orgId = ctx.actor.orgId;
  const active = await activeDictionaryPairs(tx, orgId, [
    { type: 'repair_category', code: input.category },
    { type: 'urgency', code: input.urgency },
  ]);
  if (!active.has(`repair_category:${input.category}`)) check.add('category', '请选择有效的报修类别');
  if (!active.has(`urgency:${input.urgency}`)) check.add('urgency', '请选择有效的紧急程度');
  if (!input.description.trim()) check.add('description', '请描述故障情况');
  let locationId = input.locationId ?? null;
  if (input.assetId) {
    const [asset] = await findAssetsByIds(tx, orgId, [input.assetId]);
    if (!asset || asset.site_id !== input.siteId) check.add('assetId', '设备不存在或不属于该场所');
    else locationId ??= asset.location_id;
  }
  if (locationId) {
    const loc = await tx
      .selectFrom('locations')
      .select(['site_id'])
      .where('org_id', '=', orgId)
      .where('id', '=', locationId)
      .executeTakeFirst();
    if (!loc || loc.site_id !== input.siteId) check.add('locationId', '位置不存在或不属于该场所');
  }
  if (input.appointmentAt && Number.isNaN(Date.parse(input.appointmentAt))) check.add('appointmentAt', '预约时间格式不正确');
  if (input.requesterPhone && !/^[0-9+\-() ]{5,20}$/.test(input.requesterPhone)) check.add('requesterPhone', '联系电话格式不正确');
  check.throwIfAny();

  const now = ctx.clock.now();
  const at = now.toISOString();
  const row: WorkOrderRow = {
    id: newId(),
    org_id: orgId,
    site_id: input.siteId,
    number: await nextNumber(tx, { orgId, ruleCode: 'WX', siteId: input.siteId, at: now }),
    kind: input.kind ?? (input.counterId ? 'counter_repair' : 'repair'),
    channel: meta.channel,
    status: 'pending',
    pause_reason: null,
    category: input.category,
    urgency: input.urgency,
    location_id: locationId,
    asset_id: input.assetId ?? null,
    description: input.description.trim(),
    requester_id: meta.requesterId,
    requester_name: input.requesterName?.trim() || null,
    requester_phone: input.requesterPhone?.trim() || null,
    requester_department: input.requesterDepartment?.trim() || null,
    counter_id: input.counterId ?? null,
    appointment_at: input.appointmentAt ? new Date(input.appointmentAt).toISOString() : null,
    owner_id: meta.ownerId,
    team_id: null,
    assignee_id: null,
    in_pool: 0,
    dispatched_at: null,
    accepted_at: null,
    arrived_at: null,
    started_at: null,
    paused_at: null,
    paused_ms: 0,
    resolved_at: null,
    completed_at: null,
    cancelled_at: null,
    cancel_reason: null,
    rework_count: 0,
    cause: null,
    result: null,
    rating_attitude: null,
    rating_quality: null,
    rating_efficiency: null,
    rating_comment: null,
    rated_at: null,
    material_cost: 0,
    sla_policy_id: null,
    source_type: input.sourceType ?? null,
    source_id: input.sourceId ?? null,
    tracking_token: randomBytes(18).toString('base64url'),
    created_by: ctx.actor.userId,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  await tx.insertInto('work_orders').values(row).execute();
  await insertEvent(tx, {
    orgId,
    workOrderId: row.id,
    at,
    actorId: ctx.actor.userId,
    actorName: meta.actorName ?? ctx.actor.name,
    action: 'create',
    toStatus: 'pending',
    data: { channel: meta.channel },
  });
  await writeAudit(ctx, tx, { entity: 'work_order', entityId: row.id, action: 'create', siteId: row.site_id, after: row });
  return afterCreate(ctx, tx, row, input.assignTo);
}

/** A logged-in person reports (channel web), or a clerk records a phone / hotline / walk-in request. */
export async function createWorkOrder(ctx: Ctx, input: IntakeInput & { channel?: Channel }): Promise<WorkOrderDto> {
  await getSite(ctx, input.siteId).catch(() => {
    throw new AppError('VALIDATION', '场所不存在或无权访问', { fields: [{ field: 'siteId', message: '请选择有效的场所' }] });
  });
  assertCan(ctx, 'workorders:report', input.siteId);
  const channel = input.channel ?? 'web';
  const clerk = hasPermission(ctx.actor, 'workorders:dispatch', input.siteId);
  if (CLERK_CHANNELS.has(channel) && !clerk) throw forbidden();
  if (channel !== 'web' && !CLERK_CHANNELS.has(channel)) {
    throw new AppError('VALIDATION', '报修渠道不正确', { fields: [{ field: 'channel', message: '可选：网页、电话、24小时热线、现场' }] });
  }
  if (input.counterId) await assertCounterOfSite(ctx, input.counterId, input.siteId, clerk);
  const forSomeoneElse = CLERK_CHANNELS.has(channel);
  const id = await ctx.db.transaction().execute(async (tx) => {
    const row = await intake(ctx, tx, input, {
      channel,
      requesterId: forSomeoneElse ? null : ctx.actor.userId,
      // the clerk who takes a request owns it until it closes (首问负责制)
      ownerId: clerk ? ctx.actor.userId : null,
    });
    return row.id;
  });
  return getWorkOrder(ctx, id);
}

/**
 * A repair for a counter is billed to it (专柜付费维修): a clerk may raise one for any
 * counter of the site, a counter's own staff only for their counter.
 */
async function assertCounterOfSite(ctx: Ctx, counterId: string, siteId: string, clerk: boolean): Promise<void> {
  if (!clerk && !(ctx.actor.userId && (await counterIdsOfUser(ctx.db, ctx.actor.userId)).includes(counterId))) {
    throw new AppError('VALIDATION', '无权为该专柜报修', { fields: [{ field: 'counterId', message: '只能为自己所在的专柜报修' }] });
  }
  const c = await ctx.db
    .selectFrom('counters')
    .select('site_id')
    .where('org_id', '=', ctx.actor.orgId)
    .where('id', '=', counterId)
    .executeTakeFirst();
  if (!c || c.site_id !== siteId) {
    throw new AppError('VALIDATION', '专柜不存在或不属于该场所', { fields: [{ field: 'counterId', message: '请选择该场所的专柜' }] });
  }
}

export async function toWorkOrderDtos(ctx: Ctx, view: ActorView, rows: WorkOrderListRow[]): Promise<WorkOrderDto[]> {
  const located = rows.filter((r) => r.location_id && r.location_path);
  const timerContext = timerContextOf(rows);
  const [paths, timers] = await Promise.all([
    locationPathNames(
      ctx.db,
      ctx.actor.orgId,
      located.map((r) => ({
        id: r.location_id as string,
        site_id: r.site_id,
        path: r.location_path as string,
        name: r.location_name as string,
        parent_id: null,
      })),
    ),
    timersOf(
      ctx.db,
      rows.map((r) => r.id),
    ),
  ]);
  const now = ctx.clock.now();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    kind: r.kind,
    channel: r.channel,
    status: r.status,
    pauseReason: r.pause_reason,
    siteId: r.site_id,
    siteName: r.site_name,
    locationId: r.location_id,
    locationPath: r.location_id ? (paths.get(r.location_id) ?? r.location_name) : null,
    assetId: r.asset_id,
    assetCode: r.asset_code,
    assetName: r.asset_name,
    category: r.category,
    urgency: r.urgency,
    description: r.description,
    requesterId: r.requester_id,
    requesterName: r.requester_name,
    requesterPhone: r.requester_phone,
    requesterDepartment: r.requester_department,
    counterId: r.counter_id,
    appointmentAt: r.appointment_at,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    teamId: r.team_id,
    teamName: r.team_name,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    inPool: r.in_pool === 1,
    dispatchedAt: r.dispatched_at,
    acceptedAt: r.accepted_at,
    arrivedAt: r.arrived_at,
    startedAt: r.started_at,
    resolvedAt: r.resolved_at,
    completedAt: r.completed_at,
    cancelledAt: r.cancelled_at,
    cancelReason: r.cancel_reason,
    reworkCount: Number(r.rework_count),
    cause: r.cause,
    result: r.result,
    ratingAttitude: r.rating_attitude,
    ratingQuality: r.rating_quality,
    ratingEfficiency: r.rating_efficiency,
    ratingComment: r.rating_comment,
    ratedAt: r.rated_at,
    materialCost: Number(r.material_cost),
    sourceType: r.source_type,
    sourceId: r.source_id,
    timers: timerDtos(
      r,
      timers.filter((t) => t.work_order_id === r.id),
      now,
      timerContext,
    ),
    actions: actionsFor(ctx, view, r),
    onOrder: isWorker(view, r),
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
  }));
}

export async function getWorkOrder(ctx: Ctx, id: string, knownView?: ActorView): Promise<WorkOrderDto> {
  const view = knownView ?? (await actorView(ctx));
  const row = await findWorkOrderListRow(ctx.db, ctx.actor.orgId, id);
  assertVisible(view, row);
  const [dto] = await toWorkOrderDtos(ctx, view, [row as WorkOrderListRow]);
  return dto as WorkOrderDto;
}

/** The row itself, after the same visibility check (for other files of this module). */
export async function getWorkOrderRow(ctx: Ctx, id: string): Promise<{ row: WorkOrderRow; view: ActorView }> {
  const view = await actorView(ctx);
  const row = await findWorkOrderRow(ctx.db, ctx.actor.orgId, id);
  assertVisible(view, row);
  return { row, view };
}

export async function searchWorkOrders(ctx: Ctx, filter: WorkOrderFilter & { locationId?: string }): Promise<Page<WorkOrderDto>> {
  const view = await actorView(ctx);
  const location = filter.locationId ? await getLocation(ctx, filter.locationId) : undefined;
  const page = await listWorkOrders(ctx.db, ctx.actor.orgId, view, { ...filter, location });
  return { items: await toWorkOrderDtos(ctx, view, page.items), nextCursor: page.nextCursor };
}

export async function workOrderEvents(ctx: Ctx, id: string): Promise<WorkOrderEventDto[]> {
  await getWorkOrderRow(ctx, id);
  const rows = await listEvents(ctx.db, id);
  return rows.map((e) => ({
    id: e.id,
    at: e.at,
    actorId: e.actor_id,
    actorName: e.actor_name,
    action: e.action,
    fromStatus: e.from_status,
    toStatus: e.to_status,
    reason: e.reason,
    data: e.data ? (JSON.parse(e.data) as Record<string, unknown>) : null,
  }));
}
