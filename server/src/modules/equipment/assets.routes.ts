import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { registerAttachmentOwner } from '../../platform/files/owners.js';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { FlagQuery, Id, IdParams, NullableInteger, optionalFlag, PageQueryProps, Version } from '../../platform/http/schemas.js';
import { bulkUpdateAssets } from './assets.bulk.js';
import { ASSET_EXPORT_COLUMNS, attributeExportColumns } from './assets.export.js';
import { createAsset, getAssetDetail, getAssetRow, myAssets, searchAssets, updateAsset } from './assets.service.js';
import { ASSET_CRITICALITIES, ASSET_STATUSES } from './schema.js';
import { auditTimelineSource, collectTimeline, registerAssetTimelineSource } from './timeline.service.js';

const tags = ['equipment'];
const Status = Type.Union(ASSET_STATUSES.map((s) => Type.Literal(s)));
const Criticality = Type.Union(ASSET_CRITICALITIES.map((c) => Type.Literal(c)));
const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));
const Text = (max: number) => Nullable(Type.String({ maxLength: max }));

const AssetBody = {
  code: Nullable(Type.String({ maxLength: 40, pattern: '^([A-Za-z0-9_.-]+)?$', description: '留空则按编号规则 ZC 生成' })),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  categoryId: Id,
  siteId: Id,
  locationId: Nullable(Id),
  parentId: Nullable(Id),
  brand: Text(60),
  model: Text(60),
  serialNo: Text(60),
  supplier: Text(100),
  purchaseDate: Nullable(DateText),
  purchaseCost: Type.Optional(NullableInteger({ minimum: 0, maximum: 100_000_000_000, description: '分' })),
  warrantyEnd: Nullable(DateText),
  custodianId: Nullable(Id),
  departmentId: Nullable(Id),
  status: Type.Optional(Status),
  criticality: Type.Optional(Criticality),
  attributes: Type.Optional(
    Type.Record(Type.String({ maxLength: 40 }), Type.Union([Type.String({ maxLength: 500 }), Type.Number(), Type.Null()])),
  ),
  fireRuleId: Nullable(Id),
  productionDate: Nullable(DateText),
  notes: Text(1000),
};

const ListQuery = Type.Object({
  ...PageQueryProps,
  siteId: Type.Optional(Id),
  locationId: Type.Optional(Id),
  under: FlagQuery,
  categoryId: Type.Optional(Id),
  status: Type.Optional(Type.Array(Status, { maxItems: 5 })),
  custodianId: Type.Optional(Id),
  departmentId: Type.Optional(Id),
  criticality: Type.Optional(Criticality),
  lost: FlagQuery,
  warrantyBefore: Type.Optional(DateText),
  fire: FlagQuery,
  parentId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '上级设备 id；none 表示顶层设备' })),
});

export const assetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  registerAssetTimelineSource('asset', auditTimelineSource);
  // photos and documents of an asset are attachments, exactly as visible as the asset
  registerAttachmentOwner('asset', {
    label: '设备',
    readPermission: 'assets:read',
    writePermission: 'assets:manage',
    async resolve(ctx, ownerId) {
      return { siteId: (await getAssetRow(ctx, ownerId)).site_id };
    },
  });

  app.get(
    '/assets',
    {
      config: { access: 'assets:read' },
      schema: { tags, summary: '设备台账（under=1 含位置子树；categoryId 含子分类；format=xlsx 导出）', querystring: ListQuery },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const { under, lost, fire, ...rest } = req.query;
      const filter = { ...rest, under: optionalFlag(under), lost: optionalFlag(lost), fire: optionalFlag(fire) };
      const columns = filter.format === 'xlsx' ? [...ASSET_EXPORT_COLUMNS, ...(await attributeExportColumns(ctx, filter.categoryId))] : [];
      return sendList(reply, filter, (q) => searchAssets(ctx, { ...filter, ...q }), { filename: '设备台账', sheet: '设备台账', columns });
    },
  );

  app.get(
    '/my/assets',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '我负责的设备（责任人是我）', querystring: Type.Object({ ...PageQueryProps }) },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      return sendList(reply, req.query, (q) => myAssets(ctx, { ...req.query, ...q }), {
        filename: '我的设备',
        sheet: '我的设备',
        columns: ASSET_EXPORT_COLUMNS,
      });
    },
  );

  app.post(
    '/assets/bulk',
    {
      config: { access: 'assets:manage' },
      schema: {
        tags,
        summary: '批量移动 / 更换责任人 / 改状态（同一事务，逐台审计）',
        body: Type.Object({
          ids: Type.Array(Id, { minItems: 1, maxItems: 500 }),
          action: Type.Union([Type.Literal('move'), Type.Literal('custodian'), Type.Literal('status')]),
          locationId: Type.Optional(Id),
          custodianId: Nullable(Id),
          departmentId: Nullable(Id),
          status: Type.Optional(Status),
        }),
      },
    },
    async (req) => bulkUpdateAssets(ctxOf(req), req.body),
  );

  app.get(
    '/assets/:id',
    { config: { access: 'assets:read' }, schema: { tags, summary: '设备详情（含下级部件与属性定义）', params: IdParams } },
    async (req) => getAssetDetail(ctxOf(req), req.params.id),
  );

  app.get(
    '/assets/:id/timeline',
    {
      config: { access: 'assets:read' },
      schema: {
        tags,
        summary: '设备履历（最新在前；各模块登记的来源合并）',
        params: IdParams,
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }),
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const asset = await getAssetRow(ctx, req.params.id);
      return collectTimeline(ctx, asset.id, req.query.limit ?? 200);
    },
  );

  app.post(
    '/assets',
    { config: { access: 'assets:manage' }, schema: { tags, summary: '新建设备（编码留空按规则 ZC 生成）', body: Type.Object(AssetBody) } },
    async (req, reply) => {
      reply.status(201);
      return createAsset(ctxOf(req), req.body);
    },
  );

  app.patch(
    '/assets/:id',
    {
      config: { access: 'assets:manage' },
      schema: {
        tags,
        summary: '修改设备（attributes 为完整的属性值集合）',
        params: IdParams,
        body: Type.Object({ ...Type.Partial(Type.Object(AssetBody)).properties, lost: Type.Optional(Type.Boolean()), version: Version }),
      },
    },
    async (req) => {
      const { version, ...patch } = req.body;
      return updateAsset(ctxOf(req), req.params.id, version, patch);
    },
  );
};
