import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from 'typebox';
import type { EtiquetteCheckInput } from '../../../../contracts/training.js';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { Id, IdParams, Nullable as NullableOf, PageQueryProps } from '../../platform/http/schemas.js';
import { DEFAULT_TIME_ZONE, formatZoned } from '../../platform/numbering/time.js';
import { createEtiquetteCheck, getEtiquetteCheck, searchEtiquetteChecks } from './etiquette.service.js';

export { registerEtiquetteSubject } from './etiquette.service.js';

const tags = ['training'];
const Text = (max: number) => Type.String({ maxLength: max });
/** an optional field that may also be null (a type list, so null is not coerced into "" or 0) */
const Nullable = <T extends TSchema>(t: T) => Type.Optional(NullableOf(t));
const SiteIds = Type.Array(Id, { maxItems: 100, description: '场所（可重复；默认有权查看的全部场所）' });
/** compared with a timestamp column: an ISO instant, or PostgreSQL refuses what SQLite would compare as text */
const TimeFilter = (description: string) => Type.String({ maxLength: 40, format: 'date-time', description });

const Answer = Type.Object({
  key: Text(100),
  value: Type.Unsafe<string | number | null>({ type: ['string', 'number', 'null'], maxLength: 4000 }),
  photoIds: Type.Optional(Type.Array(Id, { maxItems: 20 })),
  note: Nullable(Text(2000)),
});

/** Etiquette checks (仪容仪表 / 礼貌礼仪检查): one form per person checked, scored by the share of items passed. */
export const etiquetteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/training/etiquette-checks',
    {
      config: { access: 'safety:read' },
      schema: {
        tags,
        summary: '礼仪检查列表',
        querystring: Type.Object({
          ...PageQueryProps,
          siteId: Type.Optional(SiteIds),
          personId: Type.Optional(Id),
          templateId: Type.Optional(Id),
          // a department's etiquette figures link here: the checks of its staff
          departmentId: Type.Optional(Id),
          from: Type.Optional(TimeFilter('检查时间起（含），ISO 时间')),
          to: Type.Optional(TimeFilter('检查时间止（不含），ISO 时间')),
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const zones = new Map(
        (await ctx.db.selectFrom('sites').select(['id', 'timezone']).where('org_id', '=', ctx.actor.orgId).execute()).map((s) => [
          s.id,
          s.timezone,
        ]),
      );
      return sendList(reply, req.query, (q) => searchEtiquetteChecks(ctx, { ...req.query, ...q }), {
        filename: '礼仪检查',
        sheet: '礼仪检查',
        columns: [
          { header: '编号', value: (r) => r.number },
          { header: '场所', value: (r) => r.siteName },
          { header: '被检查人', value: (r) => r.personName },
          { header: '部门/专柜', value: (r) => r.personUnit },
          { header: '检查表', value: (r) => r.templateName },
          { header: '得分', value: (r) => r.score },
          { header: '不合格项', value: (r) => r.failedItems.join('；') },
          { header: '检查时间', value: (r) => formatZoned(new Date(r.checkedAt), zones.get(r.siteId) ?? DEFAULT_TIME_ZONE) },
          { header: '检查人', value: (r) => r.checkedByName },
          { header: '备注', value: (r) => r.note },
        ],
      });
    },
  );

  app.post(
    '/training/etiquette-checks',
    {
      config: { access: 'training:manage' },
      schema: {
        tags,
        summary: '登记礼仪检查（检查表答案随表提交，按合格项比例计分）',
        body: Type.Object({
          siteId: Id,
          personId: Nullable(Id),
          personName: Nullable(Text(200)),
          personUnit: Nullable(Text(200)),
          templateId: Id,
          answers: Type.Array(Answer, { maxItems: 500 }),
          note: Nullable(Text(4000)),
        }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return createEtiquetteCheck(ctxOf(req), req.body as EtiquetteCheckInput);
    },
  );

  app.get(
    '/training/etiquette-checks/:id',
    { config: { access: 'safety:read' }, schema: { tags, summary: '礼仪检查（含检查表）', params: IdParams } },
    async (req) => getEtiquetteCheck(ctxOf(req), req.params.id),
  );
};
