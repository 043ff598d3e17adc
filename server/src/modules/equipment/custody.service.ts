import { hasPermission, inScope, siteScope } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { AppError, forbidden, notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import {
  assetsInPendingTransfers,
  type CustodyAssetRow,
  findCustodyAssets,
  findDepartment,
  findTransfer,
  findUser,
  hasSiteMembership,
  insertTransfer,
  listTransfers,
  reassignCustody,
  type TransferFilter,
  type TransferListRow,
  type TransferRow,
  transferAssetIds,
  transferAssets,
} from './custody.repository.js';
import { type CustodyAction, custodyActions, nextCustodyStatus } from './custody.state.js';

export interface TransferInput {
  assetIds: string[];
  toUserId: string;
  toDepartmentId?: string | null;
  reason?: string | null;
}

export function toTransferDto(r: TransferListRow) {
  return {
    id: r.id,
    siteId: r.site_id,
    siteName: r.site_name,
    status: r.status,
    fromUserId: r.from_user_id,
    fromUserName: r.from_user_name,
    toUserId: r.to_user_id,
    toUserName: r.to_user_name,
    toDepartmentId: r.to_department_id,
    toDepartmentName: r.to_department_name,
    reason: r.reason,
    requestedBy: r.requested_by,
    requestedByName: r.requested_by_name,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    assetCount: r.asset_count,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const isParty = (ctx: Ctx, t: TransferRow) =>
  ctx.actor.userId !== null && [t.to_user_id, t.requested_by, t.from_user_id].includes(ctx.actor.userId);

/** A transfer the actor may see: a party to it, or a reader of the site's assets; 404 otherwise. */
async function readableTransfer(ctx: Ctx, id: string): Promise<TransferListRow> {
  const row = await findTransfer(ctx.db, ctx.actor.orgId, id);
  if (!row || !(isParty(ctx, row) || inScope(siteScope(ctx.actor, 'assets:read'), row.site_id))) throw notFound('移交单');
  return row;
}

/** What the actor may do with the transfer now: the receiver decides, the requester may withdraw. */
function allowedActions(ctx: Ctx, t: TransferRow): CustodyAction[] {
  return custodyActions(t.status).filter((a) => (a === 'cancel' ? t.requested_by === ctx.actor.userId : t.to_user_id === ctx.actor.userId));
}

export async function getTransfer(ctx: Ctx, id: string) {
  const row = await readableTransfer(ctx, id);
  const assets = await transferAssets(ctx.db, id);
  return {
    ...toTransferDto(row),
    actions: allowedActions(ctx, row),
    assets: assets.map((a) => ({
      id: a.id,
      code: a.code,
      name: a.name,
      status: a.status,
      custodianId: a.custodian_id,
      custodianName: a.custodian_name,
      departmentId: a.department_id,
      departmentName: a.department_name,
    })),
  };
}

export async function searchTransfers(ctx: Ctx, filter: TransferFilter) {
  const page = await listTransfers(ctx.db, ctx.actor.orgId, siteScope(ctx.actor, 'assets:read'), ctx.actor.userId, filter);
  return { items: page.items.map(toTransferDto), nextCursor: page.nextCursor };
}

/**
 * Starts a hand-over. Allowed to whoever manages assets on the site, or to the person
 * who currently holds every one of the listed assets (资产责任到人: people pass on
 * what they are responsible for, and the receiver has to accept it).
 */
export async function createTransfer(ctx: Ctx, input: TransferInput) {
  const me = ctx.actor.userId;
  if (me === null) throw forbidden('移交须由具体的人发起');
  const ids = [...new Set(input.assetIds)];
  const assets = await findCustodyAssets(ctx.db, ctx.actor.orgId, ids);
  const readScope = siteScope(ctx.actor, 'assets:read');
  const visible = assets.filter((a) => inScope(readScope, a.site_id) || a.custodian_id === me);
  if (visible.length !== ids.length) throw notFound('资产');
  const siteId = assets[0]?.site_id as string;
  const holdsAll = assets.every((a) => a.custodian_id === me);
  const sameSite = assets.every((a) => a.site_id === siteId);
  if (sameSite && !holdsAll && !hasPermission(ctx.actor, 'assets:manage', siteId)) {
    throw forbidden('只有设备管理员或这些资产的当前责任人可以发起移交');
  }
  await checkTransfer(ctx, input, assets, siteId, sameSite);

  const now = ctx.clock.now().toISOString();
  const holders = new Set(assets.map((a) => a.custodian_id));
  const row: TransferRow = {
    id: newId(),
    org_id: ctx.actor.orgId,
    site_id: siteId,
    from_user_id: holders.size === 1 ? (assets[0]?.custodian_id ?? null) : null,
    to_user_id: input.toUserId,
    to_department_id: input.toDepartmentId ?? null,
    status: 'pending',
    reason: input.reason ?? null,
    requested_by: me,
    decided_at: null,
    decision_note: null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await ctx.db.transaction().execute(async (tx) => {
    const busy = await assetsInPendingTransfers(tx, ids);
    if (busy.length) {
      const codes = assets.filter((a) => busy.includes(a.id)).map((a) => a.code);
      throw new AppError('CONFLICT', `资产已在待确认的移交单中：${codes.join('、')}`, { assetIds: busy, codes });
    }
    await insertTransfer(tx, row, ids);
    await writeAudit(ctx, tx, {
      entity: 'custody_transfer',
      entityId: row.id,
      siteId,
      action: 'create',
      after: { ...row, asset_ids: ids },
    });
    await ctx.notifier.send(tx, {
      orgId: ctx.actor.orgId,
      userIds: [row.to_user_id],
      kind: 'custody.transfer',
      title: '资产移交待您确认',
      body: `${ctx.actor.name} 向您移交 ${assets.length} 项资产：${assetSummary(assets)}${row.reason ? `。原因：${row.reason}` : ''}`,
      link: `/equipment/custody/${row.id}`,
    });
  });
  return getTransfer(ctx, row.id);
}

async function checkTransfer(ctx: Ctx, input: TransferInput, assets: CustodyAssetRow[], siteId: string, sameSite: boolean) {
  const check = new FieldCheck();
  if (!sameSite) check.add('assetIds', '一次移交的资产必须属于同一场所');
  const scrapped = assets.filter((a) => a.status === 'scrapped');
  if (scrapped.length) check.add('assetIds', `已报废的资产不能移交：${scrapped.map((a) => a.code).join('、')}`);
  const receiver = await findUser(ctx.db, ctx.actor.orgId, input.toUserId);
  if (receiver?.active !== 1) check.add('toUserId', '接收人不存在或已停用');
  else if (sameSite && !(await hasSiteMembership(ctx.db, ctx.actor.orgId, receiver.id, siteId))) {
    check.add('toUserId', `${receiver.name} 在该场所没有任何授权，不能接收该场所的资产`);
  } else if (
    assets.every((a) => a.custodian_id === input.toUserId && (!input.toDepartmentId || a.department_id === input.toDepartmentId))
  ) {
    check.add('toUserId', '这些资产的责任人已经是接收人');
  }
  if (input.toDepartmentId) {
    const dept = await findDepartment(ctx.db, ctx.actor.orgId, input.toDepartmentId);
    if (dept?.active !== 1) check.add('toDepartmentId', '责任部门不存在或已停用');
  }
  check.throwIfAny();
}

function assetSummary(assets: Pick<CustodyAssetRow, 'code' | 'name'>[]): string {
  const shown = assets.slice(0, 5).map((a) => `${a.name}（${a.code}）`);
  return assets.length > 5 ? `${shown.join('、')} 等` : shown.join('、');
}

/** The receiver accepts: every asset's custodian (and department, when given) changes in one transaction. */
export async function confirmTransfer(ctx: Ctx, id: string, note: string | null) {
  const t = await decide(ctx, id, 'confirm', note, async (tx, row, now) => {
    const assets = await findCustodyAssets(tx, ctx.actor.orgId, await transferAssetIds(tx, id));
    await reassignCustody(
      tx,
      assets.map((a) => a.id),
      row.to_user_id,
      row.to_department_id,
      now,
    );
    for (const a of assets) {
      const before = { custodian_id: a.custodian_id, department_id: a.department_id };
      const after = { custodian_id: row.to_user_id, department_id: row.to_department_id ?? a.department_id, custody_transfer_id: row.id };
      await writeAudit(ctx, tx, { entity: 'asset', entityId: a.id, siteId: a.site_id, action: 'custodian', before, after });
    }
  });
  return t;
}

export function rejectTransfer(ctx: Ctx, id: string, note: string) {
  return decide(ctx, id, 'reject', note);
}

export function cancelTransfer(ctx: Ctx, id: string, note: string | null) {
  return decide(ctx, id, 'cancel', note);
}

const DECISION_TEXT: Record<CustodyAction, string> = { confirm: '已确认接收', reject: '已拒绝接收', cancel: '已撤回' };

async function decide(
  ctx: Ctx,
  id: string,
  action: CustodyAction,
  note: string | null,
  apply?: (tx: Tx, row: TransferListRow, now: string) => Promise<void>,
) {
  const row = await readableTransfer(ctx, id);
  const actor = action === 'cancel' ? row.requested_by : row.to_user_id;
  if (actor !== ctx.actor.userId) throw forbidden(action === 'cancel' ? '只有发起人可以撤回移交' : '只有接收人可以确认或拒绝移交');
  const status = nextCustodyStatus(row.status, action);
  const now = ctx.clock.now().toISOString();
  const patch = { status, decided_at: now, decision_note: note };
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'custody_transfers', id, row.version, patch, now);
    await apply?.(tx, row, now);
    await writeAudit(ctx, tx, {
      entity: 'custody_transfer',
      entityId: id,
      siteId: row.site_id,
      action,
      before: row,
      after: { ...row, ...patch },
    });
    // the other side hears of the decision: the requester (and the previous holder) on a decision, the receiver on a withdrawal
    const others = action === 'cancel' ? [row.to_user_id] : [row.requested_by, row.from_user_id];
    const userIds = [...new Set(others.filter((u): u is string => u !== null && u !== ctx.actor.userId))];
    if (userIds.length) {
      await ctx.notifier.send(tx, {
        orgId: ctx.actor.orgId,
        userIds,
        kind: 'custody.transfer',
        title: `资产移交${DECISION_TEXT[action]}`,
        body: `${ctx.actor.name}${DECISION_TEXT[action]} ${row.asset_count} 项资产的移交${note ? `：${note}` : ''}`,
        link: `/equipment/custody/${id}`,
      });
    }
  });
  return getTransfer(ctx, id);
}
