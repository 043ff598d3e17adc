import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { Id, IdParams, PageQueryProps } from '../../platform/http/schemas.js';
import { cancelTransfer, confirmTransfer, createTransfer, getTransfer, rejectTransfer, searchTransfers } from './custody.service.js';
import { CUSTODY_STATUS_LABELS } from './custody.state.js';
import { custodyTimelineSource } from './custody.timeline.js';
import { registerAssetTimelineSource } from './timeline.service.js';

const tags = ['equipment'];
const Status = Type.Union([Type.Literal('pending'), Type.Literal('confirmed'), Type.Literal('rejected'), Type.Literal('cancelled')]);
const Note = Type.String({ maxLength: 500 });

/**
 * Custody transfers (资产责任到人). Access is `authenticated` at the route because a
 * custodian without any equipment permission may still hand over and receive what they
 * hold; the service checks who may start, see and decide each transfer.
 */
export const custodyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  registerAssetTimelineSource('custody', custodyTimelineSource);
  app.get(
    '/custody-transfers',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '资产移交单列表',
        querystring: Type.Object({
          ...PageQueryProps,
          status: Type.Optional(Status),
          mine: Type.Optional(Type.Union([Type.Literal('incoming'), Type.Literal('outgoing')])),
          siteId: Type.Optional(Id),
          assetId: Type.Optional(Id),
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      return sendList(reply, req.query, (q) => searchTransfers(ctx, { ...req.query, ...q }), {
        filename: '资产移交单',
        sheet: '资产移交单',
        columns: [
          { header: '发起时间', value: (r) => r.createdAt },
          { header: '场所', value: (r) => r.siteName },
          { header: '移交人', value: (r) => r.fromUserName },
          { header: '接收人', value: (r) => r.toUserName },
          { header: '接收部门', value: (r) => r.toDepartmentName },
          { header: '资产数', value: (r) => r.assetCount },
          { header: '原因', value: (r) => r.reason },
          { header: '发起人', value: (r) => r.requestedByName },
          { header: '状态', value: (r) => CUSTODY_STATUS_LABELS[r.status] },
          { header: '处理时间', value: (r) => r.decidedAt },
          { header: '处理意见', value: (r) => r.decisionNote },
        ],
      });
    },
  );

  app.get(
    '/custody-transfers/:id',
    { config: { access: 'authenticated' }, schema: { tags, summary: '资产移交单', params: IdParams } },
    async (req) => getTransfer(ctxOf(req), req.params.id),
  );

  app.post(
    '/custody-transfers',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '发起资产移交',
        body: Type.Object({
          assetIds: Type.Array(Id, { minItems: 1, maxItems: 500 }),
          toUserId: Id,
          toDepartmentId: Type.Optional(Type.Union([Id, Type.Null()])),
          reason: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
        }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return createTransfer(ctxOf(req), req.body);
    },
  );

  app.post(
    '/custody-transfers/:id/confirm',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '接收人确认移交', params: IdParams, body: Type.Object({ note: Type.Optional(Note) }) },
    },
    async (req) => confirmTransfer(ctxOf(req), req.params.id, req.body.note || null),
  );

  app.post(
    '/custody-transfers/:id/reject',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '接收人拒绝移交',
        params: IdParams,
        body: Type.Object({ note: Type.String({ minLength: 1, maxLength: 500 }) }),
      },
    },
    async (req) => rejectTransfer(ctxOf(req), req.params.id, req.body.note),
  );

  app.post(
    '/custody-transfers/:id/cancel',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '发起人撤回移交', params: IdParams, body: Type.Object({ note: Type.Optional(Note) }) },
    },
    async (req) => cancelTransfer(ctxOf(req), req.params.id, req.body.note || null),
  );
};
