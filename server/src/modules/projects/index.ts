import type { FastifyPluginAsync } from 'fastify';
import { registerFactProvider } from '../../platform/summary/registry.js';
import { registerProjectAttachments } from './projects.attachments.js';
import { projectRoutes } from './projects.routes.js';
import { projectSummaryFacts } from './projects.summary.js';
import './schema.js';

/** Renovation and construction projects (改造施工项目). */
export const projectsModule: FastifyPluginAsync = async (app) => {
  registerFactProvider({
    module: 'projects',
    section: 'facilities',
    label: { zh: '工程项目', en: 'Projects' },
    order: 30,
    permission: 'projects:read',
    facts: projectSummaryFacts,
  });
  registerProjectAttachments();
  await app.register(projectRoutes);
};

// the public API other modules use (never the tables or the repository directly)
export { PROJECT_ATTACHMENT_TYPES } from './projects.attachments.js';
export { PROJECT_NUMBERING, seedProjectDefaults } from './projects.seed.js';
export { getProject, type ProjectDetailDto, type ProjectDto } from './projects.service.js';
export { PROJECT_ACTION_LABELS, PROJECT_ACTIONS, PROJECT_STATUS_LABELS, type ProjectAction } from './projects.state.js';
export {
  type FactsQuery,
  type Figure,
  type ProjectFacts,
  type ProjectFigures,
  type ProjectSiteFacts,
  projectFacts,
  projectSummaryFacts,
} from './projects.summary.js';
export { PROJECT_STATUSES, PROJECT_TYPE_LABELS, PROJECT_TYPES, type ProjectStatus, type ProjectType } from './schema.js';
export { seedProjectDemo } from './seed.demo.js';
