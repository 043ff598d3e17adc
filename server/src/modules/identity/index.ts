import type { FastifyPluginAsync } from 'fastify';
import { authRoutes } from './auth.routes.js';

/** Identity: sign-in, users, roles, memberships, API tokens. */
export const identityModule: FastifyPluginAsync = async (app) => {
  await app.register(authRoutes);
};
