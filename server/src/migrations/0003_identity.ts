import { sql } from 'kysely';
import type { Db } from './_helpers.js';

/**
 * Identity: one membership per (user, role, site) — the all-sites membership (site_id
 * null) included, which a plain unique constraint would not catch because NULLs are
 * distinct; and the lookups the user list and the token list make.
 */
export async function up(db: Db): Promise<void> {
  await sql`create unique index memberships_user_role_site_uq on memberships (user_id, role_id, coalesce(site_id, ''))`.execute(db);
  await db.schema.createIndex('memberships_site_user_idx').on('memberships').columns(['site_id', 'user_id']).execute();
  await db.schema.createIndex('memberships_role_idx').on('memberships').columns(['role_id']).execute();
  await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').columns(['user_id', 'id']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('api_tokens_user_idx').execute();
  await db.schema.dropIndex('memberships_role_idx').execute();
  await db.schema.dropIndex('memberships_site_user_idx').execute();
  await db.schema.dropIndex('memberships_user_role_site_uq').execute();
}
