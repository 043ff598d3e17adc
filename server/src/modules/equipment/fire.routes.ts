import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { FlagQuery, Id, IdParams, NullableInteger, optionalFlag, PageQueryProps, Version } from '../../platform/http/schemas.js';
import { FIRE_DUE_KINDS, FIRE_STATE_LABELS, FIRE_STATES } from './fire.dates.js';
import { fireEquipment, pageFireEquipment } from './fire.equipment.js';
import { createFireRule, getFireRule, searchFireRules, setFireRuleActive, toFireRuleDto, updateFireRule } from './fire.rules.js';
import {
  FIRE_SERVICE_KIND_LABELS,
  FIRE_SERVICE_KINDS,
  type FireServiceKind,
  recordCheck,
  recordService,
  searchChecks,
  searchServices,
} from './fire.service.js';
import { fireTimelineSource } from './fire.timeline.js';
import { ASSET_STATUSES } from './schema.js';
import { registerAssetTimelineSource } from './timeline.service.js';

const tags = ['equipment'];
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Years = NullableInteger({ minimum: 0, maximum: 50 });
const Text = (max: number) => Type.Optional(Type.Union([Type.String({ maxLength: max }), Type.Null()]));
const RuleBody = {
  code: Type.String({ minLength: 1, maxLength: 32, pattern: '^[a-z0-9_]+$' }),
  name: Type.String({ minLength: 1, maxLength: 60 }),
  nameEn: Type.String({ minLength: 1, maxLength: 60 }),
  checkIntervalDays: Type.Integer({ minimum: 1, maximum: 366 }),
  firstServiceYears: Type.Optional(Years),
  serviceIntervalYears: Type.Optional(Years),
  scrapYears: Type.Optional(Years),
};
const RecordQuery = {
  ...PageQueryProps,
  assetId: Type.Optional(Id),
  siteId: Type.Optional(Id),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
};
const yesNo = (v: boolean | null) => (v === null ? '' : v ? '正常' : '异常');

/** Portable fire equipment (消防器材): kinds and their ages, monthly checks, services, the ledger. */
export const fireRoutes: FastifyPluginAsyncTypebox = async (app) => {
  registerAssetTimelineSource('fire', fireTimelineSource);
  app.get(
    '/fire-rules',
    {
      config: { access: 'assets:read' },
      schema: { tags, summary: '消防器材类型与年限规则', querystring: Type.Object({ ...PageQueryProps, active: FlagQuery }) },
    },
    async (req) => {
      const { active, format: _format, ...rest } = req.query;
      return searchFireRules(ctxOf(req), { ...rest, active: optionalFlag(active) });
    },
  );

  app.get('/fire-rules/:id', { config: { access: 'assets:read' }, schema: { tags, params: IdParams } }, async (req) =>
    toFireRuleDto(await getFireRule(ctxOf(req), req.params.id)),
  );

  app.post(
    '/fire-rules',
    { config: { access: 'fire:manage' }, schema: { tags, summary: '新增消防器材类型', body: Type.Object(RuleBody) } },
    async (req, reply) => {
      reply.status(201);
      return toFireRuleDto(await createFireRule(ctxOf(req), req.body));
    },
  );

  app.patch(
    '/fire-rules/:id',
    {
      config: { access: 'fire:manage' },
      schema: { tags, params: IdParams, body: Type.Object({ ...Type.Partial(Type.Object(RuleBody)).properties, version: Version }) },
    },
    async (req) => {
      const { version, ...input } = req.body;
      return toFireRuleDto(await updateFireRule(ctxOf(req), req.params.id, version, input));
    },
  );

  for (const [action, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    app.post(
      `/fire-rules/:id/${action}`,
      { config: { access: 'fire:manage' }, schema: { tags, params: IdParams, body: Type.Object({ version: Version }) } },
      async (req) => toFireRuleDto(await setFireRuleActive(ctxOf(req), req.params.id, req.body.version, active)),
    );
  }

  app.post(
    '/fire-checks',
    {
      config: { access: 'fire:check' },
      schema: {
        tags,
        summary: '登记月检（在位、压力表、铅封）',
        body: Type.Object({
          assetId: Id,
          present: Type.Boolean(),
          gaugeOk: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
          sealOk: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
          note: Text(500),
        }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return recordCheck(ctxOf(req), req.body);
    },
  );

  app.get(
    '/fire-checks',
    {
      config: { access: 'assets:read' },
      schema: { tags, summary: '月检记录', querystring: Type.Object({ ...RecordQuery, usable: FlagQuery }) },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const { usable, ...rest } = req.query;
      const filter = { ...rest, usable: optionalFlag(usable) };
      return sendList(reply, filter, (q) => searchChecks(ctx, { ...filter, ...q }), {
        filename: '消防器材月检记录',
        sheet: '月检记录',
        columns: [
          { header: '检查时间', value: (r) => r.checkedAt },
          { header: '器材编码', value: (r) => r.assetCode },
          { header: '器材名称', value: (r) => r.assetName },
          { header: '位置', value: (r) => r.locationPath ?? r.siteName },
          { header: '在位', value: (r) => (r.present ? '在位' : '缺失') },
          { header: '压力表', value: (r) => yesNo(r.gaugeOk) },
          { header: '铅封', value: (r) => yesNo(r.sealOk) },
          { header: '可使用', value: (r) => (r.usable ? '是' : '否') },
          { header: '检查人', value: (r) => r.checkedByName },
          { header: '备注', value: (r) => r.note },
        ],
      });
    },
  );

  app.post(
    '/fire-services',
    {
      config: { access: 'fire:check' },
      schema: {
        tags,
        summary: '登记维保 / 检测 / 更换',
        body: Type.Object({
          assetId: Id,
          servicedOn: Day,
          kind: Type.Union(FIRE_SERVICE_KINDS.map((k) => Type.Literal(k))),
          vendor: Text(100),
          note: Text(500),
          productionDate: Type.Optional(Type.Union([Day, Type.Null()])),
        }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return recordService(ctxOf(req), req.body);
    },
  );

  app.get(
    '/fire-services',
    { config: { access: 'assets:read' }, schema: { tags, summary: '维保记录', querystring: Type.Object(RecordQuery) } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      return sendList(reply, req.query, (q) => searchServices(ctx, { ...req.query, ...q }), {
        filename: '消防器材维保记录',
        sheet: '维保记录',
        columns: [
          { header: '日期', value: (r) => r.servicedOn },
          { header: '器材编码', value: (r) => r.assetCode },
          { header: '器材名称', value: (r) => r.assetName },
          { header: '场所', value: (r) => r.siteName },
          { header: '类型', value: (r) => FIRE_SERVICE_KIND_LABELS[r.kind as FireServiceKind] ?? r.kind },
          { header: '维保单位', value: (r) => r.vendor },
          { header: '备注', value: (r) => r.note },
          { header: '登记人', value: (r) => r.createdByName },
        ],
      });
    },
  );

  app.get(
    '/fire-equipment',
    {
      config: { access: 'assets:read' },
      schema: {
        tags,
        summary: '消防器材台账与到期清单',
        querystring: Type.Object({
          ...PageQueryProps,
          siteId: Type.Optional(Id),
          locationId: Type.Optional(Id),
          ruleId: Type.Optional(Id),
          status: Type.Optional(
            Type.Union([
              Type.Array(Type.Union(ASSET_STATUSES.map((s) => Type.Literal(s)))),
              Type.Union(ASSET_STATUSES.map((s) => Type.Literal(s))),
            ]),
          ),
          due: Type.Optional(Type.Union(FIRE_DUE_KINDS.map((k) => Type.Literal(k)))),
          within: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
          state: Type.Optional(Type.Union(FIRE_STATES.map((s) => Type.Literal(s)))),
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const { status, ...rest } = req.query;
      const filter = { ...rest, status: status === undefined ? undefined : Array.isArray(status) ? status : [status] };
      const all = await fireEquipment(ctx, filter);
      return sendList(reply, filter, (q) => pageFireEquipment(ctx, all, { ...filter, ...q }), {
        filename: '灭火器台账',
        sheet: '灭火器台账',
        columns: [
          { header: '器材编码', value: (r) => r.code },
          { header: '器材名称', value: (r) => r.name },
          { header: '类型', value: (r) => r.ruleName },
          { header: '位置', value: (r) => r.locationPath ?? r.siteName },
          { header: '生产日期', value: (r) => r.productionDate },
          { header: '上次检查', value: (r) => r.lastCheckOn },
          { header: '压力表', value: (r) => yesNo(r.lastCheckGaugeOk) },
          { header: '铅封', value: (r) => yesNo(r.lastCheckSealOk) },
          { header: '下次检查', value: (r) => r.nextCheckDue },
          { header: '上次维保', value: (r) => r.lastServiceOn },
          { header: '下次维保', value: (r) => r.nextServiceDue },
          { header: '报废日期', value: (r) => r.scrapDate },
          { header: '状态', value: (r) => FIRE_STATE_LABELS[r.state] },
        ],
      });
    },
  );
};
