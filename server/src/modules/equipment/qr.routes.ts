import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { Id } from '../../platform/http/schemas.js';
import { publicQrView, qrImage, qrOfTarget, resolveQr } from './qr.service.js';

const tags = ['equipment'];
const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 32 }) });
const TargetType = Type.Union([Type.Literal('asset'), Type.Literal('location')]);

/** The public answer is declared field by field, so the serializer drops anything else. */
const PublicQr = Type.Object({
  type: TargetType,
  name: Type.String(),
  code: Type.String(),
  siteName: Type.String(),
  locationPath: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
});

export const qrRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // no login: a phone scanning a label; rate-limited so codes cannot be enumerated quickly
  app.get(
    '/public/q/:code',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { tags, summary: '扫码公开页：名称、编码、位置、状态', params: CodeParams, response: { 200: PublicQr } },
    },
    async (req) => publicQrView(req.server.deps.db, req.params.code),
  );

  app.get(
    '/q/:code',
    { config: { access: 'authenticated' }, schema: { tags, summary: '扫码：登录用户打开完整档案', params: CodeParams } },
    async (req) => resolveQr(ctxOf(req), req.params.code),
  );

  app.get(
    '/qr/:file',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '二维码图片（<code>.png 或 <code>.svg）',
        params: Type.Object({ file: Type.String({ pattern: '^[A-Za-z0-9]{1,32}\\.(png|svg)$' }) }),
        querystring: Type.Object({ width: Type.Optional(Type.Integer({ minimum: 64, maximum: 1024, default: 256 })) }),
      },
    },
    async (req, reply) => {
      const [code = '', ext] = req.params.file.split('.');
      const image = await qrImage(ctxOf(req), code, ext === 'svg' ? 'svg' : 'png', req.query.width ?? 256);
      return reply.type(image.type).header('cache-control', 'private, max-age=86400').send(image.body);
    },
  );

  app.get(
    '/qr-codes/:type/:id',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '位置或设备的二维码（没有时生成）', params: Type.Object({ type: TargetType, id: Id }) },
    },
    async (req) => qrOfTarget(ctxOf(req), req.params.type, req.params.id),
  );
};
