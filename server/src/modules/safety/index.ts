import type { FastifyPluginAsync } from 'fastify';
import { ACTION_OWNER_TYPES } from '../../../../contracts/actions.js';
import { actionHistoryPart } from '../../platform/actions/index.js';
import { registerHistoryParts } from '../../platform/audit/reader.js';
import { registerJob } from '../../platform/jobs/scheduler.js';
import { registerFactProvider } from '../../platform/summary/registry.js';
import { actionFacts } from './actions.measures.js';
import { actionRoutes } from './actions.routes.js';
import { registerActionAttachments } from './attachments.js';
import { actionRemindersJob } from './reminders.job.js';
import { safetyRoutes } from './safety.routes.js';

/** The safety page and calendar (安全管理), and the routes of action items (整改措施, platform/actions). */
export const safetyModule: FastifyPluginAsync = async (app) => {
  registerFactProvider({
    module: 'actions',
    section: 'safety',
    label: { zh: '整改措施', en: 'Action items' },
    order: 30,
    permission: 'safety:read',
    facts: actionFacts,
  });
  registerActionAttachments();
  registerJob(actionRemindersJob);
  // an incident's or a drill's history includes its action items' entries (see actionHistoryPart)
  for (const ownerType of ACTION_OWNER_TYPES) {
    registerHistoryParts(ownerType, async (db, orgId, ownerId) => [await actionHistoryPart(db, orgId, ownerType, ownerId)]);
  }
  await app.register(actionRoutes);
  await app.register(safetyRoutes);
};

// the module's summary facts (contracts/summary.ts): the action items', and every safety area's together
export { actionFacts } from './actions.measures.js';
export { runActionReminders } from './reminders.job.js';
export { actionEvents, safetyFacts } from './safety.service.js';
export { seedSafetyDefaults, seedSafetyDemo } from './seed.js';
