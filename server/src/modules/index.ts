import type { FastifyPluginAsync } from 'fastify';
import { attachmentsModule } from './attachments/index.js';
import { checklistsModule } from './checklists/index.js';
import { countersModule } from './counters/index.js';
import { drillsModule } from './drills/index.js';
import { equipmentModule } from './equipment/index.js';
import { hazardsModule } from './hazards/index.js';
import { identityModule } from './identity/index.js';
import { incidentsModule } from './incidents/index.js';
import { maintenanceModule } from './maintenance/index.js';
import { notificationsModule } from './notifications/index.js';
import { orgModule } from './org/index.js';
import { patrolsModule } from './patrols/index.js';
import { projectsModule } from './projects/index.js';
import { readingsModule } from './readings/index.js';
import { reportsModule } from './reports/index.js';
import { safetyModule } from './safety/index.js';
import { serviceDeskModule } from './servicedesk/index.js';
import { setupModule } from './setup/index.js';
import { systemModule } from './system/index.js';
import { trainingModule } from './training/index.js';
import { workOrdersModule } from './workorders/index.js';

/** Every module's routes, mounted under /api/v1 in this order. */
export const modules: FastifyPluginAsync[] = [
  setupModule,
  identityModule,
  orgModule,
  systemModule,
  attachmentsModule,
  notificationsModule,
  equipmentModule,
  workOrdersModule,
  checklistsModule,
  maintenanceModule,
  hazardsModule,
  patrolsModule,
  readingsModule,
  safetyModule,
  incidentsModule,
  drillsModule,
  trainingModule,
  reportsModule,
  serviceDeskModule,
  countersModule,
  projectsModule,
];
