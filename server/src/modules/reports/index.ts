import type { FastifyPluginAsync } from 'fastify';
import { reportRoutes, summaryRoutes } from './routes.js';
import './schema.js';

/** Dashboards' facts (数据看板) and work summaries (工作总结) written from every module's summary facts. */
export const reportsModule: FastifyPluginAsync = async (app) => {
  await app.register(reportRoutes);
  await app.register(summaryRoutes);
};

// the public API other modules use (never the tables directly)
export { gatherFacts } from './gather.js';
export { seedReportDefaults } from './seed.js';
