import type { FastifyPluginAsync } from 'fastify';

/** Vendor counters (专柜): members, rectification notices, charges, monthly statements. */
export const countersModule: FastifyPluginAsync = async (_app) => {};
export { counterIdsOfUser } from './membership.js';
