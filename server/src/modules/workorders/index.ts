import type { FastifyPluginAsync } from 'fastify';
import { registerWorkOrderAttachments } from './attachments.js';
import { boardRoutes } from './board.js';
import { publicWorkOrderRoutes } from './public.routes.js';
import { workOrderRoutes } from './routes.js';
import './schema.js';

/** Repair requests and work orders: intake, dispatch, the life cycle, deadlines, work done, acceptance. */
export const workOrdersModule: FastifyPluginAsync = async (app) => {
  registerWorkOrderAttachments();
  await app.register(boardRoutes);
  await app.register(workOrderRoutes);
  await app.register(publicWorkOrderRoutes);
};

export { seedWorkOrderDefaults } from './seed.defaults.js';
export { seedWorkOrderDemo } from './seed.demo.js';
// the public API other modules use (never the tables or repositories directly)
export { applyAction, getWorkOrder, getWorkOrderRow, type IntakeInput, intake } from './service.js';
export { STATUS_LABELS as WORK_ORDER_STATUS_LABELS } from './state.js';
