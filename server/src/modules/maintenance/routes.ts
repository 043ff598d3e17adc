import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from 'typebox';
import {
  type MaintenanceOccurrenceStatus,
  type MaintenancePlanInput,
  PLAN_SYSTEMS,
  PLAN_TARGETS,
  PLAN_TRIGGERS,
  type PlanSystem,
  type PlanTarget,
  type PlanTrigger,
} from '../../../../contracts/maintenance.js';
import { RECURRENCE_ANCHORS, RECURRENCE_FREQUENCIES } from '../../../../contracts/occurrences.js';
import type { Ctx } from '../../platform/context.js';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { FlagQuery, Id, IdParams, Nullable as NullableOf, optionalFlag, PageQueryProps, Version } from '../../platform/http/schemas.js';
import { DEFAULT_TIME_ZONE, formatZoned } from '../../platform/numbering/time.js';
import { listReadings, recordReading } from './meters.service.js';
import { OCCURRENCE_STATUS_LABELS, searchOccurrences, skipPlanOccurrence } from './occurrences.js';
import { createPlan, getPlan, searchPlans, setPlanActive, updatePlan } from './plans.service.js';
import { getMaintenanceSettings, updateMaintenanceSettings } from './settings.js';

const tags = ['maintenance'];
const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Text = (max: number) => Type.String({ maxLength: max });
/** an optional field that may also be null (a type list, so null is not coerced into "" or 0) */
const Nullable = <T extends TSchema>(t: T) => Type.Optional(NullableOf(t));
/** ranges are checked by the services, so every problem is named in Chinese */
const Num = Type.Number();
const STATUSES: MaintenanceOccurrenceStatus[] = ['open', 'done', 'missed', 'skipped', 'cancelled'];

export const SYSTEM_LABELS: Record<PlanSystem, string> = {
  general: '通用',
  fire: '消防',
  hvac: '暖通空调',
  electrical: '电气',
  water: '给排水',
  elevator: '电梯',
  other: '其他',
};
const TARGET_LABELS: Record<PlanTarget, string> = { asset: '单台设备', category: '设备类别' };
const TRIGGER_LABELS: Record<PlanTrigger, string> = { time: '按周期', meter: '按计量' };
const FREQ_LABELS = { daily: '天', weekly: '周', monthly: '月', quarterly: '季度', yearly: '年' } as const;

/** Local `YYYY-MM-DD HH:mm` of an instant at its site, for the spreadsheets. */
async function siteClock(ctx: Ctx): Promise<(iso: string | null, siteId: string) => string | null> {
  const zones = new Map(
    (await ctx.db.selectFrom('sites').select(['id', 'timezone']).where('org_id', '=', ctx.actor.orgId).execute()).map((s) => [
      s.id,
      s.timezone,
    ]),
  );
  return (iso, siteId) => (iso ? formatZoned(new Date(iso), zones.get(siteId) ?? DEFAULT_TIME_ZONE) : null);
}

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
  description: Nullable(Text(2000)),
  system: lit(PLAN_SYSTEMS),
  target: lit(PLAN_TARGETS),
  assetId: Nullable(Id),
  categoryId: Nullable(Id),
  locationIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
  checklistTemplateId: Nullable(Id),
  teamId: Nullable(Id),
  assigneeId: Nullable(Id),
  workCategory: Type.String({ minLength: 1, maxLength: 50 }),
  estimatedMinutes: Type.Integer(),
  leadDays: Type.Integer(),
  trigger: lit(PLAN_TRIGGERS),
  recurrence: Nullable(RecurrenceSchema),
  meterName: Nullable(Text(50)),
  meterUnit: Nullable(Text(20)),
  meterInterval: Nullable(Num),
  meterBaseline: Nullable(Num),
};

/** Maintenance plans, their occurrences, meter readings and the grace settings. */
export const maintenanceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/maintenance/settings',
    { config: { access: 'maintenance:read' }, schema: { tags, summary: '保养设置（按期完成的宽限规则）' } },
    async (req) => getMaintenanceSettings(ctxOf(req)),
  );

  app.put(
    '/maintenance/settings',
    {
      config: { access: 'maintenance:manage' },
      schema: {
        tags,
        summary: '保存保养设置（宽限比例、宽限上限、按计量保养的完成期限）',
        body: Type.Object({
          gracePercent: Type.Integer(),
          graceCapDays: Type.Integer(),
          meterWindowDays: Type.Integer(),
          version: Version,
        }),
      },
    },
    async (req) => updateMaintenanceSettings(ctxOf(req), req.body),
  );

  app.get(
    '/maintenance/plans',
    {
      config: { access: 'maintenance:read' },
      schema: {
        tags,
        summary: '保养计划列表',
        querystring: Type.Object({
          ...PageQueryProps,
          siteId: Type.Optional(Type.Array(Id, { maxItems: 100 })),
          system: Type.Optional(lit(PLAN_SYSTEMS)),
          target: Type.Optional(lit(PLAN_TARGETS)),
          trigger: Type.Optional(lit(PLAN_TRIGGERS)),
          active: FlagQuery,
          assetId: Type.Optional(Id),
          categoryId: Type.Optional(Id),
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const filter = { ...req.query, active: optionalFlag(req.query.active) };
      const local = await siteClock(ctx);
      return sendList(reply, req.query, (q) => searchPlans(ctx, { ...filter, ...q }), {
        filename: '保养计划',
        sheet: '保养计划',
        columns: [
          { header: '计划名称', value: (r) => r.name },
          { header: '场所', value: (r) => r.siteName },
          { header: '系统', value: (r) => SYSTEM_LABELS[r.system] },
          { header: '对象', value: (r) => TARGET_LABELS[r.target] },
          { header: '设备', value: (r) => (r.assetCode ? `${r.assetCode} ${r.assetName ?? ''}` : null) },
          { header: '设备类别', value: (r) => r.categoryName },
          { header: '位置', value: (r) => r.locationNames.join('；') || null },
          { header: '触发方式', value: (r) => TRIGGER_LABELS[r.trigger] },
          {
            header: '周期',
            value: (r) =>
              r.recurrence
                ? `每${r.recurrence.interval > 1 ? r.recurrence.interval : ''}${FREQ_LABELS[r.recurrence.freq]} ${r.recurrence.times.join('、')}`
                : r.meterInterval !== null
                  ? `每 ${r.meterInterval}${r.meterUnit ?? ''}（${r.meterName ?? ''}）`
                  : null,
          },
          { header: '检查表', value: (r) => r.checklistTemplateName },
          { header: '班组', value: (r) => r.teamName },
          { header: '执行人', value: (r) => r.assigneeName },
          { header: '工单类别', value: (r) => r.workCategory },
          { header: '预计工时(分钟)', value: (r) => r.estimatedMinutes },
          { header: '提前天数', value: (r) => r.leadDays },
          { header: '宽限天数', value: (r) => r.graceDays },
          { header: '下次到期', value: (r) => local(r.nextDueAt, r.siteId) },
          { header: '上次完成', value: (r) => local(r.lastDoneAt, r.siteId) },
          { header: '状态', value: (r) => (r.active ? '启用' : '停用') },
        ],
      });
    },
  );

  app.post(
    '/maintenance/plans',
    { config: { access: 'maintenance:manage' }, schema: { tags, summary: '新建保养计划', body: Type.Object(PlanBody) } },
    async (req, reply) => {
      reply.status(201);
      // the rule's numbers (weekdays, nth…) are range-checked by recurrenceProblems, in Chinese
      return createPlan(ctxOf(req), req.body as MaintenancePlanInput);
    },
  );

  app.get(
    '/maintenance/plans/:id',
    { config: { access: 'maintenance:read' }, schema: { tags, summary: '保养计划详情', params: IdParams } },
    async (req) => getPlan(ctxOf(req), req.params.id),
  );

  app.put(
    '/maintenance/plans/:id',
    {
      config: { access: 'maintenance:manage' },
      schema: {
        tags,
        summary: '修改保养计划（只影响以后的保养任务）',
        params: IdParams,
        body: Type.Object({ ...PlanBody, version: Version }),
      },
    },
    async (req) => updatePlan(ctxOf(req), req.params.id, req.body as MaintenancePlanInput & { version: number }),
  );

  app.post(
    '/maintenance/plans/:id/active',
    {
      config: { access: 'maintenance:manage' },
      schema: { tags, summary: '启用或停用保养计划', params: IdParams, body: Type.Object({ active: Type.Boolean(), version: Version }) },
    },
    async (req) => setPlanActive(ctxOf(req), req.params.id, req.body.version, req.body.active),
  );

  app.get(
    '/maintenance/occurrences',
    {
      config: { access: 'maintenance:read' },
      schema: {
        tags,
        summary: '保养任务（计划的每一次）列表',
        querystring: Type.Object({
          ...PageQueryProps,
          siteId: Type.Optional(Type.Array(Id, { maxItems: 100 })),
          planId: Type.Optional(Id),
          workOrderId: Type.Optional(Id),
          status: Type.Optional(lit(STATUSES)),
          from: Type.Optional(Type.String({ maxLength: 40 })),
          to: Type.Optional(Type.String({ maxLength: 40 })),
          system: Type.Optional(lit(PLAN_SYSTEMS)),
          onTime: FlagQuery,
          overdue: FlagQuery,
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const filter = { ...req.query, onTime: optionalFlag(req.query.onTime), overdue: optionalFlag(req.query.overdue) };
      const local = await siteClock(ctx);
      return sendList(reply, req.query, (q) => searchOccurrences(ctx, { ...filter, ...q }), {
        filename: '保养任务',
        sheet: '保养任务',
        columns: [
          { header: '保养计划', value: (r) => r.planName },
          { header: '场所', value: (r) => r.siteName },
          { header: '计划时间', value: (r) => local(r.dueAt, r.siteId) },
          { header: '按期截止', value: (r) => local(r.windowEndAt, r.siteId) },
          { header: '状态', value: (r) => OCCURRENCE_STATUS_LABELS[r.status] },
          { header: '工单编号', value: (r) => r.workOrderNumber },
          { header: '完成时间', value: (r) => local(r.doneAt, r.siteId) },
          { header: '按期完成', value: (r) => (r.onTime === null ? null : r.onTime ? '是' : '否') },
        ],
      });
    },
  );

  app.post(
    '/maintenance/occurrences/:id/skip',
    {
      config: { access: 'maintenance:manage' },
      schema: {
        tags,
        summary: '跳过一次保养（注明原因，不计入按期完成率）',
        params: IdParams,
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }), version: Version }),
      },
    },
    async (req) => skipPlanOccurrence(ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/assets/:id/meter-readings',
    {
      config: { access: 'maintenance:read' },
      schema: {
        tags,
        summary: '设备运行读数（计量）',
        params: IdParams,
        querystring: Type.Object({ ...PageQueryProps, meterName: Type.Optional(Text(50)) }),
      },
    },
    async (req) =>
      listReadings(ctxOf(req), req.params.id, {
        cursor: req.query.cursor,
        limit: req.query.limit,
        sort: req.query.sort,
        meterName: req.query.meterName,
      }),
  );

  app.post(
    '/assets/:id/meter-readings',
    {
      config: { access: 'maintenance:record' },
      schema: {
        tags,
        summary: '登记设备运行读数（累计值，达到保养间隔时生成保养任务）',
        params: IdParams,
        body: Type.Object({
          meterName: Type.String({ minLength: 1, maxLength: 50 }),
          unit: Nullable(Text(20)),
          value: Num,
          readAt: Nullable(Text(40)),
          note: Nullable(Text(500)),
        }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return recordReading(ctxOf(req), req.params.id, req.body);
    },
  );
};
