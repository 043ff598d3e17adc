import { sql } from 'kysely';
import type { Db } from './_helpers.js';

/**
 * Database backstop for a rule the stocktake service checks inside its transaction:
 * one open stocktake per (site, location scope). Two simultaneous starts on PostgreSQL
 * could both pass the check; the partial unique index lets only one commit. The same
 * statement works on SQLite (partial and expression indexes).
 */
export async function up(db: Db): Promise<void> {
  await sql`create unique index stocktakes_one_open_uq on stocktakes (site_id, coalesce(location_id, '')) where status = 'open'`.execute(
    db,
  );
}

export async function down(db: Db): Promise<void> {
  await sql`drop index stocktakes_one_open_uq`.execute(db);
}
