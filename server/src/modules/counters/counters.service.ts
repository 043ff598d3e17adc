import type { Page } from '../../../../contracts/types.js';
import { hasPermission, inScope, siteScope } from '../../platform/access/actor.js';
import { assertCan } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { locationPathNames } from '../org/index.js';
import {
  activeUserIds,
  addMembers,
  type CounterFilter,
  type CounterListRow,
  type CounterRow,
  type CounterVisibility,
  findCounter,
  listCounters,
  membersOf,
  openNoticeCounts,
  removeMember,
} from './counters.repository.js';
import type { CounterDto } from './dto.js';
import { counterIdsOfUser } from './membership.js';

export interface CounterInput {
  siteId: string;
  locationId?: string | null;
  code: string;
  name: string;
  contactName?: string | null;
  contactPhone?: string | null;
  notes?: string | null;
}

export type CounterPatch = Partial<Omit<CounterInput, 'siteId'>> & { version: number };

/** Sites where the actor reads every counter, plus the counters they work for. */
export async function counterVisibility(ctx: Ctx): Promise<CounterVisibility> {
  const memberOf = ctx.actor.userId ? await counterIdsOfUser(ctx.db, ctx.actor.userId) : [];
  return { sites: siteScope(ctx.actor, 'counters:read'), memberOf };
}

export function canSeeCounter(vis: CounterVisibility, row: Pick<CounterRow, 'id' | 'site_id'>): boolean {
  return inScope(vis.sites, row.site_id) || vis.memberOf.includes(row.id);
}

/** The counter if the actor may read it (its site, or as its staff); 404 otherwise. */
export async function visibleCounter(ctx: Ctx, id: string, vis?: CounterVisibility): Promise<CounterListRow> {
  const row = await findCounter(ctx.db, ctx.actor.orgId, id);
  if (!row || !canSeeCounter(vis ?? (await counterVisibility(ctx)), row)) throw notFound('专柜');
  return row;
}

/** A counter the actor may change: readable on its site and counters:manage there. */
async function manageableCounter(ctx: Ctx, id: string): Promise<CounterListRow> {
  const row = await visibleCounter(ctx, id);
  assertCan(ctx, 'counters:manage', row.site_id);
  return row;
}

export async function toCounterDtos(ctx: Ctx, rows: CounterListRow[], vis: CounterVisibility): Promise<CounterDto[]> {
  const ids = rows.map((r) => r.id);
  const located = rows.filter((r) => r.location_id && r.location_path);
  const [members, open, paths] = await Promise.all([
    membersOf(ctx.db, ids),
    openNoticeCounts(ctx.db, ids),
    locationPathNames(
      ctx.db,
      ctx.actor.orgId,
      located.map((r) => ({
        id: r.location_id as string,
        site_id: r.site_id,
        path: r.location_path as string,
        name: r.location_name as string,
        parent_id: r.location_parent_id,
      })),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    siteName: r.site_name,
    locationId: r.location_id,
    locationPath: r.location_id ? (paths.get(r.location_id) ?? r.location_name) : null,
    code: r.code,
    name: r.name,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    notes: r.notes,
    active: r.active === 1,
    members: members
      .filter((m) => m.counter_id === r.id)
      .map((m) => ({ userId: m.user_id, name: m.name, username: m.username, phone: m.phone, active: m.active === 1 })),
    openNotices: open.get(r.id) ?? 0,
    isMember: vis.memberOf.includes(r.id),
    canManage: hasPermission(ctx.actor, 'counters:manage', r.site_id),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
  }));
}

export async function searchCounters(ctx: Ctx, filter: CounterFilter): Promise<Page<CounterDto>> {
  const vis = await counterVisibility(ctx);
  const page = await listCounters(ctx.db, ctx.actor.orgId, vis, filter);
  return { items: await toCounterDtos(ctx, page.items, vis), nextCursor: page.nextCursor };
}

export async function getCounter(ctx: Ctx, id: string): Promise<CounterDto> {
  const vis = await counterVisibility(ctx);
  const row = await visibleCounter(ctx, id, vis);
  const [dto] = await toCounterDtos(ctx, [row], vis);
  return dto as CounterDto;
}

const PHONE = /^[0-9+\-() ]{5,20}$/;

async function checkFields(ctx: Ctx, tx: Tx, siteId: string, input: Partial<CounterInput>): Promise<void> {
  const check = new FieldCheck();
  if (input.code !== undefined && !/^[A-Za-z0-9_-]{1,40}$/.test(input.code.trim()))
    check.add('code', '编码只能包含字母、数字、下划线和短横线');
  if (input.name !== undefined && !input.name.trim()) check.add('name', '请填写专柜名称');
  if (input.contactPhone && !PHONE.test(input.contactPhone.trim())) check.add('contactPhone', '联系电话格式不正确');
  if (input.locationId) {
    const loc = await tx
      .selectFrom('locations')
      .select('site_id')
      .where('org_id', '=', ctx.actor.orgId)
      .where('id', '=', input.locationId)
      .executeTakeFirst();
    if (!loc || loc.site_id !== siteId) check.add('locationId', '位置不存在或不属于该场所');
  }
  check.throwIfAny();
}

const trimOrNull = (v: string | null | undefined) => (v === undefined ? undefined : v?.trim() || null);

export async function createCounter(ctx: Ctx, input: CounterInput): Promise<CounterDto> {
  const site = await ctx.db
    .selectFrom('sites')
    .select('id')
    .where('org_id', '=', ctx.actor.orgId)
    .where('id', '=', input.siteId)
    .executeTakeFirst();
  if (!site || !inScope(siteScope(ctx.actor, 'counters:manage'), input.siteId)) {
    throw new AppError('VALIDATION', '场所不存在或无权管理', { fields: [{ field: 'siteId', message: '请选择您可管理的场所' }] });
  }
  const now = ctx.clock.now().toISOString();
  const row: CounterRow = {
    id: newId(),
    org_id: ctx.actor.orgId,
    site_id: input.siteId,
    location_id: input.locationId ?? null,
    code: input.code.trim(),
    name: input.name.trim(),
    contact_name: trimOrNull(input.contactName) ?? null,
    contact_phone: trimOrNull(input.contactPhone) ?? null,
    notes: trimOrNull(input.notes) ?? null,
    active: 1,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await checkFields(ctx, tx, input.siteId, input);
    await tx.insertInto('counters').values(row).execute();
    await writeAudit(ctx, tx, { entity: 'counter', entityId: row.id, action: 'create', siteId: row.site_id, after: row });
  });
  return getCounter(ctx, row.id);
}

export async function updateCounter(ctx: Ctx, id: string, input: CounterPatch): Promise<CounterDto> {
  const current = await manageableCounter(ctx, id);
  const patch: Partial<CounterRow> = {};
  if (input.code !== undefined) patch.code = input.code.trim();
  if (input.name !== undefined) patch.name = input.name.trim();
  if (input.locationId !== undefined) patch.location_id = input.locationId;
  if (input.contactName !== undefined) patch.contact_name = trimOrNull(input.contactName) ?? null;
  if (input.contactPhone !== undefined) patch.contact_phone = trimOrNull(input.contactPhone) ?? null;
  if (input.notes !== undefined) patch.notes = trimOrNull(input.notes) ?? null;
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await checkFields(ctx, tx, current.site_id, input);
    await updateVersioned(tx, 'counters', id, input.version, patch, now);
    await writeAudit(ctx, tx, {
      entity: 'counter',
      entityId: id,
      action: 'update',
      siteId: current.site_id,
      before: current,
      after: { ...current, ...patch },
    });
  });
  return getCounter(ctx, id);
}

export async function setCounterActive(ctx: Ctx, id: string, version: number, active: boolean): Promise<CounterDto> {
  const current = await manageableCounter(ctx, id);
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'counters', id, version, { active: active ? 1 : 0 }, now);
    await writeAudit(ctx, tx, {
      entity: 'counter',
      entityId: id,
      action: active ? 'activate' : 'deactivate',
      siteId: current.site_id,
      before: { active: current.active },
      after: { active: active ? 1 : 0 },
    });
  });
  return getCounter(ctx, id);
}

/** Gives people of the organisation a counter's login scope: they then see its notices, work orders and statements. */
export async function addCounterMembers(ctx: Ctx, id: string, userIds: string[]): Promise<CounterDto> {
  const current = await manageableCounter(ctx, id);
  const wanted = [...new Set(userIds)];
  await ctx.db.transaction().execute(async (tx) => {
    const ok = await activeUserIds(tx, ctx.actor.orgId, wanted);
    const check = new FieldCheck();
    wanted.forEach((u, i) => {
      if (!ok.has(u)) check.add(`userIds/${i}`, '用户不存在或已停用');
    });
    if (!wanted.length) check.add('userIds', '请选择至少一名人员');
    check.throwIfAny();
    const before = (await membersOf(tx, [id])).map((m) => m.user_id);
    await addMembers(tx, id, wanted);
    await writeAudit(ctx, tx, {
      entity: 'counter',
      entityId: id,
      action: 'add_members',
      siteId: current.site_id,
      before: { members: before },
      after: { members: [...new Set([...before, ...wanted])] },
    });
  });
  return getCounter(ctx, id);
}

export async function removeCounterMember(ctx: Ctx, id: string, userId: string): Promise<CounterDto> {
  const current = await manageableCounter(ctx, id);
  await ctx.db.transaction().execute(async (tx) => {
    const before = (await membersOf(tx, [id])).map((m) => m.user_id);
    if (!(await removeMember(tx, id, userId))) throw notFound('专柜人员');
    await writeAudit(ctx, tx, {
      entity: 'counter',
      entityId: id,
      action: 'remove_member',
      siteId: current.site_id,
      before: { members: before },
      after: { members: before.filter((u) => u !== userId) },
    });
  });
  return getCounter(ctx, id);
}
