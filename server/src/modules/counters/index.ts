import type { FastifyPluginAsync } from 'fastify';
import { registerJob } from '../../platform/jobs/scheduler.js';
import { registerNoticeAttachments } from './attachments.js';
import { counterRoutes } from './counters.routes.js';
import { markOverdueNotices } from './notices.overdue.js';
import { noticeRoutes } from './notices.routes.js';
import './schema.js';

/** Vendor counters (专柜): members, rectification notices, charges, monthly statements. */
export const countersModule: FastifyPluginAsync = async (app) => {
  registerNoticeAttachments();
  await app.register(counterRoutes);
  await app.register(noticeRoutes);
  // notices past their deadline become overdue facts (and the counter and issuer hear of it)
  registerJob({ name: 'counters.notices-overdue', run: (d) => markOverdueNotices(d.db, d.clock, d.notifier) });
};

export { type ChargeRule, computeCharge, DEFAULT_CHARGE_RULES } from './charges.js';
export { loadChargeRules } from './charges.service.js';
export { counterIdsOfUser } from './membership.js';
export { markOverdueNotices } from './notices.overdue.js';
export { NOTICE_NUMBERING, seedCounterDefaults } from './seed.defaults.js';
export { seedCounterDemo } from './seed.demo.js';
