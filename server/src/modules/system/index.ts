import type { FastifyPluginAsync } from 'fastify';
import { registerJob } from '../../platform/jobs/scheduler.js';
import { occurrencesJob } from '../../platform/occurrences/engine.js';
import { auditRoutes } from './audit.routes.js';
import { dictionaryRoutes } from './dictionaries.routes.js';
import { numberingRoutes } from './numbering.routes.js';

/**
 * System services exposed to people: audit log, dictionaries, numbering rules; and the
 * occurrence engine's job (generate ahead, create due items, record missed ones), which
 * serves every module that plans recurring work.
 */
export const systemModule: FastifyPluginAsync = async (app) => {
  registerJob(occurrencesJob);
  await app.register(auditRoutes);
  await app.register(dictionaryRoutes);
  await app.register(numberingRoutes);
};

export { DICTIONARY_TYPES, type DictionaryTypeInfo } from './dictionaries.catalog.js';
export { activeDictionaryPairs, type DictionaryLabel, dictionaryLabels, isActiveDictionaryCode } from './dictionaries.service.js';
export { ensureNumberingRule, type NumberingRuleSeed } from './numbering.seed.js';
export { DEFAULT_NUMBERING_RULES, seedSystemDefaults } from './seed.js';
