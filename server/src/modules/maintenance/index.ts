import type { FastifyPluginAsync } from 'fastify';
import './schema.js';

/** Preventive maintenance (保养计划) on the occurrence and checklist engines. */
export const maintenanceModule: FastifyPluginAsync = async () => {};
