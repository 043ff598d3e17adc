import type { FastifyPluginAsync } from 'fastify';
import { attachmentRoutes } from './attachments.routes.js';
import { registerPlatformOwners } from './owners.js';

/** Attachments: upload, download, list per owning record. */
export const attachmentsModule: FastifyPluginAsync = async (app) => {
  registerPlatformOwners();
  await app.register(attachmentRoutes);
};

export { registerAttachmentOwner } from '../../platform/files/owners.js';
export { readMultipartForm } from './attachments.routes.js';
export { getAttachment, toAttachmentDto, uploadAttachment } from './attachments.service.js';
