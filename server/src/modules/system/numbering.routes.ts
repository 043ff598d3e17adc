import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { IdParams, PageOf, PageQueryProps, Version } from '../../platform/http/schemas.js';
import { DATE_FORMATS, RESET_PERIODS, SEQ_WIDTH_MAX, SEQ_WIDTH_MIN } from '../../platform/numbering/numbering.js';
import { createRule, getRule, previewRule, searchRules, toRuleDto, updateRule } from './numbering.service.js';

const tags = ['system'];
const Fields = {
  code: Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Z][A-Z0-9_]*$' }),
  name: Type.String({ minLength: 1, maxLength: 50 }),
  prefix: Type.String({ minLength: 1, maxLength: 16, pattern: '^[A-Za-z0-9]+$' }),
  dateFormat: Type.Enum([...DATE_FORMATS]),
  seqWidth: Type.Integer({ minimum: SEQ_WIDTH_MIN, maximum: SEQ_WIDTH_MAX }),
  reset: Type.Enum([...RESET_PERIODS]),
  perSite: Type.Boolean(),
};

const RuleDto = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  dateFormat: Type.String(),
  seqWidth: Type.Integer(),
  reset: Type.String(),
  perSite: Type.Boolean(),
  sample: Type.String(),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const numberingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/numbering-rules',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '编号规则列表', querystring: Type.Object(PageQueryProps), response: { 200: PageOf(RuleDto) } },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const page = await searchRules(ctx, req.query);
      const now = ctx.clock.now();
      return { items: page.items.map((r) => toRuleDto(r, now)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/numbering-rules/:id',
    { config: { access: 'authenticated' }, schema: { tags, summary: '编号规则详情', params: IdParams, response: { 200: RuleDto } } },
    async (req) => {
      const ctx = ctxOf(req);
      return toRuleDto(await getRule(ctx, req.params.id), ctx.clock.now());
    },
  );

  app.post(
    '/numbering-rules',
    {
      config: { access: 'numbering:manage' },
      schema: {
        tags,
        summary: '新增编号规则',
        body: Type.Object({ ...Fields, perSite: Type.Optional(Fields.perSite) }),
        response: { 201: RuleDto },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      reply.status(201);
      return toRuleDto(await createRule(ctx, { ...req.body, perSite: req.body.perSite ?? false }), ctx.clock.now());
    },
  );

  app.patch(
    '/numbering-rules/:id',
    {
      config: { access: 'numbering:manage' },
      schema: {
        tags,
        summary: '修改编号规则（编码不可修改；已生成编号后日期格式、重置周期、按场所不可修改）',
        params: IdParams,
        body: Type.Object({
          code: Type.Optional(Type.String({ maxLength: 32 })),
          name: Type.Optional(Fields.name),
          prefix: Type.Optional(Fields.prefix),
          dateFormat: Type.Optional(Fields.dateFormat),
          seqWidth: Type.Optional(Fields.seqWidth),
          reset: Type.Optional(Fields.reset),
          perSite: Type.Optional(Fields.perSite),
          version: Version,
        }),
        response: { 200: RuleDto },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const { version, ...input } = req.body;
      return toRuleDto(await updateRule(ctx, req.params.id, version, input), ctx.clock.now());
    },
  );

  app.post(
    '/numbering-rules/:id/preview',
    {
      config: { access: 'numbering:manage' },
      schema: {
        tags,
        summary: '预览下一个编号（不占用）',
        params: IdParams,
        body: Type.Object({
          siteId: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()])),
          at: Type.Optional(Type.String({ format: 'date-time' })),
        }),
        response: { 200: Type.Object({ number: Type.String(), at: Type.String() }) },
      },
    },
    async (req) => previewRule(ctxOf(req), req.params.id, req.body),
  );
};
