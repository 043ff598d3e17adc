import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from 'typebox';
import {
  FINDING_RESOLUTIONS,
  FINDING_SOURCES,
  type FindingResolution,
  type FindingResolveInput,
  type FindingSource,
  HAZARD_ACTIONS,
  HAZARD_ADDRESSEE_TYPES,
  HAZARD_GRADES,
  HAZARD_SOURCES,
  HAZARD_STATUSES,
  type HazardSource,
  type HazardStatus,
} from '../../../../contracts/hazards.js';
import type { Ctx } from '../../platform/context.js';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { FlagQuery, Id, IdParams, Nullable as NullableOf, optionalFlag, PageQueryProps, Version } from '../../platform/http/schemas.js';
import { DEFAULT_TIME_ZONE, formatZoned } from '../../platform/numbering/time.js';
import { sendPdf } from '../../platform/print/pdf.js';
import { dictionaryLabels } from '../system/index.js';
import { getFinding, reportFinding, resolveFinding, searchFindings } from './findings.service.js';
import { actOnHazard, createHazard, getHazard, searchHazards, updateHazard } from './hazards.service.js';
import { HAZARD_GRADE_LABELS, HAZARD_STATUS_LABELS } from './hazards.state.js';
import { hazardMeasures } from './measures.js';
import { noticeData, noticePdf } from './notice.print.js';
import { getHazardSettings, updateHazardSettings } from './settings.js';

const tags = ['hazards'];
const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Text = (max: number) => Type.String({ maxLength: max });
/** an optional field that may also be null (a type list, so null is not coerced into "" or 0) */
const Nullable = <T extends TSchema>(t: T) => Type.Optional(NullableOf(t));
/** compared with a timestamp column: an ISO instant, or PostgreSQL refuses what SQLite would compare as text */
const TimeFilter = Type.String({ maxLength: 40, format: 'date-time' });
const SiteIds = Type.Array(Id, { maxItems: 100 });
/** one of `values` or null (Nullable takes a schema of one JSON type, not a union of literals) */
const NullableEnum = <T extends string>(values: readonly T[]) =>
  Type.Optional(Type.Unsafe<T | null>({ type: ['string', 'null'], enum: [...values, null] }));

export const SOURCE_LABELS: Record<FindingSource | HazardSource, string> = {
  patrol: '巡检',
  direct: '直接登记',
  reading: '读数偏差',
  checklist: '检查表',
  campaign: '专项检查',
};
export const RESOLUTION_LABELS: Record<FindingResolution, string> = {
  open: '待处理',
  fixed_on_spot: '当场整改',
  work_order: '转维修工单',
  hazard: '登记为隐患',
};

/** Local `YYYY-MM-DD HH:mm` of an instant at its site, for the spreadsheets. */
async function siteClock(ctx: Ctx): Promise<(iso: string | null, siteId: string) => string | null> {
  const rows = await ctx.db.selectFrom('sites').select(['id', 'timezone']).where('org_id', '=', ctx.actor.orgId).execute();
  const zones = new Map(rows.map((s) => [s.id, s.timezone]));
  return (iso, siteId) => (iso ? formatZoned(new Date(iso), zones.get(siteId) ?? DEFAULT_TIME_ZONE) : null);
}

const HazardFields = {
  locationId: Nullable(Id),
  assetId: Nullable(Id),
  category: Type.String({ minLength: 1, maxLength: 40 }),
  grade: lit(HAZARD_GRADES),
  subGrade: Nullable(Text(40)),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.String({ minLength: 1, maxLength: 2000 }),
  campaignId: Nullable(Id),
  addresseeType: NullableEnum(HAZARD_ADDRESSEE_TYPES),
  addresseeId: Nullable(Id),
  temporaryMeasures: Nullable(Text(1000)),
};

/** Findings (发现问题), the hazard register (隐患台账), its settings, measures and the 隐患整改通知单. */
export const hazardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // ── findings ──────────────────────────────────────────────────────────────
  app.get(
    '/findings',
    {
      // hazards:read on a site, or one's own reports: the service decides
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '发现问题列表（有查看权限的场所，以及本人登记的问题）',
        querystring: Type.Object({
          ...PageQueryProps,
          siteId: Type.Optional(SiteIds),
          resolution: Type.Optional(lit(FINDING_RESOLUTIONS)),
          source: Type.Optional(lit(FINDING_SOURCES)),
          category: Type.Optional(Text(40)),
          campaignId: Type.Optional(Id),
          roundId: Type.Optional(Id),
          from: Type.Optional(TimeFilter),
          to: Type.Optional(TimeFilter),
          handled: FlagQuery,
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const filter = { ...req.query, handled: optionalFlag(req.query.handled) };
      const local = await siteClock(ctx);
      const categories = await dictionaryLabels(ctx.db, ctx.actor.orgId, 'hazard_category');
      return sendList(reply, req.query, (q) => searchFindings(ctx, { ...filter, ...q }), {
        filename: '发现问题',
        sheet: '发现问题',
        columns: [
          { header: '编号', value: (r) => r.number },
          { header: '发现时间', value: (r) => local(r.foundAt, r.siteId) },
          { header: '场所', value: (r) => r.siteName },
          { header: '位置', value: (r) => r.locationPath },
          { header: '设备', value: (r) => r.assetName },
          { header: '来源', value: (r) => SOURCE_LABELS[r.source] },
          { header: '来源说明', value: (r) => r.sourceLabel },
          { header: '专项检查', value: (r) => r.campaignName },
          { header: '类别', value: (r) => (r.category ? (categories.get(r.category)?.zh ?? r.category) : null) },
          { header: '问题描述', value: (r) => r.description },
          { header: '发现人', value: (r) => r.foundByName },
          { header: '处理方式', value: (r) => RESOLUTION_LABELS[r.resolution] },
          { header: '当场整改说明', value: (r) => r.fixNote },
          { header: '维修工单', value: (r) => r.workOrderNumber },
          { header: '隐患编号', value: (r) => r.hazardNumber },
          { header: '已处理', value: (r) => (r.handled ? '是' : '否') },
          { header: '处理时间', value: (r) => local(r.resolvedAt, r.siteId) },
          { header: '处理人', value: (r) => r.resolvedByName },
        ],
      });
    },
  );

  app.get(
    '/findings/:id',
    { config: { access: 'authenticated' }, schema: { tags, summary: '发现问题详情', params: IdParams } },
    async (req) => getFinding(ctxOf(req), req.params.id),
  );

  app.post(
    '/findings',
    {
      config: { access: 'hazards:report' },
      schema: {
        tags,
        summary: '登记发现的问题（照片随后上传为 finding 附件）',
        body: Type.Object({
          siteId: Id,
          locationId: Nullable(Id),
          assetId: Nullable(Id),
          category: Nullable(Text(40)),
          description: Type.String({ minLength: 1, maxLength: 2000 }),
          campaignId: Nullable(Id),
        }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return reportFinding(ctxOf(req), req.body);
    },
  );

  app.post(
    '/findings/:id/resolve',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '处理发现的问题：当场整改（须先上传整改照片）、转维修工单或登记为隐患',
        params: IdParams,
        body: Type.Union([
          Type.Object({
            resolution: Type.Literal('fixed_on_spot'),
            note: Type.String({ minLength: 1, maxLength: 1000 }),
            version: Version,
          }),
          Type.Object({
            resolution: Type.Literal('work_order'),
            urgency: Type.Optional(Text(40)),
            category: Type.Optional(Text(40)),
            note: Nullable(Text(1000)),
            version: Version,
          }),
          Type.Object({
            resolution: Type.Literal('hazard'),
            hazard: Type.Object({
              category: HazardFields.category,
              grade: HazardFields.grade,
              subGrade: HazardFields.subGrade,
              title: HazardFields.title,
              description: Type.Optional(Text(2000)),
              campaignId: HazardFields.campaignId,
              addresseeType: HazardFields.addresseeType,
              addresseeId: HazardFields.addresseeId,
              temporaryMeasures: HazardFields.temporaryMeasures,
            }),
            version: Version,
          }),
        ]),
      },
    },
    async (req) => resolveFinding(ctxOf(req), req.params.id, req.body as FindingResolveInput),
  );

  // ── hazards ───────────────────────────────────────────────────────────────
  app.get(
    '/hazards/settings',
    { config: { access: 'hazards:read' }, schema: { tags, summary: '隐患设置（验收期限、提前提醒天数）' } },
    async (req) => getHazardSettings(ctxOf(req)),
  );

  app.put(
    '/hazards/settings',
    {
      config: { access: 'hazards:manage' },
      schema: {
        tags,
        summary: '保存隐患设置（整改期限后几天内验收、期限前几天提醒）',
        body: Type.Object({ acceptanceDays: Type.Integer(), remindDaysBefore: Type.Integer(), version: Version }),
      },
    },
    async (req) => updateHazardSettings(ctxOf(req), req.body),
  );

  app.get(
    '/hazards/measures',
    {
      config: { access: 'hazards:read' },
      schema: {
        tags,
        summary: '隐患统计：发现与处理问题、隐患发现/销号/按期/未销号/逾期（按类别、等级）、整改率与按期整改率',
        querystring: Type.Object({
          from: Type.String({ minLength: 1, maxLength: 40, description: '期间开始（含），ISO 时间' }),
          to: Type.String({ minLength: 1, maxLength: 40, description: '期间结束（不含），ISO 时间' }),
          siteId: Type.Optional(SiteIds),
        }),
      },
    },
    async (req) => hazardMeasures(ctxOf(req), req.query),
  );

  app.get(
    '/hazards',
    {
      // hazards:read on a site, or the hazards one must rectify or accept: the service decides
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '隐患台账（有查看权限的场所，以及本人负责整改或验收的隐患）',
        querystring: Type.Object({
          ...PageQueryProps,
          siteId: Type.Optional(SiteIds),
          status: Type.Optional(Type.String({ maxLength: 200, description: '逗号分隔的状态' })),
          category: Type.Optional(Text(40)),
          grade: Type.Optional(lit(HAZARD_GRADES)),
          source: Type.Optional(lit(HAZARD_SOURCES)),
          campaignId: Type.Optional(Id),
          findingId: Type.Optional(Id),
          responsibleId: Type.Optional(Id),
          verifierId: Type.Optional(Id),
          overdue: FlagQuery,
          onTime: FlagQuery,
          from: Type.Optional(TimeFilter),
          to: Type.Optional(TimeFilter),
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const status = req.query.status?.split(',').filter((s): s is HazardStatus => (HAZARD_STATUSES as readonly string[]).includes(s));
      const filter = { ...req.query, status, overdue: optionalFlag(req.query.overdue), onTime: optionalFlag(req.query.onTime) };
      const local = await siteClock(ctx);
      const categories = await dictionaryLabels(ctx.db, ctx.actor.orgId, 'hazard_category');
      const subGrades = await dictionaryLabels(ctx.db, ctx.actor.orgId, 'hazard_subgrade');
      return sendList(reply, req.query, (q) => searchHazards(ctx, { ...filter, ...q }), {
        filename: '隐患台账',
        sheet: '隐患台账',
        columns: [
          { header: '编号', value: (r) => r.number },
          { header: '发现时间', value: (r) => local(r.foundAt, r.siteId) },
          { header: '场所', value: (r) => r.siteName },
          { header: '地点', value: (r) => r.locationPath },
          { header: '隐患名称', value: (r) => r.title },
          { header: '隐患描述', value: (r) => r.description },
          { header: '类别', value: (r) => categories.get(r.category)?.zh ?? r.category },
          {
            header: '等级',
            value: (r) => `${HAZARD_GRADE_LABELS[r.grade]}${r.subGrade ? `（${subGrades.get(r.subGrade)?.zh ?? r.subGrade}）` : ''}`,
          },
          { header: '来源', value: (r) => SOURCE_LABELS[r.source] },
          { header: '发现人', value: (r) => r.foundByName },
          { header: '整改措施', value: (r) => r.measures },
          { header: '临时措施', value: (r) => r.temporaryMeasures },
          { header: '整改资金（元）', value: (r) => (r.fundsFen === null ? null : r.fundsFen / 100) },
          { header: '整改责任人', value: (r) => r.responsibleName },
          { header: '整改期限', value: (r) => r.deadline },
          { header: '应急预案', value: (r) => r.contingencyPlan },
          { header: '验收标准', value: (r) => r.acceptanceStandard },
          { header: '验收人', value: (r) => r.verifierName },
          { header: '状态', value: (r) => HAZARD_STATUS_LABELS[r.status] },
          { header: '整改完成', value: (r) => local(r.rectifiedAt, r.siteId) },
          { header: '验收时间', value: (r) => local(r.acceptedAt, r.siteId) },
          { header: '销号时间', value: (r) => local(r.closedAt, r.siteId) },
          { header: '按期整改', value: (r) => (r.onTime === null ? null : r.onTime ? '是' : '否') },
          { header: '逾期', value: (r) => (r.overdue ? '是' : '否') },
          { header: '验收不通过次数', value: (r) => r.rejectedCount },
          { header: '整改前照片', value: (r) => r.photoIds.length },
          { header: '整改后照片', value: (r) => r.afterPhotoIds.length },
        ],
      });
    },
  );

  app.post(
    '/hazards',
    {
      config: { access: 'hazards:report' },
      schema: { tags, summary: '登记隐患（照片随后上传为 hazard 附件）', body: Type.Object({ siteId: Id, ...HazardFields }) },
    },
    async (req, reply) => {
      reply.status(201);
      return createHazard(ctxOf(req), req.body);
    },
  );

  app.get('/hazards/:id', { config: { access: 'authenticated' }, schema: { tags, summary: '隐患详情', params: IdParams } }, async (req) =>
    getHazard(ctxOf(req), req.params.id),
  );

  app.put(
    '/hazards/:id',
    {
      config: { access: 'hazards:manage' },
      schema: {
        tags,
        summary: '修改隐患描述、类别、等级、位置、临时措施（待落实或整改中）',
        params: IdParams,
        body: Type.Object({
          locationId: HazardFields.locationId,
          assetId: HazardFields.assetId,
          category: Type.Optional(HazardFields.category),
          grade: Type.Optional(HazardFields.grade),
          subGrade: HazardFields.subGrade,
          title: Type.Optional(HazardFields.title),
          description: Type.Optional(HazardFields.description),
          addresseeType: HazardFields.addresseeType,
          addresseeId: HazardFields.addresseeId,
          temporaryMeasures: HazardFields.temporaryMeasures,
          version: Version,
        }),
      },
    },
    async (req) => updateHazard(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/hazards/:id/actions/:action',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '隐患流转：落实整改（五落实）、提交整改、验收通过/不通过、销号签批、取消',
        params: Type.Object({ id: Id, action: lit(HAZARD_ACTIONS) }),
        body: Type.Object({
          version: Version,
          note: Nullable(Text(1000)),
          responsibleId: Type.Optional(Id),
          measures: Type.Optional(Text(2000)),
          fundsFen: Nullable(Type.Integer()),
          deadline: Type.Optional(Text(20)),
          contingencyPlan: Nullable(Text(2000)),
          temporaryMeasures: Nullable(Text(1000)),
          acceptanceStandard: Nullable(Text(1000)),
          verifierId: Type.Optional(Id),
          addresseeType: HazardFields.addresseeType,
          addresseeId: HazardFields.addresseeId,
        }),
      },
    },
    async (req) => actOnHazard(ctxOf(req), req.params.id, req.params.action, req.body),
  );

  app.get(
    '/hazards/:id/notice.pdf',
    { config: { access: 'authenticated' }, schema: { tags, summary: '隐患整改通知单（PDF）', params: IdParams } },
    async (req, reply) => {
      const data = await noticeData(ctxOf(req), req.server.deps.files, req.params.id);
      return sendPdf(reply, noticePdf(data), `隐患整改通知单-${data.hazard.number}.pdf`);
    },
  );
};
