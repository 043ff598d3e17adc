import { ACTION_KINDS, type ActionItemInput, type ActionOwnerType } from '../../../../contracts/actions.js';
import { loadGrants } from '../access/grants.js';
import { writeAudit } from '../audit/audit.js';
import type { Ctx, Db, Tx } from '../context.js';
import { newId } from '../db/ids.js';
import type { Row } from '../db/schema.js';
import { forbidden } from '../http/errors.js';
import { FieldCheck } from '../http/validators.js';
import { nextNumber } from '../numbering/numbering.js';
import { siteTimeZone, zonedDate } from '../numbering/time.js';
import { ACTION_KIND_LABELS, ACTION_OWNER_LABELS } from './actions.state.js';
import { type ActionOwner, loadActionOwner } from './owners.js';
import './schema.js';

/**
 * 整改措施 numbers: CS-20260315-0001 (措施), one counter for the organisation, reset daily
 * (seeded by the safety module). Not ZG: that code and prefix are the counters' 整改通知.
 */
export const ACTION_NUMBER_RULE = 'CS';
export const ACTION_TITLE_MAX = 200;
export const ACTION_DESCRIPTION_MAX = 2000;

export type ActionItemRow = Row<'action_items'>;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written `YYYY-MM-DD` (not 2026-02-30, not before 1970). */
function isCalendarDate(value: string): boolean {
  if (!DATE_RE.test(value) || value < '1970-01-01') return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) === value;
}

const text = (v: string | null | undefined): string | null => (v?.trim() ? v.trim() : null);

/** An active user of the organisation who belongs to the site (a membership there or on every site). */
export async function isSiteMember(db: Db, orgId: string, userId: string, siteId: string): Promise<boolean> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('memberships as m', 'm.user_id', 'u.id')
    .select('u.id')
    .where('u.org_id', '=', orgId)
    .where('u.id', '=', userId)
    .where('u.active', '=', 1)
    .where((eb) => eb.or([eb('m.site_id', 'is', null), eb('m.site_id', '=', siteId)]))
    .executeTakeFirst();
  return row !== undefined;
}

/** An active user of the organisation who holds actions:verify on the site. */
export async function mayVerifyOn(db: Db, orgId: string, userId: string, siteId: string): Promise<boolean> {
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', '=', userId)
    .where('active', '=', 1)
    .executeTakeFirst();
  if (!user) return false;
  const grants = await loadGrants(db, userId);
  return grants.some((g) => g.permissions.has('actions:verify') && (g.siteId === null || g.siteId === siteId));
}

/** The stored fields of an item's description, as written. */
export interface ActionFields {
  kind: ActionItemInput['kind'];
  title: string;
  description: string | null;
  assignee_id: string;
  due_date: string;
  verifier_id: string | null;
}

/**
 * Checks an item's fields together, so every problem is listed (Chinese messages): a
 * known kind, a title, the assignee a member of the site, a real due date not before the
 * site's today (unless it is the one already stored), a verifier other than the assignee
 * who may verify on the site. Answers the fields to store.
 */
export async function checkActionFields(
  ctx: Ctx,
  db: Db,
  siteId: string,
  input: ActionItemInput,
  storedDueDate: string | null = null,
): Promise<ActionFields> {
  const orgId = ctx.actor.orgId;
  const check = new FieldCheck();
  if (!(ACTION_KINDS as readonly string[]).includes(input.kind)) check.add('kind', '请选择措施类型（纠正、预防或改进措施）');
  const title = text(input.title);
  if (!title) check.add('title', '请填写措施内容');
  else if (title.length > ACTION_TITLE_MAX) check.add('title', `措施内容不能超过 ${ACTION_TITLE_MAX} 字`);
  const description = text(input.description);
  if (description && description.length > ACTION_DESCRIPTION_MAX) {
    check.add('description', `措施说明不能超过 ${ACTION_DESCRIPTION_MAX} 字`);
  }
  const assignee = input.assigneeId ?? '';
  if (!assignee || !(await isSiteMember(db, orgId, assignee, siteId))) check.add('assigneeId', '请选择该场所在职的责任人');
  const today = zonedDate(ctx.clock.now(), await siteTimeZone(db, orgId, siteId));
  if (!input.dueDate || !isCalendarDate(input.dueDate)) check.add('dueDate', '完成期限格式应为 YYYY-MM-DD');
  else if (input.dueDate !== storedDueDate && input.dueDate < today) check.add('dueDate', `完成期限不能早于今天（${today}）`);
  const verifier = input.verifierId ?? null;
  if (verifier) {
    if (verifier === assignee) check.add('verifierId', '验证人不能是责任人');
    else if (!(await mayVerifyOn(db, orgId, verifier, siteId))) check.add('verifierId', '验证人须为该场所有整改措施验证权限的在职人员');
  }
  check.throwIfAny();
  return {
    kind: input.kind,
    title: title as string,
    description,
    assignee_id: assignee,
    due_date: input.dueDate,
    verifier_id: verifier,
  };
}

/** Tells the assignee about an item given to them (not when they gave it to themselves). */
export async function notifyAssignee(ctx: Ctx, tx: Tx, row: ActionItemRow, owner: ActionOwner): Promise<void> {
  if (row.assignee_id === ctx.actor.userId) return;
  await ctx.notifier.send(tx, {
    orgId: row.org_id,
    userIds: [row.assignee_id],
    kind: 'action_item',
    title: `整改措施 ${row.number} 请落实`,
    body: `${ACTION_OWNER_LABELS[row.owner_type]} ${owner.number}（${owner.title}）的${ACTION_KIND_LABELS[row.kind]}：${row.title}。请于 ${row.due_date} 前完成并提交落实情况。`,
    link: owner.link,
  });
}

/**
 * Adds an action item to an owner in the caller's transaction — the one way items are
 * created (POST /actions, a drill report's improvements, demo seeds with a system ctx):
 * the owner is loaded through its registered handler (404 when the actor cannot see it),
 * the actor must be allowed to manage it (403), the fields are checked (400), then the
 * item is numbered (CS), stored, audited and announced to its assignee.
 */
export async function createActionItem(
  ctx: Ctx,
  tx: Tx,
  ownerType: ActionOwnerType,
  ownerId: string,
  input: ActionItemInput,
): Promise<string> {
  const owner = await loadActionOwner(ctx, tx, ownerType, ownerId);
  if (!owner.mayManage) throw forbidden(`没有为该${ACTION_OWNER_LABELS[ownerType]}添加整改措施的权限`);
  const fields = await checkActionFields(ctx, tx, owner.siteId, input);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const orgId = ctx.actor.orgId;
  const row: ActionItemRow = {
    ...fields,
    id: newId(),
    org_id: orgId,
    site_id: owner.siteId,
    owner_type: ownerType,
    owner_id: ownerId,
    number: await nextNumber(tx, { orgId, ruleCode: ACTION_NUMBER_RULE, siteId: owner.siteId, at: now }),
    status: 'open',
    evidence_note: null,
    submitted_at: null,
    submitted_on: null,
    submitted_by: null,
    verified_at: null,
    verified_by: null,
    verify_note: null,
    reject_reason: null,
    rejected_at: null,
    reject_count: 0,
    cancel_reason: null,
    cancelled_at: null,
    remind_notified_at: null,
    overdue_notified_at: null,
    created_by: ctx.actor.userId,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  await tx.insertInto('action_items').values(row).execute();
  await writeAudit(ctx, tx, { entity: 'action_item', entityId: row.id, action: 'create', siteId: row.site_id, after: row });
  await notifyAssignee(ctx, tx, row, owner);
  return row.id;
}

/**
 * Item counts per owner for the owners' own DTOs (actionsTotal / actionsOpen): total
 * leaves out cancelled items (entered in error), open is open or submitted. Every id
 * asked for is in the answer.
 */
export async function actionCounts(
  db: Db,
  ownerType: ActionOwnerType,
  ownerIds: string[],
): Promise<Map<string, { total: number; open: number }>> {
  const ids = [...new Set(ownerIds)];
  const out = new Map(ids.map((id) => [id, { total: 0, open: 0 }]));
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('action_items')
    .select(['owner_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('owner_type', '=', ownerType)
    .where('owner_id', 'in', ids)
    .where('status', '<>', 'cancelled')
    .groupBy(['owner_id', 'status'])
    .execute();
  for (const r of rows) {
    const c = out.get(r.owner_id) as { total: number; open: number };
    c.total += Number(r.n);
    if (r.status === 'open' || r.status === 'submitted') c.open += Number(r.n);
  }
  return out;
}

/**
 * The audit entries of an owner's items belong in the owner's history (its page's history
 * panel): the part to answer from `registerHistoryParts` for the owner's entity. The safety
 * module registers it for every owner type; an owner module that registers parts of its own
 * for the same entity replaces that registration, so it includes this part in its answer.
 */
export async function actionHistoryPart(
  db: Db,
  orgId: string,
  ownerType: ActionOwnerType,
  ownerId: string,
): Promise<{ entity: string; ids: string[] }> {
  const rows = await db
    .selectFrom('action_items')
    .select('id')
    .where('org_id', '=', orgId)
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .execute();
  return { entity: 'action_item', ids: rows.map((r) => r.id) };
}
