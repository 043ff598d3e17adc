import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { Id, IdParams, PageQueryProps } from '../../platform/http/schemas.js';
import { pageOf, periodBounds } from './common.js';
import { DateOrInstant, lit, Nullable, Text, Time } from './complaints.routes.js';
import { COMPLAINT_STATUS_LABELS } from './complaints.state.js';
import { createCall, getCall, searchCalls } from './hotline.service.js';
import { OUTCOME_LABELS } from './labels.js';
import { COMPLAINT_CATEGORIES, type ComplaintStatus, HOTLINE_OUTCOMES } from './schema.js';

const tags = ['servicedesk'];
const access = 'complaints:manage';

export const hotlineRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/hotline-calls',
    {
      config: { access },
      schema: {
        tags,
        summary: '24小时热线记录',
        querystring: Type.Object({
          ...PageQueryProps,
          siteId: Type.Optional(Id),
          outcome: Type.Optional(lit(HOTLINE_OUTCOMES)),
          takenBy: Type.Optional(Id),
          workOrderId: Type.Optional(Id),
          complaintId: Type.Optional(Id),
          from: Type.Optional(DateOrInstant),
          to: Type.Optional(DateOrInstant),
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const filter = { ...req.query, ...(await periodBounds(ctx, req.query)) };
      return sendList(reply, req.query, (page) => searchCalls(ctx, { ...filter, ...pageOf(page) }), {
        filename: '热线记录',
        sheet: '热线记录',
        columns: [
          { header: '来电时间', value: (r) => r.receivedAt },
          { header: '场所', value: (r) => r.siteName },
          { header: '来电人', value: (r) => r.callerName },
          { header: '来电号码', value: (r) => r.callerPhone },
          { header: '来电内容', value: (r) => r.content },
          { header: '处理结果', value: (r) => OUTCOME_LABELS[r.outcome] },
          { header: '说明', value: (r) => r.note },
          { header: '工单号', value: (r) => r.workOrderNumber },
          { header: '投诉编号', value: (r) => r.complaintNumber },
          { header: '投诉状态', value: (r) => (r.complaintStatus ? COMPLAINT_STATUS_LABELS[r.complaintStatus as ComplaintStatus] : null) },
          { header: '接听人', value: (r) => r.takenByName },
        ],
      });
    },
  );

  app.post(
    '/hotline-calls',
    {
      config: { access },
      schema: {
        tags,
        summary: '登记热线来电（可同时生成维修工单或投诉）',
        body: Type.Object({
          siteId: Id,
          receivedAt: Nullable(Time),
          callerName: Nullable(Text(50)),
          callerPhone: Nullable(Text(20)),
          content: Type.String({ minLength: 1, maxLength: 2000 }),
          outcome: lit(HOTLINE_OUTCOMES),
          note: Nullable(Text(500)),
          workOrderId: Nullable(Id),
          complaintId: Nullable(Id),
          workOrder: Type.Optional(
            Type.Union([
              Type.Object({
                category: Type.String({ minLength: 1, maxLength: 40 }),
                urgency: Type.String({ minLength: 1, maxLength: 40 }),
                description: Nullable(Text(1000)),
                locationId: Nullable(Id),
                assetId: Nullable(Id),
                appointmentAt: Nullable(Time),
                requesterDepartment: Nullable(Text(100)),
              }),
              Type.Null(),
            ]),
          ),
          complaint: Type.Optional(
            Type.Union([
              Type.Object({
                subject: Nullable(Text(100)),
                category: Type.Optional(Type.Union([lit(COMPLAINT_CATEGORIES), Type.Null()])),
                handlerId: Nullable(Id),
                deadlineAt: Nullable(Time),
              }),
              Type.Null(),
            ]),
          ),
        }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return createCall(ctxOf(req), req.body);
    },
  );

  app.get('/hotline-calls/:id', { config: { access }, schema: { tags, summary: '热线记录详情', params: IdParams } }, async (req) =>
    getCall(ctxOf(req), req.params.id),
  );
};
