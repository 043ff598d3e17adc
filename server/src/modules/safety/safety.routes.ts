import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { Id } from '../../platform/http/schemas.js';
import { safetyCalendar, safetyMeasures, safetyOverview } from './safety.service.js';

const tags = ['safety'];
const Period = Type.Object({
  from: Type.String({ minLength: 1, maxLength: 40, description: '期间开始（含），ISO 时间' }),
  to: Type.String({ minLength: 1, maxLength: 40, description: '期间结束（不含），ISO 时间' }),
  siteId: Type.Optional(Type.Array(Id, { maxItems: 100 })),
});

/** The safety page (安全管理): calendar, overview, and every area's measures together. */
export const safetyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/safety/calendar',
    {
      config: { access: 'safety:read' },
      schema: { tags, summary: '安全日历：演练、培训、知识抽查与到期的整改措施（最多 400 天）', querystring: Period },
    },
    async (req) => safetyCalendar(ctxOf(req), req.query),
  );

  app.get(
    '/safety/overview',
    {
      config: { access: 'safety:read' },
      schema: { tags, summary: '安全管理总览：各场所期间统计、未来 14 天的安排、逾期整改措施', querystring: Period },
    },
    async (req) => safetyOverview(ctxOf(req), req.query),
  );

  app.get(
    '/safety/measures',
    {
      config: { access: 'safety:read' },
      schema: {
        tags,
        summary: '安全指标：意外事件、接警、演练、培训与抽查、礼仪检查、整改措施的统计（按场所）',
        querystring: Period,
      },
    },
    async (req) => safetyMeasures(ctxOf(req), req.query),
  );
};
