import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { FlagQuery, Id, IdParams, optionalFlag, PageQueryProps } from '../../platform/http/schemas.js';
import { pageOf, periodBounds } from './common.js';
import { DateOrInstant, lit, Nullable, Text, Time } from './complaints.routes.js';
import { METHOD_LABELS, SATISFACTION_LABELS, yesNo } from './labels.js';
import { COMPLAINT_CATEGORIES, SATISFACTION, VISIT_METHODS } from './schema.js';
import { createVisit, getVisit, searchVisits, visitsOfWorkOrder } from './visits.service.js';

const tags = ['servicedesk'];

/**
 * Return visits (回访). Recording one needs workorders:dispatch on the order's site;
 * reading is open to dispatchers and work-order readers of the site, so the routes are
 * `authenticated` and the service checks the site.
 */
export const visitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/work-orders/:id/return-visits',
    {
      config: { access: 'workorders:dispatch' },
      schema: {
        tags,
        summary: '登记回访（已完成或已评价的工单；不满意可同时登记投诉）',
        params: IdParams,
        body: Type.Object({
          visitedAt: Nullable(Time),
          method: lit(VISIT_METHODS),
          result: lit(SATISFACTION),
          comment: Nullable(Text(1000)),
          followUpNeeded: Type.Optional(Type.Boolean()),
          complaint: Type.Optional(
            Type.Union([
              Type.Object({
                subject: Nullable(Text(100)),
                content: Nullable(Text(2000)),
                category: Type.Optional(Type.Union([lit(COMPLAINT_CATEGORIES), Type.Null()])),
                handlerId: Nullable(Id),
              }),
              Type.Null(),
            ]),
          ),
        }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return createVisit(ctxOf(req), req.params.id, req.body);
    },
  );

  app.get(
    '/work-orders/:id/return-visits',
    { config: { access: 'authenticated' }, schema: { tags, summary: '工单的回访记录', params: IdParams } },
    async (req) => ({ items: await visitsOfWorkOrder(ctxOf(req), req.params.id) }),
  );

  app.get(
    '/return-visits',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '回访记录列表',
        querystring: Type.Object({
          ...PageQueryProps,
          siteId: Type.Optional(Id),
          workOrderId: Type.Optional(Id),
          result: Type.Optional(lit(SATISFACTION)),
          method: Type.Optional(lit(VISIT_METHODS)),
          visitedBy: Type.Optional(Id),
          followUp: FlagQuery,
          from: Type.Optional(DateOrInstant),
          to: Type.Optional(DateOrInstant),
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const filter = { ...req.query, ...(await periodBounds(ctx, req.query)), followUp: optionalFlag(req.query.followUp) };
      return sendList(reply, req.query, (page) => searchVisits(ctx, { ...filter, ...pageOf(page) }), {
        filename: '回访记录',
        sheet: '回访记录',
        columns: [
          { header: '回访时间', value: (r) => r.visitedAt },
          { header: '场所', value: (r) => r.siteName },
          { header: '工单号', value: (r) => r.workOrderNumber },
          { header: '故障描述', value: (r) => r.workOrderDescription },
          { header: '报修人', value: (r) => r.requesterName },
          { header: '回访方式', value: (r) => METHOD_LABELS[r.method] },
          { header: '回访结果', value: (r) => SATISFACTION_LABELS[r.result] },
          { header: '意见', value: (r) => r.comment },
          { header: '需跟进', value: (r) => yesNo(r.followUpNeeded) },
          { header: '投诉编号', value: (r) => r.complaintNumber },
          { header: '回访人', value: (r) => r.visitedByName },
        ],
      });
    },
  );

  app.get(
    '/return-visits/:id',
    { config: { access: 'authenticated' }, schema: { tags, summary: '回访记录', params: IdParams } },
    async (req) => getVisit(ctxOf(req), req.params.id),
  );
};
