import type { FastifyPluginAsync } from 'fastify';
import { registerJob } from '../../platform/jobs/scheduler.js';
import { registerFactProvider } from '../../platform/summary/registry.js';
import { registerWorkOrderAttachments } from './attachments.js';
import { boardRoutes } from './board.js';
import { dispatchRuleRoutes } from './dispatch.routes.js';
import { labourRoutes } from './labour.routes.js';
import { materialRoutes } from './materials.routes.js';
import { measuresRoutes } from './measures.routes.js';
import { workOrderFacts } from './measures.service.js';
import { printRoutes } from './print.routes.js';
import { publicWorkOrderRoutes } from './public.routes.js';
import { workOrderRoutes } from './routes.js';
import { workOrderSettingsRoutes } from './settings.routes.js';
import { autoAcceptJob, slaJob } from './sla.jobs.js';
import { slaPolicyRoutes } from './sla.routes.js';
import { workStandardRoutes } from './standards.routes.js';
import './schema.js';

/** Repair requests and work orders: intake, dispatch, the life cycle, deadlines, work done, acceptance. */
export const workOrdersModule: FastifyPluginAsync = async (app) => {
  registerFactProvider({
    module: 'workorders',
    section: 'service',
    label: { zh: '报修与维修', en: 'Repairs and maintenance work' },
    order: 10,
    permission: 'workorders:read',
    facts: workOrderFacts,
  });
  registerWorkOrderAttachments();
  await app.register(boardRoutes);
  await app.register(workOrderRoutes);
  await app.register(slaPolicyRoutes);
  await app.register(workOrderSettingsRoutes);
  registerJob(slaJob);
  registerJob(autoAcceptJob);
  await app.register(dispatchRuleRoutes);
  await app.register(workStandardRoutes);
  await app.register(labourRoutes);
  await app.register(materialRoutes);
  await app.register(printRoutes);
  await app.register(measuresRoutes);
  await app.register(publicWorkOrderRoutes);
};

// the public API other modules use (never the tables or repositories directly)
export { type ActionInput, applyAction } from './actions.js';
export { type AssignTo, registerWorkOrderHook, type WorkOrderHook } from './hooks.js';
// the module's summary facts (contracts/summary.ts) for the work summary and dashboards
export { workOrderFacts as summaryFacts } from './measures.service.js';
// the service desk tells the printed 维修工单 about return visits
export { type ReturnVisitLine, registerReturnVisitSource } from './print.data.js';
export { seedWorkOrderDefaults } from './seed.defaults.js';
export { seedWorkOrderDemo } from './seed.demo.js';
export { getWorkOrder, getWorkOrderRow, type IntakeInput, intake } from './service.js';
export { type WorkOrderSettingsDto, workOrderSettings } from './settings.service.js';
// opening hours `HH:mm-HH:mm` of a site, shared with the patrols' every-N-hours-while-open rounds
export { parseOpeningHours } from './sla.calc.js';
export { runAutoAcceptance, runSlaTick } from './sla.jobs.js';
export { STATUS_LABELS as WORK_ORDER_STATUS_LABELS } from './state.js';
