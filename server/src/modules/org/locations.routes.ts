import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LOCATION_KINDS } from '../../../../contracts/types.js';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { FlagQuery, Id, IdParams, optionalFlag, PageQueryProps, Version } from '../../platform/http/schemas.js';
import {
  createLocation,
  getLocationDetail,
  LOCATION_KIND_LABELS,
  locationTree,
  searchLocations,
  setLocationActive,
  toLocationDto,
  updateLocation,
} from './locations.service.js';

const tags = ['org'];
const Kind = Type.Union(LOCATION_KINDS.map((k) => Type.Literal(k)));
const Code = Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_.-]+$' });
const LocationBody = {
  siteId: Id,
  parentId: Type.Optional(Type.Union([Id, Type.Null()])),
  code: Code,
  name: Type.String({ minLength: 1, maxLength: 100 }),
  kind: Kind,
  sort: Type.Optional(Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 })),
};

export const locationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/locations',
    {
      config: { access: 'org:read' },
      schema: {
        tags,
        summary: '位置列表（under=位置 id 取整个子树；format=xlsx 导出）',
        querystring: Type.Object({
          ...PageQueryProps,
          siteId: Type.Optional(Id),
          parentId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '上级位置 id；none 表示顶层' })),
          under: Type.Optional(Id),
          kind: Type.Optional(Kind),
          active: FlagQuery,
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const { active, ...rest } = req.query;
      const filter = { ...rest, active: optionalFlag(active) };
      return sendList(reply, filter, (q) => searchLocations(ctx, { ...filter, ...q }), {
        filename: '位置',
        sheet: '位置',
        columns: [
          { header: '场所编码', value: (r) => r.siteCode },
          { header: '位置编码', value: (r) => r.code },
          { header: '名称', value: (r) => r.name },
          { header: '类型', value: (r) => LOCATION_KIND_LABELS[r.kind] ?? r.kind },
          { header: '上级位置编码', value: (r) => r.parentCode },
          { header: '完整路径', width: 48, value: (r) => r.pathName },
          { header: '层级', value: (r) => r.depth + 1 },
          { header: '排序', value: (r) => r.sort },
          { header: '状态', value: (r) => (r.active ? '启用' : '停用') },
        ],
      });
    },
  );

  app.get(
    '/locations/tree',
    {
      config: { access: 'org:read' },
      schema: { tags, summary: '一个场所的位置树', querystring: Type.Object({ siteId: Id, active: FlagQuery }) },
    },
    async (req) => locationTree(ctxOf(req), req.query.siteId, optionalFlag(req.query.active)),
  );

  app.get(
    '/locations/:id',
    { config: { access: 'org:read' }, schema: { tags, summary: '位置详情（含上级路径）', params: IdParams } },
    async (req) => getLocationDetail(ctxOf(req), req.params.id),
  );

  app.post(
    '/locations',
    { config: { access: 'org:manage' }, schema: { tags, summary: '新建位置', body: Type.Object(LocationBody) } },
    async (req, reply) => {
      reply.status(201);
      return toLocationDto(await createLocation(ctxOf(req), req.body));
    },
  );

  app.patch(
    '/locations/:id',
    {
      config: { access: 'org:manage' },
      schema: {
        tags,
        summary: '修改位置；改 parentId 即移动整个子树',
        params: IdParams,
        body: Type.Object({ ...Type.Partial(Type.Object(LocationBody)).properties, version: Version }),
      },
    },
    async (req) => {
      const { version, ...input } = req.body;
      return toLocationDto(await updateLocation(ctxOf(req), req.params.id, version, input));
    },
  );

  for (const [action, active, summary] of [
    ['deactivate', false, '停用位置'],
    ['activate', true, '启用位置'],
  ] as const) {
    app.post(
      `/locations/:id/${action}`,
      { config: { access: 'org:manage' }, schema: { tags, summary, params: IdParams, body: Type.Object({ version: Version }) } },
      async (req) => toLocationDto(await setLocationActive(ctxOf(req), req.params.id, req.body.version, active)),
    );
  }
};
