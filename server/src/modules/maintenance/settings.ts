import type { MaintenanceSettingsDto } from '../../../../contracts/maintenance.js';
import { hasPermission } from '../../platform/access/actor.js';
import { assertCan } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { forbidden, staleVersion } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { resaveActiveSchedules } from './schedule.js';

/** SMRP 5.4.14: 20 % of the interval, at most 28 days; a meter plan's order has a week. */
export const DEFAULT_MAINTENANCE_SETTINGS: Omit<MaintenanceSettingsDto, 'version'> = {
  gracePercent: 20,
  graceCapDays: 28,
  meterWindowDays: 7,
};

export type MaintenanceSettingsInput = Omit<MaintenanceSettingsDto, 'version'> & { version: number };

/** The organisation's settings; the defaults (version 1) while no row was saved. */
export async function maintenanceSettings(db: Db | Tx, orgId: string): Promise<MaintenanceSettingsDto> {
  const row = await db.selectFrom('maintenance_settings').selectAll().where('org_id', '=', orgId).executeTakeFirst();
  if (!row) return { ...DEFAULT_MAINTENANCE_SETTINGS, version: 1 };
  return {
    gracePercent: Number(row.grace_percent),
    graceCapDays: Number(row.grace_cap_days),
    meterWindowDays: Number(row.meter_window_days),
    version: Number(row.version),
  };
}

export async function getMaintenanceSettings(ctx: Ctx): Promise<MaintenanceSettingsDto> {
  // organisation-wide: whoever reads maintenance anywhere sees the grace rule the measures use
  if (!hasPermission(ctx.actor, 'maintenance:read')) throw forbidden();
  return maintenanceSettings(ctx.db, ctx.actor.orgId);
}

/**
 * Saves the settings (a stale version answers 409) and re-saves the schedules of the
 * active plans with the new windows: future occurrences follow, past ones keep theirs.
 */
export async function updateMaintenanceSettings(ctx: Ctx, input: MaintenanceSettingsInput): Promise<MaintenanceSettingsDto> {
  assertCan(ctx, 'maintenance:manage', null);
  const check = new FieldCheck();
  const int = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;
  if (!int(input.gracePercent, 0, 100)) check.add('gracePercent', '宽限比例须为 0–100 的整数（%）');
  if (!int(input.graceCapDays, 0, 365)) check.add('graceCapDays', '宽限上限须为 0–365 的整数（天）');
  if (!int(input.meterWindowDays, 1, 365)) check.add('meterWindowDays', '按计量保养的完成期限须为 1–365 的整数（天）');
  check.throwIfAny();
  const orgId = ctx.actor.orgId;
  const now = ctx.clock.now();
  const values = { grace_percent: input.gracePercent, grace_cap_days: input.graceCapDays, meter_window_days: input.meterWindowDays };
  await ctx.db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('maintenance_settings').selectAll().where('org_id', '=', orgId).executeTakeFirst();
    if (!before) {
      if (input.version !== 1) throw staleVersion();
      await tx
        .insertInto('maintenance_settings')
        .values({ org_id: orgId, ...values, updated_at: now.toISOString(), version: 2 })
        .execute();
    } else {
      const res = await tx
        .updateTable('maintenance_settings')
        .set({ ...values, updated_at: now.toISOString(), version: input.version + 1 })
        .where('org_id', '=', orgId)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw staleVersion();
    }
    const prev = before ?? {
      grace_percent: DEFAULT_MAINTENANCE_SETTINGS.gracePercent,
      grace_cap_days: DEFAULT_MAINTENANCE_SETTINGS.graceCapDays,
      meter_window_days: DEFAULT_MAINTENANCE_SETTINGS.meterWindowDays,
    };
    const changed =
      Number(prev.grace_percent) !== values.grace_percent ||
      Number(prev.grace_cap_days) !== values.grace_cap_days ||
      Number(prev.meter_window_days) !== values.meter_window_days;
    if (changed) await resaveActiveSchedules(tx, orgId, { ...input }, now);
    await writeAudit(ctx, tx, {
      entity: 'maintenance_settings',
      entityId: orgId,
      action: 'update',
      before: { org_id: orgId, ...prev },
      after: { org_id: orgId, ...values },
    });
  });
  return maintenanceSettings(ctx.db, orgId);
}
