import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { FieldError } from '../../../../contracts/errors.js';
import { ctxOf } from '../../platform/http/ctx.js';
import { AppError, validation } from '../../platform/http/errors.js';
import { IdParams, PageOf } from '../../platform/http/schemas.js';
import { deleteAttachment, listAttachments, readAttachmentContent, toAttachmentDto, uploadAttachment } from './attachments.service.js';

const tags = ['attachments'];
const OwnerType = Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z][a-z0-9_-]*$' });
const OwnerId = Type.String({ minLength: 1, maxLength: 64 });

const AttachmentDto = Type.Object({
  id: Type.String(),
  ownerType: Type.String(),
  ownerId: Type.String(),
  siteId: Type.Union([Type.String(), Type.Null()]),
  filename: Type.String(),
  mime: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  createdByName: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  url: Type.String(),
});

export const attachmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/attachments',
    {
      config: { access: 'files:upload' },
      schema: {
        tags,
        summary: '上传附件（multipart：file、ownerType、ownerId）',
        consumes: ['multipart/form-data'],
        response: { 201: AttachmentDto },
      },
    },
    async (req, reply) => {
      const upload = await readMultipart(req);
      const row = await uploadAttachment(ctxOf(req), req.server.deps.files, upload);
      reply.status(201);
      return toAttachmentDto(row);
    },
  );

  app.get(
    '/attachments',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '某条记录的附件',
        querystring: Type.Object({
          ownerType: OwnerType,
          ownerId: OwnerId,
          sort: Type.Optional(Type.String({ maxLength: 40 })),
          cursor: Type.Optional(Type.String({ maxLength: 500 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        }),
        response: { 200: PageOf(AttachmentDto) },
      },
    },
    async (req) => {
      const { ownerType, ownerId, ...page } = req.query;
      const result = await listAttachments(ctxOf(req), ownerType, ownerId, page);
      return { items: result.items.map(toAttachmentDto), nextCursor: result.nextCursor };
    },
  );

  app.get(
    '/attachments/:id/content',
    { config: { access: 'authenticated' }, schema: { tags, summary: '下载附件', params: IdParams } },
    async (req, reply) => {
      const { row, data } = await readAttachmentContent(ctxOf(req), req.server.deps.files, req.params.id);
      const inline = row.mime.startsWith('image/') || row.mime === 'application/pdf';
      return reply
        .header('content-type', row.mime.startsWith('text/') ? `${row.mime}; charset=utf-8` : row.mime)
        .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', row.filename))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=3600')
        .header('etag', `"${row.sha256}"`)
        .send(data);
    },
  );

  app.post(
    '/attachments/:id/delete',
    { config: { access: 'files:upload' }, schema: { tags, summary: '删除附件（可恢复）', params: IdParams } },
    async (req) => {
      const row = await deleteAttachment(ctxOf(req), req.params.id);
      return { ...toAttachmentDto(row), deletedAt: row.deleted_at };
    },
  );
};

/** Reads the one file and the owner fields, reporting every missing field at once. */
async function readMultipart(req: FastifyRequest): Promise<{ ownerType: string; ownerId: string; filename: string; data: Buffer }> {
  const { fields, files } = await readMultipartForm(req, 1);
  const file = files[0];
  const errors: FieldError[] = [];
  if (!file) errors.push({ field: 'file', message: '必填' });
  const ownerType = fields.ownerType?.trim() ?? '';
  const ownerId = fields.ownerId?.trim() ?? '';
  if (!ownerType) errors.push({ field: 'ownerType', message: '必填' });
  else if (!/^[a-z][a-z0-9_-]{0,39}$/.test(ownerType)) errors.push({ field: 'ownerType', message: '格式不正确' });
  if (!ownerId) errors.push({ field: 'ownerId', message: '必填' });
  else if (ownerId.length > 64) errors.push({ field: 'ownerId', message: '不能超过 64 个字符' });
  if (errors.length || !file) throw validation(errors);
  return { ownerType, ownerId, filename: file.filename, data: file.data };
}

/**
 * Reads a multipart form: its text fields and up to `maxFiles` files (names cleaned),
 * turning an oversized file into 413 with the limit in the message. Shared by every
 * route that takes uploads with a form (attachments, the public repair report).
 */
export async function readMultipartForm(
  req: FastifyRequest,
  maxFiles: number,
): Promise<{ fields: Record<string, string>; files: { field: string; filename: string; data: Buffer }[] }> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件');
  const fields: Record<string, string> = {};
  const files: { field: string; filename: string; data: Buffer }[] = [];
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (files.length >= maxFiles) {
          throw new AppError('BAD_REQUEST', maxFiles === 1 ? '一次只能上传一个文件' : `一次最多上传 ${maxFiles} 个文件`);
        }
        files.push({ field: part.fieldname, filename: cleanFilename(part.filename), data: await readFile(req, part.file) });
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge(req);
    throw err;
  }
  return { fields, files };
}

function fileTooLarge(req: FastifyRequest): AppError {
  const mb = req.server.deps.config.uploadMaxBytes / (1024 * 1024);
  return new AppError('PAYLOAD_TOO_LARGE', `文件过大，单个文件不能超过 ${Number(mb.toFixed(1))} MB`);
}

/**
 * Reads one file of the form, refusing it the moment it passes the size limit. (`toBuffer()`
 * only throws at the end of the part: after reading, and discarding, every byte the client
 * sends, however many that is.) Leaving the loop destroys the stream and ends the parsing.
 */
async function readFile(req: FastifyRequest, file: AsyncIterable<Buffer> & { truncated: boolean }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of file) {
    if (file.truncated) throw fileTooLarge(req);
    chunks.push(chunk);
  }
  if (file.truncated) throw fileTooLarge(req);
  return Buffer.concat(chunks);
}

/** Keeps the last path segment, drops control characters, caps the length (keeping the extension). */
export function cleanFilename(raw: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const base = (raw.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (!base) return 'file';
  if (base.length <= 200) return base;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 && base.length - dot <= 16 ? base.slice(dot) : '';
  return base.slice(0, 200 - ext.length) + ext;
}

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name (RFC 5987) for Chinese file names. */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
