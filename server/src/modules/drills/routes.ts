import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from 'typebox';
import {
  DRILL_STATUSES,
  type DrillInput,
  type DrillPlanInput,
  type DrillRecordInput,
  type DrillReportInput,
  type DrillUpdateInput,
} from '../../../../contracts/drills.js';
import { RECURRENCE_ANCHORS, RECURRENCE_FREQUENCIES } from '../../../../contracts/occurrences.js';
import type { Ctx } from '../../platform/context.js';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { FlagQuery, Id, IdParams, Nullable as NullableOf, optionalFlag, PageQueryProps, Version } from '../../platform/http/schemas.js';
import { DEFAULT_TIME_ZONE, formatZoned } from '../../platform/numbering/time.js';
import { sendPdf } from '../../platform/print/pdf.js';
import { dictionaryLabels } from '../system/index.js';
import { DRILL_STATUS_LABELS } from './common.js';
import { cancelDrill, createDrill, fileReport, getDrill, recordDrill, searchDrills, updateDrill } from './drills.service.js';
import { createPlan, getPlan, searchPlans, setPlanActive, updatePlan } from './plans.service.js';
import { drillRecordData, drillRecordPdf } from './record.print.js';

const tags = ['drills'];
const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Text = (max: number) => Type.String({ maxLength: max });
/** an optional field that may also be null (a type list, so null is not coerced into "" or 0) */
const Nullable = <T extends TSchema>(t: T) => Type.Optional(NullableOf(t));
const SiteIds = Type.Array(Id, { maxItems: 100, description: '场所（可重复；默认有权查看的全部场所）' });
/** compared with a timestamp column: an ISO instant, or PostgreSQL refuses what SQLite would compare as text */
const TimeFilter = (description: string) => Type.String({ maxLength: 40, format: 'date-time', description });
/** an instant in a body: checked by the service, so a wrong one is named in Chinese */
const Instant = Type.String({ maxLength: 40 });

const RecurrenceSchema = Type.Object({
  freq: lit(RECURRENCE_FREQUENCIES),
  interval: Type.Integer(),
  weekdays: Nullable(Type.Array(Type.Integer(), { maxItems: 7 })),
  monthDay: Nullable(Type.Integer()),
  nth: Nullable(Type.Object({ n: Type.Integer(), weekday: Type.Integer() })),
  month: Nullable(Type.Integer()),
  times: Type.Array(Type.String({ maxLength: 5 }), { maxItems: 24 }),
  // days are checked by recurrenceProblems, so a wrong one is named in Chinese
  startDate: Type.String({ maxLength: 30 }),
  endDate: Nullable(Type.String({ maxLength: 30 })),
  anchor: lit(RECURRENCE_ANCHORS),
  skipDates: Nullable(Type.Array(Type.String({ maxLength: 30 }), { maxItems: 366 })),
  skipHolidays: Type.Optional(Type.Boolean()),
});

const PlanBody = {
  siteId: Id,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  type: Type.String({ minLength: 1, maxLength: 50 }),
  scenario: Type.String({ minLength: 1, maxLength: 2000 }),
  locationId: Nullable(Id),
  place: Nullable(Text(200)),
  commanderId: Nullable(Id),
  recurrence: RecurrenceSchema,
  windowHours: Type.Integer(),
  leadDays: Type.Integer(),
};

const Participants = Type.Array(
  Type.Object({
    group: Text(100),
    count: Type.Integer({ minimum: 0, maximum: 2_147_483_647 }),
    names: Nullable(Text(4000)),
  }),
  // the service names more groups than its limit in Chinese
  { maxItems: 200 },
);

const DrillFields = {
  type: Type.String({ minLength: 1, maxLength: 50 }),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  scenario: Type.String({ minLength: 1, maxLength: 2000 }),
  plannedAt: Instant,
  locationId: Nullable(Id),
  place: Nullable(Text(200)),
  commanderId: Nullable(Id),
  startedAt: Nullable(Instant),
  endedAt: Nullable(Instant),
  participants: Type.Optional(Participants),
  preparation: Nullable(Text(8000)),
};

const ReportText = Nullable(Text(8000));

/** Local `YYYY-MM-DD HH:mm` of an instant at its site, for the spreadsheets. */
async function siteClock(ctx: Ctx): Promise<(iso: string | null, siteId: string) => string | null> {
  const rows = await ctx.db.selectFrom('sites').select(['id', 'timezone']).where('org_id', '=', ctx.actor.orgId).execute();
  const zones = new Map(rows.map((s) => [s.id, s.timezone]));
  return (iso, siteId) => (iso ? formatZoned(new Date(iso), zones.get(siteId) ?? DEFAULT_TIME_ZONE) : null);
}

const WEEKDAYS = ['', '一', '二', '三', '四', '五', '六', '日'];

/** Drill plans, drills with their records and reports, and the printable 演练记录. */
export const drillRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // ── plans ─────────────────────────────────────────────────────────────────
  app.get(
    '/drill-plans',
    {
      config: { access: 'safety:read' },
      schema: {
        tags,
        summary: '演练计划列表',
        querystring: Type.Object({
          ...PageQueryProps,
          siteId: Type.Optional(SiteIds),
          type: Type.Optional(Text(50)),
          active: FlagQuery,
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const filter = { ...req.query, active: optionalFlag(req.query.active) };
      const [types, local] = await Promise.all([dictionaryLabels(ctx.db, ctx.actor.orgId, 'drill_type'), siteClock(ctx)]);
      return sendList(reply, req.query, (q) => searchPlans(ctx, { ...filter, ...q }), {
        filename: '演练计划',
        sheet: '演练计划',
        columns: [
          { header: '计划名称', value: (r) => r.name },
          { header: '场所', value: (r) => r.siteName },
          { header: '演练类型', value: (r) => types.get(r.type)?.zh ?? r.type },
          { header: '演练情景', value: (r) => r.scenario },
          { header: '地点', value: (r) => r.place ?? r.locationPath },
          { header: '总指挥', value: (r) => r.commanderName },
          {
            header: '安排',
            value: (r) =>
              `${r.recurrence?.weekdays?.length ? `每周${r.recurrence.weekdays.map((d) => WEEKDAYS[d]).join('、')} ` : ''}${r.recurrence?.times.join('、') ?? ''}`,
          },
          { header: '完成时限（小时）', value: (r) => r.windowHours },
          { header: '提前生成（天）', value: (r) => r.leadDays },
          { header: '下次演练', value: (r) => local(r.nextDueAt, r.siteId) },
          { header: '启用', value: (r) => (r.active ? '是' : '否') },
        ],
      });
    },
  );

  app.post(
    '/drill-plans',
    { config: { access: 'drills:manage' }, schema: { tags, summary: '新建演练计划', body: Type.Object(PlanBody) } },
    async (req, reply) => {
      reply.status(201);
      return createPlan(ctxOf(req), req.body as DrillPlanInput);
    },
  );

  app.get('/drill-plans/:id', { config: { access: 'safety:read' }, schema: { tags, summary: '演练计划', params: IdParams } }, async (req) =>
    getPlan(ctxOf(req), req.params.id),
  );

  app.put(
    '/drill-plans/:id',
    {
      config: { access: 'drills:manage' },
      schema: {
        tags,
        summary: '修改演练计划（尚未生成演练的后续安排按新规则重排）',
        params: IdParams,
        body: Type.Object({ ...PlanBody, version: Version }),
      },
    },
    async (req) => updatePlan(ctxOf(req), req.params.id, req.body as DrillPlanInput & { version: number }),
  );

  app.post(
    '/drill-plans/:id/active',
    {
      config: { access: 'drills:manage' },
      schema: { tags, summary: '启用或停用演练计划', params: IdParams, body: Type.Object({ active: Type.Boolean(), version: Version }) },
    },
    async (req) => setPlanActive(ctxOf(req), req.params.id, req.body.version, req.body.active),
  );

  // ── drills ────────────────────────────────────────────────────────────────
  app.get(
    '/drills',
    {
      config: { access: 'safety:read' },
      schema: {
        tags,
        summary: '演练记录列表',
        querystring: Type.Object({
          ...PageQueryProps,
          siteId: Type.Optional(SiteIds),
          type: Type.Optional(Text(50)),
          status: Type.Optional(Type.Array(lit(DRILL_STATUSES), { maxItems: 4 })),
          planId: Type.Optional(Id),
          from: Type.Optional(TimeFilter('计划时间起（含），ISO 时间')),
          to: Type.Optional(TimeFilter('计划时间止（不含），ISO 时间')),
          report: FlagQuery,
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const filter = { ...req.query, report: optionalFlag(req.query.report) };
      const [types, local] = await Promise.all([dictionaryLabels(ctx.db, ctx.actor.orgId, 'drill_type'), siteClock(ctx)]);
      return sendList(reply, req.query, (q) => searchDrills(ctx, { ...filter, ...q }), {
        filename: '应急演练',
        sheet: '应急演练',
        columns: [
          { header: '编号', value: (r) => r.number },
          { header: '场所', value: (r) => r.siteName },
          { header: '演练类型', value: (r) => types.get(r.type)?.zh ?? r.type },
          { header: '演练名称', value: (r) => r.title },
          { header: '演练计划', value: (r) => r.planName },
          { header: '计划时间', value: (r) => local(r.plannedAt, r.siteId) },
          { header: '期限', value: (r) => local(r.dueBy, r.siteId) },
          { header: '状态', value: (r) => DRILL_STATUS_LABELS[r.status] },
          { header: '地点', value: (r) => r.place ?? r.locationPath },
          { header: '总指挥', value: (r) => r.commanderName },
          { header: '开始时间', value: (r) => local(r.startedAt, r.siteId) },
          { header: '结束时间', value: (r) => local(r.endedAt, r.siteId) },
          { header: '参演人数', value: (r) => r.participantCount },
          { header: '参演人员', value: (r) => r.participants.map((g) => `${g.group} ${g.count} 人`).join('；') },
          { header: '演练报告', value: (r) => (r.report ? '已填写' : '') },
          { header: '改进措施（项）', value: (r) => r.actionsTotal },
          { header: '未完成措施（项）', value: (r) => r.actionsOpen },
          { header: '取消原因', value: (r) => r.cancelReason },
        ],
      });
    },
  );

  app.post(
    '/drills',
    {
      config: { access: 'drills:manage' },
      schema: { tags, summary: '安排一次演练，或直接登记已进行的演练', body: Type.Object({ siteId: Id, ...DrillFields }) },
    },
    async (req, reply) => {
      reply.status(201);
      return createDrill(ctxOf(req), req.body as DrillInput);
    },
  );

  app.get(
    '/drills/:id',
    { config: { access: 'safety:read' }, schema: { tags, summary: '演练（记录与报告）', params: IdParams } },
    async (req) => getDrill(ctxOf(req), req.params.id),
  );

  app.put(
    '/drills/:id',
    {
      config: { access: 'drills:manage' },
      schema: {
        tags,
        summary: '修改演练：计划中的演练改安排，已完成的演练改记录',
        params: IdParams,
        body: Type.Object({ ...DrillFields, version: Version }),
      },
    },
    async (req) => updateDrill(ctxOf(req), req.params.id, req.body as DrillUpdateInput),
  );

  app.post(
    '/drills/:id/record',
    {
      config: { access: 'drills:manage' },
      schema: {
        tags,
        summary: '登记演练记录（计划中或未按期的演练 → 已完成）',
        params: IdParams,
        body: Type.Object({
          startedAt: Instant,
          endedAt: Instant,
          commanderId: Id,
          participants: Participants,
          preparation: Nullable(Text(8000)),
          locationId: Nullable(Id),
          place: Nullable(Text(200)),
          scenario: Type.Optional(Text(2000)),
          version: Version,
        }),
      },
    },
    async (req) => recordDrill(ctxOf(req), req.params.id, req.body as DrillRecordInput),
  );

  app.put(
    '/drills/:id/report',
    {
      config: { access: 'drills:manage' },
      schema: {
        tags,
        summary: '填写或修改演练报告（已完成的演练）',
        params: IdParams,
        body: Type.Object({
          purpose: Text(8000),
          course: Text(8000),
          problems: ReportText,
          causes: ReportText,
          lessons: ReportText,
          evaluation: ReportText,
          improvements: ReportText,
          version: Version,
        }),
      },
    },
    async (req) => fileReport(ctxOf(req), req.params.id, req.body as DrillReportInput),
  );

  app.post(
    '/drills/:id/cancel',
    {
      config: { access: 'drills:manage' },
      schema: {
        tags,
        summary: '取消计划中的演练（须说明原因）',
        params: IdParams,
        body: Type.Object({ reason: Text(2000), version: Version }),
      },
    },
    async (req) => cancelDrill(ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/drills/:id/record.pdf',
    { config: { access: 'safety:read' }, schema: { tags, summary: '演练记录与演练报告（PDF）', params: IdParams } },
    async (req, reply) => {
      const data = await drillRecordData(ctxOf(req), req.server.deps.files, req.params.id);
      return sendPdf(reply, drillRecordPdf(data), `演练记录-${data.drill.number}.pdf`);
    },
  );
};
