import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { FlagQuery, Id, IdParams, optionalFlag, PageQueryProps, Version } from '../../platform/http/schemas.js';
import { createTeam, getTeamDetail, searchTeams, setTeamActive, toTeamDto, updateTeam } from './teams.service.js';

const tags = ['org'];
const TeamBody = {
  code: Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_.-]+$' }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  siteId: Type.Optional(Type.Union([Id, Type.Null()], { description: '空：全组织班组' })),
  leaderId: Type.Optional(Type.Union([Id, Type.Null()])),
  memberIds: Type.Optional(Type.Array(Id, { maxItems: 500 })),
};

export const teamRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/teams',
    {
      config: { access: 'org:read' },
      schema: {
        tags,
        summary: '班组列表（format=xlsx 导出）',
        querystring: Type.Object({
          ...PageQueryProps,
          siteId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '场所 id；none 表示全组织班组' })),
          active: FlagQuery,
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const { active, ...rest } = req.query;
      const filter = { ...rest, active: optionalFlag(active) };
      return sendList(reply, filter, (q) => searchTeams(ctx, { ...filter, ...q }), {
        filename: '班组',
        sheet: '班组',
        columns: [
          { header: '编码', value: (r) => r.code },
          { header: '名称', value: (r) => r.name },
          { header: '场所', value: (r) => r.siteName ?? '全组织' },
          { header: '班组长', value: (r) => r.leaderName },
          { header: '成员数', value: (r) => r.memberCount },
          { header: '状态', value: (r) => (r.active ? '启用' : '停用') },
        ],
      });
    },
  );

  app.get(
    '/teams/:id',
    { config: { access: 'org:read' }, schema: { tags, summary: '班组详情（含成员）', params: IdParams } },
    async (req) => getTeamDetail(ctxOf(req), req.params.id),
  );

  app.post(
    '/teams',
    {
      config: { access: 'org:manage' },
      schema: { tags, summary: '新建班组', body: Type.Object({ ...TeamBody, memberIds: Type.Array(Id, { maxItems: 500, default: [] }) }) },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const row = await createTeam(ctx, req.body);
      reply.status(201);
      return getTeamDetail(ctx, row.id);
    },
  );

  app.patch(
    '/teams/:id',
    {
      config: { access: 'org:manage' },
      schema: {
        tags,
        summary: '修改班组；给出 memberIds 时整体替换成员',
        params: IdParams,
        body: Type.Object({ ...Type.Partial(Type.Object(TeamBody)).properties, version: Version }),
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const { version, ...input } = req.body;
      const row = await updateTeam(ctx, req.params.id, version, input);
      return getTeamDetail(ctx, row.id);
    },
  );

  for (const [action, active, summary] of [
    ['deactivate', false, '停用班组'],
    ['activate', true, '启用班组'],
  ] as const) {
    app.post(
      `/teams/:id/${action}`,
      { config: { access: 'org:manage' }, schema: { tags, summary, params: IdParams, body: Type.Object({ version: Version }) } },
      async (req) => toTeamDto(await setTeamActive(ctxOf(req), req.params.id, req.body.version, active)),
    );
  }
};
