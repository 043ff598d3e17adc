import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { SITE_KINDS } from '../../../../contracts/types.js';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { IdParams, optionalFlag, PageQueryProps, Version } from '../../platform/http/schemas.js';
import { createSite, getSite, searchSites, setSiteActive, toSiteDto, updateSite } from './sites.service.js';

const tags = ['org'];
const Kind = Type.Union(SITE_KINDS.map((k) => Type.Literal(k)));
const SiteBody = {
  code: Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  kind: Kind,
  timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  address: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
  openingHours: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
};

export const siteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/sites',
    {
      config: { access: 'org:read' },
      schema: {
        tags,
        summary: '场所列表',
        querystring: Type.Object({ ...PageQueryProps, kind: Type.Optional(Type.String()), active: Type.Optional(Type.String()) }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const { active, ...rest } = req.query;
      const filter = { ...rest, active: optionalFlag(active) };
      return sendList(
        reply,
        filter,
        async (q) => {
          const page = await searchSites(ctx, { ...filter, ...q });
          return { items: page.items.map(toSiteDto), nextCursor: page.nextCursor };
        },
        {
          filename: '场所',
          sheet: '场所',
          columns: [
            { header: '编码', value: (r) => r.code },
            { header: '名称', value: (r) => r.name },
            { header: '类型', value: (r) => r.kind },
            { header: '时区', value: (r) => r.timezone },
            { header: '地址', value: (r) => r.address },
            { header: '营业时间', value: (r) => r.openingHours },
            { header: '状态', value: (r) => (r.active ? '启用' : '停用') },
          ],
        },
      );
    },
  );

  app.get('/sites/:id', { config: { access: 'org:read' }, schema: { tags, params: IdParams } }, async (req) =>
    toSiteDto(await getSite(ctxOf(req), req.params.id)),
  );

  app.post('/sites', { config: { access: 'org:manage' }, schema: { tags, body: Type.Object(SiteBody) } }, async (req, reply) => {
    reply.status(201);
    return toSiteDto(await createSite(ctxOf(req), req.body));
  });

  app.patch(
    '/sites/:id',
    {
      config: { access: 'org:manage' },
      schema: { tags, params: IdParams, body: Type.Object({ ...Type.Partial(Type.Object(SiteBody)).properties, version: Version }) },
    },
    async (req) => {
      const { version, ...input } = req.body;
      return toSiteDto(await updateSite(ctxOf(req), req.params.id, version, input));
    },
  );

  for (const [action, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    app.post(
      `/sites/:id/${action}`,
      { config: { access: 'org:manage' }, schema: { tags, params: IdParams, body: Type.Object({ version: Version }) } },
      async (req) => toSiteDto(await setSiteActive(ctxOf(req), req.params.id, req.body.version, active)),
    );
  }
};
