import type { FastifyPluginAsync } from 'fastify';
import { registerSessionMaterials } from './attachments.js';
import { etiquetteRoutes, registerEtiquetteSubject } from './etiquette.routes.js';
import { trainingRoutes } from './routes.js';
import './schema.js';
import { registerFactProvider } from '../../platform/summary/registry.js';
import { etiquetteFacts } from './etiquette.measures.js';
import { trainingFacts } from './measures.js';

/** Training sessions with QR sign-in, question banks and spot checks, etiquette checks (培训与抽查). */
export const trainingModule: FastifyPluginAsync = async (app) => {
  registerFactProvider({
    module: 'training',
    section: 'team',
    label: { zh: '培训与知识抽查', en: 'Training and spot checks' },
    order: 10,
    permission: 'safety:read',
    facts: trainingFacts,
  });
  registerFactProvider({
    module: 'etiquette',
    section: 'team',
    label: { zh: '仪容仪表与礼貌礼仪', en: 'Appearance and etiquette' },
    order: 20,
    permission: 'safety:read',
    facts: etiquetteFacts,
  });
  registerSessionMaterials();
  registerEtiquetteSubject();
  await app.register(trainingRoutes);
  await app.register(etiquetteRoutes);
};

// the public API other modules use (never the tables directly)
export { etiquetteFacts } from './etiquette.measures.js';
export { type EventRange, trainingEvents, trainingFacts } from './measures.js';
export { seedTrainingDefaults, seedTrainingDemo } from './seed.js';
