import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { Id, IdParams, PageQueryProps, Version } from '../../platform/http/schemas.js';
import { actOnNotice, getNotice, issueNotice, searchNotices } from './notices.service.js';
import { NOTICE_STATUS_LABELS } from './notices.state.js';
import { NOTICE_STATUSES, type NoticeStatus } from './schema.js';

const tags = ['counters'];
const Time = Type.String({ maxLength: 40 });
/** a list filter compared with a timestamp column: an ISO instant, or PostgreSQL refuses it where SQLite would compare text */
const TimeFilter = Type.String({ maxLength: 40, format: 'date-time' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));
const API_ACTIONS = ['rectify', 'verify', 'reject', 'convert', 'cancel'] as const;

/** 整改通知: counters:read on the site or the counter's own staff read; counters:manage issues and decides. */
export const noticeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/counter-notices',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '整改通知列表（有查看权限的场所，或本人所在专柜）',
        querystring: Type.Object({
          ...PageQueryProps,
          siteId: Type.Optional(Id),
          counterId: Type.Optional(Id),
          status: Type.Optional(Type.String({ maxLength: 200, description: '逗号分隔的状态' })),
          deadlineFrom: Type.Optional(TimeFilter),
          deadlineTo: Type.Optional(TimeFilter),
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const status = req.query.status?.split(',').filter((s): s is NoticeStatus => (NOTICE_STATUSES as readonly string[]).includes(s));
      const filter = { ...req.query, status };
      return sendList(reply, req.query, (q) => searchNotices(ctx, { ...filter, cursor: q.cursor, limit: q.limit }), {
        filename: '专柜整改通知',
        sheet: '整改通知',
        columns: [
          { header: '编号', value: (r) => r.number },
          { header: '场所', value: (r) => r.siteName },
          { header: '专柜', value: (r) => `${r.counterCode} ${r.counterName}` },
          { header: '位置', value: (r) => r.locationPath },
          { header: '发现时间', value: (r) => r.foundAt },
          { header: '问题描述', value: (r) => r.description },
          { header: '整改要求', value: (r) => r.requirement },
          { header: '整改期限', value: (r) => r.deadline },
          { header: '状态', value: (r) => NOTICE_STATUS_LABELS[r.status] },
          { header: '下发人', value: (r) => r.issuedByName },
          { header: '整改时间', value: (r) => r.rectifiedAt },
          { header: '整改说明', value: (r) => r.rectifyNote },
          { header: '验证人', value: (r) => r.verifiedByName },
          { header: '验证时间', value: (r) => r.verifiedAt },
          { header: '有偿维修工单', value: (r) => r.workOrderNumber },
        ],
      });
    },
  );

  app.get(
    '/counter-notices/:id',
    { config: { access: 'authenticated' }, schema: { tags, summary: '整改通知详情', params: IdParams } },
    async (req) => getNotice(ctxOf(req), req.params.id),
  );

  app.post(
    '/counter-notices',
    {
      config: { access: 'counters:manage' },
      schema: {
        tags,
        summary: '下发整改通知',
        body: Type.Object({
          counterId: Id,
          locationId: Type.Optional(Type.Union([Id, Type.Null()])),
          foundAt: Nullable(Time),
          description: Type.String({ minLength: 1, maxLength: 1000 }),
          requirement: Type.String({ minLength: 1, maxLength: 1000 }),
          deadline: Time,
        }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return issueNotice(ctxOf(req), req.body);
    },
  );

  app.post(
    '/counter-notices/:id/actions/:action',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '整改通知流转：整改完成、验证通过/不通过、转有偿维修、取消',
        params: Type.Object({ id: Id, action: Type.Union(API_ACTIONS.map((a) => Type.Literal(a))) }),
        body: Type.Object({
          version: Version,
          note: Nullable(Type.String({ maxLength: 1000 })),
          reason: Nullable(Type.String({ maxLength: 500 })),
          category: Nullable(Type.String({ maxLength: 40 })),
          urgency: Nullable(Type.String({ maxLength: 40 })),
          description: Nullable(Type.String({ maxLength: 1000 })),
        }),
      },
    },
    async (req) => actOnNotice(ctxOf(req), req.params.id, req.params.action, req.body),
  );
};
