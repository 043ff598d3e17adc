import { ALL_PERMISSIONS } from '../../../../contracts/permissions.js';
import { BUILTIN_ROLES } from '../../../../contracts/roles.js';
import type { Config } from '../../config.js';
import { systemActor } from '../../platform/access/actor.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Clock, Db, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { seedCounterDefaults } from '../counters/index.js';
import { seedDrillDefaults } from '../drills/index.js';
import { ensureQrCodesForLocations, seedEquipmentDefaults } from '../equipment/index.js';
import { seedHazardDefaults } from '../hazards/index.js';
import { seedIncidentDefaults } from '../incidents/index.js';
import { seedMaintenanceDefaults } from '../maintenance/index.js';
import { seedPatrolDefaults } from '../patrols/index.js';
import { seedProjectDefaults } from '../projects/index.js';
import { seedReadingDefaults } from '../readings/index.js';
import { seedReportDefaults } from '../reports/index.js';
import { seedSafetyDefaults } from '../safety/index.js';
import { seedServiceDeskDefaults } from '../servicedesk/index.js';
import { seedSystemDefaults } from '../system/index.js';
import { seedTrainingDefaults } from '../training/index.js';
import { seedWorkOrderDefaults } from '../workorders/index.js';
import { seedDemo } from './demo.js';

/**
 * First start on an empty database: create the organisation, its built-in roles,
 * dictionaries and numbering rules, and — unless HOUQIN_DEMO=0 — the demo group.
 * Safe to call on every start; it does nothing once an organisation exists.
 */
export async function ensureOrganization(db: Db, config: Config, clock: Clock): Promise<string> {
  const existing = await db.selectFrom('organizations').select('id').executeTakeFirst();
  if (existing) {
    await grantNewPermissions(db, clock);
    await ensureModuleDefaults(db, clock);
    return 'existing organisation';
  }
  const demo = config.demo ?? true;
  await db.transaction().execute(async (tx) => {
    // two processes may start together on one PostgreSQL: the app_meta key makes the loser roll back
    await tx.insertInto('app_meta').values({ key: 'bootstrapped', value: clock.now().toISOString() }).execute();
    const orgId = await createOrganization(tx, clock, demo ? '示例百货集团' : '我的组织');
    await tx
      .insertInto('app_meta')
      .values({ key: 'demo', value: demo ? '1' : '0' })
      .execute();
    await tx
      .insertInto('app_meta')
      .values({ key: KNOWN_PERMISSIONS, value: JSON.stringify(ALL_PERMISSIONS) })
      .execute();
    if (demo) await seedDemo(tx, orgId, clock);
  });
  await ensureModuleDefaults(db, clock);
  return demo ? 'demo organisation created' : 'empty organisation created, open / to create the administrator';
}

export async function createOrganization(tx: Tx, clock: Clock, name: string): Promise<string> {
  const now = clock.now().toISOString();
  const orgId = newId();
  await tx.insertInto('organizations').values({ id: orgId, name, settings: '{}', created_at: now, updated_at: now }).execute();
  await tx
    .insertInto('roles')
    .values(
      BUILTIN_ROLES.map((r) => ({
        id: newId(),
        org_id: orgId,
        code: r.code,
        name: r.name,
        name_en: r.nameEn,
        permissions: JSON.stringify(r.permissions),
        builtin: 1 as const,
        active: 1 as const,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  await seedSystemDefaults(tx, orgId, now);
  for (const seed of MODULE_DEFAULTS) await seed(tx, orgId, now);
  return orgId;
}

const KNOWN_PERMISSIONS = 'known_permissions';

/**
 * When a release adds permissions (a new module), the built-in roles that bundle them
 * by default receive them once. Permissions an organisation removed from a role on
 * purpose are not given back, because only permissions new to this database are added.
 */
export async function grantNewPermissions(db: Db, clock: Clock): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const known = await tx.selectFrom('app_meta').select('value').where('key', '=', KNOWN_PERMISSIONS).executeTakeFirst();
    const knownSet = new Set<string>(known ? (JSON.parse(known.value) as string[]) : []);
    const added = ALL_PERMISSIONS.filter((p) => !knownSet.has(p));
    if (added.length === 0) return;
    const now = clock.now().toISOString();
    for (const def of BUILTIN_ROLES) {
      const gain = def.permissions.filter((p) => added.includes(p));
      if (gain.length === 0) continue;
      const roles = await tx
        .selectFrom('roles')
        .select(['id', 'org_id', 'permissions'])
        .where('code', '=', def.code)
        .where('builtin', '=', 1)
        .execute();
      for (const role of roles) {
        const before = JSON.parse(role.permissions) as string[];
        const merged = [...new Set([...before, ...gain])];
        await tx
          .updateTable('roles')
          .set((eb) => ({ permissions: JSON.stringify(merged), updated_at: now, version: eb('version', '+', 1) }))
          .where('id', '=', role.id)
          .execute();
        await writeAudit({ actor: systemActor(role.org_id), requestId: null, clock }, tx, {
          entity: 'role',
          entityId: role.id,
          action: 'grant_new_permissions',
          before: { permissions: before },
          after: { permissions: merged },
        });
      }
    }
    const value = JSON.stringify(ALL_PERMISSIONS);
    if (known) await tx.updateTable('app_meta').set({ value }).where('key', '=', KNOWN_PERMISSIONS).execute();
    else await tx.insertInto('app_meta').values({ key: KNOWN_PERMISSIONS, value }).execute();
  });
}

/**
 * Each module's organisation defaults (dictionaries, categories, rules…). Seeders are
 * idempotent — they add only what is missing — so they run when an organisation is
 * created and again on every start, which brings existing organisations the defaults
 * a new release introduces.
 */
const MODULE_DEFAULTS: ((tx: Tx, orgId: string, now: string) => Promise<void>)[] = [
  seedEquipmentDefaults,
  seedWorkOrderDefaults,
  seedProjectDefaults,
  // the fire-system and plant checklist templates the demo and new plans use
  seedMaintenanceDefaults,
  // the fire-patrol checklist (防火巡查记录) the demo's and new patrol plans use
  seedPatrolDefaults,
  seedCounterDefaults,
  seedServiceDeskDefaults,
  // the finding numbering rule (FX-YYYYMMDD-0001) and the hazard settings row
  seedHazardDefaults,
  // the deviation numbering rule (PC-YYYYMMDD-0001) the demo's deviations use
  seedReadingDefaults,
  // safety: action-item, incident, alert, drill and training numbering rules, incident settings, etiquette templates
  seedSafetyDefaults,
  seedIncidentDefaults,
  seedDrillDefaults,
  seedTrainingDefaults,
  // the work-summary numbering rule (ZJ-YYYYMMDD-0001)
  seedReportDefaults,
];

export async function ensureModuleDefaults(db: Db, clock: Clock): Promise<void> {
  const orgs = await db.selectFrom('organizations').select('id').execute();
  const now = clock.now().toISOString();
  for (const org of orgs) {
    await db.transaction().execute(async (tx) => {
      for (const seed of MODULE_DEFAULTS) await seed(tx, org.id, now);
    });
    // every location carries a stable QR code (目视化管理); new ones also get theirs lazily on first print or lookup
    await ensureQrCodesForLocations(db, org.id, now);
  }
}
