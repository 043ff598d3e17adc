import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from 'typebox';
import { RECURRENCE_ANCHORS, RECURRENCE_FREQUENCIES } from '../../../../contracts/occurrences.js';
import {
  type ConsumptionRow,
  DEVIATION_STATUSES,
  type DeviationStatus,
  READING_POINT_KINDS,
  READING_SOURCES,
  type ReadingPointInput,
  type ReadingSource,
} from '../../../../contracts/readings.js';
import type { Ctx } from '../../platform/context.js';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { excel, readUpload, runImport, sendTemplate } from '../../platform/http/import.js';
import { FlagQuery, Id, IdParams, Nullable as NullableOf, optionalFlag, PageQueryProps, Version } from '../../platform/http/schemas.js';
import { DEFAULT_TIME_ZONE, formatZoned } from '../../platform/numbering/time.js';
import type { XlsxColumn } from '../../platform/print/excel.js';
import { CHART_MAX_POINTS, meterConsumption, pointChart } from './chart.js';
import { correctDeviation, getDeviation, searchDeviations } from './deviations.service.js';
import { readingImportSpec } from './import.js';
import { METER_KIND_LABELS, readingMeasures } from './measures.js';
import { createPoint, getPoint, searchPoints, setPointActive, updatePoint } from './points.service.js';
import { DEVICE_MAX, pushReadings, recordBulk, recordReading, searchReadings } from './readings.service.js';

const tags = ['readings'];
const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Text = (max: number) => Type.String({ maxLength: max });
/** an optional field that may also be null (a type list, so null is not coerced into "" or 0) */
const Nullable = <T extends TSchema>(t: T) => Type.Optional(NullableOf(t));
/** ranges are checked by the services, so every problem is named in Chinese */
const Num = Type.Number();
const Instant = Type.String({ maxLength: 40 });
const SiteIds = Type.Optional(Type.Array(Id, { maxItems: 100 }));

export const SOURCE_LABELS: Record<ReadingSource, string> = {
  manual: '手机录入',
  bulk: '批量录入',
  import: 'Excel 导入',
  device: '设备推送',
};
export const DEVIATION_STATUS_LABELS: Record<DeviationStatus, string> = {
  open: '待纠偏',
  awaiting_recheck: '待复测',
  corrected: '已纠正',
};
const KIND_LABELS = { instant: '瞬时值', cumulative: '累计值（计量表）' } as const;
const FREQ_LABELS = { daily: '天', weekly: '周', monthly: '月', quarterly: '季度', yearly: '年' } as const;
const yesNo = (v: boolean | null) => (v === null ? null : v ? '是' : '否');

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
  times: Type.Array(Type.String({ maxLength: 5 }), { maxItems: 48 }),
  startDate: Type.String({ maxLength: 30 }),
  endDate: Nullable(Type.String({ maxLength: 30 })),
  anchor: lit(RECURRENCE_ANCHORS),
  skipDates: Nullable(Type.Array(Type.String({ maxLength: 30 }), { maxItems: 366 })),
  skipHolidays: Type.Optional(Type.Boolean()),
});

const PointBody = {
  siteId: Id,
  code: Type.String({ minLength: 1, maxLength: 40 }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  targetType: lit(['location', 'asset'] as const),
  targetId: Id,
  kind: lit(READING_POINT_KINDS),
  quantity: Type.String({ minLength: 1, maxLength: 20 }),
  unit: Type.String({ minLength: 1, maxLength: 20 }),
  // checked by the service against METER_KINDS, in Chinese (a nullable enum has no single JSON type)
  meterKind: Nullable(Type.String({ maxLength: 20 })),
  target: Nullable(Num),
  tolerance: Nullable(Num),
  min: Nullable(Num),
  max: Nullable(Num),
  recurrence: Nullable(RecurrenceSchema),
  windowMinutes: Type.Integer(),
  recheckMinutes: Type.Integer(),
  patrolPlanId: Nullable(Id),
};

const DeviceReading = Type.Object({ pointCode: Type.String({ minLength: 1, maxLength: 40 }), value: Num, readAt: Nullable(Instant) });

/** Reading points, readings (phone, bulk, import, devices), deviations, charts, meter consumption and measures. */
export const readingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/reading-points',
    {
      config: { access: 'readings:read' },
      schema: {
        tags,
        summary: '读数点列表（qr：扫码得到的二维码或 /q/<code> 网址 → 该位置或设备上的读数点；patrolPlanId：一条巡检路线的读数点）',
        querystring: Type.Object({
          ...PageQueryProps,
          siteId: SiteIds,
          kind: Type.Optional(lit(READING_POINT_KINDS)),
          active: FlagQuery,
          qr: Type.Optional(Text(300)),
          patrolPlanId: Type.Optional(Id),
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const { cursor: _c, limit: _l, sort: _s, format: _f, ...rest } = req.query;
      const filter = { ...rest, active: optionalFlag(req.query.active) };
      const local = await siteClock(ctx);
      return sendList(reply, req.query, (q) => searchPoints(ctx, { ...filter, ...q }), {
        filename: '读数点',
        sheet: '读数点',
        columns: [
          { header: '编码', value: (r) => r.code },
          { header: '名称', value: (r) => r.name },
          { header: '场所', value: (r) => r.siteName },
          {
            header: '位置/设备',
            value: (r) => (r.targetPath ? `${r.targetPath}${r.targetType === 'asset' ? ` ${r.targetName}` : ''}` : r.targetName),
          },
          { header: '类型', value: (r) => KIND_LABELS[r.kind] },
          { header: '测量项目', value: (r) => r.quantity },
          { header: '单位', value: (r) => r.unit },
          { header: '表计类型', value: (r) => (r.meterKind ? METER_KIND_LABELS[r.meterKind].zh : null) },
          { header: '合格范围', value: (r) => r.bandText },
          {
            header: '读数周期',
            value: (r) =>
              r.recurrence
                ? `每${r.recurrence.interval > 1 ? r.recurrence.interval : ''}${FREQ_LABELS[r.recurrence.freq]} ${r.recurrence.times.join('、')}`
                : null,
          },
          { header: '最近读数', value: (r) => r.lastValue },
          { header: '最近读数时间', value: (r) => local(r.lastReadAt, r.siteId) },
          { header: '未关闭偏差', value: (r) => r.openDeviations },
          { header: '状态', value: (r) => (r.active ? '启用' : '停用') },
        ],
      });
    },
  );

  app.post(
    '/reading-points',
    { config: { access: 'readings:manage' }, schema: { tags, summary: '新建读数点', body: Type.Object(PointBody) } },
    async (req, reply) => {
      reply.status(201);
      return createPoint(ctxOf(req), req.body as ReadingPointInput);
    },
  );

  app.get(
    '/reading-points/:id',
    { config: { access: 'readings:read' }, schema: { tags, summary: '读数点详情', params: IdParams } },
    async (req) => getPoint(ctxOf(req), req.params.id),
  );

  app.put(
    '/reading-points/:id',
    {
      config: { access: 'readings:manage' },
      schema: {
        tags,
        summary: '修改读数点（周期的修改只影响以后的应读次数）',
        params: IdParams,
        body: Type.Object({ ...PointBody, version: Version }),
      },
    },
    async (req) => updatePoint(ctxOf(req), req.params.id, req.body as ReadingPointInput & { version: number }),
  );

  app.post(
    '/reading-points/:id/active',
    {
      config: { access: 'readings:manage' },
      schema: { tags, summary: '启用或停用读数点', params: IdParams, body: Type.Object({ active: Type.Boolean(), version: Version }) },
    },
    async (req) => setPointActive(ctxOf(req), req.params.id, req.body.version, req.body.active),
  );

  app.get(
    '/reading-points/:id/chart',
    {
      config: { access: 'readings:read' },
      schema: {
        tags,
        summary: '读数点曲线（超过 maxPoints 条读数时按时间分段取平均、最小、最大值）及合格范围',
        params: IdParams,
        querystring: Type.Object({
          from: Type.Optional(Instant),
          to: Type.Optional(Instant),
          maxPoints: Type.Optional(Type.Integer({ minimum: 10, maximum: CHART_MAX_POINTS })),
        }),
      },
    },
    async (req) => pointChart(ctxOf(req), req.params.id, req.query),
  );

  app.post(
    '/reading-points/:id/readings',
    {
      config: { access: 'readings:record' },
      schema: {
        tags,
        summary: '录入一个读数（扫码后在手机上录入）',
        params: IdParams,
        body: Type.Object({ value: Num, readAt: Nullable(Instant), note: Nullable(Text(500)) }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return recordReading(ctxOf(req), req.params.id, req.body);
    },
  );

  app.post(
    '/readings/bulk',
    {
      config: { access: 'readings:record' },
      schema: {
        tags,
        summary: '批量录入一条路线的读数（全部成功或全部不录入）',
        body: Type.Object({
          readAt: Nullable(Instant),
          lines: Type.Array(Type.Object({ pointId: Id, value: Num, note: Nullable(Text(500)) }), { maxItems: DEVICE_MAX }),
        }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return recordBulk(ctxOf(req), req.body);
    },
  );

  app.post(
    '/readings/device',
    {
      config: { access: 'readings:push' },
      schema: {
        tags,
        summary: `设备推送读数（Authorization: Bearer <含 readings:push 的 API 令牌>；一条或最多 ${DEVICE_MAX} 条，全部成功或全部不录入）`,
        body: Type.Union([DeviceReading, Type.Array(DeviceReading, { minItems: 1, maxItems: DEVICE_MAX })]),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return pushReadings(ctxOf(req), req.body);
    },
  );

  app.get(
    '/readings/import/template',
    { config: { access: 'readings:manage' }, schema: { tags, summary: '读数导入模板' } },
    async (_req, reply) => sendTemplate(reply, readingImportSpec, '读数导入模板'),
  );

  app.post(
    '/readings/import',
    {
      config: { access: 'readings:manage' },
      schema: {
        tags,
        summary: '导入读数（dryRun=1 预览；mode=all 有错误则全部不导入，mode=valid 只导入无错误的行）',
        querystring: Type.Object({
          dryRun: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1')])),
          mode: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('valid')])),
        }),
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const upload = await readUpload(req);
      return runImport(ctx, readingImportSpec, upload.data, req.query.dryRun !== '0', req.query.mode ?? 'all');
    },
  );

  app.get(
    '/readings/measures',
    {
      config: { access: 'readings:read' },
      schema: {
        tags,
        summary: '读数统计：读数次数、应读与漏读、合格率、偏差与纠正、各类能耗',
        querystring: Type.Object({
          from: Type.String({ minLength: 1, maxLength: 40, description: '期间开始（含），ISO 时间' }),
          to: Type.String({ minLength: 1, maxLength: 40, description: '期间结束（不含），ISO 时间' }),
          siteId: SiteIds,
        }),
      },
    },
    async (req) => readingMeasures(ctxOf(req), req.query),
  );

  app.get(
    '/readings',
    {
      config: { access: 'readings:read' },
      schema: {
        tags,
        summary: '读数记录（q：读数点编码或名称）',
        querystring: Type.Object({
          ...PageQueryProps,
          pointId: Type.Optional(Id),
          siteId: SiteIds,
          from: Type.Optional(Instant),
          to: Type.Optional(Instant),
          inBand: FlagQuery,
          source: Type.Optional(lit(READING_SOURCES)),
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const { cursor: _c, limit: _l, sort: _s, format: _f, ...rest } = req.query;
      const filter = { ...rest, inBand: optionalFlag(req.query.inBand) };
      const local = await siteClock(ctx);
      return sendList(reply, req.query, (q) => searchReadings(ctx, { ...filter, ...q }), {
        filename: '读数记录',
        sheet: '读数记录',
        columns: [
          { header: '读数点编码', value: (r) => r.pointCode },
          { header: '读数点', value: (r) => r.pointName },
          { header: '读数', value: (r) => r.value },
          { header: '单位', value: (r) => r.unit },
          { header: '读数时间', value: (r) => local(r.readAt, r.siteId) },
          { header: '用量', value: (r) => r.consumption },
          { header: '合格', value: (r) => yesNo(r.inBand) },
          { header: '复测', value: (r) => (r.isRecheck ? '是' : null) },
          { header: '来源', value: (r) => SOURCE_LABELS[r.source] },
          { header: '录入人', value: (r) => r.readByName },
          { header: '备注', value: (r) => r.note },
        ],
      });
    },
  );

  app.get(
    '/reading-deviations',
    {
      config: { access: 'readings:read' },
      schema: {
        tags,
        summary: '读数偏差（超出合格范围的读数，需纠偏并复测；q：偏差编号、读数点编码或名称）',
        querystring: Type.Object({
          ...PageQueryProps,
          siteId: SiteIds,
          pointId: Type.Optional(Id),
          status: Type.Optional(lit(DEVIATION_STATUSES)),
          overdue: FlagQuery,
          from: Type.Optional(Instant),
          to: Type.Optional(Instant),
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const { cursor: _c, limit: _l, sort: _s, format: _f, ...rest } = req.query;
      const filter = { ...rest, overdue: optionalFlag(req.query.overdue) };
      const local = await siteClock(ctx);
      return sendList(reply, req.query, (q) => searchDeviations(ctx, { ...filter, ...q }), {
        filename: '读数偏差',
        sheet: '读数偏差',
        columns: [
          { header: '编号', value: (r) => r.number },
          { header: '场所', value: (r) => r.siteName },
          { header: '读数点', value: (r) => `${r.pointCode} ${r.pointName}` },
          { header: '读数', value: (r) => r.value },
          { header: '单位', value: (r) => r.unit },
          { header: '合格范围', value: (r) => r.bandText },
          { header: '发生时间', value: (r) => local(r.openedAt, r.siteId) },
          { header: '复测期限', value: (r) => local(r.recheckDueAt, r.siteId) },
          { header: '状态', value: (r) => DEVIATION_STATUS_LABELS[r.status] },
          { header: '纠偏措施', value: (r) => r.correctiveNote },
          { header: '纠偏人', value: (r) => r.correctedByName },
          { header: '复测读数', value: (r) => r.recheckValue },
          { header: '复测不合格次数', value: (r) => r.failedRechecks },
          { header: '关闭时间', value: (r) => local(r.closedAt, r.siteId) },
          { header: '超时', value: (r) => (r.overdue ? '是' : null) },
        ],
      });
    },
  );

  app.get(
    '/reading-deviations/:id',
    { config: { access: 'readings:read' }, schema: { tags, summary: '读数偏差详情', params: IdParams } },
    async (req) => getDeviation(ctxOf(req), req.params.id),
  );

  app.post(
    '/reading-deviations/:id/correct',
    {
      config: { access: 'readings:record' },
      schema: {
        tags,
        summary: '填写纠偏措施（之后该读数点的下一个读数即为复测）',
        params: IdParams,
        body: Type.Object({ note: Type.String({ minLength: 1, maxLength: 1000 }), version: Version }),
      },
    },
    async (req) => correctDeviation(ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/meters/consumption',
    {
      config: { access: 'readings:read' },
      schema: {
        tags,
        summary: '计量表用量：各场所各类表计按日或按月（场所当地时间）的用量（format=xlsx 导出）',
        querystring: Type.Object({
          siteId: SiteIds,
          from: Type.String({ minLength: 1, maxLength: 40 }),
          to: Type.String({ minLength: 1, maxLength: 40 }),
          granularity: Type.Optional(lit(['day', 'month'] as const)),
          format: Type.Optional(lit(['json', 'xlsx'] as const)),
        }),
      },
    },
    async (req, reply) => {
      const rows = await meterConsumption(ctxOf(req), req.query);
      if (req.query.format !== 'xlsx') return rows;
      const columns: XlsxColumn<ConsumptionRow>[] = [
        { header: req.query.granularity === 'month' ? '月份' : '日期', value: (r) => r.period },
        { header: '场所', value: (r) => r.siteName },
        { header: '能耗类别', value: (r) => METER_KIND_LABELS[r.meterKind].zh },
        { header: '单位', value: (r) => r.unit },
        { header: '用量', value: (r) => r.consumption },
      ];
      const buffer = await (await excel()).writeXlsx('能耗', columns, rows);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('能耗')}.xlsx`)
        .send(buffer);
    },
  );
};
