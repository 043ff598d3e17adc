import type { FastifyPluginAsync } from 'fastify';
import { registerFactProvider } from '../../platform/summary/registry.js';
import { registerReturnVisitSource } from '../workorders/index.js';
import { complaintRoutes } from './complaints.routes.js';
import { hotlineRoutes } from './hotline.routes.js';
import { visitRoutes } from './visits.routes.js';
import './schema.js';
import { serviceDeskSummaryFacts } from './summary.js';
import { visitsOfWorkOrder } from './visits.service.js';

const METHOD_TEXT: Record<string, string> = { phone: '电话', on_site: '现场', wechat: '微信' };
const RESULT_TEXT: Record<string, string> = { satisfied: '满意', basically: '基本满意', dissatisfied: '不满意' };

/** Complaints (投诉), the 24-hour hotline log (热线记录) and return visits (回访). */
export const serviceDeskModule: FastifyPluginAsync = async (app) => {
  registerFactProvider({
    module: 'servicedesk',
    section: 'service',
    label: { zh: '投诉与服务热线', en: 'Complaints and hotline' },
    order: 20,
    // reads complaints and the hotline log (the routes' access); return visits are read with it
    permission: 'complaints:manage',
    facts: serviceDeskSummaryFacts,
  });
  await app.register(complaintRoutes);
  await app.register(hotlineRoutes);
  await app.register(visitRoutes);
  // the printed 维修工单 carries its return visits; someone who may print but not read visits gets blank lines
  registerReturnVisitSource(async (ctx, workOrderId) =>
    (await visitsOfWorkOrder(ctx, workOrderId).catch(() => [])).map((v) => ({
      visitedAt: v.visitedAt,
      visitorName: v.visitedByName,
      method: METHOD_TEXT[v.method] ?? v.method,
      result: RESULT_TEXT[v.result] ?? v.result,
      comment: v.comment,
    })),
  );
};

export { type ComplaintDto, getComplaint } from './complaints.service.js';
export { seedServiceDeskDefaults } from './seed.defaults.js';
export { seedServiceDeskDemo } from './seed.demo.js';
// the public API other modules use (never the tables or repositories directly)
export { type ServiceDeskFact, type ServiceDeskFacts, serviceDeskFacts, serviceDeskSummaryFacts } from './summary.js';
export { type VisitDto, visitsOfWorkOrder } from './visits.service.js';
