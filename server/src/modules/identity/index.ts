import type { FastifyPluginAsync } from 'fastify';
import { authRoutes } from './auth.routes.js';
import { roleRoutes } from './roles.routes.js';
import { tokenRoutes } from './tokens.routes.js';
import { userImportRoutes } from './users.import.js';
import { userRoutes } from './users.routes.js';

/** Identity: sign-in, users, roles, memberships, API tokens. */
export const identityModule: FastifyPluginAsync = async (app) => {
  await app.register(authRoutes);
  await app.register(userImportRoutes);
  await app.register(userRoutes);
  await app.register(roleRoutes);
  await app.register(tokenRoutes);
};

export { checkPasswordStrength } from './auth.service.js';
export { type PermissionHolder, usersWithPermission } from './holders.js';
export { passwordProblem, usernameProblem } from './identity.rules.js';
export { getUserDetail, searchUsers, type UserDto } from './users.service.js';
