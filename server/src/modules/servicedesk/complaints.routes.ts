import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { FlagQuery, Id, IdParams, optionalFlag, PageQueryProps, Version } from '../../platform/http/schemas.js';
import { pageOf, periodBounds } from './common.js';
import { actOnComplaint, createComplaint, getComplaint, searchComplaints } from './complaints.service.js';
import { COMPLAINT_STATUS_LABELS } from './complaints.state.js';
import { CATEGORY_LABELS, CHANNEL_LABELS, SATISFACTION_LABELS, yesNo } from './labels.js';
import {
  COMPLAINT_ACTIONS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  COMPLAINT_STATUSES,
  type ComplaintStatus,
  SATISFACTION,
} from './schema.js';

const tags = ['servicedesk'];
const access = 'complaints:manage';
export const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
export const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));
export const Text = (max: number) => Type.String({ maxLength: max });
export const Time = Type.String({ maxLength: 40 });
export const DateOrInstant = Type.String({ minLength: 10, maxLength: 40 });

/** the fields of a new complaint, also nested in a return visit or hotline call that raises one */
export const ComplaintFields = {
  workOrderId: Nullable(Id),
  channel: lit(COMPLAINT_CHANNELS),
  complainantName: Nullable(Text(50)),
  complainantPhone: Nullable(Text(20)),
  subject: Type.String({ minLength: 1, maxLength: 100 }),
  content: Type.String({ minLength: 1, maxLength: 2000 }),
  category: lit(COMPLAINT_CATEGORIES),
  deadlineAt: Nullable(Time),
  handlerId: Nullable(Id),
};

export const complaintRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/complaints',
    {
      config: { access },
      schema: {
        tags,
        summary: '投诉列表',
        querystring: Type.Object({
          ...PageQueryProps,
          siteId: Type.Optional(Id),
          status: Type.Optional(Type.String({ maxLength: 100, description: '逗号分隔的状态' })),
          category: Type.Optional(lit(COMPLAINT_CATEGORIES)),
          channel: Type.Optional(lit(COMPLAINT_CHANNELS)),
          handlerId: Type.Optional(Id),
          workOrderId: Type.Optional(Id),
          overdue: FlagQuery,
          onTime: FlagQuery,
          from: Type.Optional(DateOrInstant),
          to: Type.Optional(DateOrInstant),
          resolvedFrom: Type.Optional(DateOrInstant),
          resolvedTo: Type.Optional(DateOrInstant),
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const q = req.query;
      const received = await periodBounds(ctx, q);
      const resolved = await periodBounds(
        ctx,
        { from: q.resolvedFrom, to: q.resolvedTo, siteId: q.siteId },
        { from: 'resolvedFrom', to: 'resolvedTo' },
      );
      const filter = {
        ...q,
        ...received,
        resolvedFromAt: resolved.fromAt,
        resolvedBeforeAt: resolved.beforeAt,
        status: q.status?.split(',').filter((s): s is ComplaintStatus => (COMPLAINT_STATUSES as readonly string[]).includes(s)),
        overdue: optionalFlag(q.overdue),
        onTime: optionalFlag(q.onTime),
      };
      return sendList(reply, q, (page) => searchComplaints(ctx, { ...filter, ...pageOf(page) }), {
        filename: '投诉登记',
        sheet: '投诉登记',
        columns: [
          { header: '投诉编号', value: (r) => r.number },
          { header: '场所', value: (r) => r.siteName },
          { header: '受理时间', value: (r) => r.receivedAt },
          { header: '渠道', value: (r) => CHANNEL_LABELS[r.channel] },
          { header: '类别', value: (r) => CATEGORY_LABELS[r.category] },
          { header: '投诉人', value: (r) => r.complainantName },
          { header: '电话', value: (r) => r.complainantPhone },
          { header: '主题', value: (r) => r.subject },
          { header: '内容', value: (r) => r.content },
          { header: '关联工单', value: (r) => r.workOrderNumber },
          { header: '状态', value: (r) => COMPLAINT_STATUS_LABELS[r.status] },
          { header: '处理人', value: (r) => r.handlerName },
          { header: '处理期限', value: (r) => r.deadlineAt },
          { header: '超期', value: (r) => yesNo(r.overdue) },
          { header: '处理情况', value: (r) => r.handlingNotes },
          { header: '处理结果', value: (r) => r.resolution },
          { header: '解决时间', value: (r) => r.resolvedAt },
          { header: '关闭时间', value: (r) => r.closedAt },
          { header: '投诉人满意度', value: (r) => (r.satisfaction ? SATISFACTION_LABELS[r.satisfaction] : null) },
          { header: '重新处理次数', value: (r) => r.reopenCount },
        ],
      });
    },
  );

  app.post(
    '/complaints',
    {
      config: { access },
      schema: {
        tags,
        summary: '登记投诉（可关联工单）',
        body: Type.Object({ siteId: Id, receivedAt: Nullable(Time), ...ComplaintFields }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return createComplaint(ctxOf(req), req.body);
    },
  );

  app.get('/complaints/:id', { config: { access }, schema: { tags, summary: '投诉详情（含处理记录）', params: IdParams } }, async (req) =>
    getComplaint(ctxOf(req), req.params.id),
  );

  app.post(
    '/complaints/:id/actions/:action',
    {
      config: { access },
      schema: {
        tags,
        summary: '投诉处理：指派、处理、解决、关闭、重新处理',
        params: Type.Object({ id: Id, action: lit(COMPLAINT_ACTIONS) }),
        body: Type.Object({
          version: Version,
          note: Nullable(Text(1000)),
          handlerId: Nullable(Id),
          resolution: Nullable(Text(2000)),
          satisfaction: Type.Optional(Type.Union([lit(SATISFACTION), Type.Null()])),
        }),
      },
    },
    async (req) => actOnComplaint(ctxOf(req), req.params.id, req.params.action, req.body),
  );
};
