import { randomBytes } from 'node:crypto';
import type { Page } from '../../../../contracts/types.js';
import type { Cause, Channel, PauseReason, WorkOrderAction, WorkOrderDto, WorkOrderEventDto } from '../../../../contracts/workorders.js';
import { hasPermission, siteScope } from '../../platform/access/actor.js';
import { assertCan } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { AppError, forbidden } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import { findAssetsByIds } from '../equipment/index.js';
import { getLocation, getSite, locationPathNames } from '../org/index.js';
import { isActiveDictionaryCode } from '../system/index.js';
import { afterCreate, afterTransition } from './hooks.js';
import { type ActorView, actionsFor, actorView, assertVisible, mayAct } from './policy.js';
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
import { loadTimerContext, timerDtos } from './sla.timers.js';
import { ACTION_LABELS, nextStatus, REASON_REQUIRED, REWORK_ACTIONS, STATUS_LABELS } from './state.js';

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
  const [categoryOk, urgencyOk] = await Promise.all([
    isActiveDictionaryCode(tx, orgId, 'repair_category', input.category),
    isActiveDictionaryCode(tx, orgId, 'urgency', input.urgency),
  ]);
  if (!categoryOk) check.add('category', '请选择有效的报修类别');
  if (!urgencyOk) check.add('urgency', '请选择有效的紧急程度');
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
    charge_amount: 0,
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
  return afterCreate(ctx, tx, row);
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
  if (input.counterId) await assertCounterOfSite(ctx, input.counterId, input.siteId);
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

async function assertCounterOfSite(ctx: Ctx, counterId: string, siteId: string): Promise<void> {
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
  const [paths, timers, timerContext] = await Promise.all([
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
    loadTimerContext(ctx.db, rows),
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
    chargeAmount: Number(r.charge_amount),
    sourceType: r.source_type,
    sourceId: r.source_id,
    timers: timerDtos(
      r,
      timers.filter((t) => t.work_order_id === r.id),
      now,
      timerContext,
    ),
    actions: actionsFor(ctx, view, r),
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

export interface ActionInput {
  version: number;
  reason?: string | null;
  assigneeId?: string | null;
  teamId?: string | null;
  pauseReason?: PauseReason | null;
  cause?: Cause | null;
  result?: string | null;
  ratingAttitude?: number;
  ratingQuality?: number;
  ratingEfficiency?: number;
  comment?: string | null;
}

/** Checks the action's own fields and returns the columns it changes besides the status. */
async function actionPatch(ctx: Ctx, tx: Tx, row: WorkOrderRow, action: WorkOrderAction, input: ActionInput, at: string) {
  const check = new FieldCheck();
  if (REASON_REQUIRED.has(action) && !input.reason?.trim()) check.add('reason', '请填写原因');
  const patch: Partial<WorkOrderRow> = {};
  const me = ctx.actor.userId;
  switch (action) {
    case 'dispatch':
    case 'transfer': {
      if (!input.assigneeId && !input.teamId) check.add('assigneeId', '请选择维修人员或班组');
      if (input.teamId) {
        // read through the transaction: on SQLite a read on another connection would wait for this one
        const team = await tx
          .selectFrom('teams')
          .select(['site_id', 'active'])
          .where('org_id', '=', row.org_id)
          .where('id', '=', input.teamId)
          .executeTakeFirst();
        if (team?.active !== 1 || (team.site_id !== null && team.site_id !== row.site_id)) check.add('teamId', '班组不存在或不属于该场所');
      }
      if (input.assigneeId) {
        const user = await tx
          .selectFrom('users')
          .select(['id', 'active'])
          .where('org_id', '=', row.org_id)
          .where('id', '=', input.assigneeId)
          .executeTakeFirst();
        if (user?.active !== 1) check.add('assigneeId', '维修人员不存在或已停用');
      }
      Object.assign(patch, {
        team_id: input.teamId ?? null,
        assignee_id: input.assigneeId ?? null,
        in_pool: 0,
        dispatched_at: row.dispatched_at ?? at,
        owner_id: row.owner_id ?? (hasPermission(ctx.actor, 'workorders:dispatch', row.site_id) ? me : null),
      });
      break;
    }
    case 'pool':
      Object.assign(patch, { in_pool: 1, team_id: null, assignee_id: null, owner_id: row.owner_id ?? me });
      break;
    case 'claim':
      Object.assign(patch, { in_pool: 0, assignee_id: me, dispatched_at: row.dispatched_at ?? at, accepted_at: row.accepted_at ?? at });
      break;
    case 'accept':
      Object.assign(patch, { assignee_id: row.assignee_id ?? me, accepted_at: row.accepted_at ?? at });
      break;
    case 'send_back':
      Object.assign(patch, { assignee_id: null, team_id: null, in_pool: 0 });
      break;
    case 'arrive':
      patch.arrived_at = row.arrived_at ?? at;
      break;
    case 'start':
      patch.started_at = row.started_at ?? at;
      break;
    case 'pause':
      if (!input.pauseReason) check.add('pauseReason', '请选择暂停原因');
      Object.assign(patch, { pause_reason: input.pauseReason ?? null, paused_at: at });
      break;
    case 'resume':
      Object.assign(patch, {
        pause_reason: null,
        paused_at: null,
        paused_ms: Number(row.paused_ms) + Math.max(0, Date.parse(at) - Date.parse(row.paused_at ?? at)),
      });
      break;
    case 'finish':
      if (!input.result?.trim()) check.add('result', '请填写维修结果');
      Object.assign(patch, { resolved_at: at, cause: input.cause ?? row.cause, result: input.result?.trim() ?? row.result });
      break;
    case 'approve':
    case 'auto_approve':
      patch.completed_at = at;
      break;
    case 'reject':
      Object.assign(patch, { resolved_at: null, rework_count: Number(row.rework_count) + 1 });
      break;
    case 'reopen':
      Object.assign(patch, { resolved_at: null, completed_at: null, rework_count: Number(row.rework_count) + 1 });
      break;
    case 'rate':
      for (const [field, v] of [
        ['ratingAttitude', input.ratingAttitude],
        ['ratingQuality', input.ratingQuality],
        ['ratingEfficiency', input.ratingEfficiency],
      ] as const) {
        if (v === undefined || !Number.isInteger(v) || v < 1 || v > 5) check.add(field, '请给出 1–5 分');
      }
      Object.assign(patch, {
        rating_attitude: input.ratingAttitude,
        rating_quality: input.ratingQuality,
        rating_efficiency: input.ratingEfficiency,
        rating_comment: input.comment?.trim() || null,
        rated_at: at,
      });
      break;
    case 'cancel':
      Object.assign(patch, { cancelled_at: at, cancel_reason: input.reason?.trim() ?? null });
      break;
  }
  check.throwIfAny();
  return patch;
}

/**
 * Takes one step of the life cycle: the state machine says whether the status allows it,
 * the policy whether this actor may, then the step's fields, event, audit, deadlines and
 * notifications commit together. A stale `version` answers 409.
 */
export async function act(ctx: Ctx, id: string, action: WorkOrderAction, input: ActionInput): Promise<WorkOrderDto> {
  const { row: current, view } = await getWorkOrderRow(ctx, id);
  await ctx.db.transaction().execute((tx) => applyAction(ctx, tx, current, view, action, input));
  return getWorkOrder(ctx, id, view);
}

export async function applyAction(
  ctx: Ctx,
  tx: Tx,
  row: WorkOrderRow,
  view: ActorView | null,
  action: WorkOrderAction,
  input: ActionInput,
  actorName?: string,
): Promise<WorkOrderRow> {
  const to = nextStatus(row.status, action);
  if (view && !mayAct(ctx, view, row, action)) throw forbidden();
  const at = ctx.clock.now().toISOString();
  const patch = { ...(await actionPatch(ctx, tx, row, action, input, at)), status: to };
  await updateVersioned(tx, 'work_orders', row.id, input.version, patch, at);
  const after: WorkOrderRow = { ...row, ...patch, updated_at: at, version: input.version + 1 };
  await insertEvent(tx, {
    orgId: row.org_id,
    workOrderId: row.id,
    at,
    actorId: ctx.actor.userId,
    actorName: actorName ?? ctx.actor.name,
    action,
    fromStatus: row.status,
    toStatus: to,
    reason: input.reason?.trim() || (action === 'pause' ? (input.pauseReason ?? null) : null),
    data: eventData(action, input),
  });
  await writeAudit(ctx, tx, { entity: 'work_order', entityId: row.id, action, siteId: row.site_id, before: row, after });
  await notifyStep(ctx, tx, after, action);
  await afterTransition(ctx, tx, row, after, action);
  return after;
}

function eventData(action: WorkOrderAction, input: ActionInput): Record<string, unknown> | null {
  if (action === 'dispatch' || action === 'transfer') return { assigneeId: input.assigneeId ?? null, teamId: input.teamId ?? null };
  if (action === 'rate') return { attitude: input.ratingAttitude, quality: input.ratingQuality, efficiency: input.ratingEfficiency };
  if (REWORK_ACTIONS.has(action)) return { rework: true };
  return null;
}

/** Tells the next person in the loop: the technician (or team) on dispatch, the requester when work is done. */
async function notifyStep(ctx: Ctx, tx: Tx, wo: WorkOrderRow, action: WorkOrderAction): Promise<void> {
  let userIds: string[] = [];
  let title = '';
  if (action === 'dispatch' || action === 'transfer' || action === 'reject' || action === 'reopen') {
    userIds = wo.assignee_id
      ? [wo.assignee_id]
      : wo.team_id
        ? (await tx.selectFrom('team_members').select('user_id').where('team_id', '=', wo.team_id).execute()).map((m) => m.user_id)
        : [];
    title = action === 'reject' || action === 'reopen' ? `工单 ${wo.number} 需返修` : `新工单 ${wo.number} 已派给你`;
  } else if (action === 'finish' && wo.requester_id) {
    userIds = [wo.requester_id];
    title = `工单 ${wo.number} 已完工，请验收评价`;
  } else if (action === 'send_back' && wo.owner_id) {
    userIds = [wo.owner_id];
    title = `工单 ${wo.number} 被退回，请重新派单`;
  }
  userIds = userIds.filter((u) => u !== ctx.actor.userId);
  if (!userIds.length) return;
  await ctx.notifier.send(tx, {
    orgId: wo.org_id,
    userIds,
    kind: 'work_order',
    title,
    body: `${STATUS_LABELS[wo.status]}：${wo.description.slice(0, 80)}（${ACTION_LABELS[action]}）`,
    link: `/work-orders/${wo.id}`,
  });
}

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

/** for the list's scope checks: sites where the actor reads every order */
export function readableSites(ctx: Ctx) {
  return siteScope(ctx.actor, 'workorders:read');
}
