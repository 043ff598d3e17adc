import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { FlagQuery, Id, IdParams, NullableInteger, optionalFlag, PageQueryProps, Version } from '../../platform/http/schemas.js';
import { createSlaPolicy, getSlaPolicy, searchSlaPolicies, setSlaPolicyActive, updateSlaPolicy } from './sla.policies.js';

const tags = ['workorders'];
const Minutes = Type.Optional(NullableInteger());
const Code = Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()]));
const PolicyBody = {
  name: Type.String({ minLength: 1, maxLength: 60 }),
  siteId: Type.Optional(Type.Union([Id, Type.Null()])),
  category: Code,
  urgency: Code,
  responseMinutes: Minutes,
  arrivalMinutes: Minutes,
  resolutionMinutes: Minutes,
  notOvernight: Type.Optional(Type.Boolean()),
  businessHours: Type.Optional(Type.Boolean()),
  excludePaused: Type.Optional(Type.Boolean()),
  warnBeforeMinutes: Type.Optional(Type.Integer()),
};
const yes = (v: boolean) => (v ? '是' : '否');
const minutes = (v: number | null) => (v === null ? '' : v);

/** 时限规则: response, arrival and resolution deadlines by site × category × urgency. */
export const slaPolicyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/sla-policies',
    {
      config: { access: 'workorders:manage' },
      schema: {
        tags,
        summary: '时限规则列表',
        querystring: Type.Object({
          ...PageQueryProps,
          siteId: Type.Optional(Id),
          orgWide: FlagQuery,
          category: Type.Optional(Type.String({ maxLength: 40 })),
          urgency: Type.Optional(Type.String({ maxLength: 40 })),
          active: FlagQuery,
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const filter = { ...req.query, orgWide: optionalFlag(req.query.orgWide), active: optionalFlag(req.query.active) };
      return sendList(reply, filter, (q) => searchSlaPolicies(ctx, { ...filter, ...q }), {
        filename: '时限规则',
        sheet: '时限规则',
        columns: [
          { header: '名称', value: (r) => r.name },
          { header: '场所', value: (r) => r.siteName ?? '全部场所' },
          { header: '报修类别', value: (r) => r.category ?? '全部' },
          { header: '紧急程度', value: (r) => r.urgency ?? '全部' },
          { header: '响应时限（分钟）', value: (r) => minutes(r.responseMinutes) },
          { header: '到场时限（分钟）', value: (r) => minutes(r.arrivalMinutes) },
          { header: '修复时限（分钟）', value: (r) => minutes(r.resolutionMinutes) },
          { header: '不过夜', value: (r) => yes(r.notOvernight) },
          { header: '只计营业时间', value: (r) => yes(r.businessHours) },
          { header: '扣除暂停时间', value: (r) => yes(r.excludePaused) },
          { header: '提前预警（分钟）', value: (r) => r.warnBeforeMinutes },
          { header: '状态', value: (r) => (r.active ? '启用' : '停用') },
        ],
      });
    },
  );

  app.get('/sla-policies/:id', { config: { access: 'workorders:manage' }, schema: { tags, params: IdParams } }, async (req) =>
    getSlaPolicy(ctxOf(req), req.params.id),
  );

  app.post(
    '/sla-policies',
    { config: { access: 'workorders:manage' }, schema: { tags, summary: '新增时限规则', body: Type.Object(PolicyBody) } },
    async (req, reply) => {
      reply.status(201);
      return createSlaPolicy(ctxOf(req), req.body);
    },
  );

  app.patch(
    '/sla-policies/:id',
    {
      config: { access: 'workorders:manage' },
      schema: {
        tags,
        summary: '修改时限规则',
        params: IdParams,
        body: Type.Object({ ...Type.Partial(Type.Object(PolicyBody)).properties, version: Version }),
      },
    },
    async (req) => {
      const { version, ...input } = req.body;
      return updateSlaPolicy(ctxOf(req), req.params.id, version, input);
    },
  );

  for (const [action, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    app.post(
      `/sla-policies/:id/${action}`,
      { config: { access: 'workorders:manage' }, schema: { tags, params: IdParams, body: Type.Object({ version: Version }) } },
      async (req) => setSlaPolicyActive(ctxOf(req), req.params.id, req.body.version, active),
    );
  }
};
