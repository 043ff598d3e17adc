import type { FastifyPluginAsync } from 'fastify';
import { registerOccurrenceHandler } from '../../platform/occurrences/engine.js';
import { patrolOccurrenceHandler } from './handler.js';
import { registerRoundHistory, registerRoundPointChecklists } from './rounds.service.js';
import { patrolRoutes } from './routes.js';
import './schema.js';
import { registerFactProvider } from '../../platform/summary/registry.js';
import { patrolFacts } from './compliance.js';

/** Patrol and inspection plans, rounds with QR check-in and duty compliance (巡检). */
export const patrolsModule: FastifyPluginAsync = async (app) => {
  registerFactProvider({
    module: 'patrols',
    section: 'environment',
    label: { zh: '巡检与履职', en: 'Patrols and duty' },
    order: 10,
    permission: 'patrols:read',
    facts: (ctx, scope) => patrolFacts(ctx, scope).then((r) => r.facts),
  });
  registerOccurrenceHandler(patrolOccurrenceHandler);
  registerRoundPointChecklists();
  registerRoundHistory();
  await app.register(patrolRoutes);
};

// the public API other modules use (never the tables directly)
export { patrolFacts as summaryFacts } from './compliance.js';
export { patrolPlanSite } from './plans.repository.js';
export { ROUND_POINT_SUBJECT } from './rounds.service.js';
export { PLAN_OWNER as PATROL_PLAN_OWNER } from './schedule.js';
export { seedPatrolDefaults, seedPatrolDemo } from './seed.js';
