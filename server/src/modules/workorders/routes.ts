import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  CAUSES,
  CHANNELS,
  PAUSE_REASONS,
  WORK_ORDER_ACTIONS,
  WORK_ORDER_KINDS,
  WORK_ORDER_STATUSES,
  type WorkOrderStatus,
} from '../../../../contracts/workorders.js';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { FlagQuery, Id, IdParams, optionalFlag, PageQueryProps, Version } from '../../platform/http/schemas.js';
import { act } from './actions.js';
import { editWorkOrder, takeOwnership } from './edit.js';
import { createWorkOrder, getWorkOrder, searchWorkOrders, workOrderEvents } from './service.js';
import { STATUS_LABELS } from './state.js';

const tags = ['workorders'];
const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));
const Text = (max: number) => Type.String({ maxLength: max });
const Time = Type.String({ maxLength: 40 });
/** a list filter compared with a timestamp column: an ISO instant, or PostgreSQL refuses it where SQLite would compare text */
const TimeFilter = Type.String({ maxLength: 40, format: 'date-time' });

const CHANNEL_LABELS: Record<string, string> = {
  qr: '扫码',
  web: '网页',
  phone: '电话',
  hotline: '24小时热线',
  walk_in: '现场',
  patrol: '巡检',
  maintenance: '保养',
  counter: '专柜',
};

const Intake = {
  siteId: Id,
  locationId: Nullable(Id),
  assetId: Nullable(Id),
  category: Type.String({ minLength: 1, maxLength: 40 }),
  urgency: Type.String({ minLength: 1, maxLength: 40 }),
  description: Type.String({ minLength: 1, maxLength: 1000 }),
  appointmentAt: Nullable(Time),
  requesterName: Nullable(Text(50)),
  requesterPhone: Nullable(Text(20)),
  requesterDepartment: Nullable(Text(100)),
  counterId: Nullable(Id),
};

export const workOrderRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/work-orders',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '维修工单列表（本人报修、本人专柜、或有查看权限的场所）',
        querystring: Type.Object({
          ...PageQueryProps,
          siteId: Type.Optional(Id),
          status: Type.Optional(Type.String({ maxLength: 200, description: '逗号分隔的状态' })),
          kind: Type.Optional(lit(WORK_ORDER_KINDS)),
          channel: Type.Optional(lit(CHANNELS)),
          category: Type.Optional(Text(40)),
          urgency: Type.Optional(Text(40)),
          assigneeId: Type.Optional(Id),
          // the measures' department scope links here: orders whose assignee is on the department's staff
          assigneeDepartmentId: Type.Optional(Id),
          teamId: Type.Optional(Id),
          ownerId: Type.Optional(Id),
          requesterId: Type.Optional(Id),
          counterId: Type.Optional(Id),
          assetId: Type.Optional(Id),
          locationId: Type.Optional(Id),
          inPool: FlagQuery,
          overdue: FlagQuery,
          createdFrom: Type.Optional(TimeFilter),
          createdTo: Type.Optional(TimeFilter),
          resolvedFrom: Type.Optional(TimeFilter),
          resolvedTo: Type.Optional(TimeFilter),
          ratedFrom: Type.Optional(TimeFilter),
          ratedTo: Type.Optional(TimeFilter),
          workedFrom: Type.Optional(TimeFilter),
          workedTo: Type.Optional(TimeFilter),
          reworked: FlagQuery,
          hasAsset: FlagQuery,
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const status = req.query.status
        ?.split(',')
        .filter((s): s is WorkOrderStatus => (WORK_ORDER_STATUSES as readonly string[]).includes(s));
      const filter = {
        ...req.query,
        status,
        inPool: optionalFlag(req.query.inPool),
        overdue: optionalFlag(req.query.overdue),
        reworked: optionalFlag(req.query.reworked),
        hasAsset: optionalFlag(req.query.hasAsset),
      };
      return sendList(reply, filter, (q) => searchWorkOrders(ctx, { ...filter, ...q }), {
        filename: '维修工单',
        sheet: '维修工单',
        columns: [
          { header: '工单号', value: (r) => r.number },
          { header: '场所', value: (r) => r.siteName },
          { header: '渠道', value: (r) => CHANNEL_LABELS[r.channel] },
          { header: '类别', value: (r) => r.category },
          { header: '紧急程度', value: (r) => r.urgency },
          { header: '位置', value: (r) => r.locationPath },
          { header: '设备', value: (r) => (r.assetCode ? `${r.assetCode} ${r.assetName}` : null) },
          { header: '故障描述', value: (r) => r.description },
          { header: '报修人', value: (r) => r.requesterName },
          { header: '电话', value: (r) => r.requesterPhone },
          { header: '状态', value: (r) => STATUS_LABELS[r.status] },
          { header: '首问负责人', value: (r) => r.ownerName },
          { header: '班组', value: (r) => r.teamName },
          { header: '维修人', value: (r) => r.assigneeName },
          { header: '报修时间', value: (r) => r.createdAt },
          { header: '派单时间', value: (r) => r.dispatchedAt },
          { header: '接单时间', value: (r) => r.acceptedAt },
          { header: '到场时间', value: (r) => r.arrivedAt },
          { header: '完工时间', value: (r) => r.resolvedAt },
          { header: '验收时间', value: (r) => r.completedAt },
          { header: '返修次数', value: (r) => r.reworkCount },
          { header: '态度', value: (r) => r.ratingAttitude },
          { header: '质量', value: (r) => r.ratingQuality },
          { header: '效率', value: (r) => r.ratingEfficiency },
        ],
      });
    },
  );

  app.post(
    '/work-orders',
    {
      config: { access: 'workorders:report' },
      schema: {
        tags,
        summary: '报修（本人网页报修，或客服登记电话/热线/现场报修）',
        body: Type.Object({ ...Intake, channel: Type.Optional(lit(CHANNELS)) }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return createWorkOrder(ctxOf(req), req.body);
    },
  );

  app.get(
    '/work-orders/:id',
    { config: { access: 'authenticated' }, schema: { tags, summary: '工单详情', params: IdParams } },
    async (req) => getWorkOrder(ctxOf(req), req.params.id),
  );

  app.get(
    '/work-orders/:id/events',
    { config: { access: 'authenticated' }, schema: { tags, summary: '工单流转记录（每一步的时间、人、原因）', params: IdParams } },
    async (req) => workOrderEvents(ctxOf(req), req.params.id),
  );

  app.patch(
    '/work-orders/:id',
    {
      config: { access: 'workorders:dispatch' },
      schema: {
        tags,
        summary: '修改报修内容（未关闭的工单）',
        params: IdParams,
        body: Type.Object({
          version: Version,
          category: Type.Optional(Intake.category),
          urgency: Type.Optional(Intake.urgency),
          locationId: Intake.locationId,
          assetId: Intake.assetId,
          description: Type.Optional(Intake.description),
          appointmentAt: Intake.appointmentAt,
          requesterName: Intake.requesterName,
          requesterPhone: Intake.requesterPhone,
          requesterDepartment: Intake.requesterDepartment,
        }),
      },
    },
    async (req) => editWorkOrder(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/work-orders/:id/take',
    {
      config: { access: 'workorders:dispatch' },
      schema: { tags, summary: '受理（首问负责）', params: IdParams, body: Type.Object({ version: Version }) },
    },
    async (req) => takeOwnership(ctxOf(req), req.params.id, req.body.version),
  );

  app.post(
    '/work-orders/:id/actions/:action',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '工单流转：派单、抢单、接单、到场、开始、暂停、完工、验收、评价、重开、取消……',
        params: Type.Object({ id: Id, action: lit(WORK_ORDER_ACTIONS) }),
        body: Type.Object({
          version: Version,
          reason: Nullable(Text(500)),
          assigneeId: Nullable(Id),
          teamId: Nullable(Id),
          pauseReason: Type.Optional(Type.Union([lit(PAUSE_REASONS), Type.Null()])),
          cause: Type.Optional(Type.Union([lit(CAUSES), Type.Null()])),
          result: Nullable(Text(1000)),
          ratingAttitude: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
          ratingQuality: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
          ratingEfficiency: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
          comment: Nullable(Text(500)),
        }),
      },
    },
    async (req) => act(ctxOf(req), req.params.id, req.params.action, req.body),
  );
};
