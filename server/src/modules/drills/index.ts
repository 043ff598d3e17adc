import type { FastifyPluginAsync } from 'fastify';
import { registerOccurrenceHandler } from '../../platform/occurrences/engine.js';
import { registerDrillOwners } from './drills.service.js';
import { drillPlanOccurrenceHandler, oneOffDrillOccurrenceHandler } from './handler.js';
import { drillRoutes } from './routes.js';
import './schema.js';
import { registerFactProvider } from '../../platform/summary/registry.js';
import { drillFacts } from './measures.js';

/** Drill plans and drills with their records and reports (应急演练). */
export const drillsModule: FastifyPluginAsync = async (app) => {
  registerFactProvider({
    module: 'drills',
    section: 'safety',
    label: { zh: '应急演练', en: 'Emergency drills' },
    order: 20,
    permission: 'safety:read',
    facts: drillFacts,
  });
  registerOccurrenceHandler(drillPlanOccurrenceHandler);
  registerOccurrenceHandler(oneOffDrillOccurrenceHandler);
  registerDrillOwners();
  await app.register(drillRoutes);
};

// the public API other modules use (never the tables directly)
export { drillEvents, drillFacts, type EventRange as DrillEventRange } from './measures.js';
export { seedDrillDefaults, seedDrillDemo } from './seed.js';
