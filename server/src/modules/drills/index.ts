import type { FastifyPluginAsync } from 'fastify';

/** Drill plans and drills with their records and reports (应急演练). */
export const drillsModule: FastifyPluginAsync = async () => {};

export { seedDrillDefaults, seedDrillDemo } from './seed.js';
