import type { FastifyPluginAsync } from 'fastify';
import { registerIncidentOwners } from './owners.js';
import { alertRoutes, incidentRoutes } from './routes.js';
import './schema.js';
import { registerFactProvider } from '../../platform/summary/registry.js';
import { incidentFacts } from './facts.js';

/** Incident reports (意外事件处理报告单) and the security log (接警记录). */
export const incidentsModule: FastifyPluginAsync = async (app) => {
  registerFactProvider({
    module: 'incidents',
    section: 'safety',
    label: { zh: '意外事件与安保', en: 'Incidents and security' },
    order: 10,
    permission: 'safety:read',
    facts: incidentFacts,
  });
  registerIncidentOwners();
  await app.register(incidentRoutes);
  await app.register(alertRoutes);
};

// the module's summary facts (contracts/summary.ts) for the safety overview and the work summary
export { incidentFacts } from './facts.js';
export { seedIncidentDefaults, seedIncidentDemo } from './seed.js';
