import type { FastifyPluginAsync } from 'fastify';

/** Renovation and construction projects (改造施工项目). */
export const projectsModule: FastifyPluginAsync = async (_app) => {};
