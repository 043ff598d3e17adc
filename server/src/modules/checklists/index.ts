import type { FastifyPluginAsync } from 'fastify';
import { registerWorkOrderHook } from '../workorders/index.js';
import { checklistRoutes } from './checklists.routes.js';
import { finishGuard, registerChecklistAttachments } from './results.service.js';
import './schema.js';

/** Checklist templates (versioned) and results, shared by maintenance, patrols, readings and acceptance checks. */
export const checklistsModule: FastifyPluginAsync = async (app) => {
  registerChecklistAttachments();
  registerWorkOrderHook(finishGuard);
  await app.register(checklistRoutes);
};

// the public API other modules use (never the tables or the repository directly)
export { attachChecklist, checklistResultOf, findingDescription } from './results.service.js';
export { findTemplate, PURPOSE_LABELS as CHECKLIST_PURPOSE_LABELS, seedTemplate } from './templates.service.js';
