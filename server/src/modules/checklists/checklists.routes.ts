import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { CHECKLIST_ITEM_KINDS, CHECKLIST_PURPOSES } from '../../../../contracts/checklists.js';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { FlagQuery, Id, IdParams, optionalFlag, PageQueryProps, Version } from '../../platform/http/schemas.js';
import {
  createTemplate,
  getTemplate,
  PURPOSE_LABELS,
  searchTemplates,
  setTemplateActive,
  templateVersion,
  templateVersions,
  updateTemplate,
} from './templates.service.js';
import { getWorkOrderChecklist, saveWorkOrderChecklist } from './workorder.subject.js';

const tags = ['checklists'];
const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Text = (max: number) => Type.String({ maxLength: max });
const NullableText = (max: number) => Type.Optional(Type.Union([Text(max), Type.Null()]));
/*
 * Nullable numbers and mixed values as one JSON type list, not a union: the app's ajv
 * coerces types, and in \`anyOf [number, null]\` the first branch turns null into 0 (and
 * \`anyOf [string, number]\` turns 5 into "5"); a type list keeps a value of any listed type as it is.
 */
const NullableNumber = Type.Optional(Type.Unsafe<number | null>({ type: ['number', 'null'] }));
const Options = Type.Optional(
  Type.Unsafe<string[] | null>({ type: ['array', 'null'], items: { type: 'string', maxLength: 100 }, maxItems: 50 }),
);

/** key format, label and the number/choice rules are checked by the service, with Chinese messages */
const Item = Type.Object({
  key: Text(100),
  label: Text(200),
  kind: lit(CHECKLIST_ITEM_KINDS),
  required: Type.Boolean(),
  hint: NullableText(500),
  unit: NullableText(20),
  min: NullableNumber,
  max: NullableNumber,
  target: NullableNumber,
  tolerance: NullableNumber,
  options: Options,
  failOptions: Options,
  photoOnFail: Type.Optional(Type.Boolean()),
});

const TemplateBody = {
  code: Text(100),
  name: Text(200),
  purpose: lit(CHECKLIST_PURPOSES),
  description: NullableText(2000),
  items: Type.Array(Item, { maxItems: 200 }),
};

const Answer = Type.Object({
  key: Text(100),
  // a text longer than an item allows is named by the evaluation, not cut off by the schema
  value: Type.Unsafe<string | number | null>({ type: ['string', 'number', 'null'], maxLength: 4000 }),
  photoIds: Type.Optional(Type.Array(Id, { maxItems: 20 })),
  note: NullableText(2000),
});

/** Checklist templates (organisation-wide: everyone who fills one reads them) and work orders' checklists. */
export const checklistRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/checklist-templates',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '检查表模板列表',
        querystring: Type.Object({ ...PageQueryProps, purpose: Type.Optional(lit(CHECKLIST_PURPOSES)), active: FlagQuery }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const filter = { q: req.query.q, purpose: req.query.purpose, active: optionalFlag(req.query.active) };
      return sendList(reply, req.query, (q) => searchTemplates(ctx, { ...filter, ...q }), {
        filename: '检查表模板',
        sheet: '检查表模板',
        columns: [
          { header: '编码', value: (r) => r.code },
          { header: '名称', value: (r) => r.name },
          { header: '用途', value: (r) => PURPOSE_LABELS[r.purpose] },
          { header: '当前版本', value: (r) => r.currentVersion },
          { header: '检查项数', value: (r) => r.items.length },
          { header: '检查项', value: (r) => r.items.map((i) => i.label).join('；') },
          { header: '说明', value: (r) => r.description },
          { header: '启用', value: (r) => (r.active ? '是' : '否') },
          { header: '更新时间', value: (r) => r.updatedAt },
        ],
      });
    },
  );

  app.post(
    '/checklist-templates',
    { config: { access: 'checklists:manage' }, schema: { tags, summary: '新建检查表模板', body: Type.Object(TemplateBody) } },
    async (req, reply) => {
      reply.status(201);
      return createTemplate(ctxOf(req), req.body);
    },
  );

  app.get(
    '/checklist-templates/:id',
    { config: { access: 'authenticated' }, schema: { tags, summary: '检查表模板（当前版本的检查项）', params: IdParams } },
    async (req) => getTemplate(ctxOf(req), req.params.id),
  );

  app.put(
    '/checklist-templates/:id',
    {
      config: { access: 'checklists:manage' },
      schema: {
        tags,
        summary: '修改检查表模板（检查项有变化时生成新版本）',
        params: IdParams,
        body: Type.Object({ ...TemplateBody, version: Version }),
      },
    },
    async (req) => updateTemplate(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/checklist-templates/:id/active',
    {
      config: { access: 'checklists:manage' },
      schema: { tags, summary: '启用或停用检查表模板', params: IdParams, body: Type.Object({ active: Type.Boolean(), version: Version }) },
    },
    async (req) => setTemplateActive(ctxOf(req), req.params.id, req.body.version, req.body.active),
  );

  app.get(
    '/checklist-templates/:id/versions',
    { config: { access: 'authenticated' }, schema: { tags, summary: '检查表模板的各版本（最新在前）', params: IdParams } },
    async (req) => templateVersions(ctxOf(req), req.params.id),
  );

  app.get(
    '/checklist-templates/:id/versions/:templateVersion',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '检查表模板的某一版本',
        params: Type.Object({ id: Id, templateVersion: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }),
      },
    },
    async (req) => templateVersion(ctxOf(req), req.params.id, req.params.templateVersion),
  );

  app.get(
    '/work-orders/:id/checklist',
    { config: { access: 'workorders:read' }, schema: { tags, summary: '工单的检查表（保养检查）', params: IdParams } },
    async (req) => getWorkOrderChecklist(ctxOf(req), req.params.id),
  );

  app.put(
    '/work-orders/:id/checklist',
    {
      // the technician on the order (workorders:work) or a dispatcher of the site: the service decides
      config: { access: 'workorders:read' },
      schema: {
        tags,
        summary: '填写工单的检查表：保存草稿，或提交（检查并把发现的问题转为维修工单）',
        params: IdParams,
        body: Type.Object({ answers: Type.Array(Answer, { maxItems: 500 }), submit: Type.Boolean(), version: Version }),
      },
    },
    async (req) => saveWorkOrderChecklist(ctxOf(req), req.params.id, req.body),
  );
};
