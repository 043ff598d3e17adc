import type { FastifyRequest } from 'fastify';
import type { Ctx } from '../context.js';
import { AppError } from './errors.js';

/** The service context of an authenticated request. */
export function ctxOf(request: FastifyRequest): Ctx {
  const actor = request.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  const { db, clock, config, notifier } = request.server.deps;
  return { db, actor, requestId: request.id, clock, config, notifier };
}
