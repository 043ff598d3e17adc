import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { Id, IdParams, Nullable, PageQueryProps, Version } from '../../platform/http/schemas.js';
import { createCampaign, deleteCampaign, getCampaign, searchCampaigns, updateCampaign } from './campaigns.service.js';

const tags = ['hazards'];
const Day = Type.String({ maxLength: 20, description: 'YYYY-MM-DD' });
const CampaignBody = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  siteIds: Type.Array(Id, { maxItems: 100 }),
  categories: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 50 }),
  teamIds: Type.Array(Id, { maxItems: 100 }),
  startDate: Day,
  endDate: Day,
};

/** 专项检查: read with patrols:read, managed with patrols:manage on every site of the campaign. */
export const campaignRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/inspection-campaigns',
    {
      config: { access: 'patrols:read' },
      schema: {
        tags,
        summary: '专项检查列表（含各场所的发现、整改、按期情况）',
        querystring: Type.Object({
          ...PageQueryProps,
          siteId: Type.Optional(Id),
          phase: Type.Optional(Type.Union([Type.Literal('planned'), Type.Literal('active'), Type.Literal('ended')])),
          year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
        }),
      },
    },
    async (req) => searchCampaigns(ctxOf(req), req.query),
  );

  app.get(
    '/inspection-campaigns/:id',
    { config: { access: 'patrols:read' }, schema: { tags, summary: '专项检查详情', params: IdParams } },
    async (req) => getCampaign(ctxOf(req), req.params.id),
  );

  app.post(
    '/inspection-campaigns',
    { config: { access: 'patrols:manage' }, schema: { tags, summary: '新建专项检查', body: Type.Object(CampaignBody) } },
    async (req, reply) => {
      reply.status(201);
      return createCampaign(ctxOf(req), req.body);
    },
  );

  app.put(
    '/inspection-campaigns/:id',
    {
      config: { access: 'patrols:manage' },
      schema: { tags, summary: '修改专项检查', params: IdParams, body: Type.Object({ ...CampaignBody, version: Version }) },
    },
    async (req) => updateCampaign(ctxOf(req), req.params.id, req.body),
  );

  app.delete(
    '/inspection-campaigns/:id',
    {
      config: { access: 'patrols:manage' },
      schema: { tags, summary: '删除专项检查（尚无检查记录时）', params: IdParams, querystring: Type.Object({ version: Version }) },
    },
    async (req) => deleteCampaign(ctxOf(req), req.params.id, req.query.version),
  );
};
