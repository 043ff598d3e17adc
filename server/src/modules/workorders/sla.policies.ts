import type { SlaPolicyDto, SlaPolicyInput } from '../../../../contracts/workorders.js';
import { hasGlobalPermission, hasPermission, inScope, siteScope } from '../../platform/access/actor.js';
import { assertCan } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { isActiveDictionaryCode } from '../system/index.js';
import { findPolicy, listPolicies, type SlaPolicyFilter, type SlaPolicyRow } from './sla.repository.js';

/**
 * Deadline policies (时限规则) by site × category × urgency. Organisation-wide policies
 * (no site) are managed by holders of workorders:manage on every site; a site's own
 * policies by those holding it on that site, and are invisible (404) to the others.
 * Editing a policy changes the deadlines of orders created afterwards; open orders keep
 * the deadlines they were given (they move only when their category or urgency is edited).
 */
export type { SlaPolicyDto, SlaPolicyInput };

const MAX_MINUTES = 366 * 24 * 60;

export function toSlaPolicyDto(r: SlaPolicyRow & { site_name?: string | null }): SlaPolicyDto {
  return {
    id: r.id,
    name: r.name,
    siteId: r.site_id,
    siteName: r.site_name ?? null,
    category: r.category,
    urgency: r.urgency,
    responseMinutes: r.response_minutes,
    arrivalMinutes: r.arrival_minutes,
    resolutionMinutes: r.resolution_minutes,
    notOvernight: r.not_overnight === 1,
    businessHours: r.business_hours === 1,
    excludePaused: r.exclude_paused === 1,
    warnBeforeMinutes: r.warn_before_minutes,
    active: r.active === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
  };
}

const manageScope = (ctx: Ctx) => siteScope(ctx.actor, 'workorders:manage');

export async function searchSlaPolicies(ctx: Ctx, f: SlaPolicyFilter): Promise<{ items: SlaPolicyDto[]; nextCursor: string | null }> {
  const page = await listPolicies(ctx.db, ctx.actor.orgId, manageScope(ctx), f);
  return { items: page.items.map(toSlaPolicyDto), nextCursor: page.nextCursor };
}

async function readPolicy(ctx: Ctx, id: string): Promise<SlaPolicyRow> {
  const row = await findPolicy(ctx.db, ctx.actor.orgId, id);
  if (!row || (row.site_id !== null && !inScope(manageScope(ctx), row.site_id))) throw notFound('时限规则');
  return row;
}

export async function getSlaPolicy(ctx: Ctx, id: string): Promise<SlaPolicyDto> {
  const row = await readPolicy(ctx, id);
  const page = await listPolicies(ctx.db, ctx.actor.orgId, manageScope(ctx), { id: row.id });
  return toSlaPolicyDto(page.items[0] ?? row);
}

/** Organisation-wide policies need the permission on every site; a site's, on that site. */
function assertMayChange(ctx: Ctx, siteId: string | null): void {
  if (siteId === null ? !hasGlobalPermission(ctx.actor, 'workorders:manage') : !hasPermission(ctx.actor, 'workorders:manage', siteId)) {
    throw forbidden(siteId === null ? '只有管理全部场所的人员可以维护全组织通用的时限规则' : undefined);
  }
}

const isMinutes = (v: number | null) => v === null || (Number.isInteger(v) && v >= 1 && v <= MAX_MINUTES);

/** Every rule the schema cannot say, with one Chinese message per bad field. */
async function checkPolicy(ctx: Ctx, tx: Tx, row: SlaPolicyRow): Promise<void> {
  const check = new FieldCheck();
  const orgId = ctx.actor.orgId;
  if (!row.name.trim()) check.add('name', '请填写规则名称');
  if (row.site_id !== null) {
    const site = await tx.selectFrom('sites').select('id').where('org_id', '=', orgId).where('id', '=', row.site_id).executeTakeFirst();
    if (!site || !inScope(manageScope(ctx), row.site_id)) check.add('siteId', '场所不存在或无权管理');
  }
  if (row.category !== null && !(await isActiveDictionaryCode(tx, orgId, 'repair_category', row.category))) {
    check.add('category', '请选择有效的报修类别，或留空表示全部类别');
  }
  if (row.urgency !== null && !(await isActiveDictionaryCode(tx, orgId, 'urgency', row.urgency))) {
    check.add('urgency', '请选择有效的紧急程度，或留空表示全部');
  }
  const { response_minutes: response, arrival_minutes: arrival, resolution_minutes: resolution } = row;
  if (!isMinutes(response)) check.add('responseMinutes', '响应时限须为 1 至 527040 之间的整数分钟');
  if (!isMinutes(arrival)) check.add('arrivalMinutes', '到场时限须为 1 至 527040 之间的整数分钟');
  if (!isMinutes(resolution)) check.add('resolutionMinutes', '修复时限须为 1 至 527040 之间的整数分钟');
  if (response === null && arrival === null && resolution === null && row.not_overnight !== 1) {
    check.add('resolutionMinutes', '请至少设置一项时限：响应、到场、修复或不过夜');
  }
  if (response !== null && arrival !== null && arrival < response) check.add('arrivalMinutes', '到场时限不能短于响应时限');
  if (resolution !== null && arrival !== null && resolution < arrival) check.add('resolutionMinutes', '修复时限不能短于到场时限');
  if (resolution !== null && response !== null && resolution < response) check.add('resolutionMinutes', '修复时限不能短于响应时限');
  const warn = row.warn_before_minutes;
  if (!Number.isInteger(warn) || warn < 0) check.add('warnBeforeMinutes', '提前预警须为不小于 0 的整数分钟');
  else if (resolution !== null && warn >= resolution) check.add('warnBeforeMinutes', '提前预警时间须小于修复时限');
  if (row.active === 1) {
    let same = tx.selectFrom('sla_policies').select('id').where('org_id', '=', orgId).where('active', '=', 1).where('id', '!=', row.id);
    same = same.where('site_id', row.site_id === null ? 'is' : '=', row.site_id);
    same = same.where('category', row.category === null ? 'is' : '=', row.category);
    same = same.where('urgency', row.urgency === null ? 'is' : '=', row.urgency);
    if (await same.executeTakeFirst()) check.add('urgency', '已有相同场所、类别和紧急程度的启用规则，请修改那一条');
  }
  check.throwIfAny();
}

function rowOf(input: SlaPolicyInput, base: SlaPolicyRow): SlaPolicyRow {
  const flag = (v: boolean | undefined, current: 0 | 1): 0 | 1 => (v === undefined ? current : v ? 1 : 0);
  return {
    ...base,
    name: input.name !== undefined ? input.name.trim() : base.name,
    site_id: input.siteId !== undefined ? input.siteId || null : base.site_id,
    category: input.category !== undefined ? input.category || null : base.category,
    urgency: input.urgency !== undefined ? input.urgency || null : base.urgency,
    response_minutes: input.responseMinutes !== undefined ? input.responseMinutes : base.response_minutes,
    arrival_minutes: input.arrivalMinutes !== undefined ? input.arrivalMinutes : base.arrival_minutes,
    resolution_minutes: input.resolutionMinutes !== undefined ? input.resolutionMinutes : base.resolution_minutes,
    not_overnight: flag(input.notOvernight, base.not_overnight),
    business_hours: flag(input.businessHours, base.business_hours),
    exclude_paused: flag(input.excludePaused, base.exclude_paused),
    warn_before_minutes: input.warnBeforeMinutes ?? base.warn_before_minutes,
  };
}

export async function createSlaPolicy(ctx: Ctx, input: SlaPolicyInput): Promise<SlaPolicyDto> {
  const now = ctx.clock.now().toISOString();
  const row = rowOf(input, {
    id: newId(),
    org_id: ctx.actor.orgId,
    site_id: null,
    category: null,
    urgency: null,
    name: '',
    response_minutes: null,
    arrival_minutes: null,
    resolution_minutes: null,
    not_overnight: 0,
    business_hours: 0,
    exclude_paused: 1,
    warn_before_minutes: 30,
    active: 1,
    created_at: now,
    updated_at: now,
    version: 1,
  });
  if (row.site_id === null) assertCan(ctx, 'workorders:manage', null);
  await ctx.db.transaction().execute(async (tx) => {
    await checkPolicy(ctx, tx, row);
    if (row.site_id !== null) assertMayChange(ctx, row.site_id);
    await tx.insertInto('sla_policies').values(row).execute();
    await writeAudit(ctx, tx, { entity: 'sla_policy', entityId: row.id, action: 'create', siteId: row.site_id, after: row });
  });
  return getSlaPolicy(ctx, row.id);
}

export async function updateSlaPolicy(ctx: Ctx, id: string, version: number, input: Partial<SlaPolicyInput>): Promise<SlaPolicyDto> {
  const before = await readPolicy(ctx, id);
  assertMayChange(ctx, before.site_id);
  const after = rowOf({ name: before.name, ...input }, before);
  return save(ctx, before, after, version, 'update');
}

export async function setSlaPolicyActive(ctx: Ctx, id: string, version: number, active: boolean): Promise<SlaPolicyDto> {
  const before = await readPolicy(ctx, id);
  assertMayChange(ctx, before.site_id);
  return save(ctx, before, { ...before, active: active ? 1 : 0 }, version, active ? 'activate' : 'deactivate');
}

async function save(ctx: Ctx, before: SlaPolicyRow, after: SlaPolicyRow, version: number, action: string): Promise<SlaPolicyDto> {
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    if (action !== 'deactivate') await checkPolicy(ctx, tx, after);
    if (after.site_id !== before.site_id) assertMayChange(ctx, after.site_id);
    const { id: _id, org_id: _org, created_at: _c, updated_at: _u, version: _v, ...patch } = after;
    await updateVersioned(tx, 'sla_policies', before.id, version, patch, now);
    await writeAudit(ctx, tx, {
      entity: 'sla_policy',
      entityId: before.id,
      action,
      siteId: after.site_id,
      before,
      after: { ...after, version: version + 1 },
    });
  });
  return getSlaPolicy(ctx, before.id);
}
