import { sql } from 'kysely';
import { type Db, isPg } from './_helpers.js';

/**
 * Location subtrees are found with a range on the materialised path
 * (`path >= '/a/b/' and path < '/a/b0'`) over the (site_id, path) index. That range is
 * exact only under byte-wise ordering: SQLite's default BINARY collation already is,
 * but a PostgreSQL database created with a linguistic locale (en_US.UTF-8, zh_CN.UTF-8)
 * would ignore the slashes. Giving the column the "C" collation makes both the
 * comparison and the index byte-wise whatever the database locale.
 */
export async function up(db: Db): Promise<void> {
  if (!isPg(db)) return;
  await sql`alter table locations alter column path type text collate "C"`.execute(db);
}

export async function down(db: Db): Promise<void> {
  if (!isPg(db)) return;
  await sql`alter table locations alter column path type text collate "default"`.execute(db);
}
