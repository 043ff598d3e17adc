import type { FastifyPluginAsync } from 'fastify';
import { registerOccurrenceHandler } from '../../platform/occurrences/engine.js';
import { registerWorkOrderHook } from '../workorders/index.js';
import { maintenanceOccurrenceHandler, maintenanceWorkOrderHook } from './handler.js';
import { maintenanceMeasureRoutes } from './measures.routes.js';
import { maintenanceRoutes } from './routes.js';
import './schema.js';
import { registerFactProvider } from '../../platform/summary/registry.js';
import { maintenanceFacts } from './measures.js';

/** Preventive maintenance (保养计划) on the occurrence and checklist engines. */
export const maintenanceModule: FastifyPluginAsync = async (app) => {
  registerFactProvider({
    module: 'maintenance',
    section: 'facilities',
    label: { zh: '设施设备维护保养', en: 'Facilities and maintenance' },
    order: 10,
    permission: 'maintenance:read',
    facts: (ctx, scope) => maintenanceFacts(ctx, scope).then((r) => r.facts),
  });
  registerOccurrenceHandler(maintenanceOccurrenceHandler);
  registerWorkOrderHook(maintenanceWorkOrderHook);
  await app.register(maintenanceRoutes);
  await app.register(maintenanceMeasureRoutes);
};

// the public API other modules use (never the tables directly)
export { graceDays, intervalDays, windowMinutes } from './grace.js';
export { OCCURRENCE_SOURCE } from './handler.js';
export { onTimeOf } from './occurrences.js';
export { PLAN_OWNER } from './schedule.js';
export { seedMaintenanceDemo } from './seed.demo.js';
export { seedMaintenanceDefaults } from './seed.templates.js';
export { maintenanceSettings } from './settings.js';
