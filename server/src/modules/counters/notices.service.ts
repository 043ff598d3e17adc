import type { Page } from '../../../../contracts/types.js';
import { hasPermission } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { AppError, forbidden, notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { nextNumber } from '../../platform/numbering/numbering.js';
import { formatZoned } from '../../platform/numbering/time.js';
import { locationPathNames } from '../org/index.js';
import { intake } from '../workorders/index.js';
import type { CounterVisibility } from './counters.repository.js';
import { counterVisibility, visibleCounter } from './counters.service.js';
import type { NoticeDto } from './dto.js';
import { noticeRecipients } from './notices.notify.js';
import { findNotice, listNotices, type NoticeFilter, type NoticeListRow, type NoticeRow } from './notices.repository.js';
import { NOTICE_REASON_REQUIRED, NOTICE_STATUS_LABELS, type NoticeAction, nextNoticeStatus, noticeActions } from './notices.state.js';

export interface IssueInput {
  counterId: string;
  locationId?: string | null;
  /** when the problem was found; default now */
  foundAt?: string | null;
  description: string;
  requirement: string;
  deadline: string;
}

export interface NoticeActionInput {
  version: number;
  /** rectify: what the counter did */
  note?: string | null;
  /** reject, cancel */
  reason?: string | null;
  /** convert: the paid repair's category, urgency and (optional) description */
  category?: string | null;
  urgency?: string | null;
  description?: string | null;
}

/** Actions a person may take through the API (marking overdue is the scheduler's). */
export type ApiNoticeAction = Exclude<NoticeAction, 'mark_overdue'>;

const MANAGER_ACTIONS: ReadonlySet<NoticeAction> = new Set(['verify', 'reject', 'cancel', 'convert']);

/** Counter staff report their rectification; property administrators (counters:manage) may record it for them. */
function mayAct(ctx: Ctx, vis: CounterVisibility, row: NoticeRow, action: NoticeAction): boolean {
  const manager = hasPermission(ctx.actor, 'counters:manage', row.site_id);
  if (action === 'rectify') return manager || vis.memberOf.includes(row.counter_id);
  return MANAGER_ACTIONS.has(action) && manager;
}

function canSee(vis: CounterVisibility, row: NoticeRow): boolean {
  return vis.sites === 'all' || vis.sites.includes(row.site_id) || vis.memberOf.includes(row.counter_id);
}

async function visibleNotice(ctx: Ctx, id: string, vis: CounterVisibility): Promise<NoticeListRow> {
  const row = await findNotice(ctx.db, ctx.actor.orgId, id);
  if (!row || !canSee(vis, row)) throw notFound('整改通知');
  return row;
}

async function toNoticeDtos(ctx: Ctx, vis: CounterVisibility, rows: NoticeListRow[]): Promise<NoticeDto[]> {
  const located = rows.filter((r) => r.location_id && r.location_path);
  const paths = await locationPathNames(
    ctx.db,
    ctx.actor.orgId,
    located.map((r) => ({
      id: r.location_id as string,
      site_id: r.site_id,
      path: r.location_path as string,
      name: r.location_name as string,
      parent_id: r.location_parent_id,
    })),
  );
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    siteId: r.site_id,
    siteName: r.site_name,
    counterId: r.counter_id,
    counterCode: r.counter_code,
    counterName: r.counter_name,
    locationId: r.location_id,
    locationPath: r.location_id ? (paths.get(r.location_id) ?? r.location_name) : null,
    foundAt: r.found_at,
    description: r.description,
    requirement: r.requirement,
    deadline: r.deadline,
    status: r.status,
    issuedBy: r.issued_by,
    issuedByName: r.issued_by_name,
    rectifiedAt: r.rectified_at,
    rectifiedByName: r.rectified_by_name,
    rectifyNote: r.rectify_note,
    verifiedAt: r.verified_at,
    verifiedByName: r.verified_by_name,
    rejectReason: r.reject_reason,
    overdueAt: r.overdue_at,
    convertedAt: r.converted_at,
    workOrderId: r.work_order_id,
    workOrderNumber: r.work_order_number,
    cancelledAt: r.cancelled_at,
    cancelReason: r.cancel_reason,
    actions: noticeActions(r.status).filter((a) => mayAct(ctx, vis, r, a)),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
  }));
}

export async function searchNotices(ctx: Ctx, filter: NoticeFilter): Promise<Page<NoticeDto>> {
  const vis = await counterVisibility(ctx);
  const page = await listNotices(ctx.db, ctx.actor.orgId, vis, filter);
  return { items: await toNoticeDtos(ctx, vis, page.items), nextCursor: page.nextCursor };
}

export async function getNotice(ctx: Ctx, id: string): Promise<NoticeDto> {
  const vis = await counterVisibility(ctx);
  const [dto] = await toNoticeDtos(ctx, vis, [await visibleNotice(ctx, id, vis)]);
  return dto as NoticeDto;
}

const isTime = (v: string | null | undefined) => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/** 下发整改通知: numbered, addressed to the counter's staff, with a deadline. */
export async function issueNotice(ctx: Ctx, input: IssueInput): Promise<NoticeDto> {
  const counter = await visibleCounter(ctx, input.counterId).catch(() => null);
  const check = new FieldCheck();
  if (!counter || !hasPermission(ctx.actor, 'counters:manage', counter.site_id)) {
    throw new AppError('VALIDATION', '专柜不存在或无权管理', { fields: [{ field: 'counterId', message: '请选择您可管理的专柜' }] });
  }
  if (counter.active !== 1) check.add('counterId', '该专柜已停用');
  const now = ctx.clock.now();
  const foundAt = input.foundAt && isTime(input.foundAt) ? new Date(input.foundAt) : now;
  if (input.foundAt && !isTime(input.foundAt)) check.add('foundAt', '发现时间格式不正确');
  else if (foundAt.getTime() > now.getTime() + 60_000) check.add('foundAt', '发现时间不能晚于现在');
  if (!isTime(input.deadline)) check.add('deadline', '整改期限格式不正确');
  else if (Date.parse(input.deadline) <= now.getTime()) check.add('deadline', '整改期限必须晚于现在');
  if (!input.description.trim()) check.add('description', '请描述发现的问题');
  if (!input.requirement.trim()) check.add('requirement', '请填写整改要求');
  const locationId = input.locationId === undefined ? counter.location_id : input.locationId;
  if (input.locationId) {
    const loc = await ctx.db
      .selectFrom('locations')
      .select('site_id')
      .where('org_id', '=', ctx.actor.orgId)
      .where('id', '=', input.locationId)
      .executeTakeFirst();
    if (!loc || loc.site_id !== counter.site_id) check.add('locationId', '位置不存在或不属于该专柜所在场所');
  }
  check.throwIfAny();
  const at = now.toISOString();
  const id = newId();
  await ctx.db.transaction().execute(async (tx) => {
    const row: NoticeRow = {
      id,
      org_id: ctx.actor.orgId,
      site_id: counter.site_id,
      number: await nextNumber(tx, { orgId: ctx.actor.orgId, ruleCode: 'ZG', siteId: counter.site_id, at: now }),
      counter_id: counter.id,
      location_id: locationId ?? null,
      found_at: foundAt.toISOString(),
      description: input.description.trim(),
      requirement: input.requirement.trim(),
      deadline: new Date(input.deadline).toISOString(),
      status: 'issued',
      issued_by: ctx.actor.userId,
      rectified_at: null,
      rectified_by: null,
      rectify_note: null,
      verified_at: null,
      verified_by: null,
      reject_reason: null,
      overdue_at: null,
      converted_at: null,
      work_order_id: null,
      cancelled_at: null,
      cancel_reason: null,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await tx.insertInto('counter_notices').values(row).execute();
    await writeAudit(ctx, tx, { entity: 'counter_notice', entityId: id, action: 'create', siteId: row.site_id, after: row });
    const tz = await siteZone(tx, row.site_id);
    await notify(ctx, tx, row, await noticeRecipients(tx, row, 'members'), {
      title: `整改通知 ${row.number}`,
      body: `${counter.name}：${row.description.slice(0, 80)}。整改要求：${row.requirement.slice(0, 80)}。请于 ${formatZoned(new Date(row.deadline), tz)} 前完成整改。`,
    });
  });
  return getNotice(ctx, id);
}

async function siteZone(db: Tx, siteId: string): Promise<string> {
  return (await db.selectFrom('sites').select('timezone').where('id', '=', siteId).executeTakeFirstOrThrow()).timezone;
}

async function notify(ctx: Ctx, tx: Tx, row: NoticeRow, userIds: string[], msg: { title: string; body: string }): Promise<void> {
  const to = userIds.filter((u) => u !== ctx.actor.userId);
  if (!to.length) return;
  await ctx.notifier.send(tx, { orgId: row.org_id, userIds: to, kind: 'counter_notice', ...msg, link: `/counters/notices/${row.id}` });
}

/** One step of a notice's life: state machine first (409), then who may (403), then the step's fields (400). */
export async function actOnNotice(ctx: Ctx, id: string, action: ApiNoticeAction, input: NoticeActionInput): Promise<NoticeDto> {
  const vis = await counterVisibility(ctx);
  const row = await visibleNotice(ctx, id, vis);
  const to = nextNoticeStatus(row.status, action);
  if (!mayAct(ctx, vis, row, action)) throw forbidden();
  const check = new FieldCheck();
  if (NOTICE_REASON_REQUIRED.has(action) && !input.reason?.trim()) check.add('reason', '请填写原因');
  if (action === 'rectify' && !input.note?.trim()) check.add('note', '请说明整改情况');
  if (action === 'convert' && !input.category) check.add('category', '请选择报修类别');
  check.throwIfAny();
  const now = ctx.clock.now().toISOString();
  const me = ctx.actor.userId;
  const patch: Partial<NoticeRow> = { status: to };
  switch (action) {
    case 'rectify':
      Object.assign(patch, { rectified_at: now, rectified_by: me, rectify_note: input.note?.trim() ?? null });
      break;
    case 'verify':
      Object.assign(patch, { verified_at: now, verified_by: me });
      break;
    case 'reject':
      Object.assign(patch, { reject_reason: input.reason?.trim() ?? null, rectified_at: null, rectified_by: null });
      break;
    case 'cancel':
      Object.assign(patch, { cancelled_at: now, cancel_reason: input.reason?.trim() ?? null });
      break;
    case 'convert':
      patch.converted_at = now;
      break;
  }
  await ctx.db.transaction().execute(async (tx) => {
    if (action === 'convert') {
      const wo = await intake(
        ctx,
        tx,
        {
          siteId: row.site_id,
          locationId: row.location_id,
          category: input.category as string,
          urgency: input.urgency || 'normal',
          description: input.description?.trim() || `专柜逾期未整改，有偿维修：${row.description}（整改通知 ${row.number}）`,
          counterId: row.counter_id,
          kind: 'counter_repair',
          sourceType: 'counter_notice',
          sourceId: row.id,
        },
        { channel: 'counter', requesterId: null, ownerId: me },
      );
      patch.work_order_id = wo.id;
    }
    await updateVersioned(tx, 'counter_notices', id, input.version, patch, now);
    const after = { ...row, ...patch };
    await writeAudit(ctx, tx, { entity: 'counter_notice', entityId: id, action, siteId: row.site_id, before: row, after });
    await notifyStep(ctx, tx, after, action, input);
  });
  return getNotice(ctx, id);
}

async function notifyStep(ctx: Ctx, tx: Tx, row: NoticeRow, action: ApiNoticeAction, input: NoticeActionInput): Promise<void> {
  const label = `整改通知 ${row.number}`;
  if (action === 'rectify') {
    const body = `专柜已报整改完成：${(input.note ?? '').slice(0, 100)}。请到现场验证。`;
    await notify(ctx, tx, row, await noticeRecipients(tx, row, 'issuer'), { title: `${label} 待验证`, body });
    return;
  }
  const text: Record<Exclude<ApiNoticeAction, 'rectify'>, string> = {
    verify: '整改已验证通过。',
    reject: `整改验证不通过：${input.reason?.trim() ?? ''}。请重新整改。`,
    cancel: `通知已取消：${input.reason?.trim() ?? ''}。`,
    convert: '逾期未整改，已由后勤部门有偿维修，费用按收费规则计入月度对账单。',
  };
  await notify(ctx, tx, row, await noticeRecipients(tx, row, 'members'), {
    title: `${label} ${NOTICE_STATUS_LABELS[row.status]}`,
    body: text[action],
  });
}
