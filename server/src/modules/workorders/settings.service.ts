import { assertCan } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { staleVersion } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import './schema.js';

/** Per-organisation work-order settings (工单设置): auto-acceptance and the public QR intake. */
export interface WorkOrderSettingsDto {
  /** a finished order not accepted within this many days is accepted by the system */
  autoAcceptDays: number;
  /** whether the QR page takes anonymous repair requests */
  publicIntake: boolean;
  updatedAt: string | null;
  version: number;
}

export interface WorkOrderSettingsInput {
  autoAcceptDays: number;
  publicIntake: boolean;
  version: number;
}

export const DEFAULT_AUTO_ACCEPT_DAYS = 3;

/** The settings of an organisation; the defaults when its row has not been seeded yet. */
export async function workOrderSettings(db: Db | Tx, orgId: string): Promise<WorkOrderSettingsDto> {
  const row = await db.selectFrom('work_order_settings').selectAll().where('org_id', '=', orgId).executeTakeFirst();
  if (!row) return { autoAcceptDays: DEFAULT_AUTO_ACCEPT_DAYS, publicIntake: true, updatedAt: null, version: 1 };
  return {
    autoAcceptDays: row.auto_accept_days,
    publicIntake: row.public_intake === 1,
    updatedAt: row.updated_at,
    version: Number(row.version),
  };
}

export async function getWorkOrderSettings(ctx: Ctx): Promise<WorkOrderSettingsDto> {
  assertCan(ctx, 'workorders:manage', null);
  return workOrderSettings(ctx.db, ctx.actor.orgId);
}

/** Saves the settings; a stale `version` answers 409. */
export async function updateWorkOrderSettings(ctx: Ctx, input: WorkOrderSettingsInput): Promise<WorkOrderSettingsDto> {
  assertCan(ctx, 'workorders:manage', null);
  const check = new FieldCheck();
  if (!Number.isInteger(input.autoAcceptDays) || input.autoAcceptDays < 1 || input.autoAcceptDays > 30) {
    check.add('autoAcceptDays', '自动验收天数须为 1 至 30 之间的整数');
  }
  check.throwIfAny();
  const orgId = ctx.actor.orgId;
  const now = ctx.clock.now().toISOString();
  const values = { auto_accept_days: input.autoAcceptDays, public_intake: input.publicIntake ? (1 as const) : (0 as const) };
  await ctx.db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('work_order_settings').selectAll().where('org_id', '=', orgId).executeTakeFirst();
    if (!before) {
      if (input.version !== 1) throw staleVersion();
      await tx
        .insertInto('work_order_settings')
        .values({ org_id: orgId, ...values, updated_at: now, version: 2 })
        .execute();
    } else {
      const res = await tx
        .updateTable('work_order_settings')
        .set({ ...values, updated_at: now, version: input.version + 1 })
        .where('org_id', '=', orgId)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw staleVersion();
    }
    await writeAudit(ctx, tx, {
      entity: 'work_order_settings',
      entityId: orgId,
      action: 'update',
      before: before ?? null,
      after: { org_id: orgId, ...values },
    });
  });
  return workOrderSettings(ctx.db, orgId);
}
