import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import {
  PERIOD_KINDS,
  type PeriodKind,
  SUMMARY_SECTIONS,
  type SummaryLang,
  WORK_SUMMARY_STATUSES,
  type WorkSummaryStatus,
} from '../../../../contracts/reports.js';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { Id, IdParams, Nullable as NullableOf, PageQueryProps, Version } from '../../platform/http/schemas.js';
import { formatZoned } from '../../platform/numbering/time.js';
import { type SummaryExportInput, summaryDocx, summaryFactsXlsx, summaryPdf } from './export/index.js';
import { reportFacts, reportTimeZone } from './gather.js';
import {
  approveSummary,
  createSummary,
  deleteSummary,
  editSummary,
  getSummary,
  regenerateSummary,
  reopenSummary,
  restoreSummary,
  returnSummary,
  SUMMARY_STATUS_LABELS,
  searchSummaries,
  submitSummary,
  summaryVersion,
} from './summaries.service.js';

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Text = (max: number) => Type.String({ maxLength: max });
const inList = <T extends string>(values: readonly T[], raw: string | undefined): T[] | undefined =>
  raw?.split(',').filter((s): s is T => (values as readonly string[]).includes(s));
const Title = Type.String({ minLength: 1, maxLength: 200 });
const LocalDate = Type.String({ maxLength: 10, description: 'YYYY-MM-DD（含）' });

/** The period fields (query string of the facts, body of a new summary); the service checks them together. */
const PeriodProps = {
  year: Type.Optional(Type.Integer({ description: '年份（月度、季度、半年、年度）' })),
  index: Type.Optional(Type.Integer({ description: '月 1–12、季度 1–4、半年 1–2' })),
  startDate: Type.Optional(LocalDate),
  endDate: Type.Optional(LocalDate),
};

const FactKeys = Type.Array(Type.String({ minLength: 1, maxLength: 120 }), { maxItems: 60 });
const Block = Type.Union([
  Type.Object({ type: Type.Literal('paragraph'), text: Text(10_000) }),
  Type.Object({ type: Type.Literal('list'), items: Type.Array(Text(2000), { maxItems: 200 }) }),
  Type.Object({ type: Type.Literal('table'), title: Text(200), keys: FactKeys }),
  Type.Object({ type: Type.Literal('chart'), title: Text(200), keys: FactKeys, kind: lit(['bySite', 'compare'] as const) }),
]);
const Body = Type.Object({
  title: Title,
  subtitle: Text(500),
  sections: Type.Array(
    Type.Object({
      key: lit(SUMMARY_SECTIONS),
      title: Type.String({ minLength: 1, maxLength: 200 }),
      blocks: Type.Array(Block, { maxItems: 200 }),
    }),
    { maxItems: 20 },
  ),
});
const VersionQuery = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })) });
const ListQuery = {
  ...PageQueryProps,
  status: Type.Optional(Type.String({ maxLength: 100, description: '逗号分隔的状态' })),
  kind: Type.Optional(Type.String({ maxLength: 100, description: '逗号分隔的期间类型' })),
  siteId: Type.Optional(Id),
};

/** Content-Disposition of a download with a Chinese name (RFC 5987). */
function download(reply: FastifyReply, type: string, filename: string, data: Buffer): FastifyReply {
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('cache-control', 'no-store')
    .send(data);
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The dashboard's facts (GET /reports/facts). */
export const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/reports/facts',
    {
      config: { access: 'reports:read' },
      schema: {
        tags: ['reports'],
        summary: '数据看板：各模块的统计指标（本期、上期、去年同期），按场所；不指定期间时为本月',
        querystring: Type.Object({
          kind: Type.Optional(lit(PERIOD_KINDS)),
          ...PeriodProps,
          siteId: Type.Optional(Type.Array(Id, { maxItems: 100 })),
          departmentId: Type.Optional(Id),
        }),
      },
    },
    async (req) => reportFacts(ctxOf(req), req.query),
  );
};

/** Work summaries (工作总结): generation, versions, approval, exports. */
export const summaryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['summaries'];

  const list = async (
    req: { query: Record<string, unknown> & { status?: string; kind?: string } },
    reply: FastifyReply,
    ctx: ReturnType<typeof ctxOf>,
    forceXlsx: boolean,
  ) => {
    const filter = {
      ...req.query,
      status: inList<WorkSummaryStatus>(WORK_SUMMARY_STATUSES, req.query.status),
      kind: inList<PeriodKind>(PERIOD_KINDS, req.query.kind),
    };
    const zone = await reportTimeZone(ctx);
    const local = (iso: string | null) => (iso ? formatZoned(new Date(iso), zone) : null);
    return sendList(reply, { ...req.query, ...(forceXlsx && { format: 'xlsx' }) }, (q) => searchSummaries(ctx, { ...filter, ...q }), {
      filename: '工作总结',
      sheet: '工作总结',
      columns: [
        { header: '编号', value: (r) => r.number },
        { header: '标题', width: 40, value: (r) => r.title },
        { header: '期间', value: (r) => r.period.label.zh },
        { header: '开始日期', value: (r) => r.period.startDate },
        { header: '结束日期', value: (r) => r.period.endDate },
        { header: '场所', value: (r) => (r.siteIds.length ? r.siteNames.join('、') : '全部场所') },
        { header: '部门', value: (r) => r.departmentName },
        { header: '状态', value: (r) => SUMMARY_STATUS_LABELS[r.status] },
        { header: '当前版本', value: (r) => r.currentVersionNo },
        { header: '编写人', value: (r) => r.authorName },
        { header: '创建时间', value: (r) => local(r.createdAt) },
        { header: '提交时间', value: (r) => local(r.submittedAt) },
        { header: '审批人', value: (r) => r.approvedByName },
        { header: '审批时间', value: (r) => local(r.approvedAt) },
        { header: '退回原因', value: (r) => r.returnReason },
      ],
    });
  };

  app.get(
    '/summaries',
    {
      config: { access: 'reports:read' },
      schema: { tags, summary: '工作总结列表（只列出其全部场所都可查看的总结；format=xlsx 导出）', querystring: Type.Object(ListQuery) },
    },
    async (req, reply) => list(req, reply, ctxOf(req), false),
  );

  app.get(
    '/summaries/export.xlsx',
    {
      config: { access: 'reports:read' },
      schema: { tags, summary: '导出工作总结列表（Excel，筛选条件同列表）', querystring: Type.Object(ListQuery) },
    },
    async (req, reply) => list(req, reply, ctxOf(req), true),
  );

  app.post(
    '/summaries',
    {
      config: { access: 'summaries:write' },
      schema: {
        tags,
        summary: '生成工作总结：汇总各模块数据，写出中英文稿，保存为第 1 版（草稿）',
        body: Type.Object({
          period: Type.Object({ kind: lit(PERIOD_KINDS), ...PeriodProps }),
          siteIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
          departmentId: Type.Optional(NullableOf(Id)),
          title: Type.Optional(Title),
        }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return createSummary(ctxOf(req), req.body);
    },
  );

  app.get(
    '/summaries/:id',
    {
      config: { access: 'reports:read' },
      schema: { tags, summary: '工作总结详情（默认当前版本；version=n 查看历史版本）', params: IdParams, querystring: VersionQuery },
    },
    async (req) => getSummary(ctxOf(req), req.params.id, req.query.version),
  );

  app.put(
    '/summaries/:id',
    {
      config: { access: 'summaries:write' },
      schema: {
        tags,
        summary: '保存修改后的工作总结（新版本；数据引用须为本版数据中的指标）',
        params: IdParams,
        body: Type.Object({
          version: Version,
          title: Type.Optional(Title),
          body: Type.Object({ zh: Type.Optional(Body), en: Type.Optional(Body) }),
          note: Type.Optional(NullableOf(Text(500))),
        }),
      },
    },
    async (req) => editSummary(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/summaries/:id/regenerate',
    {
      config: { access: 'summaries:write' },
      schema: {
        tags,
        summary: '重新生成：按当前数据重新汇总并重写文稿（新版本，修改的文字将被替换）',
        params: IdParams,
        body: Type.Object({ version: Version }),
      },
    },
    async (req) => regenerateSummary(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/summaries/:id/restore',
    {
      config: { access: 'summaries:write' },
      schema: {
        tags,
        summary: '恢复历史版本（复制为新版本）',
        params: IdParams,
        body: Type.Object({ version: Version, versionNo: Type.Integer({ minimum: 1, maximum: 1_000_000 }) }),
      },
    },
    async (req) => restoreSummary(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/summaries/:id/submit',
    {
      config: { access: 'summaries:write' },
      schema: { tags, summary: '提交工作总结审批', params: IdParams, body: Type.Object({ version: Version }) },
    },
    async (req) => submitSummary(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/summaries/:id/approve',
    {
      config: { access: 'summaries:approve' },
      schema: {
        tags,
        summary: '审批通过工作总结（不能审批本人编写的总结）',
        params: IdParams,
        body: Type.Object({ version: Version, note: Type.Optional(NullableOf(Text(1000))) }),
      },
    },
    async (req) => approveSummary(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/summaries/:id/return',
    {
      config: { access: 'summaries:approve' },
      schema: {
        tags,
        summary: '退回工作总结（填写退回原因）',
        params: IdParams,
        // the reason is checked by the service (a Chinese message), after the record checks
        body: Type.Object({ version: Version, reason: Type.Optional(Text(1000)) }),
      },
    },
    async (req) => returnSummary(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/summaries/:id/reopen',
    {
      config: { access: 'summaries:approve' },
      schema: { tags, summary: '重新打开已审批的工作总结（回到编辑中）', params: IdParams, body: Type.Object({ version: Version }) },
    },
    async (req) => reopenSummary(ctxOf(req), req.params.id, req.body),
  );

  app.delete(
    '/summaries/:id',
    {
      config: { access: 'summaries:write' },
      schema: {
        tags,
        summary: '删除从未提交过的草稿',
        params: IdParams,
        querystring: Type.Object({ version: Version }),
      },
    },
    async (req, reply) => {
      await deleteSummary(ctxOf(req), req.params.id, req.query.version);
      return reply.status(204).send();
    },
  );

  const ExportQuery = Type.Object({
    lang: Type.Optional(lit(['zh', 'en'] as const)),
    version: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  });
  const exportInput = async (
    req: { params: { id: string }; query: { lang?: SummaryLang; version?: number } },
    ctx: ReturnType<typeof ctxOf>,
  ) => {
    const lang = req.query.lang ?? 'zh';
    const [v, timeZone] = await Promise.all([summaryVersion(ctx, req.params.id, req.query.version), reportTimeZone(ctx)]);
    const input: SummaryExportInput = {
      summary: v.summary,
      versionNo: v.versionNo,
      body: v.body[lang],
      facts: v.facts,
      lang,
      timeZone,
      exportedAt: ctx.clock.now(),
      publicUrl: ctx.config.publicUrl,
    };
    const name = `${v.summary.title}-${v.summary.number}-第${v.versionNo}版${lang === 'en' ? '-EN' : ''}`;
    return { input, name };
  };

  app.get(
    '/summaries/:id/export.docx',
    {
      config: { access: 'reports:read' },
      schema: { tags, summary: '导出 Word（标题、表格、图表）', params: IdParams, querystring: ExportQuery },
    },
    async (req, reply) => {
      const { input, name } = await exportInput(req, ctxOf(req));
      return download(reply, DOCX, `${name}.docx`, await summaryDocx(input));
    },
  );

  app.get(
    '/summaries/:id/export.pdf',
    {
      config: { access: 'reports:read' },
      schema: { tags, summary: '导出 PDF（内嵌中文字体）', params: IdParams, querystring: ExportQuery },
    },
    async (req, reply) => {
      const { input, name } = await exportInput(req, ctxOf(req));
      return download(reply, 'application/pdf', `${name}.pdf`, await summaryPdf(input));
    },
  );

  app.get(
    '/summaries/:id/export.xlsx',
    {
      config: { access: 'reports:read' },
      schema: {
        tags,
        summary: '导出数据表（Excel：指标、合计、各场所、上期、去年同期、变化、口径、链接）',
        params: IdParams,
        querystring: ExportQuery,
      },
    },
    async (req, reply) => {
      const { input, name } = await exportInput(req, ctxOf(req));
      return download(reply, XLSX, `${name}-数据.xlsx`, await summaryFactsXlsx(input));
    },
  );
};
