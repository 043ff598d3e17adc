import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { Id, IdParams, PageQueryProps, Version } from '../../platform/http/schemas.js';
import { scan, tick } from './stocktake.count.js';
import { ITEM_STATES } from './stocktake.repository.js';
import { cancelStocktake, closeStocktake, getStocktake, searchItems, searchStocktakes, startStocktake } from './stocktake.service.js';
import { STOCKTAKE_STATUS_LABELS } from './stocktake.state.js';
import { stocktakeTimelineSource } from './stocktake.timeline.js';
import { registerAssetTimelineSource } from './timeline.service.js';

const tags = ['equipment'];
const Status = Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('cancelled')]);
const ItemState = Type.Union(ITEM_STATES.map((s) => Type.Literal(s)));
const Note = Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()]));
const STATE_LABELS: Record<string, string> = {
  pending: '未盘到',
  missing: '盘亏',
  found: '已盘到',
  misplaced: '位置不符',
  unexpected: '盘盈',
};

/** Stocktakes (盘点): reading needs assets:read on the site, counting assets:stocktake. */
export const stocktakeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  registerAssetTimelineSource('stocktake', stocktakeTimelineSource);
  app.get(
    '/stocktakes',
    {
      config: { access: 'assets:read' },
      schema: {
        tags,
        summary: '盘点单列表',
        querystring: Type.Object({ ...PageQueryProps, siteId: Type.Optional(Id), status: Type.Optional(Status) }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      return sendList(reply, req.query, (q) => searchStocktakes(ctx, { ...req.query, ...q }), {
        filename: '盘点单',
        sheet: '盘点单',
        columns: [
          { header: '盘点单号', value: (r) => r.number },
          { header: '标题', value: (r) => r.title },
          { header: '场所', value: (r) => r.siteName },
          { header: '范围', value: (r) => r.locationPath ?? '整个场所' },
          { header: '状态', value: (r) => STOCKTAKE_STATUS_LABELS[r.status] },
          { header: '发起人', value: (r) => r.startedByName },
          { header: '开始时间', value: (r) => r.createdAt },
          { header: '结束时间', value: (r) => r.closedAt },
          { header: '应盘', value: (r) => r.result?.expected },
          { header: '盘到', value: (r) => r.result?.found },
          { header: '盘亏', value: (r) => r.result?.missing },
          { header: '盘盈', value: (r) => r.result?.unexpected },
          { header: '位置不符', value: (r) => r.result?.misplaced },
        ],
      });
    },
  );

  app.get('/stocktakes/:id', { config: { access: 'assets:read' }, schema: { tags, summary: '盘点单', params: IdParams } }, async (req) =>
    getStocktake(ctxOf(req), req.params.id),
  );

  app.get(
    '/stocktakes/:id/items',
    {
      config: { access: 'assets:read' },
      schema: {
        tags,
        summary: '盘点明细',
        params: IdParams,
        querystring: Type.Object({ ...PageQueryProps, state: Type.Optional(ItemState) }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      return sendList(reply, req.query, (q) => searchItems(ctx, req.params.id, { ...req.query, ...q }), {
        filename: '盘点明细',
        sheet: '盘点明细',
        columns: [
          { header: '设备编码', value: (r) => r.assetCode },
          { header: '设备名称', value: (r) => r.assetName },
          { header: '结果', value: (r) => STATE_LABELS[r.state] },
          { header: '账面位置', value: (r) => r.expectedLocationPath },
          { header: '实盘位置', value: (r) => r.foundLocationPath },
          { header: '盘点人', value: (r) => r.foundByName },
          { header: '盘点时间', value: (r) => r.foundAt },
          { header: '备注', value: (r) => r.note },
        ],
      });
    },
  );

  app.post(
    '/stocktakes',
    {
      config: { access: 'assets:stocktake' },
      schema: {
        tags,
        summary: '开始盘点',
        body: Type.Object({
          siteId: Id,
          locationId: Type.Optional(Type.Union([Id, Type.Null()])),
          title: Type.String({ minLength: 1, maxLength: 100 }),
        }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return startStocktake(ctxOf(req), req.body);
    },
  );

  app.post(
    '/stocktakes/:id/scan',
    {
      config: { access: 'assets:stocktake' },
      schema: {
        tags,
        summary: '扫码盘点（资产编码或二维码）',
        params: IdParams,
        body: Type.Object({
          code: Type.String({ minLength: 1, maxLength: 300 }),
          locationId: Type.Optional(Type.Union([Id, Type.Null()])),
          note: Note,
        }),
      },
    },
    async (req) => scan(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/stocktakes/:id/items/:itemId/found',
    {
      config: { access: 'assets:stocktake' },
      schema: {
        tags,
        summary: '手工勾选盘到 / 取消',
        params: Type.Object({ id: Id, itemId: Id }),
        body: Type.Object({ found: Type.Boolean(), locationId: Type.Optional(Type.Union([Id, Type.Null()])), note: Note }),
      },
    },
    async (req) => tick(ctxOf(req), req.params.id, req.params.itemId, req.body),
  );

  app.post(
    '/stocktakes/:id/close',
    {
      config: { access: 'assets:stocktake' },
      schema: {
        tags,
        summary: '完成盘点',
        params: IdParams,
        body: Type.Object({ version: Version, markMissingLost: Type.Boolean(), moveMisplaced: Type.Optional(Type.Boolean()), note: Note }),
      },
    },
    async (req) => closeStocktake(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/stocktakes/:id/cancel',
    {
      config: { access: 'assets:stocktake' },
      schema: { tags, summary: '取消盘点', params: IdParams, body: Type.Object({ version: Version }) },
    },
    async (req) => cancelStocktake(ctxOf(req), req.params.id, req.body.version),
  );
};
