import type { FastifyPluginAsync } from 'fastify';

/** Attachments: upload, download, list per owning record. */
export const attachmentsModule: FastifyPluginAsync = async () => {};
