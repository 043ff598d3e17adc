import type { FastifyPluginAsync } from 'fastify';
import type { Tx } from '../../platform/context.js';
import './schema.js';

/** Equipment archive: categories, assets, custody, stocktake, fire equipment, QR labels. */
export const equipmentModule: FastifyPluginAsync = async () => {};

/** Idempotent per-organisation defaults (categories, attributes, fire rules, numbering rules). */
export async function seedEquipmentDefaults(_tx: Tx, _orgId: string, _now: string): Promise<void> {}
