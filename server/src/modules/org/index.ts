import type { FastifyPluginAsync } from 'fastify';
import { siteRoutes } from './sites.routes.js';

/** Organisation model: sites, locations, departments, teams. */
export const orgModule: FastifyPluginAsync = async (app) => {
  await app.register(siteRoutes);
};

export { getSite, toSiteDto } from './sites.service.js';
