import type { FastifyPluginAsync } from 'fastify';

/** Notifications: the in-app inbox and the organisation's channels (email, WeCom, DingTalk). */
export const notificationsModule: FastifyPluginAsync = async () => {};
