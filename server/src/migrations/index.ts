import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_platform.js';
import * as m0002 from './0002_org.js';
import * as m0003 from './0003_identity.js';
import * as m0004 from './0004_system.js';
import * as m0005 from './0005_files_notify.js';
import * as m0006 from './0006_perf.js';
import * as m0007 from './0007_equipment.js';
import * as m0008 from './0008_asset_indexes.js';
import * as m0009 from './0009_equipment_guards.js';
import * as m0010 from './0010_workorders.js';
import * as m0011 from './0011_service_desk.js';
import * as m0012 from './0012_counters.js';
import * as m0013 from './0013_projects.js';
import * as m0014 from './0014_work_order_indexes.js';
import * as m0015 from './0015_occurrences.js';
import * as m0016 from './0016_maintenance.js';
import * as m0017 from './0017_hazards.js';
import * as m0018 from './0018_patrols.js';
import * as m0019 from './0019_readings.js';
import * as m0020 from './0020_actions.js';
import * as m0021 from './0021_incidents.js';
import * as m0022 from './0022_drills.js';
import * as m0023 from './0023_training.js';
import * as m0024 from './0024_etiquette.js';
import * as m0025 from './0025_patrol_round_numbers.js';
import * as m0026 from './0026_summaries.js';

/**
 * Static list (not a folder scan) so the build and tests need no file-system lookup.
 * Names sort in the order they run; a new migration takes the next number.
 */
const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
  '0002_org': m0002,
  '0003_identity': m0003,
  '0004_system': m0004,
  '0005_files_notify': m0005,
  '0006_perf': m0006,
  '0007_equipment': m0007,
  '0008_asset_indexes': m0008,
  '0009_equipment_guards': m0009,
  '0010_workorders': m0010,
  '0011_service_desk': m0011,
  '0012_counters': m0012,
  '0013_projects': m0013,
  '0014_work_order_indexes': m0014,
  '0015_occurrences': m0015,
  '0016_maintenance': m0016,
  '0017_hazards': m0017,
  '0018_patrols': m0018,
  '0019_readings': m0019,
  '0020_actions': m0020,
  '0021_incidents': m0021,
  '0022_drills': m0022,
  '0023_training': m0023,
  '0024_etiquette': m0024,
  '0025_patrol_round_numbers': m0025,
  '0026_summaries': m0026,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
