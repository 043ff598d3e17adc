import type { HazardSettingsDto, HazardSettingsInput } from '../../../../contracts/hazards.js';
import { hasPermission } from '../../platform/access/actor.js';
import { assertCan } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { forbidden, staleVersion } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';

/** DOMAIN.md §4: acceptance on site within 10 days of the deadline; a reminder 3 days before it. */
export const DEFAULT_HAZARD_SETTINGS = { acceptanceDays: 10, remindDaysBefore: 3 } as const;

/** The organisation's settings; the defaults (version 1) while no row exists. */
export async function hazardSettings(db: Db | Tx, orgId: string): Promise<HazardSettingsDto> {
  const row = await db.selectFrom('hazard_settings').selectAll().where('org_id', '=', orgId).executeTakeFirst();
  if (!row) return { ...DEFAULT_HAZARD_SETTINGS, updatedAt: new Date(0).toISOString(), version: 1 };
  return {
    acceptanceDays: Number(row.acceptance_days),
    remindDaysBefore: Number(row.remind_days_before),
    updatedAt: row.updated_at,
    version: Number(row.version),
  };
}

/** Idempotent: the settings row with the defaults, for a new organisation (bootstrap) and on every start. */
export async function seedHazardSettings(tx: Tx, orgId: string, now: string): Promise<void> {
  await tx
    .insertInto('hazard_settings')
    .values({
      org_id: orgId,
      acceptance_days: DEFAULT_HAZARD_SETTINGS.acceptanceDays,
      remind_days_before: DEFAULT_HAZARD_SETTINGS.remindDaysBefore,
      updated_at: now,
      version: 1,
    })
    .onConflict((oc) => oc.column('org_id').doNothing())
    .execute();
}

export async function getHazardSettings(ctx: Ctx): Promise<HazardSettingsDto> {
  // organisation-wide: whoever reads hazards anywhere sees the rules the register applies
  if (!hasPermission(ctx.actor, 'hazards:read')) throw forbidden();
  return hazardSettings(ctx.db, ctx.actor.orgId);
}

/** Saves the settings for the whole organisation (hazards:manage on every site); a stale version answers 409. */
export async function updateHazardSettings(ctx: Ctx, input: HazardSettingsInput): Promise<HazardSettingsDto> {
  assertCan(ctx, 'hazards:manage', null);
  const check = new FieldCheck();
  const int = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;
  if (!int(input.acceptanceDays, 0, 365)) check.add('acceptanceDays', '验收期限须为 0–365 的整数（整改期限后的天数）');
  if (!int(input.remindDaysBefore, 0, 90)) check.add('remindDaysBefore', '提前提醒天数须为 0–90 的整数');
  check.throwIfAny();
  const orgId = ctx.actor.orgId;
  const now = ctx.clock.now().toISOString();
  const values = { acceptance_days: input.acceptanceDays, remind_days_before: input.remindDaysBefore };
  await ctx.db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('hazard_settings').selectAll().where('org_id', '=', orgId).executeTakeFirst();
    if (!before) {
      if (input.version !== 1) throw staleVersion();
      await tx
        .insertInto('hazard_settings')
        .values({ org_id: orgId, ...values, updated_at: now, version: 2 })
        .execute();
    } else {
      const res = await tx
        .updateTable('hazard_settings')
        .set({ ...values, updated_at: now, version: input.version + 1 })
        .where('org_id', '=', orgId)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw staleVersion();
    }
    await writeAudit(ctx, tx, {
      entity: 'hazard_settings',
      entityId: orgId,
      action: 'update',
      before: before
        ? { acceptance_days: before.acceptance_days, remind_days_before: before.remind_days_before }
        : { acceptance_days: DEFAULT_HAZARD_SETTINGS.acceptanceDays, remind_days_before: DEFAULT_HAZARD_SETTINGS.remindDaysBefore },
      after: values,
    });
  });
  return hazardSettings(ctx.db, orgId);
}
