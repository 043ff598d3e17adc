import type { FastifyPluginAsync } from 'fastify';
import { auditRoutes } from './audit.routes.js';
import { dictionaryRoutes } from './dictionaries.routes.js';
import { numberingRoutes } from './numbering.routes.js';

/** System services exposed to people: audit log, dictionaries, numbering rules. */
export const systemModule: FastifyPluginAsync = async (app) => {
  await app.register(auditRoutes);
  await app.register(dictionaryRoutes);
  await app.register(numberingRoutes);
};

export { DICTIONARY_TYPES, type DictionaryTypeInfo } from './dictionaries.catalog.js';
export { activeDictionaryPairs, type DictionaryLabel, dictionaryLabels, isActiveDictionaryCode } from './dictionaries.service.js';
export { ensureNumberingRule, type NumberingRuleSeed } from './numbering.seed.js';
export { DEFAULT_NUMBERING_RULES, seedSystemDefaults } from './seed.js';
