import { BUILTIN_ROLES } from '../../../../contracts/roles.js';
import type { Config } from '../../config.js';
import type { Clock, Db, Tx } from '../../platform/context.js';
import { newId } from '../../platform/db/ids.js';
import { seedSystemDefaults } from '../system/index.js';
import { seedDemo } from './demo.js';

/**
 * First start on an empty database: create the organisation, its built-in roles,
 * dictionaries and numbering rules, and — unless HOUQIN_DEMO=0 — the demo group.
 * Safe to call on every start; it does nothing once an organisation exists.
 */
export async function ensureOrganization(db: Db, config: Config, clock: Clock): Promise<string> {
  const existing = await db.selectFrom('organizations').select('id').executeTakeFirst();
  if (existing) return 'existing organisation';
  const demo = config.demo ?? true;
  await db.transaction().execute(async (tx) => {
    // two processes may start together on one PostgreSQL: the app_meta key makes the loser roll back
    await tx.insertInto('app_meta').values({ key: 'bootstrapped', value: clock.now().toISOString() }).execute();
    const orgId = await createOrganization(tx, clock, demo ? '示例百货集团' : '我的组织');
    await tx
      .insertInto('app_meta')
      .values({ key: 'demo', value: demo ? '1' : '0' })
      .execute();
    if (demo) await seedDemo(tx, orgId, clock);
  });
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
  return orgId;
}
