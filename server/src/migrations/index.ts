import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_platform.js';

/** Static list (not a folder scan) so the bundle and tests need no file-system lookup. */
const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
