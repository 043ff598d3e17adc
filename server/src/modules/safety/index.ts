import type { FastifyPluginAsync } from 'fastify';

/** The safety page and calendar (安全管理), and the routes of action items (整改措施, platform/actions). */
export const safetyModule: FastifyPluginAsync = async () => {};

export { seedSafetyDefaults, seedSafetyDemo } from './seed.js';
