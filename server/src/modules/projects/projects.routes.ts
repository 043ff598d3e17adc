import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { FlagQuery, Id, IdParams, NullableInteger, optionalFlag, PageQueryProps, Version } from '../../platform/http/schemas.js';
import { applyProjectAction, projectUpdates, reportProgress } from './projects.actions.js';
import { createProject, getProject, searchProjects, updateProject } from './projects.service.js';
import { PROJECT_ACTIONS, PROJECT_STATUS_LABELS } from './projects.state.js';
import { projectFacts } from './projects.summary.js';
import { PROJECT_STATUSES, PROJECT_TYPE_LABELS, PROJECT_TYPES } from './schema.js';

const tags = ['projects'];
const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Text = (max: number) => Type.String({ maxLength: max });
const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Integer>>(t: T) =>
  Type.Optional(Type.Union([t, Type.Null()]));
/** `YYYY-MM-DD`; whether it is a real day is checked by the service with a Chinese message */
const Day = Type.String({ maxLength: 10, description: 'YYYY-MM-DD' });
const DayQuery = Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }));
/** money in fen and progress in percent: ranges are checked by the service so every problem is named in Chinese */
const Fen = Type.Integer();

const Fields = {
  locationId: Nullable(Id),
  description: Nullable(Text(2000)),
  budget: Type.Optional(Fen),
  contractor: Nullable(Text(100)),
  contractorContact: Nullable(Text(100)),
  managerId: Nullable(Id),
  plannedStart: Nullable(Day),
  plannedEnd: Nullable(Day),
};

const yuan = (fen: number | null) => (fen === null ? null : fen / 100);

/** Renovation and construction projects: reading needs projects:read on the site, changing projects:manage. */
export const projectRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/projects',
    {
      config: { access: 'projects:read' },
      schema: {
        tags,
        summary: '改造施工项目列表',
        querystring: Type.Object({
          ...PageQueryProps,
          siteId: Type.Optional(Type.Array(Id, { maxItems: 100 })),
          status: Type.Optional(lit(PROJECT_STATUSES)),
          type: Type.Optional(lit(PROJECT_TYPES)),
          managerId: Type.Optional(Id),
          locationId: Type.Optional(Id),
          plannedFrom: DayQuery,
          plannedTo: DayQuery,
          actualFrom: DayQuery,
          actualTo: DayQuery,
          startedFrom: DayQuery,
          startedTo: DayQuery,
          acceptedFrom: DayQuery,
          acceptedTo: DayQuery,
          dueFrom: DayQuery,
          dueTo: DayQuery,
          overdue: FlagQuery,
          late: FlagQuery,
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const filter = { ...req.query, overdue: optionalFlag(req.query.overdue), late: optionalFlag(req.query.late) };
      return sendList(reply, req.query, (q) => searchProjects(ctx, { ...filter, ...q }), {
        filename: '改造施工项目',
        sheet: '改造施工项目',
        columns: [
          { header: '项目编号', value: (r) => r.number },
          { header: '项目名称', value: (r) => r.name },
          { header: '类型', value: (r) => PROJECT_TYPE_LABELS[r.type] },
          { header: '场所', value: (r) => r.siteName },
          { header: '位置', value: (r) => r.locationPath },
          { header: '状态', value: (r) => PROJECT_STATUS_LABELS[r.status] },
          { header: '逾期', value: (r) => (r.overdue ? '是' : '否') },
          { header: '进度(%)', value: (r) => r.progress },
          { header: '预算(元)', value: (r) => yuan(r.budget) },
          { header: '实际费用(元)', value: (r) => yuan(r.actualCost) },
          { header: '施工单位', value: (r) => r.contractor },
          { header: '施工方联系人', value: (r) => r.contractorContact },
          { header: '负责人', value: (r) => r.managerName },
          { header: '计划开工', value: (r) => r.plannedStart },
          { header: '计划完工', value: (r) => r.plannedEnd },
          { header: '实际开工', value: (r) => r.actualStart },
          { header: '实际完工', value: (r) => r.actualEnd },
          { header: '验收日期', value: (r) => r.acceptedOn },
          { header: '验收人', value: (r) => r.acceptedByName },
          { header: '验收意见', value: (r) => r.acceptanceNote },
        ],
      });
    },
  );

  app.get(
    '/projects/facts',
    {
      config: { access: 'projects:read' },
      schema: {
        tags,
        summary: '项目统计（按场所与期间；合计为各场所之和）',
        querystring: Type.Object({
          from: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
          to: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
          siteId: Type.Optional(Type.Array(Id, { maxItems: 100 })),
        }),
      },
    },
    async (req) => projectFacts(ctxOf(req), { from: req.query.from, to: req.query.to, siteIds: req.query.siteId ?? null }),
  );

  app.get('/projects/:id', { config: { access: 'projects:read' }, schema: { tags, summary: '项目详情', params: IdParams } }, async (req) =>
    getProject(ctxOf(req), req.params.id),
  );

  app.post(
    '/projects',
    {
      config: { access: 'projects:manage' },
      schema: {
        tags,
        summary: '新建项目',
        body: Type.Object({ siteId: Id, name: Type.String({ minLength: 1, maxLength: 200 }), type: lit(PROJECT_TYPES), ...Fields }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return createProject(ctxOf(req), req.body);
    },
  );

  app.patch(
    '/projects/:id',
    {
      config: { access: 'projects:manage' },
      schema: {
        tags,
        summary: '修改项目',
        params: IdParams,
        body: Type.Object({
          version: Version,
          siteId: Type.Optional(Id),
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          type: Type.Optional(lit(PROJECT_TYPES)),
          ...Fields,
          actualStart: Nullable(Day),
          actualEnd: Nullable(Day),
          actualCost: Type.Optional(NullableInteger()),
          progress: Type.Optional(Type.Integer()),
        }),
      },
    },
    async (req) => updateProject(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/projects/:id/actions/:action',
    {
      config: { access: 'projects:manage' },
      schema: {
        tags,
        summary: '项目状态变更：开工、暂停、复工、提交验收、验收通过、验收不通过、取消',
        params: Type.Object({ id: Id, action: lit(PROJECT_ACTIONS) }),
        body: Type.Object({
          version: Version,
          reason: Nullable(Text(1000)),
          note: Nullable(Text(2000)),
          actualStart: Nullable(Day),
          actualEnd: Nullable(Day),
          actualCost: Type.Optional(NullableInteger()),
        }),
      },
    },
    async (req) => applyProjectAction(ctxOf(req), req.params.id, req.params.action, req.body),
  );

  app.get(
    '/projects/:id/updates',
    { config: { access: 'projects:read' }, schema: { tags, summary: '项目进展记录（最新在前）', params: IdParams } },
    async (req) => projectUpdates(ctxOf(req), req.params.id),
  );

  app.post(
    '/projects/:id/updates',
    {
      // the project's own 负责人 may report without projects:manage; the service decides
      config: { access: 'projects:read' },
      schema: {
        tags,
        summary: '登记项目进度',
        params: IdParams,
        body: Type.Object({ version: Version, progress: Type.Integer(), note: Nullable(Text(2000)) }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return reportProgress(ctxOf(req), req.params.id, req.body);
    },
  );
};
