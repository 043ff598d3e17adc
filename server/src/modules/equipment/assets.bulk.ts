import { hasPermission, inScope, siteScope } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { updateVersioned } from '../../platform/db/records.js';
import { forbidden, notFound, validation } from '../../platform/http/errors.js';
import { findDepartmentLite, findLocationLite, findUserLite } from './assets.refs.js';
import { type AssetRow, findAssetsByIds } from './assets.repository.js';
import type { AssetStatus } from './schema.js';

/** The fields other flows change on many assets at once (custody, stocktake, fire checks, bulk actions). */
export type AssetChange = Partial<Pick<AssetRow, 'location_id' | 'custodian_id' | 'department_id' | 'status' | 'lost'>>;

/**
 * Applies a change to each listed asset in the caller's transaction: only real
 * differences are written, each with a new version and its own audit entry under
 * `action` (e.g. `move`, `custodian`, `status`, `custody_confirm`, `stocktake_lost`).
 * The caller has checked access; unknown ids are ignored. Returns the changed rows as
 * they are now.
 */
export async function applyAssetChanges(
  ctx: Ctx,
  tx: Tx,
  assetIds: string[],
  change: AssetChange | ((row: AssetRow) => AssetChange | null),
  action: string,
): Promise<AssetRow[]> {
  const rows = await findAssetsByIds(tx, ctx.actor.orgId, [...new Set(assetIds)]);
  const now = ctx.clock.now().toISOString();
  const changed: AssetRow[] = [];
  for (const before of rows.sort((a, b) => a.id.localeCompare(b.id))) {
    const wanted = typeof change === 'function' ? change(before) : change;
    if (!wanted) continue;
    const patch = Object.fromEntries(
      Object.entries(wanted).filter(([k, v]) => v !== undefined && before[k as keyof AssetRow] !== v),
    ) as AssetChange;
    if (Object.keys(patch).length === 0) continue;
    await updateVersioned(tx, 'assets', before.id, before.version, patch, now);
    const after: AssetRow = { ...before, ...patch, version: before.version + 1, updated_at: now };
    await writeAudit(ctx, tx, { entity: 'asset', entityId: before.id, siteId: before.site_id, action, before, after });
    changed.push(after);
  }
  return changed;
}

export type BulkAction = 'move' | 'custodian' | 'status';

export interface BulkInput {
  ids: string[];
  action: BulkAction;
  locationId?: string;
  custodianId?: string | null;
  departmentId?: string | null;
  status?: AssetStatus;
}

/**
 * One action on many assets, all or nothing: an asset outside the actor's sites makes
 * the whole request 404 (nothing reveals which), one the actor may read but not manage
 * makes it 403, and a bad target is a validation error naming the assets concerned.
 */
export async function bulkUpdateAssets(ctx: Ctx, input: BulkInput): Promise<{ updated: number }> {
  const ids = [...new Set(input.ids)];
  return ctx.db.transaction().execute(async (tx) => {
    const rows = await findAssetsByIds(tx, ctx.actor.orgId, ids);
    const readable = siteScope(ctx.actor, 'assets:read');
    if (rows.length !== ids.length || rows.some((r) => !inScope(readable, r.site_id))) throw notFound('设备');
    if (rows.some((r) => !hasPermission(ctx.actor, 'assets:manage', r.site_id))) throw forbidden('没有管理其中部分设备所在场所的权限');
    const change = await bulkChange(ctx, tx, input, rows);
    const changed = await applyAssetChanges(ctx, tx, ids, change, input.action);
    return { updated: changed.length };
  });
}

async function bulkChange(ctx: Ctx, tx: Tx, input: BulkInput, rows: AssetRow[]): Promise<AssetChange> {
  const { orgId } = ctx.actor;
  if (input.action === 'move') {
    if (!input.locationId) throw validation([{ field: 'locationId', message: '移动设备必须选择目标位置' }]);
    const loc = await findLocationLite(tx, orgId, input.locationId);
    if (!loc || !inScope(siteScope(ctx.actor, 'assets:read'), loc.site_id)) {
      throw validation([{ field: 'locationId', message: '位置不存在或无权访问' }]);
    }
    if (loc.active !== 1) throw validation([{ field: 'locationId', message: `位置「${loc.name}」已停用` }]);
    const elsewhere = rows.filter((r) => r.site_id !== loc.site_id);
    if (elsewhere.length) {
      const codes = elsewhere.map((r) => r.code).join('、');
      throw validation([{ field: 'locationId', message: `位置「${loc.name}」与以下设备不在同一场所，设备不能跨场所移动：${codes}` }]);
    }
    return { location_id: loc.id };
  }
  if (input.action === 'custodian') {
    const problems = [];
    if (input.custodianId === undefined) problems.push({ field: 'custodianId', message: '必填（传 null 表示清除责任人）' });
    else if (input.custodianId !== null) {
      const user = await findUserLite(tx, orgId, input.custodianId);
      if (!user) problems.push({ field: 'custodianId', message: '责任人不存在' });
      else if (user.active !== 1) problems.push({ field: 'custodianId', message: `责任人「${user.name}」已停用` });
    }
    if (input.departmentId) {
      const dept = await findDepartmentLite(tx, orgId, input.departmentId);
      if (!dept) problems.push({ field: 'departmentId', message: '责任部门不存在' });
      else if (dept.active !== 1) problems.push({ field: 'departmentId', message: `责任部门「${dept.name}」已停用` });
    }
    if (problems.length) throw validation(problems);
    return { custodian_id: input.custodianId ?? null, ...(input.departmentId !== undefined && { department_id: input.departmentId }) };
  }
  if (!input.status) throw validation([{ field: 'status', message: '必填' }]);
  return { status: input.status };
}
