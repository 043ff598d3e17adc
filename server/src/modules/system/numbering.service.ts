import { assertCan, assertReadable } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { AppError, duplicate, notFound, validation } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import {
  type DateFormat,
  formatNumber,
  type NumberingRuleRow,
  previewNumber,
  type ResetPeriod,
  resetProblem,
  ruleHasIssued,
  ruleSpec,
} from '../../platform/numbering/numbering.js';
import { DEFAULT_TIME_ZONE } from '../../platform/numbering/time.js';
import { findRule, findRuleByPrefix, listRules, type NumberingRuleFilter } from './numbering.repository.js';

export interface NumberingRuleInput {
  code: string;
  name: string;
  prefix: string;
  dateFormat: DateFormat;
  seqWidth: number;
  reset: ResetPeriod;
  perSite: boolean;
}

export type NumberingRulePatch = Partial<NumberingRuleInput>;

export function toRuleDto(r: NumberingRuleRow, now: Date) {
  const spec = ruleSpec(r);
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    prefix: r.prefix,
    dateFormat: spec.dateFormat,
    seqWidth: r.seq_width,
    reset: spec.reset,
    perSite: spec.perSite,
    // what the first number of today looks like, so the form shows the effect of a change
    sample: formatNumber(spec, 1, now, DEFAULT_TIME_ZONE),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function searchRules(ctx: Ctx, filter: NumberingRuleFilter) {
  return listRules(ctx.db, ctx.actor.orgId, filter);
}

export async function getRule(ctx: Ctx, id: string): Promise<NumberingRuleRow> {
  const row = await findRule(ctx.db, ctx.actor.orgId, id);
  if (!row) throw notFound('编号规则');
  return row;
}

export async function createRule(ctx: Ctx, input: NumberingRuleInput): Promise<NumberingRuleRow> {
  // numbering rules are organisation-wide configuration
  assertCan(ctx, 'numbering:manage', null);
  const check = new FieldCheck();
  if (!input.name.trim()) check.add('name', '不能为空');
  const problem = resetProblem(input.dateFormat, input.reset);
  if (problem) check.add('reset', problem);
  check.throwIfAny();
  await assertPrefixFree(ctx, input.prefix);
  const now = ctx.clock.now().toISOString();
  const row: NumberingRuleRow = {
    id: newId(),
    org_id: ctx.actor.orgId,
    code: input.code,
    name: input.name.trim(),
    prefix: input.prefix,
    date_format: input.dateFormat,
    seq_width: input.seqWidth,
    reset: input.reset,
    per_site: input.perSite ? 1 : 0,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('numbering_rules').values(row).execute();
    await writeAudit(ctx, tx, { entity: 'numbering_rule', entityId: row.id, action: 'create', after: row });
  });
  return row;
}

export async function updateRule(ctx: Ctx, id: string, version: number, input: NumberingRulePatch): Promise<NumberingRuleRow> {
  const before = await getRule(ctx, id);
  assertCan(ctx, 'numbering:manage', null);
  const check = new FieldCheck();
  // modules look rules up by code, so it stays what it was created as
  if (input.code !== undefined && input.code !== before.code) check.add('code', '编码创建后不可修改');
  if (input.name !== undefined && !input.name.trim()) check.add('name', '不能为空');
  const dateFormat = input.dateFormat ?? (before.date_format as DateFormat);
  const reset = input.reset ?? (before.reset as ResetPeriod);
  const problem = resetProblem(dateFormat, reset);
  if (problem) check.add(input.reset !== undefined ? 'reset' : 'dateFormat', problem);
  check.throwIfAny();
  if (input.prefix !== undefined && input.prefix !== before.prefix) await assertPrefixFree(ctx, input.prefix, before.id);
  const patch: Partial<NumberingRuleRow> = {
    ...(input.name !== undefined && { name: input.name.trim() }),
    ...(input.prefix !== undefined && { prefix: input.prefix }),
    ...(input.dateFormat !== undefined && { date_format: input.dateFormat }),
    ...(input.seqWidth !== undefined && { seq_width: input.seqWidth }),
    ...(input.reset !== undefined && { reset: input.reset }),
    ...(input.perSite !== undefined && { per_site: input.perSite ? 1 : 0 }),
  };
  const changesCounters =
    (patch.date_format !== undefined && patch.date_format !== before.date_format) ||
    (patch.reset !== undefined && patch.reset !== before.reset) ||
    (patch.per_site !== undefined && patch.per_site !== before.per_site);
  const now = ctx.clock.now().toISOString();
  const after = { ...before, ...patch, version: version + 1, updated_at: now };
  await ctx.db.transaction().execute(async (tx) => {
    // counters are keyed by site and period: changing how they are keyed would start
    // them again at 1 and hand out numbers that were already issued
    if (changesCounters && (await ruleHasIssued(tx, before.id))) {
      throw new AppError('CONFLICT', '该规则已生成过编号，不能再修改日期格式、重置周期或按场所编号；请新建规则', {
        fields: ['dateFormat', 'reset', 'perSite']
          .filter((f) => (input as Record<string, unknown>)[f] !== undefined)
          .map((field) => ({ field, message: '已生成过编号，不可修改' })),
      });
    }
    await updateVersioned(tx, 'numbering_rules', before.id, version, patch, now);
    await writeAudit(ctx, tx, { entity: 'numbering_rule', entityId: before.id, action: 'update', before, after });
  });
  return after;
}

/** The next number of a rule for a site (and when), without taking it. */
export async function previewRule(
  ctx: Ctx,
  id: string,
  input: { siteId?: string | null; at?: string },
): Promise<{ number: string; at: string }> {
  const rule = await getRule(ctx, id);
  const siteId = input.siteId ?? null;
  // a site outside the actor's sites is reported as missing, like any other site
  if (siteId) assertReadable(ctx, 'numbering:manage', siteId, '场所');
  const at = input.at ? new Date(input.at) : ctx.clock.now();
  if (Number.isNaN(at.getTime())) throw validation([{ field: 'at', message: '不是有效的时间' }]);
  const number = await previewNumber(ctx.db, { orgId: ctx.actor.orgId, ruleCode: rule.code, siteId, at });
  return { number, at: at.toISOString() };
}

/** Two rules printing one prefix could give two documents the same number (the unique index is the backstop). */
async function assertPrefixFree(ctx: Ctx, prefix: string, exceptId?: string): Promise<void> {
  const other = await findRuleByPrefix(ctx.db, ctx.actor.orgId, prefix, exceptId);
  if (other) throw duplicate('prefix', `前缀 ${prefix} 已被编号规则 ${other.code} 使用`);
}
