import type { IncidentSettingsDto } from '../../../../contracts/incidents.js';
import { hasPermission } from '../../platform/access/actor.js';
import { assertCan } from '../../platform/access/policy.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx, Db, Tx } from '../../platform/context.js';
import { forbidden, staleVersion } from '../../platform/http/errors.js';
import { FieldCheck } from '../../platform/http/validators.js';
import { activeDictionaryPairs } from '../system/index.js';
import './schema.js';

/** DOMAIN.md: fire systems are repaired 不过夜 — a fire-alarm fault is fixed before the day it occurred ends. */
export const DEFAULT_INCIDENT_SETTINGS = {
  deadlineTypes: ['fire_alarm_fault'],
  deadlineMode: 'overnight',
  deadlineHours: 24,
} as const satisfies Omit<IncidentSettingsDto, 'version'>;

/** the longest "within N hours" a form may set: 30 days */
export const MAX_DEADLINE_HOURS = 720;

function parseTypes(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** The organisation's settings; the defaults (version 1) while no row exists. */
export async function incidentSettings(db: Db | Tx, orgId: string): Promise<IncidentSettingsDto> {
  const row = await db.selectFrom('incident_settings').selectAll().where('org_id', '=', orgId).executeTakeFirst();
  if (!row) return { ...DEFAULT_INCIDENT_SETTINGS, deadlineTypes: [...DEFAULT_INCIDENT_SETTINGS.deadlineTypes], version: 1 };
  return {
    deadlineTypes: parseTypes(row.deadline_types),
    deadlineMode: row.deadline_mode,
    deadlineHours: Number(row.deadline_hours),
    version: Number(row.version),
  };
}

/** Idempotent: the settings row with the defaults, for a new organisation and on every start. */
export async function seedIncidentSettings(tx: Tx, orgId: string, now: string): Promise<void> {
  await tx
    .insertInto('incident_settings')
    .values({
      org_id: orgId,
      deadline_types: JSON.stringify(DEFAULT_INCIDENT_SETTINGS.deadlineTypes),
      deadline_mode: DEFAULT_INCIDENT_SETTINGS.deadlineMode,
      deadline_hours: DEFAULT_INCIDENT_SETTINGS.deadlineHours,
      updated_at: now,
      version: 1,
    })
    .onConflict((oc) => oc.column('org_id').doNothing())
    .execute();
}

/** GET /incidents/settings: organisation-wide, so whoever reads safety records anywhere sees the rule applied. */
export async function getIncidentSettings(ctx: Ctx): Promise<IncidentSettingsDto> {
  if (!hasPermission(ctx.actor, 'safety:read')) throw forbidden();
  return incidentSettings(ctx.db, ctx.actor.orgId);
}

export type IncidentSettingsInput = IncidentSettingsDto;

/**
 * PUT /incidents/settings: incidents:review on every site (the rule applies to all of
 * them). A report keeps the deadline computed when it was last saved; the new rule
 * applies to reports written or edited from now on.
 */
export async function updateIncidentSettings(ctx: Ctx, input: IncidentSettingsInput): Promise<IncidentSettingsDto> {
  assertCan(ctx, 'incidents:review', null);
  const orgId = ctx.actor.orgId;
  const check = new FieldCheck();
  const types = [...new Set(input.deadlineTypes.map((t) => t.trim()).filter(Boolean))];
  const active = await activeDictionaryPairs(
    ctx.db,
    orgId,
    types.map((code) => ({ type: 'incident_type', code })),
  );
  const unknown = types.filter((code) => !active.has(`incident_type:${code}`));
  if (unknown.length) check.add('deadlineTypes', `不是有效的意外事件类型：${unknown.join('、')}`);
  if (!Number.isInteger(input.deadlineHours) || input.deadlineHours < 1 || input.deadlineHours > MAX_DEADLINE_HOURS) {
    check.add('deadlineHours', `处理时限须为 1–${MAX_DEADLINE_HOURS} 的整数（小时）`);
  }
  check.throwIfAny();
  const now = ctx.clock.now().toISOString();
  const values = { deadline_types: JSON.stringify(types), deadline_mode: input.deadlineMode, deadline_hours: input.deadlineHours };
  await ctx.db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('incident_settings').selectAll().where('org_id', '=', orgId).executeTakeFirst();
    if (!before) {
      if (input.version !== 1) throw staleVersion();
      await tx
        .insertInto('incident_settings')
        .values({ org_id: orgId, ...values, updated_at: now, version: 2 })
        .execute();
    } else {
      const res = await tx
        .updateTable('incident_settings')
        .set({ ...values, updated_at: now, version: input.version + 1 })
        .where('org_id', '=', orgId)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw staleVersion();
    }
    const defaults = {
      deadline_types: JSON.stringify(DEFAULT_INCIDENT_SETTINGS.deadlineTypes),
      deadline_mode: DEFAULT_INCIDENT_SETTINGS.deadlineMode,
      deadline_hours: DEFAULT_INCIDENT_SETTINGS.deadlineHours,
    };
    await writeAudit(ctx, tx, {
      entity: 'incident_settings',
      entityId: orgId,
      action: 'update',
      before: before
        ? { deadline_types: before.deadline_types, deadline_mode: before.deadline_mode, deadline_hours: before.deadline_hours }
        : defaults,
      after: values,
    });
  });
  return incidentSettings(ctx.db, orgId);
}
