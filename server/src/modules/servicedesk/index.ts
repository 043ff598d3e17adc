import type { FastifyPluginAsync } from 'fastify';

/** Complaints, the hotline log and return visits. */
export const serviceDeskModule: FastifyPluginAsync = async (_app) => {};
