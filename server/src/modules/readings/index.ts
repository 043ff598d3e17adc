import type { FastifyPluginAsync } from 'fastify';
import { registerJob } from '../../platform/jobs/scheduler.js';
import { registerOccurrenceHandler } from '../../platform/occurrences/engine.js';
import { overdueRechecksJob } from './deviations.service.js';
import { readingOccurrenceHandler } from './handler.js';
import { readingsRoutes } from './routes.js';
import './schema.js';
import { registerFactProvider } from '../../platform/summary/registry.js';
import { readingFacts } from './measures.js';

/** Reading points, readings, deviations and meters (读数). */
export const readingsModule: FastifyPluginAsync = async (app) => {
  registerFactProvider({
    module: 'readings',
    section: 'facilities',
    label: { zh: '抄表与能耗', en: 'Readings and energy' },
    order: 20,
    permission: 'readings:read',
    facts: (ctx, scope) => readingFacts(ctx, scope).then((r) => r.facts),
  });
  registerOccurrenceHandler(readingOccurrenceHandler);
  registerJob(overdueRechecksJob);
  await app.register(readingsRoutes);
};

// the public API other modules use (never the tables directly)
export { type Band, bandOf, bandText, inBand } from './band.js';
export { readingFacts as summaryFacts } from './measures.js';
export { POINT_OWNER } from './points.repository.js';
export { DEVIATION_NUMBERING, seedReadingDefaults } from './seed.defaults.js';
export { seedReadingsDemo } from './seed.demo.js';
