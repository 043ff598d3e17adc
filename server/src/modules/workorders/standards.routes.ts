import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { FlagQuery, IdParams, optionalFlag, PageQueryProps, Version } from '../../platform/http/schemas.js';
import {
  createWorkStandard,
  getWorkStandard,
  MAX_STANDARD_MINUTES,
  searchWorkStandards,
  setWorkStandardActive,
  updateWorkStandard,
} from './standards.service.js';

const tags = ['workorders'];
const Body = {
  category: Type.String({ minLength: 1, maxLength: 40 }),
  name: Type.String({ minLength: 1, maxLength: 60 }),
  standardMinutes: Type.Integer({ minimum: 1, maximum: MAX_STANDARD_MINUTES }),
};

/** 标准工时: standard minutes per repair category (one organisation-wide table). */
export const workStandardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/work-standards',
    {
      config: { access: 'workorders:manage' },
      schema: {
        tags,
        summary: '标准工时列表',
        querystring: Type.Object({ ...PageQueryProps, category: Type.Optional(Type.String({ maxLength: 40 })), active: FlagQuery }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const filter = { ...req.query, active: optionalFlag(req.query.active) };
      return sendList(reply, filter, (q) => searchWorkStandards(ctx, { ...filter, ...q }), {
        filename: '标准工时',
        sheet: '标准工时',
        columns: [
          { header: '报修类别', value: (r) => r.categoryName },
          { header: '名称', value: (r) => r.name },
          { header: '标准工时（分钟）', value: (r) => r.standardMinutes },
          { header: '状态', value: (r) => (r.active ? '启用' : '停用') },
        ],
      });
    },
  );

  app.get('/work-standards/:id', { config: { access: 'workorders:manage' }, schema: { tags, params: IdParams } }, async (req) =>
    getWorkStandard(ctxOf(req), req.params.id),
  );

  app.post(
    '/work-standards',
    { config: { access: 'workorders:manage' }, schema: { tags, summary: '新增标准工时', body: Type.Object(Body) } },
    async (req, reply) => {
      reply.status(201);
      return createWorkStandard(ctxOf(req), req.body);
    },
  );

  app.patch(
    '/work-standards/:id',
    {
      config: { access: 'workorders:manage' },
      schema: { tags, params: IdParams, body: Type.Object({ ...Type.Partial(Type.Object(Body)).properties, version: Version }) },
    },
    async (req) => {
      const { version, ...input } = req.body;
      return updateWorkStandard(ctxOf(req), req.params.id, version, input);
    },
  );

  for (const [action, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    app.post(
      `/work-standards/:id/${action}`,
      { config: { access: 'workorders:manage' }, schema: { tags, params: IdParams, body: Type.Object({ version: Version }) } },
      async (req) => setWorkStandardActive(ctxOf(req), req.params.id, req.body.version, active),
    );
  }
};
