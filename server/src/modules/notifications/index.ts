import type { FastifyPluginAsync } from 'fastify';
import { registerJob } from '../../platform/jobs/scheduler.js';
import { channelRoutes } from './channels.routes.js';
import { deliveriesJob } from './deliveries.job.js';
import { inboxRoutes } from './inbox.routes.js';

/**
 * Notifications: the in-app inbox and the organisation's channels (email, WeCom,
 * DingTalk). Other modules notify people with `deps.notifier.send(tx, message)`.
 */
export const notificationsModule: FastifyPluginAsync = async (app) => {
  const { notifier, db } = app.deps;
  notifier.attach(db);
  registerJob(deliveriesJob);
  app.addHook('onClose', async () => {
    await notifier.close();
  });
  await app.register(inboxRoutes);
  await app.register(channelRoutes);
};

export type { Message, Notifier } from '../../platform/notify/notifier.js';
