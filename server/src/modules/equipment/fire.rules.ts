import { assertCan, assertReadable } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { notFound } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import type { FireRuleSpec } from './fire.dates.js';
import { type FireRuleFilter, type FireRuleRow, findRule, listRules } from './fire.repository.js';

/** Per-kind check interval, service and scrap ages (DOMAIN.md §4 defaults, editable per organisation). */
export interface FireRuleInput {
  code: string;
  name: string;
  nameEn: string;
  checkIntervalDays: number;
  firstServiceYears?: number | null;
  serviceIntervalYears?: number | null;
  scrapYears?: number | null;
}

export function toFireRuleDto(r: FireRuleRow) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    checkIntervalDays: r.check_interval_days,
    firstServiceYears: r.first_service_years,
    serviceIntervalYears: r.service_interval_years,
    scrapYears: r.scrap_years,
    active: r.active === 1,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function ruleSpecOf(
  r: Pick<FireRuleRow, 'check_interval_days' | 'first_service_years' | 'service_interval_years' | 'scrap_years'>,
): FireRuleSpec {
  return {
    checkIntervalDays: r.check_interval_days,
    firstServiceYears: r.first_service_years,
    serviceIntervalYears: r.service_interval_years,
    scrapYears: r.scrap_years,
  };
}

export async function getFireRule(ctx: Ctx, id: string): Promise<FireRuleRow> {
  assertReadable(ctx, 'assets:read', null, '消防器材类型');
  const row = await findRule(ctx.db, ctx.actor.orgId, id);
  if (!row) throw notFound('消防器材类型');
  return row;
}

export async function searchFireRules(ctx: Ctx, filter: FireRuleFilter) {
  assertReadable(ctx, 'assets:read', null, '消防器材类型');
  const page = await listRules(ctx.db, ctx.actor.orgId, filter);
  return { items: page.items.map(toFireRuleDto), nextCursor: page.nextCursor };
}

/** Ages the schema cannot compare: a first service after scrapping, or a repeat interval longer than the unit lives. */
function checkRule(input: Pick<FireRuleInput, 'firstServiceYears' | 'serviceIntervalYears' | 'scrapYears'>): void {
  const check = new FieldCheck();
  const { firstServiceYears: first, serviceIntervalYears: every, scrapYears: scrap } = input;
  if (scrap !== null && scrap !== undefined) {
    if (first !== null && first !== undefined && first > scrap) check.add('firstServiceYears', '首次维保年限不能超过报废年限');
    if (every !== null && every !== undefined && every > scrap) check.add('serviceIntervalYears', '维保间隔不能超过报废年限');
  }
  if (every === 0) check.add('serviceIntervalYears', '维保间隔至少 1 年；不需要再次维保时请留空');
  check.throwIfAny();
}

export async function createFireRule(ctx: Ctx, input: FireRuleInput): Promise<FireRuleRow> {
  assertCan(ctx, 'fire:manage', null);
  checkRule(input);
  const now = ctx.clock.now().toISOString();
  const row: FireRuleRow = {
    id: newId(),
    org_id: ctx.actor.orgId,
    code: input.code,
    name: input.name,
    name_en: input.nameEn,
    check_interval_days: input.checkIntervalDays,
    first_service_years: input.firstServiceYears ?? null,
    service_interval_years: input.serviceIntervalYears ?? null,
    scrap_years: input.scrapYears ?? null,
    active: 1,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('fire_equipment_rules').values(row).execute();
    await writeAudit(ctx, tx, { entity: 'fire_rule', entityId: row.id, action: 'create', after: row });
  });
  return row;
}

export async function updateFireRule(ctx: Ctx, id: string, version: number, input: Partial<FireRuleInput>): Promise<FireRuleRow> {
  const before = await getFireRule(ctx, id);
  assertCan(ctx, 'fire:manage', null);
  const patch = {
    ...(input.code !== undefined && { code: input.code }),
    ...(input.name !== undefined && { name: input.name }),
    ...(input.nameEn !== undefined && { name_en: input.nameEn }),
    ...(input.checkIntervalDays !== undefined && { check_interval_days: input.checkIntervalDays }),
    ...(input.firstServiceYears !== undefined && { first_service_years: input.firstServiceYears }),
    ...(input.serviceIntervalYears !== undefined && { service_interval_years: input.serviceIntervalYears }),
    ...(input.scrapYears !== undefined && { scrap_years: input.scrapYears }),
  };
  const after = { ...before, ...patch };
  checkRule({
    firstServiceYears: after.first_service_years,
    serviceIntervalYears: after.service_interval_years,
    scrapYears: after.scrap_years,
  });
  return saveRule(ctx, before, version, patch, 'update');
}

export async function setFireRuleActive(ctx: Ctx, id: string, version: number, active: boolean): Promise<FireRuleRow> {
  const before = await getFireRule(ctx, id);
  assertCan(ctx, 'fire:manage', null);
  return saveRule(ctx, before, version, { active: active ? 1 : 0 }, active ? 'activate' : 'deactivate');
}

async function saveRule(ctx: Ctx, before: FireRuleRow, version: number, patch: Partial<FireRuleRow>, action: string) {
  const now = ctx.clock.now().toISOString();
  const after = { ...before, ...patch, version: version + 1, updated_at: now };
  await ctx.db.transaction().execute(async (tx) => {
    await updateVersioned(tx, 'fire_equipment_rules', before.id, version, patch, now);
    await writeAudit(ctx, tx, { entity: 'fire_rule', entityId: before.id, action, before, after });
  });
  return after;
}
