import type { ActionItemCreateInput, ActionItemDto, ActionItemInput, ActionOwnerType, ActionStep } from '../../../../contracts/actions.js';
import type { Page } from '../../../../contracts/types.js';
import { hasPermission, inScope, type SiteScope, siteScope, systemActor } from '../../platform/access/actor.js';
import {
  type ActionStanding,
  nextActionStatus,
  type StepInput,
  stepInputProblems,
  stepPatch,
  stepRefusal,
} from '../../platform/actions/actions.state.js';
import {
  ACTION_KIND_LABELS,
  ACTION_OWNER_LABELS,
  ACTION_STATUS_LABELS,
  type ActionItemRow,
  type ActionOwner,
  actionTiming,
  createActionItem,
} from '../../platform/actions/index.js';
import { checkActionFields, notifyAssignee } from '../../platform/actions/items.js';
import { actionOwnerHandler } from '../../platform/actions/owners.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { updateVersioned } from '../../platform/db/records.js';
import { AppError, forbidden, notFound, validation } from '../../platform/http/errors.js';
import { zonedDate } from '../../platform/numbering/time.js';
import { usersWithPermission } from '../identity/index.js';
import { type ActionFilter, type ActionListRow, findActionItem, listActionItems } from './actions.repository.js';

const me = (ctx: Ctx) => ctx.actor.userId;

/** The sites where the actor reads safety records, action items among them (the site switcher narrows it). */
export function safetyScope(ctx: Ctx): SiteScope {
  return siteScope(ctx.actor, 'safety:read');
}

/** Whoever reads safety records on the site, and the people an item names: its assignee and verifier. */
function mayRead(ctx: Ctx, row: ActionItemRow): boolean {
  const user = me(ctx);
  if (user !== null && (row.assignee_id === user || row.verifier_id === user)) return true;
  return inScope(safetyScope(ctx), row.site_id);
}

/** An item the actor may see; 404 otherwise (also for other organisations' and sites' ids). */
export async function readableActionItem(ctx: Ctx, id: string): Promise<ActionListRow> {
  const row = await findActionItem(ctx.db, ctx.actor.orgId, id);
  if (!row || !mayRead(ctx, row)) throw notFound('整改措施');
  return row;
}

/** What the DTOs show of an owner, and whether the actor may manage its items. */
export interface OwnerView {
  number: string;
  title: string;
  link: string;
  mayManage: boolean;
}

const ownerKey = (type: ActionOwnerType, id: string) => `${type}:${id}`;

/**
 * The owners of the rows, each loaded once through its handler. The assignee or verifier
 * of an item may not see its owner (an incident of a site where they read nothing): its
 * number and title are then read as the system, and they manage nothing of it.
 */
export async function ownerViews(ctx: Ctx, rows: Pick<ActionItemRow, 'owner_type' | 'owner_id'>[]): Promise<Map<string, OwnerView>> {
  const out = new Map<string, OwnerView>();
  const system: Ctx = { ...ctx, actor: systemActor(ctx.actor.orgId) };
  for (const r of rows) {
    const key = ownerKey(r.owner_type, r.owner_id);
    if (out.has(key)) continue;
    const handler = actionOwnerHandler(r.owner_type);
    let owner: ActionOwner | undefined = await handler?.load(ctx, ctx.db, r.owner_id);
    if (!owner && handler) {
      const seen = await handler.load(system, ctx.db, r.owner_id);
      owner = seen && { ...seen, mayManage: false };
    }
    out.set(key, {
      number: owner?.number ?? '',
      title: owner?.title ?? '',
      link: owner?.link ?? `/safety/actions?ownerType=${r.owner_type}&ownerId=${r.owner_id}`,
      mayManage: owner?.mayManage ?? false,
    });
  }
  return out;
}

export function ownerOf(views: Map<string, OwnerView>, row: Pick<ActionItemRow, 'owner_type' | 'owner_id'>): OwnerView {
  return views.get(ownerKey(row.owner_type, row.owner_id)) as OwnerView;
}

function standing(ctx: Ctx, row: ActionItemRow, owner: OwnerView): ActionStanding {
  const user = me(ctx);
  return {
    isAssignee: user !== null && row.assignee_id === user,
    mayManage: owner.mayManage,
    mayVerify: hasPermission(ctx.actor, 'actions:verify', row.site_id),
    isSubmitter: user !== null && row.submitted_by === user,
  };
}

async function evidenceIds(db: Db, orgId: string, itemIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!itemIds.length) return out;
  const rows = await db
    .selectFrom('attachments')
    .select(['id', 'owner_id'])
    .where('org_id', '=', orgId)
    .where('owner_type', '=', 'action_item')
    .where('owner_id', 'in', [...new Set(itemIds)])
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  for (const r of rows) out.set(r.owner_id, [...(out.get(r.owner_id) ?? []), r.id]);
  return out;
}

export async function toActionDtos(ctx: Ctx, rows: ActionListRow[]): Promise<ActionItemDto[]> {
  if (!rows.length) return [];
  const now = ctx.clock.now();
  const [owners, evidence] = await Promise.all([
    ownerViews(ctx, rows),
    evidenceIds(
      ctx.db,
      ctx.actor.orgId,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r) => {
    const owner = ownerOf(owners, r);
    const s = standing(ctx, r, owner);
    const timing = actionTiming(r, zonedDate(now, r.site_timezone));
    return {
      id: r.id,
      number: r.number,
      siteId: r.site_id,
      siteName: r.site_name,
      ownerType: r.owner_type,
      ownerId: r.owner_id,
      ownerNumber: owner.number,
      ownerTitle: owner.title,
      ownerLink: owner.link,
      kind: r.kind,
      title: r.title,
      description: r.description,
      assigneeId: r.assignee_id,
      assigneeName: r.assignee_name,
      dueDate: r.due_date,
      verifierId: r.verifier_id,
      verifierName: r.verifier_name,
      status: r.status,
      evidenceNote: r.evidence_note,
      evidenceIds: evidence.get(r.id) ?? [],
      submittedAt: r.submitted_at,
      submittedBy: r.submitted_by,
      submittedByName: r.submitted_by_name,
      verifiedAt: r.verified_at,
      verifiedBy: r.verified_by,
      verifiedByName: r.verified_by_name,
      verifyNote: r.verify_note,
      rejectReason: r.reject_reason,
      rejectCount: Number(r.reject_count),
      cancelReason: r.cancel_reason,
      overdue: timing.overdue,
      onTime: timing.onTime,
      canSubmit: r.status === 'open' && stepRefusal('submit', s) === null,
      canVerify: r.status === 'submitted' && stepRefusal('verify', s) === null,
      canEdit: r.status === 'open' && s.mayManage,
      canCancel: (r.status === 'open' || r.status === 'submitted') && stepRefusal('cancel', s) === null,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: Number(r.version),
    };
  });
}

export async function searchActionItems(ctx: Ctx, filter: ActionFilter): Promise<Page<ActionItemDto>> {
  const page = await listActionItems(ctx.db, ctx.actor.orgId, safetyScope(ctx), me(ctx), filter, ctx.clock.now());
  return { items: await toActionDtos(ctx, page.items), nextCursor: page.nextCursor };
}

export async function getActionItem(ctx: Ctx, id: string): Promise<ActionItemDto> {
  const [dto] = await toActionDtos(ctx, [await readableActionItem(ctx, id)]);
  return dto as ActionItemDto;
}

/** POST /actions: through the engine's `createActionItem` (the owner decides who may add items). */
export async function addActionItem(ctx: Ctx, input: ActionItemCreateInput): Promise<ActionItemDto> {
  const { ownerType, ownerId, ...fields } = input;
  const id = await ctx.db.transaction().execute((tx) => createActionItem(ctx, tx, ownerType, ownerId, fields));
  return getActionItem(ctx, id);
}

/** The stored columns of a list row (without the joined names), for audit diffs. */
function stored(r: ActionListRow): ActionItemRow {
  const { site_name: _a, site_timezone: _b, assignee_name: _c, verifier_name: _d, submitted_by_name: _e, verified_by_name: _f, ...row } = r;
  return row;
}

export type ActionItemPatch = Partial<ActionItemInput> & { version: number };

/** PUT /actions/:id: the description, assignee, due date and verifier, while open, by whoever may manage the owner. */
export async function updateActionItem(ctx: Ctx, id: string, patch: ActionItemPatch): Promise<ActionItemDto> {
  const before = await readableActionItem(ctx, id);
  if (before.status !== 'open') {
    throw new AppError('ILLEGAL_TRANSITION', `整改措施${ACTION_STATUS_LABELS[before.status]}，不能修改`, {
      status: before.status,
      action: 'update',
    });
  }
  const owner = ownerOf(await ownerViews(ctx, [before]), before);
  if (!owner.mayManage) throw forbidden(`只有该${ACTION_OWNER_LABELS[before.owner_type]}的管理人员可以修改整改措施`);
  const pick = <K extends keyof ActionItemInput>(key: K, current: ActionItemInput[K]): ActionItemInput[K] =>
    patch[key] === undefined ? current : (patch[key] as ActionItemInput[K]);
  const input: ActionItemInput = {
    kind: pick('kind', before.kind),
    title: pick('title', before.title),
    description: pick('description', before.description),
    assigneeId: pick('assigneeId', before.assignee_id),
    dueDate: pick('dueDate', before.due_date),
    verifierId: pick('verifierId', before.verifier_id),
  };
  const fields = await checkActionFields(ctx, ctx.db, before.site_id, input, before.due_date);
  const at = ctx.clock.now().toISOString();
  // a new assignee or due date deserves its own reminders
  const changes = {
    ...fields,
    ...(fields.assignee_id !== before.assignee_id || fields.due_date !== before.due_date
      ? { remind_notified_at: null, overdue_notified_at: null }
      : {}),
  };
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'action_items', id, patch.version, changes, at);
    const after = { ...stored(before), ...changes };
    await writeAudit(ctx, tx, {
      entity: 'action_item',
      entityId: id,
      action: 'update',
      siteId: before.site_id,
      before: stored(before),
      after,
    });
    if (after.assignee_id !== before.assignee_id) {
      await notifyAssignee(ctx, tx, after, { ...owner, siteId: before.site_id });
    }
  });
  return getActionItem(ctx, id);
}

export interface StepBody extends StepInput {
  version: number;
}

/**
 * One step of an item's life: who may see it (404), the state machine (409), who may
 * take the step (403, with the reason), the text it needs (400), then the version (409) —
 * in one transaction with the audit row and the notifications.
 */
export async function actOnActionItem(ctx: Ctx, id: string, step: ActionStep, body: StepBody): Promise<ActionItemDto> {
  const row = await readableActionItem(ctx, id);
  nextActionStatus(row.status, step);
  const owner = ownerOf(await ownerViews(ctx, [row]), row);
  const refusal = stepRefusal(step, standing(ctx, row, owner));
  if (refusal) throw forbidden(refusal);
  const problems = stepInputProblems(step, body);
  if (problems.length) throw validation(problems);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const patch = stepPatch(row, step, body, { userId: me(ctx), at, today: zonedDate(now, row.site_timezone) });
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'action_items', id, body.version, patch, at);
    const after = { ...stored(row), ...patch };
    await writeAudit(ctx, tx, { entity: 'action_item', entityId: id, action: step, siteId: row.site_id, before: stored(row), after });
    await notifyStep(ctx, tx, after, owner, step);
  });
  return getActionItem(ctx, id);
}

async function notify(ctx: Ctx, tx: Tx, row: ActionItemRow, link: string, userIds: (string | null)[], title: string, body: string) {
  const to = [...new Set(userIds.filter((u): u is string => u !== null && u !== me(ctx)))];
  if (!to.length) return;
  await ctx.notifier.send(tx, { orgId: row.org_id, userIds: to, kind: 'action_item', title, body, link });
}

async function notifyStep(ctx: Ctx, tx: Tx, row: ActionItemRow, owner: OwnerView, step: ActionStep): Promise<void> {
  const label = `整改措施 ${row.number}`;
  const what = `${ACTION_OWNER_LABELS[row.owner_type]} ${owner.number} 的${ACTION_KIND_LABELS[row.kind]}：${row.title}`;
  switch (step) {
    case 'submit': {
      // the named verifier, or whoever may verify on the site
      const to = row.verifier_id
        ? [row.verifier_id]
        : (await usersWithPermission(tx, row.org_id, 'actions:verify', row.site_id)).map((u) => u.id);
      await notify(
        ctx,
        tx,
        row,
        owner.link,
        to,
        `${label} 待验证`,
        `${what}。落实情况：${(row.evidence_note ?? '').slice(0, 80)}。请验证。`,
      );
      return;
    }
    case 'verify':
      await notify(ctx, tx, row, owner.link, [row.assignee_id], `${label} 已验证通过`, `${what}。`);
      return;
    case 'reject':
      await notify(
        ctx,
        tx,
        row,
        owner.link,
        [row.assignee_id],
        `${label} 验证不通过`,
        `${what}。原因：${(row.reject_reason ?? '').slice(0, 100)}。请重新落实后再次提交。`,
      );
      return;
    case 'cancel':
      await notify(
        ctx,
        tx,
        row,
        owner.link,
        [row.assignee_id],
        `${label} 已取消`,
        `${what}。原因：${(row.cancel_reason ?? '').slice(0, 100)}`,
      );
      return;
  }
}
