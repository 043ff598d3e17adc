import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { AppError } from '../../platform/http/errors.js';
import { sendList } from '../../platform/http/export.js';
import { FlagQuery, Id, IdParams, optionalFlag, PageQueryProps, Version } from '../../platform/http/schemas.js';
import { sendPdf } from '../../platform/print/pdf.js';
import { getChargeRules, putChargeRules } from './charges.service.js';
import {
  addCounterMembers,
  createCounter,
  getCounter,
  removeCounterMember,
  searchCounters,
  setCounterActive,
  updateCounter,
} from './counters.service.js';
import { CHARGE_SUPPLIERS } from './schema.js';
import { statementPdf, statementXlsx } from './statement.print.js';
import { counterStatement } from './statement.service.js';

const tags = ['counters'];
const Text = (max: number) => Type.String({ maxLength: max });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));
const Code = Type.String({ minLength: 1, maxLength: 40 });
const Name = Type.String({ minLength: 1, maxLength: 100 });

/**
 * Vendor counters (专柜): reading needs counters:read on the site — or being one of the
 * counter's staff, who see their own counter and its statements; changing needs
 * counters:manage on the site.
 */
export const counterRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/counters',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '专柜列表（有查看权限的场所，或本人所在专柜）',
        querystring: Type.Object({ ...PageQueryProps, siteId: Type.Optional(Id), active: FlagQuery, mine: FlagQuery }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      // converted flags must win over the raw query sendList hands back with each page
      const filter = { ...req.query, active: optionalFlag(req.query.active), mine: optionalFlag(req.query.mine) };
      return sendList(reply, req.query, (q) => searchCounters(ctx, { ...filter, cursor: q.cursor, limit: q.limit }), {
        filename: '专柜',
        sheet: '专柜',
        columns: [
          { header: '编码', value: (r) => r.code },
          { header: '名称', value: (r) => r.name },
          { header: '场所', value: (r) => r.siteName },
          { header: '位置', value: (r) => r.locationPath },
          { header: '联系人', value: (r) => r.contactName },
          { header: '联系电话', value: (r) => r.contactPhone },
          { header: '专柜人员', value: (r) => r.members.map((m) => m.name).join('、') },
          { header: '未关闭整改通知', value: (r) => r.openNotices },
          { header: '状态', value: (r) => (r.active ? '启用' : '停用') },
          { header: '备注', value: (r) => r.notes },
        ],
      });
    },
  );

  app.get('/counters/:id', { config: { access: 'authenticated' }, schema: { tags, summary: '专柜详情', params: IdParams } }, async (req) =>
    getCounter(ctxOf(req), req.params.id),
  );

  const Fields = {
    locationId: Type.Optional(Type.Union([Id, Type.Null()])),
    contactName: Nullable(Text(50)),
    contactPhone: Nullable(Text(20)),
    notes: Nullable(Text(500)),
  };

  app.post(
    '/counters',
    {
      config: { access: 'counters:manage' },
      schema: { tags, summary: '新建专柜', body: Type.Object({ siteId: Id, code: Code, name: Name, ...Fields }) },
    },
    async (req, reply) => {
      reply.status(201);
      return createCounter(ctxOf(req), req.body);
    },
  );

  app.patch(
    '/counters/:id',
    {
      config: { access: 'counters:manage' },
      schema: {
        tags,
        summary: '修改专柜',
        params: IdParams,
        body: Type.Object({ version: Version, code: Type.Optional(Code), name: Type.Optional(Name), ...Fields }),
      },
    },
    async (req) => updateCounter(ctxOf(req), req.params.id, req.body),
  );

  for (const [path, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    app.post(
      `/counters/:id/${path}`,
      {
        config: { access: 'counters:manage' },
        schema: { tags, summary: active ? '启用专柜' : '停用专柜', params: IdParams, body: Type.Object({ version: Version }) },
      },
      async (req) => setCounterActive(ctxOf(req), req.params.id, req.body.version, active),
    );
  }

  app.post(
    '/counters/:id/members',
    {
      config: { access: 'counters:manage' },
      schema: {
        tags,
        summary: '添加专柜人员（可登录查看本专柜的整改通知、工单和对账单）',
        params: IdParams,
        body: Type.Object({ userIds: Type.Array(Id, { maxItems: 100 }) }),
      },
    },
    async (req) => addCounterMembers(ctxOf(req), req.params.id, req.body.userIds),
  );

  app.delete(
    '/counters/:id/members/:userId',
    {
      config: { access: 'counters:manage' },
      schema: { tags, summary: '移除专柜人员', params: Type.Object({ id: Id, userId: Id }) },
    },
    async (req) => removeCounterMember(ctxOf(req), req.params.id, req.params.userId),
  );

  app.get(
    '/counters/:id/statements/:month',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '月度对账单（YYYY-MM；加 .pdf 或 .xlsx 下载）',
        params: Type.Object({ id: Id, month: Type.String({ pattern: '^\\d{4}-\\d{2}(\\.(pdf|xlsx))?$', maxLength: 12 }) }),
      },
    },
    async (req, reply) => {
      const [month, ext] = req.params.month.split('.') as [string, string | undefined];
      const statement = await counterStatement(ctxOf(req), req.params.id, month);
      const filename = `${statement.counter.name}-${month}-对账单`;
      if (ext === 'pdf') return sendPdf(reply, statementPdf(statement), `${filename}.pdf`);
      if (ext === 'xlsx') {
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}.xlsx`)
          .send(await statementXlsx(statement));
      }
      if (ext !== undefined) throw new AppError('NOT_FOUND', '不支持的格式');
      return statement;
    },
  );

  const Rule = Type.Object({
    supplier: Type.Union(CHARGE_SUPPLIERS.map((s) => Type.Literal(s))),
    chargeMaterials: Type.Boolean(),
    chargeLabour: Type.Boolean(),
    labourRate: Type.Integer({ minimum: 0, description: '工时费，分/小时' }),
    // int4 on PostgreSQL, and saving writes version + 1 (as Version in platform/http/schemas.ts)
    version: Type.Integer({ minimum: 0, maximum: 2_147_483_646, description: '0 = 仍为内置默认规则' }),
  });

  app.get(
    '/counter-charge-rules',
    { config: { access: 'authenticated' }, schema: { tags, summary: '专柜收费规则（按材料提供方）' } },
    async (req) => getChargeRules(ctxOf(req)),
  );

  app.put(
    '/counter-charge-rules',
    {
      config: { access: 'counters:manage' },
      schema: {
        tags,
        summary: '修改专柜收费规则（需全部场所的专柜管理权限）',
        body: Type.Object({ rules: Type.Array(Rule, { minItems: 1, maxItems: 2 }) }),
      },
    },
    async (req) => putChargeRules(ctxOf(req), req.body.rules),
  );
};
