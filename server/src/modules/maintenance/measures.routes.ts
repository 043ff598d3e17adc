import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { Id } from '../../platform/http/schemas.js';
import { maintenanceCalendar, maintenanceProgress } from './calendar.js';
import { maintenanceMeasures } from './measures.js';

const tags = ['maintenance'];
const Year = Type.Integer({ minimum: 2000, maximum: 2100, description: '年份（默认当前年）' });
const SiteIds = Type.Array(Id, { maxItems: 100, description: '场所（可重复；默认有权查看的全部场所）' });

/** The annual calendar, plan-versus-done progress and the PM measures: all read with maintenance:read. */
export const maintenanceMeasureRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/maintenance/calendar',
    {
      config: { access: 'maintenance:read' },
      schema: {
        tags,
        summary: '年度保养计划表：一个场所的每个保养计划按月的计划、完成、按时、漏做、待做数（含尚未生成的预计次数）',
        querystring: Type.Object({ siteId: Id, year: Type.Optional(Year) }),
      },
    },
    async (req) => maintenanceCalendar(ctxOf(req), req.query),
  );

  app.get(
    '/maintenance/progress',
    {
      config: { access: 'maintenance:read' },
      schema: {
        tags,
        summary: '保养计划执行进度：各场所按月的计划与完成',
        querystring: Type.Object({ year: Type.Optional(Year), siteId: Type.Optional(SiteIds) }),
      },
    },
    async (req) => maintenanceProgress(ctxOf(req), req.query),
  );

  app.get(
    '/maintenance/measures',
    {
      config: { access: 'maintenance:read' },
      schema: {
        tags,
        summary: '保养统计：PM 合规率（SMRP 5.4.14）、计划执行率、漏做与超期、计划与实际工时、检查发现、消防设施维保',
        querystring: Type.Object({
          from: Type.String({ minLength: 1, maxLength: 40, description: '期间开始（含），ISO 时间' }),
          to: Type.String({ minLength: 1, maxLength: 40, description: '期间结束（不含），ISO 时间' }),
          siteId: Type.Optional(SiteIds),
        }),
      },
    },
    async (req) => maintenanceMeasures(ctxOf(req), req.query),
  );
};
