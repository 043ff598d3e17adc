import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { BoolFlag, IdParams, PageOf, truthy } from '../../platform/http/schemas.js';
import { myNotifications, myUnreadCount, readAllNotifications, readNotification, toNotificationDto } from './inbox.service.js';

const tags = ['notifications'];
const NotificationDto = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  link: Type.Union([Type.String(), Type.Null()]),
  read: Type.Boolean(),
  readAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

export const inboxRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/notifications',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '我的通知（最新在前）',
        querystring: Type.Object({
          unread: Type.Optional(BoolFlag),
          kind: Type.Optional(Type.String({ maxLength: 60 })),
          cursor: Type.Optional(Type.String({ maxLength: 500 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        }),
        response: { 200: PageOf(NotificationDto) },
      },
    },
    async (req) => {
      const { unread, ...rest } = req.query;
      const page = await myNotifications(ctxOf(req), { ...rest, unread: truthy(unread) });
      return { items: page.items.map(toNotificationDto), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/notifications/unread-count',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '未读通知数', response: { 200: Type.Object({ count: Type.Integer() }) } },
    },
    async (req) => ({ count: await myUnreadCount(ctxOf(req)) }),
  );

  app.post(
    '/notifications/read-all',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '全部标为已读', response: { 200: Type.Object({ updated: Type.Integer() }) } },
    },
    async (req) => ({ updated: await readAllNotifications(ctxOf(req)) }),
  );

  app.post(
    '/notifications/:id/read',
    { config: { access: 'authenticated' }, schema: { tags, summary: '标为已读', params: IdParams, response: { 200: NotificationDto } } },
    async (req) => toNotificationDto(await readNotification(ctxOf(req), req.params.id)),
  );
};
