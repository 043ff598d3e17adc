import type { FastifyPluginAsync } from 'fastify';

/** Training sessions with QR sign-in, question banks and spot checks, etiquette checks (培训与抽查). */
export const trainingModule: FastifyPluginAsync = async () => {};

export { seedTrainingDefaults, seedTrainingDemo } from './seed.js';
