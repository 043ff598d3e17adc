import type { FastifyPluginAsync } from 'fastify';
import type { Tx } from '../../platform/context.js';

/** System services exposed to people: audit log, dictionaries, numbering, attachments, notifications. */
export const systemModule: FastifyPluginAsync = async () => {};

/** Seeds an organisation's default dictionaries and numbering rules. */
export async function seedSystemDefaults(_tx: Tx, _orgId: string, _now: string): Promise<void> {}
