import type { FastifyPluginAsync } from 'fastify';
import { registerSessionMaterials } from './attachments.js';
import { etiquetteRoutes, registerEtiquetteSubject } from './etiquette.routes.js';
import { trainingRoutes } from './routes.js';
import './schema.js';

/** Training sessions with QR sign-in, question banks and spot checks, etiquette checks (培训与抽查). */
export const trainingModule: FastifyPluginAsync = async (app) => {
  registerSessionMaterials();
  registerEtiquetteSubject();
  await app.register(trainingRoutes);
  await app.register(etiquetteRoutes);
};

// the public API other modules use (never the tables directly)
export { etiquetteFacts } from './etiquette.measures.js';
export { type EventRange, trainingEvents, trainingFacts } from './measures.js';
export { seedTrainingDefaults, seedTrainingDemo } from './seed.js';
