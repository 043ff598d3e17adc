import { type Kysely, Migrator } from 'kysely';
import { migrationProvider } from '../../migrations/index.js';
import type { Database } from './schema.js';

/** Runs every pending migration; on PostgreSQL Kysely holds an advisory lock, so two processes starting together are safe. */
export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
