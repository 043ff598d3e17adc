import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from 'typebox';
import {
  QUESTION_KINDS,
  type QuestionBankInput,
  SPOT_CHECK_STATUSES,
  type SpotCheckStatus,
  TRAINING_STATUSES,
  type TrainingStatus,
} from '../../../../contracts/training.js';
import { assertCan } from '../../platform/access/policy.js';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { readUpload, runImport, sendTemplate } from '../../platform/http/import.js';
import { FlagQuery, Id, IdParams, Nullable as NullableOf, optionalFlag, PageQueryProps, Version } from '../../platform/http/schemas.js';
import { dictionaryLabels } from '../system/index.js';
import { getAttempt, startAttempt, submitAttempt } from './attempts.service.js';
import { QUESTION_TEMPLATE, questionImportSpec } from './banks.import.js';
import { createBank, getBank, readableBank, searchBanks, setBankActive, updateBank } from './banks.service.js';
import { siteClock } from './common.js';
import { myTraining, personRecord } from './people.service.js';
import {
  cancelSession,
  checkIn,
  createSession,
  getSession,
  markSessionDone,
  searchSessions,
  sessionForCheckin,
  sessionQr,
  signInByHand,
  updateSession,
} from './sessions.service.js';
import { closeSpotCheck, createSpotCheck, getSpotCheck, searchSpotChecks } from './spotchecks.service.js';

const tags = ['training'];
const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Text = (max: number) => Type.String({ maxLength: max });
/** an optional field that may also be null (a type list, so null is not coerced into "" or 0) */
const Nullable = <T extends TSchema>(t: T) => Type.Optional(NullableOf(t));
const SiteIds = Type.Array(Id, { maxItems: 100, description: '场所（可重复；默认有权查看的全部场所）' });
const Instant = (description: string) => Type.String({ minLength: 1, maxLength: 40, description });
const Statuses = (values: readonly string[]) => Type.String({ maxLength: 100, description: `逗号分隔的状态：${values.join('、')}` });

export const SESSION_STATUS_LABELS: Record<TrainingStatus, string> = { planned: '未开始', done: '已完成', cancelled: '已取消' };
export const SPOT_CHECK_STATUS_LABELS: Record<SpotCheckStatus, string> = { open: '进行中', closed: '已截止' };

/** `a,b` → the known values among them */
function statusList<T extends string>(text: string | undefined, known: readonly T[]): T[] | undefined {
  if (!text) return undefined;
  return text.split(',').filter((s): s is T => (known as readonly string[]).includes(s));
}

const SessionBody = {
  siteId: Id,
  title: Type.String({ maxLength: 200 }),
  type: Type.String({ minLength: 1, maxLength: 50 }),
  trainerId: Nullable(Id),
  trainerName: Nullable(Text(100)),
  startsAt: Instant('开始时间，ISO 时间'),
  endsAt: Instant('结束时间，ISO 时间'),
  locationId: Nullable(Id),
  place: Nullable(Text(200)),
  description: Nullable(Text(4000)),
  inviteeIds: Type.Optional(Type.Array(Id, { maxItems: 1000, description: '受邀人员（不填：本场所人员均可签到）' })),
};

const Question = Type.Object({
  id: Type.Optional(Id),
  kind: lit(QUESTION_KINDS),
  text: Text(4000),
  options: Type.Array(Text(1000), { maxItems: 20 }),
  answer: Type.Array(Type.Integer({ minimum: 0, maximum: 100 }), { maxItems: 20 }),
  explanation: Nullable(Text(4000)),
});

const BankBody = {
  name: Type.String({ maxLength: 100 }),
  topic: Type.String({ minLength: 1, maxLength: 50 }),
  description: Nullable(Text(2000)),
  questions: Type.Array(Question, { maxItems: 1000 }),
};

const ImportQuery = Type.Object({
  dryRun: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1')])),
  mode: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('valid')])),
});

/** Training sessions with QR sign-in, question banks, knowledge spot checks and quizzes, a person's record. */
export const trainingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // ── sessions ────────────────────────────────────────────────────────────────
  app.get(
    '/training/sessions',
    {
      // readers of training records see their sites' sessions; attendees see theirs (decided in the service)
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '培训列表（本人可见：有权查看的场所的全部培训，以及本人受邀、已签到或本场所公开的培训）',
        querystring: Type.Object({
          ...PageQueryProps,
          siteId: Type.Optional(SiteIds),
          status: Type.Optional(Statuses(TRAINING_STATUSES)),
          type: Type.Optional(Text(50)),
          trainerId: Type.Optional(Id),
          // a department's attendance figure links here: the sessions its staff signed in to
          departmentId: Type.Optional(Id),
          from: Type.Optional(Instant('开始时间起（含），ISO 时间')),
          to: Type.Optional(Instant('开始时间止（不含），ISO 时间')),
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const filter = { ...req.query, status: statusList(req.query.status, TRAINING_STATUSES) };
      const [types, local] = await Promise.all([
        dictionaryLabels(ctx.db, ctx.actor.orgId, 'training_type'),
        siteClock(ctx.db, ctx.actor.orgId),
      ]);
      return sendList(reply, req.query, (q) => searchSessions(ctx, { ...filter, ...q }), {
        filename: '培训记录',
        sheet: '培训记录',
        columns: [
          { header: '编号', value: (r) => r.number },
          { header: '培训主题', value: (r) => r.title },
          { header: '场所', value: (r) => r.siteName },
          { header: '培训类型', value: (r) => types.get(r.type)?.zh ?? r.type },
          { header: '讲师', value: (r) => r.trainerName },
          { header: '开始时间', value: (r) => local(r.startsAt, r.siteId) },
          { header: '结束时间', value: (r) => local(r.endsAt, r.siteId) },
          { header: '地点', value: (r) => [r.locationPath, r.place].filter(Boolean).join(' ') },
          { header: '状态', value: (r) => SESSION_STATUS_LABELS[r.status] },
          { header: '受邀人数', value: (r) => r.invitedCount },
          { header: '签到人数', value: (r) => r.signedInCount },
          {
            header: '签到人员',
            value: (r) =>
              r.attendees
                .filter((a) => a.signedInAt)
                .map((a) => a.name)
                .join('、'),
          },
        ],
      });
    },
  );

  app.post(
    '/training/sessions',
    { config: { access: 'training:manage' }, schema: { tags, summary: '新建培训', body: Type.Object(SessionBody) } },
    async (req, reply) => {
      reply.status(201);
      return createSession(ctxOf(req), req.body);
    },
  );

  app.get(
    '/training/sessions/:id',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '培训详情（含受邀与签到人员、课件）', params: IdParams },
    },
    async (req) => getSession(ctxOf(req), req.params.id),
  );

  app.put(
    '/training/sessions/:id',
    {
      config: { access: 'training:manage' },
      schema: { tags, summary: '修改培训', params: IdParams, body: Type.Object({ ...SessionBody, version: Version }) },
    },
    async (req) => updateSession(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/training/sessions/:id/cancel',
    {
      config: { access: 'training:manage' },
      schema: { tags, summary: '取消培训', params: IdParams, body: Type.Object({ reason: Text(500), version: Version }) },
    },
    async (req) => cancelSession(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/training/sessions/:id/done',
    {
      config: { access: 'training:manage' },
      schema: {
        tags,
        summary: '标记培训已完成（提前结束时；到结束时间后自动视为完成）',
        params: IdParams,
        body: Type.Object({ version: Version }),
      },
    },
    async (req) => markSessionDone(ctxOf(req), req.params.id, req.body.version),
  );

  app.post(
    '/training/sessions/:id/attendees',
    {
      config: { access: 'training:manage' },
      schema: {
        tags,
        summary: '手工签到（补签）',
        params: IdParams,
        body: Type.Object({ userIds: Type.Array(Id, { maxItems: 1000 }), version: Version }),
      },
    },
    async (req) => signInByHand(ctxOf(req), req.params.id, req.body),
  );

  for (const format of ['svg', 'png'] as const) {
    app.get(
      `/training/sessions/:id/qr.${format}`,
      {
        config: { access: 'training:manage' },
        schema: {
          tags,
          summary: `签到二维码（${format.toUpperCase()}，内容为签到页网址）`,
          params: IdParams,
          querystring: Type.Object({ width: Type.Optional(Type.Integer({ minimum: 64, maximum: 1024, default: 512 })) }),
        },
      },
      async (req, reply) => {
        const image = await sessionQr(ctxOf(req), req.params.id, format, req.query.width ?? 512);
        return reply.type(image.type).header('cache-control', 'private, no-store').send(image.body);
      },
    );
  }

  app.get(
    '/training/checkin/:code',
    {
      config: { access: 'training:attend' },
      schema: {
        tags,
        summary: '签到码对应的培训（签到页在签到前展示；含本人能否签到、是否已签到）',
        params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) }),
      },
    },
    async (req) => sessionForCheckin(ctxOf(req), req.params.code),
  );

  app.post(
    '/training/checkin',
    {
      config: { access: 'training:attend' },
      schema: {
        tags,
        summary: '扫码签到（培训开始前 30 分钟至结束；重复签到不重复记录）',
        body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) }),
      },
    },
    async (req) => checkIn(ctxOf(req), req.body.code),
  );

  // ── question banks ──────────────────────────────────────────────────────────
  app.get(
    '/training/banks',
    {
      config: { access: 'training:manage' },
      schema: {
        tags,
        summary: '题库列表',
        querystring: Type.Object({ ...PageQueryProps, topic: Type.Optional(Text(50)), active: FlagQuery }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const filter = { ...req.query, active: optionalFlag(req.query.active) };
      const types = await dictionaryLabels(ctx.db, ctx.actor.orgId, 'training_type');
      return sendList(reply, req.query, (q) => searchBanks(ctx, { ...filter, ...q }), {
        filename: '题库',
        sheet: '题库',
        columns: [
          { header: '题库名称', value: (r) => r.name },
          { header: '主题', value: (r) => types.get(r.topic)?.zh ?? r.topic },
          { header: '题目数', value: (r) => r.questionCount },
          { header: '说明', value: (r) => r.description },
          { header: '启用', value: (r) => (r.active ? '是' : '否') },
        ],
      });
    },
  );

  app.post(
    '/training/banks',
    { config: { access: 'training:manage' }, schema: { tags, summary: '新建题库', body: Type.Object(BankBody) } },
    async (req, reply) => {
      reply.status(201);
      return createBank(ctxOf(req), req.body as QuestionBankInput);
    },
  );

  app.get(
    '/training/banks/import/template',
    { config: { access: 'training:manage' }, schema: { tags, summary: '题目导入模板' } },
    async (_req, reply) => sendTemplate(reply, QUESTION_TEMPLATE, '题目导入模板'),
  );

  app.get(
    '/training/banks/:id',
    { config: { access: 'training:manage' }, schema: { tags, summary: '题库（含题目与答案）', params: IdParams } },
    async (req) => getBank(ctxOf(req), req.params.id),
  );

  app.put(
    '/training/banks/:id',
    {
      config: { access: 'training:manage' },
      schema: { tags, summary: '修改题库（题目编号保留）', params: IdParams, body: Type.Object({ ...BankBody, version: Version }) },
    },
    async (req) => updateBank(ctxOf(req), req.params.id, req.body as QuestionBankInput & { version: number }),
  );

  app.post(
    '/training/banks/:id/active',
    {
      config: { access: 'training:manage' },
      schema: { tags, summary: '启用或停用题库', params: IdParams, body: Type.Object({ active: Type.Boolean(), version: Version }) },
    },
    async (req) => setBankActive(ctxOf(req), req.params.id, req.body.version, req.body.active),
  );

  app.post(
    '/training/banks/:id/import',
    {
      config: { access: 'training:manage' },
      schema: {
        tags,
        summary: '从 Excel 导入题目，追加到题库（dryRun=1 预览；mode=all 有错误则全部不导入，mode=valid 只导入无错误的行）',
        params: IdParams,
        querystring: ImportQuery,
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const bank = await readableBank(ctx, req.params.id);
      assertCan(ctx, 'training:manage', null);
      const upload = await readUpload(req);
      return runImport(ctx, questionImportSpec(bank), upload.data, req.query.dryRun !== '0', req.query.mode ?? 'all');
    },
  );

  // ── spot checks and quizzes ─────────────────────────────────────────────────
  app.get(
    '/training/spot-checks',
    {
      config: { access: 'safety:read' },
      schema: {
        tags,
        summary: '知识抽查列表',
        querystring: Type.Object({
          ...PageQueryProps,
          siteId: Type.Optional(SiteIds),
          status: Type.Optional(Statuses(SPOT_CHECK_STATUSES)),
          topic: Type.Optional(Text(50)),
          bankId: Type.Optional(Id),
          from: Type.Optional(Instant('发起时间起（含），ISO 时间')),
          to: Type.Optional(Instant('发起时间止（不含），ISO 时间')),
          submittedFrom: Type.Optional(Instant('有答卷提交于此时间起（含），ISO 时间')),
          submittedTo: Type.Optional(Instant('有答卷提交于此时间止（不含），ISO 时间')),
          // a department's answer figures link here: the checks its staff submitted answers to
          departmentId: Type.Optional(Id),
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const filter = { ...req.query, status: statusList(req.query.status, SPOT_CHECK_STATUSES) };
      const [types, local] = await Promise.all([
        dictionaryLabels(ctx.db, ctx.actor.orgId, 'training_type'),
        siteClock(ctx.db, ctx.actor.orgId),
      ]);
      return sendList(reply, req.query, (q) => searchSpotChecks(ctx, { ...filter, ...q }), {
        filename: '知识抽查',
        sheet: '知识抽查',
        columns: [
          { header: '编号', value: (r) => r.number },
          { header: '抽查名称', value: (r) => r.title },
          { header: '场所', value: (r) => r.siteName },
          { header: '题库', value: (r) => r.bankName },
          { header: '主题', value: (r) => types.get(r.topic)?.zh ?? r.topic },
          { header: '抽题数', value: (r) => r.questionCount },
          { header: '及格分', value: (r) => r.passMark },
          { header: '截止时间', value: (r) => local(r.dueAt, r.siteId) },
          { header: '状态', value: (r) => SPOT_CHECK_STATUS_LABELS[r.status] },
          { header: '应参加', value: (r) => r.participantCount },
          { header: '已答', value: (r) => r.takenCount },
          { header: '合格', value: (r) => r.passedCount },
          { header: '合格率（%）', value: (r) => r.passRate },
          { header: '平均分', value: (r) => r.averageScore },
          { header: '发起人', value: (r) => r.createdByName },
          { header: '发起时间', value: (r) => local(r.createdAt, r.siteId) },
        ],
      });
    },
  );

  app.post(
    '/training/spot-checks',
    {
      config: { access: 'training:manage' },
      schema: {
        tags,
        summary: '发起知识抽查',
        body: Type.Object({
          siteId: Id,
          title: Type.String({ maxLength: 200 }),
          bankId: Id,
          questionCount: Type.Integer({ minimum: -2_147_483_648, maximum: 2_147_483_647 }),
          passMark: Type.Integer({ minimum: -2_147_483_648, maximum: 2_147_483_647 }),
          dueAt: Instant('截止时间，ISO 时间'),
          participantIds: Type.Array(Id, { maxItems: 1000 }),
        }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return createSpotCheck(ctxOf(req), req.body);
    },
  );

  app.get(
    '/training/spot-checks/:id',
    { config: { access: 'safety:read' }, schema: { tags, summary: '知识抽查（含每人成绩）', params: IdParams } },
    async (req) => getSpotCheck(ctxOf(req), req.params.id),
  );

  app.post(
    '/training/spot-checks/:id/close',
    {
      config: { access: 'training:manage' },
      schema: { tags, summary: '提前结束知识抽查', params: IdParams, body: Type.Object({ version: Version }) },
    },
    async (req) => closeSpotCheck(ctxOf(req), req.params.id, req.body.version),
  );

  app.post(
    '/training/spot-checks/:id/attempt',
    {
      config: { access: 'training:attend' },
      schema: { tags, summary: '开始（或继续）答题：抽取题目，提交前不含答案', params: IdParams },
    },
    async (req, reply) => {
      const { attempt, created } = await startAttempt(ctxOf(req), req.params.id);
      reply.status(created ? 201 : 200);
      return attempt;
    },
  );

  app.get(
    '/training/attempts/:id',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '答卷（答题人本人或培训管理人员；提交后含答案与解析）', params: IdParams },
    },
    async (req) => getAttempt(ctxOf(req), req.params.id),
  );

  app.post(
    '/training/attempts/:id/submit',
    {
      config: { access: 'training:attend' },
      schema: {
        tags,
        summary: '提交答卷（须全部作答），即时评分',
        params: IdParams,
        body: Type.Object({
          answers: Type.Array(
            Type.Object({ questionId: Id, chosen: Type.Array(Type.Integer({ minimum: 0, maximum: 100 }), { maxItems: 20 }) }),
            { maxItems: 200 },
          ),
        }),
      },
    },
    async (req) => submitAttempt(ctxOf(req), req.params.id, req.body),
  );

  // ── people ──────────────────────────────────────────────────────────────────
  app.get(
    '/training/my',
    { config: { access: 'authenticated' }, schema: { tags, summary: '我的培训：今天及以后的培训、待参加的知识抽查' } },
    async (req) => myTraining(ctxOf(req)),
  );

  app.get(
    '/training/people/:userId',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '个人培训档案：培训签到、抽查成绩、礼仪检查（本人，或同场所的培训管理人员）',
        params: Type.Object({ userId: Id }),
      },
    },
    async (req) => personRecord(ctxOf(req), req.params.userId),
  );
};
