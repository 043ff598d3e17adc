import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { SummaryFact, SummaryFactsResponse, SummaryUnit } from '../../../../contracts/summary.js';
import { ctxOf } from '../../platform/http/ctx.js';
import { excel } from '../../platform/http/import.js';
import { Id } from '../../platform/http/schemas.js';
import type { XlsxColumn } from '../../platform/print/excel.js';
import { workOrderMeasures } from './measures.service.js';

const UNIT_LABELS: Record<SummaryUnit, string> = {
  count: '单',
  percent: '%',
  hours: '小时',
  minutes: '分钟',
  fen: '分',
  score: '分（百分制）',
  ratio: '比值',
  quantity: '见指标名',
};

/** The facts table as a spreadsheet: one row per fact, the total, then one column per site. */
export function measuresColumns(res: SummaryFactsResponse): XlsxColumn<SummaryFact>[] {
  return [
    { header: '指标', width: 26, value: (f) => f.label.zh },
    { header: '合计', value: (f) => f.value },
    { header: '单位', value: (f) => UNIT_LABELS[f.unit] },
    ...res.scope.sites.map((s, i): XlsxColumn<SummaryFact> => ({ header: s.name, value: (f) => f.bySite?.[i]?.value ?? null })),
    { header: '口径', width: 60, value: (f) => f.formula ?? null },
    { header: '指标代码', width: 36, value: (f) => f.key },
  ];
}

export const measuresRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/work-orders/measures',
    {
      config: { access: 'workorders:read' },
      schema: {
        tags: ['workorders'],
        summary: '维修统计：报修数（按渠道、类别、场所）、维修及时率、MTTR、返修率、工时工效、满意度、未完工（format=xlsx 导出）',
        querystring: Type.Object({
          from: Type.String({ minLength: 1, maxLength: 40, description: '期间开始（含），ISO 时间' }),
          to: Type.String({ minLength: 1, maxLength: 40, description: '期间结束（不含），ISO 时间' }),
          siteId: Type.Optional(Id),
          format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx')])),
        }),
      },
    },
    async (req, reply) => {
      const res = await workOrderMeasures(ctxOf(req), req.query);
      if (req.query.format !== 'xlsx') return res;
      const buffer = await (await excel()).writeXlsx('维修统计', measuresColumns(res), res.facts);
      const filename = `维修统计_${res.scope.from.slice(0, 10)}_${res.scope.to.slice(0, 10)}`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}.xlsx`)
        .send(buffer);
    },
  );
};
