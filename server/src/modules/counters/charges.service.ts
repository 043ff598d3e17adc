import { hasGlobalPermission, siteScope } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { updateVersioned } from '../../platform/db/records.js';
import { forbidden, notFound, staleVersion } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { type ChargeRule, DEFAULT_CHARGE_RULES } from './charges.js';
import { counterVisibility } from './counters.service.js';
import type { ChargeRuleDto } from './dto.js';
import { CHARGE_SUPPLIERS, type ChargeSupplier } from './schema.js';

export interface ChargeRuleInput {
  supplier: ChargeSupplier;
  chargeMaterials: boolean;
  chargeLabour: boolean;
  labourRate: number;
  version: number;
}

/** Highest labour rate accepted: ¥10,000 per hour, a typo guard rather than a policy. */
const MAX_RATE = 1_000_000;

/** The organisation's rules, one per supplier; a supplier without a stored row uses the built-in default (version 0). */
export async function loadChargeRules(db: Db | Tx, orgId: string): Promise<ChargeRuleDto[]> {
  const rows = await db.selectFrom('counter_charge_rules').selectAll().where('org_id', '=', orgId).execute();
  return CHARGE_SUPPLIERS.map((supplier) => {
    const row = rows.find((r) => r.supplier === supplier);
    if (row) {
      return {
        supplier,
        chargeMaterials: row.charge_materials === 1,
        chargeLabour: row.charge_labour === 1,
        labourRate: Number(row.labour_rate),
        version: Number(row.version),
        updatedAt: row.updated_at,
      };
    }
    const def = DEFAULT_CHARGE_RULES.find((r) => r.supplier === supplier) as ChargeRule;
    return { ...def, version: 0, updatedAt: null };
  });
}

/** Anyone who reads counters, and the counters' own staff (their statements are priced by these rules). */
export async function getChargeRules(ctx: Ctx): Promise<ChargeRuleDto[]> {
  const scope = siteScope(ctx.actor, 'counters:read');
  if (scope !== 'all' && scope.length === 0 && (await counterVisibility(ctx)).memberOf.length === 0) throw notFound('收费规则');
  return loadChargeRules(ctx.db, ctx.actor.orgId);
}

/** Organisation-wide rules: only counters:manage on every site may change them. */
export async function putChargeRules(ctx: Ctx, input: ChargeRuleInput[]): Promise<ChargeRuleDto[]> {
  if (!hasGlobalPermission(ctx.actor, 'counters:manage')) throw forbidden('修改收费规则需要在全部场所拥有专柜管理权限');
  const check = new FieldCheck();
  const seen = new Set<string>();
  input.forEach((r, i) => {
    if (seen.has(r.supplier)) check.add(`rules/${i}/supplier`, '材料提供方重复');
    seen.add(r.supplier);
    if (!Number.isInteger(r.labourRate) || r.labourRate < 0 || r.labourRate > MAX_RATE) {
      check.add(`rules/${i}/labourRate`, '工时费单价应为 0 至 10000 元/小时（以分计的整数）');
    }
    if (r.chargeLabour && r.labourRate === 0) check.add(`rules/${i}/labourRate`, '收取工时费时请填写工时费单价');
  });
  check.throwIfAny();
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (tx) => {
    const current = await loadChargeRules(tx, ctx.actor.orgId);
    for (const r of input) {
      const before = current.find((c) => c.supplier === r.supplier) as ChargeRuleDto;
      const values = {
        charge_materials: r.chargeMaterials ? (1 as const) : (0 as const),
        charge_labour: r.chargeLabour ? (1 as const) : (0 as const),
        labour_rate: r.labourRate,
      };
      let id: string;
      if (before.version === 0) {
        if (r.version !== 0) throw staleVersion();
        id = newId();
        await tx
          .insertInto('counter_charge_rules')
          .values({ id, org_id: ctx.actor.orgId, supplier: r.supplier, ...values, created_at: now, updated_at: now, version: 1 })
          .execute();
      } else {
        const row = await tx
          .selectFrom('counter_charge_rules')
          .select('id')
          .where('org_id', '=', ctx.actor.orgId)
          .where('supplier', '=', r.supplier)
          .executeTakeFirstOrThrow();
        id = row.id;
        await updateVersioned(tx, 'counter_charge_rules', id, r.version, values, now);
      }
      await writeAudit(ctx, tx, {
        entity: 'counter_charge_rule',
        entityId: id,
        action: before.version === 0 ? 'create' : 'update',
        before: { charge_materials: before.chargeMaterials, charge_labour: before.chargeLabour, labour_rate: before.labourRate },
        after: { charge_materials: r.chargeMaterials, charge_labour: r.chargeLabour, labour_rate: r.labourRate },
      });
    }
  });
  return loadChargeRules(ctx.db, ctx.actor.orgId);
}
