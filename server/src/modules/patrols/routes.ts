import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from 'typebox';
import { RECURRENCE_ANCHORS, RECURRENCE_FREQUENCIES } from '../../../../contracts/occurrences.js';
import {
  PATROL_ASSIGNEE_TYPES,
  PATROL_KINDS,
  PATROL_TARGET_TYPES,
  type PatrolKind,
  type PatrolPlanInput,
  ROUND_STATUSES,
  type RoundStatus,
} from '../../../../contracts/patrols.js';
import type { Ctx } from '../../platform/context.js';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { FlagQuery, Id, IdParams, Nullable as NullableOf, optionalFlag, PageQueryProps, Version } from '../../platform/http/schemas.js';
import { DEFAULT_TIME_ZONE, formatZoned } from '../../platform/numbering/time.js';
import { dictionaryLabels } from '../system/index.js';
import { dutyCompliance, patrolMeasures } from './compliance.js';
import { createPlan, getPlan, searchPlans, setPlanActive, updatePlan } from './plans.service.js';
import {
  checkIn,
  finishRound,
  getPointChecklist,
  getRound,
  savePointChecklist,
  searchRounds,
  skipPoint,
  startAdHocRound,
  startRound,
} from './rounds.service.js';

const tags = ['patrols'];
const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Text = (max: number) => Type.String({ maxLength: max });
/** an optional field that may also be null (a type list, so null is not coerced into "" or 0) */
const Nullable = <T extends TSchema>(t: T) => Type.Optional(NullableOf(t));
const SiteIds = Type.Array(Id, { maxItems: 100, description: '场所（可重复；默认有权查看的全部场所）' });
const Instant = (description: string) => Type.String({ minLength: 1, maxLength: 40, description });

export const KIND_LABELS: Record<PatrolKind, string> = { route: '按路线', random: '随机抽查' };
export const ROUND_STATUS_LABELS: Record<RoundStatus, string> = {
  pending: '待巡检',
  in_progress: '巡检中',
  done: '已完成',
  missed: '漏检',
  cancelled: '已取消',
};

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
  level: Type.String({ minLength: 1, maxLength: 50 }),
  kind: lit(PATROL_KINDS),
  points: Type.Array(
    Type.Object({ targetType: lit(PATROL_TARGET_TYPES), targetId: Id, checklistTemplateId: Nullable(Id) }),
    // the service names a route longer than its limit in Chinese
    { maxItems: 500 },
  ),
  randomCount: Nullable(Type.Integer()),
  recurrence: RecurrenceSchema,
  everyHoursWhileOpen: Nullable(Type.Integer()),
  windowMinutes: Type.Integer(),
  assigneeType: lit(PATROL_ASSIGNEE_TYPES),
  assigneeId: Nullable(Id),
  assigneeRole: Nullable(Text(50)),
  supervisorId: Nullable(Id),
};

const Answer = Type.Object({
  key: Text(100),
  value: Type.Unsafe<string | number | null>({ type: ['string', 'number', 'null'], maxLength: 4000 }),
  photoIds: Type.Optional(Type.Array(Id, { maxItems: 20 })),
  note: Nullable(Text(2000)),
});

const PointParams = Type.Object({ id: Id, pointId: Id });

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

/** Patrol plans, rounds (done on the phone with QR check-in) and duty compliance. */
export const patrolRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/patrols/plans',
    {
      config: { access: 'patrols:read' },
      schema: {
        tags,
        summary: '巡检计划列表',
        querystring: Type.Object({
          ...PageQueryProps,
          siteId: Type.Optional(SiteIds),
          level: Type.Optional(Text(50)),
          kind: Type.Optional(lit(PATROL_KINDS)),
          active: FlagQuery,
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const filter = { ...req.query, active: optionalFlag(req.query.active) };
      const [levels, local] = await Promise.all([dictionaryLabels(ctx.db, ctx.actor.orgId, 'patrol_level'), siteClock(ctx)]);
      return sendList(reply, req.query, (q) => searchPlans(ctx, { ...filter, ...q }), {
        filename: '巡检计划',
        sheet: '巡检计划',
        columns: [
          { header: '计划名称', value: (r) => r.name },
          { header: '场所', value: (r) => r.siteName },
          { header: '巡检层级', value: (r) => levels.get(r.level)?.zh ?? r.level },
          { header: '方式', value: (r) => KIND_LABELS[r.kind] },
          { header: '点位', value: (r) => r.points.map((p) => p.targetName).join('；') },
          { header: '抽查点位数', value: (r) => r.randomCount },
          { header: '时间', value: (r) => r.recurrence?.times.join('、') ?? '' },
          { header: '完成时限（分钟）', value: (r) => r.windowMinutes },
          { header: '巡检人', value: (r) => r.assigneeName },
          { header: '督导人', value: (r) => r.supervisorName },
          { header: '下次巡检', value: (r) => local(r.nextDueAt, r.siteId) },
          { header: '启用', value: (r) => (r.active ? '是' : '否') },
        ],
      });
    },
  );

  app.post(
    '/patrols/plans',
    { config: { access: 'patrols:manage' }, schema: { tags, summary: '新建巡检计划', body: Type.Object(PlanBody) } },
    async (req, reply) => {
      reply.status(201);
      // weekdays and nth are checked by recurrenceProblems, with Chinese messages
      return createPlan(ctxOf(req), req.body as PatrolPlanInput);
    },
  );

  app.get(
    '/patrols/plans/:id',
    { config: { access: 'patrols:read' }, schema: { tags, summary: '巡检计划', params: IdParams } },
    async (req) => getPlan(ctxOf(req), req.params.id),
  );

  app.put(
    '/patrols/plans/:id',
    {
      config: { access: 'patrols:manage' },
      schema: {
        tags,
        summary: '修改巡检计划（未生成巡检任务的后续安排按新规则重排）',
        params: IdParams,
        body: Type.Object({ ...PlanBody, version: Version }),
      },
    },
    async (req) => updatePlan(ctxOf(req), req.params.id, req.body as PatrolPlanInput & { version: number }),
  );

  app.post(
    '/patrols/plans/:id/active',
    {
      config: { access: 'patrols:manage' },
      schema: { tags, summary: '启用或停用巡检计划', params: IdParams, body: Type.Object({ active: Type.Boolean(), version: Version }) },
    },
    async (req) => setPlanActive(ctxOf(req), req.params.id, req.body.version, req.body.active),
  );

  app.post(
    '/patrols/plans/:id/rounds',
    {
      config: { access: 'patrols:do' },
      schema: { tags, summary: '按计划立即发起一次巡检（如领导抽查），由发起人执行', params: IdParams },
    },
    async (req, reply) => {
      reply.status(201);
      return startAdHocRound(ctxOf(req), req.params.id);
    },
  );

  app.get(
    '/patrols/rounds',
    {
      config: { access: 'patrols:read' },
      schema: {
        tags,
        summary: '巡检记录列表',
        querystring: Type.Object({
          ...PageQueryProps,
          siteId: Type.Optional(SiteIds),
          planId: Type.Optional(Id),
          status: Type.Optional(Type.Array(lit(ROUND_STATUSES), { maxItems: 5 })),
          assignee: Type.Optional(
            Type.String({
              pattern: '^(me|(user|team):[^:]{1,64}|role:[A-Za-z][A-Za-z0-9_-]{0,31})$',
              description: 'me：我负责的巡检（本人、所在班组或所持角色）；或 user:<用户id>、team:<班组id>、role:<角色编码>',
            }),
          ),
          level: Type.Optional(Text(50)),
          from: Type.Optional(Instant('到期时间起（含），ISO 时间')),
          to: Type.Optional(Instant('到期时间止（不含），ISO 时间')),
          onTime: FlagQuery,
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const filter = { ...req.query, onTime: optionalFlag(req.query.onTime) };
      const [levels, local] = await Promise.all([dictionaryLabels(ctx.db, ctx.actor.orgId, 'patrol_level'), siteClock(ctx)]);
      return sendList(reply, req.query, (q) => searchRounds(ctx, { ...filter, ...q }), {
        filename: '巡检记录',
        sheet: '巡检记录',
        columns: [
          { header: '编号', value: (r) => r.number },
          { header: '巡检计划', value: (r) => r.planName },
          { header: '场所', value: (r) => r.siteName },
          { header: '巡检层级', value: (r) => levels.get(r.level)?.zh ?? r.level },
          { header: '应巡检时间', value: (r) => local(r.dueAt, r.siteId) },
          { header: '完成时限', value: (r) => local(r.windowEndAt, r.siteId) },
          { header: '状态', value: (r) => ROUND_STATUS_LABELS[r.status] },
          { header: '巡检人', value: (r) => r.assigneeName },
          { header: '执行人', value: (r) => r.doneByName },
          { header: '开始时间', value: (r) => local(r.startedAt, r.siteId) },
          { header: '结束时间', value: (r) => local(r.finishedAt, r.siteId) },
          { header: '用时（分钟）', value: (r) => r.durationMinutes },
          { header: '按时', value: (r) => (r.onTime === null ? '' : r.onTime ? '是' : '否') },
          { header: '点位数', value: (r) => r.points.length },
          { header: '已签到', value: (r) => r.checkedCount },
          { header: '跳过', value: (r) => r.skippedCount },
          { header: '未按顺序', value: (r) => r.outOfOrderCount },
          { header: '发现问题', value: (r) => r.findingsCount },
          { header: '备注', value: (r) => r.note },
        ],
      });
    },
  );

  app.get(
    '/patrols/rounds/:id',
    { config: { access: 'patrols:read' }, schema: { tags, summary: '巡检记录（含各点位签到情况）', params: IdParams } },
    async (req) => getRound(ctxOf(req), req.params.id),
  );

  app.post(
    '/patrols/rounds/:id/start',
    { config: { access: 'patrols:do' }, schema: { tags, summary: '开始巡检', params: IdParams, body: Type.Object({ version: Version }) } },
    async (req) => startRound(ctxOf(req), req.params.id, req.body.version),
  );

  app.post(
    '/patrols/rounds/:id/check-in',
    {
      config: { access: 'patrols:do' },
      schema: {
        tags,
        summary: '点位签到：扫描点位二维码，或手工选择点位并说明原因',
        params: IdParams,
        body: Type.Object({ qr: Nullable(Text(500)), pointId: Nullable(Id), reason: Nullable(Text(500)), version: Version }),
      },
    },
    async (req) => checkIn(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/patrols/rounds/:id/points/:pointId/skip',
    {
      config: { access: 'patrols:do' },
      schema: { tags, summary: '跳过点位（须说明原因）', params: PointParams, body: Type.Object({ reason: Text(500), version: Version }) },
    },
    async (req) => skipPoint(ctxOf(req), req.params.id, req.params.pointId, req.body),
  );

  app.get(
    '/patrols/rounds/:id/points/:pointId/checklist',
    { config: { access: 'patrols:read' }, schema: { tags, summary: '点位的检查表', params: PointParams } },
    async (req) => getPointChecklist(ctxOf(req), req.params.id, req.params.pointId),
  );

  app.put(
    '/patrols/rounds/:id/points/:pointId/checklist',
    {
      config: { access: 'patrols:do' },
      schema: {
        tags,
        summary: '填写点位的检查表：保存草稿，或提交（不合格项登记为发现问题）',
        params: PointParams,
        body: Type.Object({ answers: Type.Array(Answer, { maxItems: 500 }), submit: Type.Boolean(), version: Version }),
      },
    },
    async (req) => savePointChecklist(ctxOf(req), req.params.id, req.params.pointId, req.body),
  );

  app.post(
    '/patrols/rounds/:id/finish',
    {
      config: { access: 'patrols:do' },
      schema: {
        tags,
        summary: '结束巡检（未签到的点位记为跳过）',
        params: IdParams,
        body: Type.Object({ note: Nullable(Text(2000)), version: Version }),
      },
    },
    async (req) => finishRound(ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/patrols/compliance',
    {
      config: { access: 'patrols:read' },
      schema: {
        tags,
        summary: '检查职责落实：应巡检、按时、逾期、漏检、未结束，按人、层级、场所',
        querystring: Type.Object({
          from: Instant('期间开始（含），ISO 时间'),
          to: Instant('期间结束（不含），ISO 时间'),
          siteId: Type.Optional(SiteIds),
        }),
      },
    },
    async (req) => dutyCompliance(ctxOf(req), req.query),
  );

  app.get(
    '/patrols/measures',
    {
      config: { access: 'patrols:read' },
      schema: {
        tags,
        summary: '巡检统计：应巡检、按时、逾期、漏检、检查职责落实率（按层级）、跳过点位',
        querystring: Type.Object({
          from: Instant('期间开始（含），ISO 时间'),
          to: Instant('期间结束（不含），ISO 时间'),
          siteId: Type.Optional(SiteIds),
        }),
      },
    },
    async (req) => patrolMeasures(ctxOf(req), req.query),
  );
};
