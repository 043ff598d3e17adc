import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { FlagQuery, Id, IdParams, optionalFlag, PageQueryProps, Version } from '../../platform/http/schemas.js';
import { createDispatchRule, getDispatchRule, searchDispatchRules, setDispatchRuleActive, updateDispatchRule } from './dispatch.service.js';

const tags = ['workorders'];
const NullableId = Type.Optional(Type.Union([Id, Type.Null()]));
const RuleBody = {
  siteId: Id,
  category: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
  locationId: NullableId,
  teamId: NullableId,
  assigneeId: NullableId,
  sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 9999 })),
};

/** 自动派单规则: category × site × location → a person, or a team in turn. */
export const dispatchRuleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/dispatch-rules',
    {
      config: { access: 'workorders:manage' },
      schema: {
        tags,
        summary: '自动派单规则列表',
        querystring: Type.Object({
          ...PageQueryProps,
          siteId: Type.Optional(Id),
          category: Type.Optional(Type.String({ maxLength: 40 })),
          teamId: Type.Optional(Id),
          assigneeId: Type.Optional(Id),
          active: FlagQuery,
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const filter = { ...req.query, active: optionalFlag(req.query.active) };
      return sendList(reply, filter, (q) => searchDispatchRules(ctx, { ...filter, ...q }), {
        filename: '自动派单规则',
        sheet: '自动派单规则',
        columns: [
          { header: '场所', value: (r) => r.siteName },
          { header: '报修类别', value: (r) => r.categoryName ?? '全部' },
          { header: '位置', value: (r) => r.locationPath ?? '全部' },
          { header: '班组', value: (r) => r.teamName },
          { header: '维修人员', value: (r) => r.assigneeName },
          { header: '排序', value: (r) => r.sort },
          { header: '上次轮到', value: (r) => r.lastAssigneeName },
          { header: '状态', value: (r) => (r.active ? '启用' : '停用') },
        ],
      });
    },
  );

  app.get('/dispatch-rules/:id', { config: { access: 'workorders:manage' }, schema: { tags, params: IdParams } }, async (req) =>
    getDispatchRule(ctxOf(req), req.params.id),
  );

  app.post(
    '/dispatch-rules',
    { config: { access: 'workorders:manage' }, schema: { tags, summary: '新增派单规则', body: Type.Object(RuleBody) } },
    async (req, reply) => {
      reply.status(201);
      return createDispatchRule(ctxOf(req), req.body);
    },
  );

  app.patch(
    '/dispatch-rules/:id',
    {
      config: { access: 'workorders:manage' },
      schema: {
        tags,
        summary: '修改派单规则',
        params: IdParams,
        body: Type.Object({ ...Type.Partial(Type.Object(RuleBody)).properties, version: Version }),
      },
    },
    async (req) => {
      const { version, ...input } = req.body;
      return updateDispatchRule(ctxOf(req), req.params.id, version, input);
    },
  );

  for (const [action, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    app.post(
      `/dispatch-rules/:id/${action}`,
      { config: { access: 'workorders:manage' }, schema: { tags, params: IdParams, body: Type.Object({ version: Version }) } },
      async (req) => setDispatchRuleActive(ctxOf(req), req.params.id, req.body.version, active),
    );
  }
};
