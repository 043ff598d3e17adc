import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from 'typebox';
import { ALERT_OUTCOMES, type AlertOutcome, INCIDENT_STATUSES, type IncidentStatus } from '../../../../contracts/incidents.js';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { FlagQuery, Id, IdParams, Nullable as NullableOf, optionalFlag, PageQueryProps, Version } from '../../platform/http/schemas.js';
import { sendPdf } from '../../platform/print/pdf.js';
import { dictionaryLabels } from '../system/index.js';
import {
  ALERT_OUTCOME_LABELS,
  commendOfficer,
  createAlert,
  getAlert,
  MAX_OFFICERS,
  officerRecords,
  searchAlerts,
  updateAlert,
} from './alerts.service.js';
import { siteClock } from './common.js';
import {
  createIncident,
  getIncident,
  INCIDENT_STATUS_LABELS,
  reviewIncident,
  searchIncidents,
  submitIncident,
  updateIncident,
} from './incidents.service.js';
import { reportData, reportPdf } from './report.print.js';
import { getIncidentSettings, updateIncidentSettings } from './settings.js';

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Text = (max: number) => Type.String({ maxLength: max });
/** an optional field that may also be null (a type list, so null is not coerced into "" or 0) */
const Nullable = <T extends TSchema>(t: T) => Type.Optional(NullableOf(t));
/** an ISO instant: PostgreSQL compares it with a timestamp column, and refuses what SQLite would compare as text */
const Instant = Type.String({ maxLength: 40, format: 'date-time' });
const SiteIds = Type.Array(Id, { maxItems: 100 });
const Code = Type.String({ minLength: 1, maxLength: 40 });
const inList = <T extends string>(values: readonly T[], raw: string | undefined): T[] | undefined =>
  raw?.split(',').filter((s): s is T => (values as readonly string[]).includes(s));
const yuan = (fen: number | null) => (fen === null ? null : fen / 100);

const IncidentBody = Type.Object({
  siteId: Id,
  title: Type.String({ minLength: 1, maxLength: 200 }),
  type: Code,
  occurredAt: Instant,
  locationId: Nullable(Id),
  place: Nullable(Text(200)),
  responsibleId: Nullable(Id),
  responsibleName: Nullable(Text(100)),
  summary: Type.String({ minLength: 1, maxLength: 2000 }),
  course: Nullable(Text(5000)),
  handling: Nullable(Text(5000)),
  losses: Nullable(Text(2000)),
  lossFen: Nullable(Type.Integer()),
  causeAnalysis: Nullable(Text(5000)),
  resolvedAt: Nullable(Instant),
  workOrderId: Nullable(Id),
  submit: Type.Optional(Type.Boolean()),
});

const AlertBody = Type.Object({
  siteId: Id,
  receivedAt: Instant,
  source: Code,
  type: Code,
  locationId: Nullable(Id),
  place: Nullable(Text(200)),
  description: Type.String({ minLength: 1, maxLength: 2000 }),
  handling: Nullable(Text(5000)),
  outcome: lit(ALERT_OUTCOMES),
  apprehendedCount: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  officerIds: Type.Array(Id, { maxItems: MAX_OFFICERS }),
  closedAt: Nullable(Instant),
  incidentId: Nullable(Id),
});

/** Incident reports (意外事件处理报告单), their settings and the printed form. */
export const incidentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['incidents'];

  app.get(
    '/incidents/settings',
    { config: { access: 'safety:read' }, schema: { tags, summary: '意外事件设置（有处理时限的事件类型、不过夜或 N 小时内）' } },
    async (req) => getIncidentSettings(ctxOf(req)),
  );

  app.put(
    '/incidents/settings',
    {
      config: { access: 'incidents:review' },
      schema: {
        tags,
        summary: '保存意外事件设置（须在全部场所有审核权限）',
        body: Type.Object({
          deadlineTypes: Type.Array(Code, { maxItems: 50 }),
          deadlineMode: lit(['overnight', 'hours'] as const),
          deadlineHours: Type.Integer(),
          version: Version,
        }),
      },
    },
    async (req) => updateIncidentSettings(ctxOf(req), req.body),
  );

  app.get(
    '/incidents',
    {
      config: { access: 'safety:read' },
      schema: {
        tags,
        summary: '意外事件报告列表（有查看权限的场所，以及本人填报的报告）',
        querystring: Type.Object({
          ...PageQueryProps,
          siteId: Type.Optional(SiteIds),
          type: Type.Optional(Code),
          status: Type.Optional(Type.String({ maxLength: 100, description: '逗号分隔的状态' })),
          from: Type.Optional(Instant),
          to: Type.Optional(Instant),
          author: Type.Optional(Type.Literal('me')),
          awaitingReview: FlagQuery,
          fixedInTime: FlagQuery,
          workOrderId: Type.Optional(Id),
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const filter = {
        ...req.query,
        status: inList<IncidentStatus>(INCIDENT_STATUSES, req.query.status),
        awaitingReview: optionalFlag(req.query.awaitingReview),
        fixedInTime: optionalFlag(req.query.fixedInTime),
      };
      const local = await siteClock(ctx);
      const types = await dictionaryLabels(ctx.db, ctx.actor.orgId, 'incident_type');
      return sendList(reply, req.query, (q) => searchIncidents(ctx, { ...filter, ...q }), {
        filename: '意外事件',
        sheet: '意外事件',
        columns: [
          { header: '编号', value: (r) => r.number },
          { header: '发生时间', value: (r) => local(r.occurredAt, r.siteId) },
          { header: '场所', value: (r) => r.siteName },
          { header: '事件类型', value: (r) => types.get(r.type)?.zh ?? r.type },
          { header: '事件标题', value: (r) => r.title },
          { header: '发生地点', value: (r) => [r.locationPath, r.place].filter(Boolean).join(' ') || null },
          { header: '责任人', value: (r) => r.responsibleName },
          { header: '事件概要', value: (r) => r.summary },
          { header: '事件经过', value: (r) => r.course },
          { header: '处理情况及结果', value: (r) => r.handling },
          { header: '原因分析', value: (r) => r.causeAnalysis },
          { header: '损失情况', value: (r) => r.losses },
          { header: '损失金额（元）', value: (r) => yuan(r.lossFen) },
          { header: '处理完成时间', value: (r) => local(r.resolvedAt, r.siteId) },
          { header: '处理时限', value: (r) => local(r.deadlineAt, r.siteId) },
          { header: '按时处理', value: (r) => (r.fixedInTime === null ? null : r.fixedInTime ? '是' : '否') },
          { header: '维修工单', value: (r) => r.workOrderNumber },
          { header: '整改措施', value: (r) => r.actionsTotal },
          { header: '未完成措施', value: (r) => r.actionsOpen },
          { header: '填报人', value: (r) => r.authorName },
          { header: '提交时间', value: (r) => local(r.submittedAt, r.siteId) },
          { header: '审核人', value: (r) => r.reviewerName },
          { header: '审核时间', value: (r) => local(r.reviewedAt, r.siteId) },
          { header: '审核意见', value: (r) => r.reviewNote },
          { header: '状态', value: (r) => INCIDENT_STATUS_LABELS[r.status] },
        ],
      });
    },
  );

  app.post(
    '/incidents',
    {
      config: { access: 'incidents:report' },
      schema: { tags, summary: '填报意外事件报告（草稿；submit=true 直接提交审核）', body: IncidentBody },
    },
    async (req, reply) => {
      reply.status(201);
      return createIncident(ctxOf(req), req.body);
    },
  );

  app.get(
    '/incidents/:id',
    { config: { access: 'safety:read' }, schema: { tags, summary: '意外事件报告详情', params: IdParams } },
    async (req) => getIncident(ctxOf(req), req.params.id),
  );

  app.put(
    '/incidents/:id',
    {
      // the author (草稿、已退回) or a reviewer of the site (未审核): the service decides
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '修改意外事件报告（报告人：草稿或已退回；审核人：审核前）',
        params: IdParams,
        // required fields are checked by the service (Chinese messages naming each field), so a body with only the version reaches the record checks
        body: Type.Object({ ...Type.Partial(IncidentBody).properties, version: Version }),
      },
    },
    async (req) => updateIncident(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/incidents/:id/submit',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '提交意外事件报告审核（草稿或已退回）', params: IdParams, body: Type.Object({ version: Version }) },
    },
    async (req) => submitIncident(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/incidents/:id/review',
    {
      config: { access: 'incidents:review' },
      schema: {
        tags,
        summary: '审核意外事件报告：通过或退回修改（不能审核本人填报的报告）',
        params: IdParams,
        body: Type.Object({ decision: lit(['approve', 'return'] as const), note: Nullable(Text(1000)), version: Version }),
      },
    },
    async (req) => reviewIncident(ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/incidents/:id/report.pdf',
    { config: { access: 'safety:read' }, schema: { tags, summary: '意外事件处理报告单（PDF）', params: IdParams } },
    async (req, reply) => {
      const data = await reportData(ctxOf(req), req.server.deps.files, req.params.id);
      return sendPdf(reply, reportPdf(data), `意外事件处理报告单-${data.incident.number}.pdf`);
    },
  );
};

/** The security log (接警记录), commendations and the officers' record. */
export const alertRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['security-alerts'];

  app.get(
    '/security-alerts/officers',
    {
      config: { access: 'safety:read' },
      schema: {
        tags,
        summary: '出警人员统计：期间内每人出警次数、抓获人数、受表扬次数',
        querystring: Type.Object({
          from: Type.String({ minLength: 1, maxLength: 40, description: '期间开始（含），ISO 时间' }),
          to: Type.String({ minLength: 1, maxLength: 40, description: '期间结束（不含），ISO 时间' }),
          siteId: Type.Optional(SiteIds),
        }),
      },
    },
    async (req) => officerRecords(ctxOf(req), req.query),
  );

  app.get(
    '/security-alerts',
    {
      config: { access: 'safety:read' },
      schema: {
        tags,
        summary: '接警记录列表',
        querystring: Type.Object({
          ...PageQueryProps,
          siteId: Type.Optional(SiteIds),
          type: Type.Optional(Code),
          source: Type.Optional(Code),
          outcome: Type.Optional(Type.String({ maxLength: 100, description: '逗号分隔的处置结果' })),
          officerId: Type.Optional(Id),
          from: Type.Optional(Instant),
          to: Type.Optional(Instant),
          commended: FlagQuery,
          incidentId: Type.Optional(Id),
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const filter = {
        ...req.query,
        outcome: inList<AlertOutcome>(ALERT_OUTCOMES, req.query.outcome),
        commended: optionalFlag(req.query.commended),
      };
      const local = await siteClock(ctx);
      const [types, sources] = await Promise.all([
        dictionaryLabels(ctx.db, ctx.actor.orgId, 'security_alert_type'),
        dictionaryLabels(ctx.db, ctx.actor.orgId, 'security_alert_source'),
      ]);
      return sendList(reply, req.query, (q) => searchAlerts(ctx, { ...filter, ...q }), {
        filename: '接警记录',
        sheet: '接警记录',
        columns: [
          { header: '编号', value: (r) => r.number },
          { header: '接警时间', value: (r) => local(r.receivedAt, r.siteId) },
          { header: '场所', value: (r) => r.siteName },
          { header: '来源', value: (r) => sources.get(r.source)?.zh ?? r.source },
          { header: '警情类型', value: (r) => types.get(r.type)?.zh ?? r.type },
          { header: '地点', value: (r) => [r.locationPath, r.place].filter(Boolean).join(' ') || null },
          { header: '警情描述', value: (r) => r.description },
          { header: '处置经过', value: (r) => r.handling },
          { header: '处置结果', value: (r) => ALERT_OUTCOME_LABELS[r.outcome] },
          { header: '抓获人数', value: (r) => r.apprehendedCount },
          { header: '出警人员', value: (r) => r.officers.map((o) => o.name).join('、') },
          { header: '处置结束', value: (r) => local(r.closedAt, r.siteId) },
          { header: '意外事件报告', value: (r) => r.incidentNumber },
          { header: '表扬', value: (r) => r.commendations.map((c) => `${c.officerName}：${c.note}`).join('；') || null },
          { header: '登记人', value: (r) => r.recordedByName },
        ],
      });
    },
  );

  app.post(
    '/security-alerts',
    { config: { access: 'security:log' }, schema: { tags, summary: '登记接警记录', body: AlertBody } },
    async (req, reply) => {
      reply.status(201);
      return createAlert(ctxOf(req), req.body);
    },
  );

  app.get(
    '/security-alerts/:id',
    { config: { access: 'safety:read' }, schema: { tags, summary: '接警记录详情', params: IdParams } },
    async (req) => getAlert(ctxOf(req), req.params.id),
  );

  app.put(
    '/security-alerts/:id',
    {
      config: { access: 'security:log' },
      schema: {
        tags,
        summary: '修改接警记录',
        params: IdParams,
        // required fields are checked by the service, after the record checks (see PUT /incidents/:id)
        body: Type.Object({ ...Type.Partial(AlertBody).properties, version: Version }),
      },
    },
    async (req) => updateAlert(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/security-alerts/:id/commendations',
    {
      // incidents:review or security:log on the alert's site: the service decides
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '表扬出警人员（须为该记录的出警人员，不能表扬自己）',
        params: IdParams,
        // both are checked by the service, after the record checks
        body: Type.Object({ officerId: Type.Optional(Id), note: Type.Optional(Text(500)) }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return commendOfficer(ctxOf(req), req.params.id, req.body);
    },
  );
};
