import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from 'typebox';
import { ACTION_KINDS, ACTION_OWNER_TYPES, ACTION_STATUSES, type ActionStatus, type ActionStep } from '../../../../contracts/actions.js';
import { ACTION_KIND_LABELS, ACTION_OWNER_LABELS, ACTION_STATUS_LABELS } from '../../platform/actions/index.js';
import type { Ctx } from '../../platform/context.js';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { FlagQuery, Id, IdParams, Nullable as NullableOf, optionalFlag, PageQueryProps, Version } from '../../platform/http/schemas.js';
import { DEFAULT_TIME_ZONE, formatZoned } from '../../platform/numbering/time.js';
import { actOnActionItem, addActionItem, getActionItem, searchActionItems, updateActionItem } from './actions.service.js';

const tags = ['safety'];
const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Text = (max: number) => Type.String({ maxLength: max });
/** an optional field that may also be null (a type list, so null is not coerced into "" or 0) */
const Nullable = <T extends TSchema>(t: T) => Type.Optional(NullableOf(t));
/** a local calendar day, compared as text with the stored due dates */
const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });
/** compared with a timestamp column: an ISO instant, or PostgreSQL refuses what SQLite would compare as text */
const TimeFilter = Type.String({ maxLength: 40, format: 'date-time' });

const ItemFields = {
  kind: lit(ACTION_KINDS),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Nullable(Text(2000)),
  assigneeId: Id,
  // checked by the service (a real day, not before the site's today), with a Chinese message
  dueDate: Text(20),
  verifierId: Nullable(Id),
};

/** Local `YYYY-MM-DD HH:mm` of an instant at its site, for the spreadsheet. */
async function siteClock(ctx: Ctx): Promise<(iso: string | null, siteId: string) => string | null> {
  const rows = await ctx.db.selectFrom('sites').select(['id', 'timezone']).where('org_id', '=', ctx.actor.orgId).execute();
  const zones = new Map(rows.map((s) => [s.id, s.timezone]));
  return (iso, siteId) => (iso ? formatZoned(new Date(iso), zones.get(siteId) ?? DEFAULT_TIME_ZONE) : null);
}

const STEP_SUMMARIES: Record<ActionStep, string> = {
  submit: '提交整改措施的落实情况（证据先上传为 action_item 附件；须填写说明）',
  verify: '验证通过（须有整改措施验证权限，且不是提交人）',
  reject: '验证不通过，退回责任人重新落实（须填写原因）',
  cancel: '取消整改措施（该记录的管理人员；须填写原因）',
};

/** Action items (整改措施) of incidents and drills: list, detail, add, edit, and their steps. */
export const actionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/actions',
    {
      // safety:read on a site, or the items one must carry out or verify: the service decides
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '整改措施列表（有安全查看权限的场所，以及本人负责或验证的措施）',
        querystring: Type.Object({
          ...PageQueryProps,
          siteId: Type.Optional(Type.Array(Id, { maxItems: 100 })),
          ownerType: Type.Optional(lit(ACTION_OWNER_TYPES)),
          ownerId: Type.Optional(Id),
          status: Type.Optional(Type.Array(Text(200), { maxItems: 10, description: '可重复，或逗号分隔' })),
          kind: Type.Optional(lit(ACTION_KINDS)),
          assignee: Type.Optional(Type.Literal('me')),
          assigneeId: Type.Optional(Id),
          verifierId: Type.Optional(Id),
          overdue: FlagQuery,
          onTime: FlagQuery,
          dueFrom: Type.Optional(LocalDate),
          dueTo: Type.Optional(LocalDate),
          from: Type.Optional(TimeFilter),
          to: Type.Optional(TimeFilter),
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const { assignee, ...rest } = req.query;
      const status = req.query.status
        ?.flatMap((s) => s.split(','))
        .filter((s): s is ActionStatus => (ACTION_STATUSES as readonly string[]).includes(s));
      const filter = {
        ...rest,
        status,
        // assignee=me of a token without a user matches nothing rather than everything
        assigneeId: assignee === 'me' ? (ctx.actor.userId ?? '') : rest.assigneeId,
        overdue: optionalFlag(req.query.overdue),
        onTime: optionalFlag(req.query.onTime),
      };
      const local = await siteClock(ctx);
      return sendList(reply, req.query, (q) => searchActionItems(ctx, { ...filter, ...q }), {
        filename: '整改措施',
        sheet: '整改措施',
        columns: [
          { header: '编号', value: (r) => r.number },
          { header: '场所', value: (r) => r.siteName },
          { header: '来源', value: (r) => `${ACTION_OWNER_LABELS[r.ownerType]} ${r.ownerNumber}` },
          { header: '来源标题', value: (r) => r.ownerTitle },
          { header: '措施类型', value: (r) => ACTION_KIND_LABELS[r.kind] },
          { header: '措施内容', value: (r) => r.title },
          { header: '说明', value: (r) => r.description },
          { header: '责任人', value: (r) => r.assigneeName },
          { header: '完成期限', value: (r) => r.dueDate },
          { header: '指定验证人', value: (r) => r.verifierName },
          { header: '状态', value: (r) => ACTION_STATUS_LABELS[r.status] },
          { header: '逾期', value: (r) => (r.overdue ? '是' : '否') },
          { header: '落实情况', value: (r) => r.evidenceNote },
          { header: '证据文件', value: (r) => r.evidenceIds.length },
          { header: '提交时间', value: (r) => local(r.submittedAt, r.siteId) },
          { header: '提交人', value: (r) => r.submittedByName },
          { header: '验证时间', value: (r) => local(r.verifiedAt, r.siteId) },
          { header: '验证人', value: (r) => r.verifiedByName },
          { header: '验证意见', value: (r) => r.verifyNote },
          { header: '按期完成', value: (r) => (r.onTime === null ? null : r.onTime ? '是' : '否') },
          { header: '验证不通过次数', value: (r) => r.rejectCount },
          { header: '最近不通过原因', value: (r) => r.rejectReason },
          { header: '取消原因', value: (r) => r.cancelReason },
        ],
      });
    },
  );

  app.get(
    '/actions/:id',
    { config: { access: 'authenticated' }, schema: { tags, summary: '整改措施详情', params: IdParams } },
    async (req) => getActionItem(ctxOf(req), req.params.id),
  );

  app.post(
    '/actions',
    {
      // the owner (incident, drill) decides who may add its items
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '为意外事件或演练添加整改措施（纠正、预防、改进措施）',
        body: Type.Object({ ownerType: lit(ACTION_OWNER_TYPES), ownerId: Id, ...ItemFields }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return addActionItem(ctxOf(req), req.body);
    },
  );

  app.put(
    '/actions/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '修改整改措施（待落实时；该记录的管理人员）',
        params: IdParams,
        body: Type.Object({
          kind: Type.Optional(ItemFields.kind),
          title: Type.Optional(ItemFields.title),
          description: ItemFields.description,
          assigneeId: Type.Optional(Id),
          dueDate: Type.Optional(ItemFields.dueDate),
          verifierId: ItemFields.verifierId,
          version: Version,
        }),
      },
    },
    async (req) => updateActionItem(ctxOf(req), req.params.id, req.body),
  );

  // the text is checked by the service (a Chinese message naming the field), so a body with only the version reaches the record checks
  const NoteBody = Type.Object({ note: Nullable(Text(1000)), version: Version });
  const ReasonBody = Type.Object({ reason: Nullable(Text(1000)), version: Version });
  for (const step of ['submit', 'verify'] as const) {
    app.post(
      `/actions/:id/${step}`,
      { config: { access: 'authenticated' }, schema: { tags, summary: STEP_SUMMARIES[step], params: IdParams, body: NoteBody } },
      async (req) => actOnActionItem(ctxOf(req), req.params.id, step, req.body),
    );
  }
  for (const step of ['reject', 'cancel'] as const) {
    app.post(
      `/actions/:id/${step}`,
      { config: { access: 'authenticated' }, schema: { tags, summary: STEP_SUMMARIES[step], params: IdParams, body: ReasonBody } },
      async (req) => actOnActionItem(ctxOf(req), req.params.id, step, req.body),
    );
  }
};
