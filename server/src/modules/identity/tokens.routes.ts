import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { Id, IdParams } from '../../platform/http/schemas.js';
import { createToken, listTokens, revokeToken, toTokenDto } from './tokens.service.js';

const tags = ['identity'];

export const tokenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api-tokens',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'API 令牌列表（本人的；在全部场所拥有令牌管理权限者可见全部）',
        querystring: Type.Object({
          cursor: Type.Optional(Type.String({ maxLength: 500 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          sort: Type.Optional(Type.String({ maxLength: 40 })),
          userId: Type.Optional(Id),
        }),
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const page = await listTokens(ctx, req.query);
      return { items: page.items.map((t) => toTokenDto(ctx, t)), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api-tokens',
    {
      config: { access: 'tokens:manage' },
      schema: {
        tags,
        summary: '创建 API 令牌（明文令牌只在此返回一次）',
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 100 }),
          permissions: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 200 }),
          expiresAt: Type.Optional(Type.Union([Type.String({ maxLength: 40, description: 'ISO 8601' }), Type.Null()])),
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const { token, row } = await createToken(ctx, req.body);
      reply.status(201).header('cache-control', 'no-store');
      return { ...toTokenDto(ctx, row), token };
    },
  );

  app.post(
    '/api-tokens/:id/revoke',
    { config: { access: 'authenticated' }, schema: { tags, summary: '撤销 API 令牌', params: IdParams } },
    async (req) => {
      const ctx = ctxOf(req);
      return toTokenDto(ctx, await revokeToken(ctx, req.params.id));
    },
  );
};
