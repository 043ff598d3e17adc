import type { FastifyPluginAsync } from 'fastify';
import { assetImportRoutes } from './assets.import.js';
import { assetRoutes } from './assets.routes.js';
import { categoryRoutes } from './categories.routes.js';
import { custodyRoutes } from './custody.routes.js';
import { fireRoutes } from './fire.routes.js';
import { labelRoutes } from './labels.routes.js';
import { qrRoutes } from './qr.routes.js';
import { stocktakeRoutes } from './stocktake.routes.js';
import './schema.js';

/** Equipment archive: categories, assets, custody, stocktake, fire equipment, QR labels. */
export const equipmentModule: FastifyPluginAsync = async (app) => {
  await app.register(categoryRoutes);
  await app.register(assetImportRoutes);
  await app.register(assetRoutes);
  await app.register(qrRoutes);
  await app.register(labelRoutes);
  await app.register(custodyRoutes);
  await app.register(stocktakeRoutes);
  await app.register(fireRoutes);
};

// the public API other modules and engineers use (never the tables or repositories directly)
export { type AssetChange, applyAssetChanges } from './assets.bulk.js';
export { type AssetDto, assetDto, assetDtos, CRITICALITY_LABELS, STATUS_LABELS } from './assets.dto.js';
export { type AssetListRow, type AssetRow, findAssetByCode, findAssetsByIds } from './assets.repository.js';
export { getAsset, getAssetRow, searchAssets } from './assets.service.js';
export { type AttributeDto, applicableAttributes, attributeDefsFor } from './attributes.service.js';
export { type CategoryDto, getCategory } from './categories.service.js';
export { type FireEquipmentItem, fireEquipment } from './fire.equipment.js';
export { ensureQrCode, findQrCode, QR_ALPHABET } from './qr.codes.js';
export { findQrByCode } from './qr.repository.js';
/** Gives locations made before (or outside) the equipment module their QR codes; call at start-up. */
export { ensureQrCodesForLocations, qrUrl } from './qr.service.js';
export { ASSET_NUMBERING, DEFAULT_FIRE_RULES, seedEquipmentDefaults } from './seed.defaults.js';
export { seedEquipmentDemo } from './seed.demo.js';
export { registerAssetTimelineSource, type TimelineEntry, type TimelineSource } from './timeline.service.js';
