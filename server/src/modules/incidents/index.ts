import type { FastifyPluginAsync } from 'fastify';

/** Incident reports (意外事件处理报告单) and the security log (接警记录). */
export const incidentsModule: FastifyPluginAsync = async () => {};

export { seedIncidentDefaults, seedIncidentDemo } from './seed.js';
