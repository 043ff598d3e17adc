import type { FastifyPluginAsync } from 'fastify';
import './schema.js';

/** Checklist templates (versioned) and results, shared by maintenance, patrols, readings and acceptance checks. */
export const checklistsModule: FastifyPluginAsync = async () => {};
