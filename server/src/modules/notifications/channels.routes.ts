import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { IdParams, optionalFlag, PageOf, PageQueryProps, Version } from '../../platform/http/schemas.js';
import {
  channelDeliveries,
  createChannel,
  searchChannels,
  setChannelActive,
  testChannel,
  toChannelDto,
  toDeliveryDto,
  updateChannel,
} from './channels.service.js';

const tags = ['notifications'];
const access = 'notify:manage' as const;
const Name = Type.String({ minLength: 1, maxLength: 100 });
const Config = Type.Record(Type.String(), Type.Unknown());

const ChannelDto = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  config: Config,
  active: Type.Boolean(),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const DeliveryDto = Type.Object({
  id: Type.String(),
  channelId: Type.String(),
  title: Type.String(),
  status: Type.String(),
  error: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  attemptedAt: Type.Union([Type.String(), Type.Null()]),
});

export const channelRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const notifier = app.deps.notifier;

  app.get(
    '/notification-channels',
    {
      config: { access },
      schema: {
        tags,
        summary: '通知渠道列表',
        querystring: Type.Object({
          q: PageQueryProps.q,
          sort: PageQueryProps.sort,
          cursor: PageQueryProps.cursor,
          limit: PageQueryProps.limit,
          kind: Type.Optional(Type.String({ maxLength: 20 })),
          active: Type.Optional(Type.String({ maxLength: 5 })),
        }),
        response: { 200: PageOf(ChannelDto) },
      },
    },
    async (req) => {
      const { active, ...rest } = req.query;
      const page = await searchChannels(ctxOf(req), {
        ...rest,
        active: optionalFlag(active),
      });
      return { items: page.items.map((r) => toChannelDto(notifier, r)), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/notification-channels',
    {
      config: { access },
      schema: {
        tags,
        summary: '新建通知渠道（email / wecom / dingtalk）',
        body: Type.Object({ kind: Type.String({ minLength: 1, maxLength: 20 }), name: Name, config: Type.Optional(Config) }),
        response: { 201: ChannelDto },
      },
    },
    async (req, reply) => {
      const row = await createChannel(ctxOf(req), notifier, { ...req.body, config: req.body.config ?? {} });
      reply.status(201);
      return toChannelDto(notifier, row);
    },
  );

  app.patch(
    '/notification-channels/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: '修改通知渠道（密码类字段回传 ****** 表示不变）',
        params: IdParams,
        body: Type.Object({ name: Type.Optional(Name), config: Type.Optional(Config), version: Version }),
        response: { 200: ChannelDto },
      },
    },
    async (req) => {
      const { version, ...input } = req.body;
      return toChannelDto(notifier, await updateChannel(ctxOf(req), notifier, req.params.id, version, input));
    },
  );

  for (const [action, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    app.post(
      `/notification-channels/:id/${action}`,
      {
        config: { access },
        schema: {
          tags,
          summary: active ? '启用通知渠道' : '停用通知渠道',
          params: IdParams,
          body: Type.Object({ version: Version }),
          response: { 200: ChannelDto },
        },
      },
      async (req) => toChannelDto(notifier, await setChannelActive(ctxOf(req), notifier, req.params.id, req.body.version, active)),
    );
  }

  app.post(
    '/notification-channels/:id/test',
    {
      config: { access },
      schema: {
        tags,
        summary: '发送测试消息，返回投递结果',
        params: IdParams,
        response: {
          200: Type.Object({ id: Type.String(), status: Type.String(), error: Type.Union([Type.String(), Type.Null()]) }),
        },
      },
    },
    async (req) => testChannel(ctxOf(req), notifier, req.params.id),
  );

  app.get(
    '/notification-channels/:id/deliveries',
    {
      config: { access },
      schema: {
        tags,
        summary: '投递记录（最新在前）',
        params: IdParams,
        querystring: Type.Object({
          status: Type.Optional(Type.Union(['pending', 'sending', 'sent', 'failed'].map((s) => Type.Literal(s)))),
          cursor: PageQueryProps.cursor,
          limit: PageQueryProps.limit,
        }),
        response: { 200: PageOf(DeliveryDto) },
      },
    },
    async (req) => {
      const page = await channelDeliveries(ctxOf(req), req.params.id, req.query);
      return { items: page.items.map(toDeliveryDto), nextCursor: page.nextCursor };
    },
  );
};
