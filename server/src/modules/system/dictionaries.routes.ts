import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { IdParams, optionalFlag, PageQueryProps, Version } from '../../platform/http/schemas.js';
import {
  createDictionary,
  dictionaryTypes,
  getDictionary,
  searchDictionaries,
  setDictionaryActive,
  toDictionaryDto,
  updateDictionary,
} from './dictionaries.service.js';

const tags = ['system'];
const TypeName = Type.String({ minLength: 2, maxLength: 40, pattern: '^[a-z][a-z0-9_]*$' });
const Code = Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z0-9][a-z0-9_]*$' });
const Fields = {
  labelZh: Type.String({ minLength: 1, maxLength: 50 }),
  labelEn: Type.String({ minLength: 1, maxLength: 100 }),
  sort: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
};

const DictionaryDto = Type.Object({
  id: Type.String(),
  type: Type.String(),
  code: Type.String(),
  labelZh: Type.String(),
  labelEn: Type.String(),
  sort: Type.Integer(),
  active: Type.Boolean(),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const dictionaryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/dictionaries',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '数据字典列表（按类型、启用状态、关键字筛选）',
        querystring: Type.Object({
          ...PageQueryProps,
          type: Type.Optional(Type.String({ maxLength: 40 })),
          active: Type.Optional(Type.String()),
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const { active, ...rest } = req.query;
      const filter = { ...rest, active: optionalFlag(active) };
      return sendList(
        reply,
        filter,
        async (q) => {
          const page = await searchDictionaries(ctx, { ...filter, ...q });
          return { items: page.items.map(toDictionaryDto), nextCursor: page.nextCursor };
        },
        {
          filename: '数据字典',
          sheet: '数据字典',
          columns: [
            { header: '类型', value: (r) => r.type },
            { header: '编码', value: (r) => r.code },
            { header: '中文名称', value: (r) => r.labelZh },
            { header: '英文名称', value: (r) => r.labelEn },
            { header: '排序', value: (r) => r.sort },
            { header: '状态', value: (r) => (r.active ? '启用' : '停用') },
          ],
        },
      );
    },
  );

  app.get(
    '/dictionaries/types',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '字典类型（中英文名称与条目数）',
        response: {
          200: Type.Array(
            Type.Object({
              type: Type.String(),
              nameZh: Type.String(),
              nameEn: Type.String(),
              builtin: Type.Boolean(),
              total: Type.Integer(),
              active: Type.Integer(),
            }),
          ),
        },
      },
    },
    async (req) => dictionaryTypes(ctxOf(req)),
  );

  app.get(
    '/dictionaries/:id',
    { config: { access: 'authenticated' }, schema: { tags, summary: '字典项详情', params: IdParams, response: { 200: DictionaryDto } } },
    async (req) => toDictionaryDto(await getDictionary(ctxOf(req), req.params.id)),
  );

  app.post(
    '/dictionaries',
    {
      config: { access: 'dictionaries:manage' },
      schema: {
        tags,
        summary: '新增字典项',
        body: Type.Object({
          type: TypeName,
          code: Code,
          labelZh: Fields.labelZh,
          labelEn: Fields.labelEn,
          sort: Type.Optional(Fields.sort),
        }),
        response: { 201: DictionaryDto },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return toDictionaryDto(await createDictionary(ctxOf(req), req.body));
    },
  );

  app.patch(
    '/dictionaries/:id',
    {
      config: { access: 'dictionaries:manage' },
      schema: {
        tags,
        summary: '修改字典项（编码与类型不可修改）',
        params: IdParams,
        body: Type.Object({
          type: Type.Optional(Type.String({ maxLength: 40 })),
          code: Type.Optional(Type.String({ maxLength: 40 })),
          labelZh: Type.Optional(Fields.labelZh),
          labelEn: Type.Optional(Fields.labelEn),
          sort: Type.Optional(Fields.sort),
          version: Version,
        }),
        response: { 200: DictionaryDto },
      },
    },
    async (req) => {
      const { version, ...input } = req.body;
      return toDictionaryDto(await updateDictionary(ctxOf(req), req.params.id, version, input));
    },
  );

  for (const [action, active, summary] of [
    ['deactivate', false, '停用字典项'],
    ['activate', true, '启用字典项'],
  ] as const) {
    app.post(
      `/dictionaries/:id/${action}`,
      {
        config: { access: 'dictionaries:manage' },
        schema: { tags, summary, params: IdParams, body: Type.Object({ version: Version }), response: { 200: DictionaryDto } },
      },
      async (req) => toDictionaryDto(await setDictionaryActive(ctxOf(req), req.params.id, req.body.version, active)),
    );
  }
};
