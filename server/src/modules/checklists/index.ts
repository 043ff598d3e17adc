import type { FastifyPluginAsync } from 'fastify';
import { registerWorkOrderHook } from '../workorders/index.js';
import { checklistRoutes } from './checklists.routes.js';
import { registerChecklistAttachments } from './results.service.js';
import './schema.js';
import { finishGuard, registerWorkOrderChecklists } from './workorder.subject.js';

/** Checklist templates (versioned) and results, shared by maintenance, patrols, readings and acceptance checks. */
export const checklistsModule: FastifyPluginAsync = async (app) => {
  registerChecklistAttachments();
  registerWorkOrderChecklists();
  registerWorkOrderHook(finishGuard);
  await app.register(checklistRoutes);
};

// the public API other modules use (never the tables or the repository directly)
export { attachChecklist, checklistResultOf, getChecklistResult, saveChecklistResult } from './results.service.js';
export { type ChecklistSubject, type ChecklistSubjectAccess, registerChecklistSubject } from './subjects.js';
export { findTemplate, PURPOSE_LABELS as CHECKLIST_PURPOSE_LABELS, seedTemplate } from './templates.service.js';
export { findingDescription, findingFacts } from './workorder.subject.js';
