import type { FastifyPluginAsync } from 'fastify';
import { registerJob } from '../../platform/jobs/scheduler.js';
import { registerHazardAttachments } from './attachments.js';
import { campaignRoutes } from './campaigns.routes.js';
import { hazardRemindersJob } from './reminders.job.js';
import { hazardRoutes } from './routes.js';
import './schema.js';
import { registerFactProvider } from '../../platform/summary/registry.js';
import { hazardFacts } from './measures.js';

/** Findings, the hazard register (隐患台账) and inspection campaigns. */
export const hazardsModule: FastifyPluginAsync = async (app) => {
  registerFactProvider({
    module: 'hazards',
    section: 'environment',
    label: { zh: '隐患排查与整改', en: 'Hazards and rectification' },
    order: 20,
    permission: 'hazards:read',
    facts: hazardFacts,
  });
  registerHazardAttachments();
  registerJob(hazardRemindersJob);
  await app.register(hazardRoutes);
  await app.register(campaignRoutes);
};

// the public API other modules use (never the tables directly)
export type { FindingSource } from '../../../../contracts/hazards.js';
export { findingCountsBySource, type RecordFindingInput, recordFinding } from './findings.service.js';
// the module's summary facts (contracts/summary.ts) for the work summary and dashboards
export { hazardFacts as summaryFacts } from './measures.js';
export { runHazardReminders } from './reminders.job.js';
export { seedHazardDefaults, seedHazardDemo } from './seed.js';
