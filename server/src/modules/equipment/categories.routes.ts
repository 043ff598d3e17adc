import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { FlagQuery, Id, IdParams, optionalFlag, Version } from '../../platform/http/schemas.js';
import { createAttribute, listCategoryAttributes, setAttributeActive, toAttributeDto, updateAttribute } from './attributes.service.js';
import { categoryTree, createCategory, listCategories, setCategoryActive, toCategoryDto, updateCategory } from './categories.service.js';

const tags = ['equipment'];
const Code = Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_.-]+$' });
const Sort = Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 });
const CategoryBody = {
  parentId: Type.Optional(Type.Union([Id, Type.Null()])),
  code: Code,
  name: Type.String({ minLength: 1, maxLength: 100 }),
  nameEn: Type.String({ minLength: 1, maxLength: 100 }),
  sort: Type.Optional(Sort),
};
const AttrType = Type.Union([Type.Literal('text'), Type.Literal('number'), Type.Literal('date'), Type.Literal('choice')]);
const AttributeBody = {
  categoryId: Id,
  key: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z][a-z0-9_]*$', description: '小写字母开头，字母数字下划线' }),
  label: Type.String({ minLength: 1, maxLength: 60 }),
  labelEn: Type.String({ minLength: 1, maxLength: 60 }),
  type: AttrType,
  unit: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
  options: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 100 })),
  required: Type.Optional(Type.Boolean()),
  sort: Type.Optional(Sort),
};

const { categoryId: _categoryId, ...AttributePatchBody } = AttributeBody;

export const categoryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/asset-categories',
    { config: { access: 'assets:read' }, schema: { tags, summary: '设备分类（平铺）', querystring: Type.Object({ active: FlagQuery }) } },
    async (req) => listCategories(ctxOf(req), optionalFlag(req.query.active)),
  );

  app.get(
    '/asset-categories/tree',
    { config: { access: 'assets:read' }, schema: { tags, summary: '设备分类树', querystring: Type.Object({ active: FlagQuery }) } },
    async (req) => categoryTree(ctxOf(req), optionalFlag(req.query.active)),
  );

  app.post(
    '/asset-categories',
    { config: { access: 'assets:manage' }, schema: { tags, summary: '新建设备分类', body: Type.Object(CategoryBody) } },
    async (req, reply) => {
      reply.status(201);
      return toCategoryDto(await createCategory(ctxOf(req), req.body));
    },
  );

  app.patch(
    '/asset-categories/:id',
    {
      config: { access: 'assets:manage' },
      schema: {
        tags,
        summary: '修改设备分类；改 parentId 即移动整个子树',
        params: IdParams,
        body: Type.Object({ ...Type.Partial(Type.Object(CategoryBody)).properties, version: Version }),
      },
    },
    async (req) => {
      const { version, ...input } = req.body;
      return toCategoryDto(await updateCategory(ctxOf(req), req.params.id, version, input));
    },
  );

  app.get(
    '/asset-categories/:id/attributes',
    {
      config: { access: 'assets:read' },
      schema: {
        tags,
        summary: '分类的属性定义（inherited=1 含上级分类继承的属性）',
        params: IdParams,
        querystring: Type.Object({ inherited: FlagQuery, active: FlagQuery }),
      },
    },
    async (req) =>
      listCategoryAttributes(ctxOf(req), req.params.id, optionalFlag(req.query.inherited) ?? false, optionalFlag(req.query.active)),
  );

  app.post(
    '/asset-attributes',
    { config: { access: 'assets:manage' }, schema: { tags, summary: '新建分类属性', body: Type.Object(AttributeBody) } },
    async (req, reply) => {
      reply.status(201);
      return toAttributeDto(await createAttribute(ctxOf(req), req.body));
    },
  );

  app.patch(
    '/asset-attributes/:id',
    {
      config: { access: 'assets:manage' },
      schema: {
        tags,
        summary: '修改分类属性（键与类型不可改）',
        params: IdParams,
        body: Type.Object({ ...Type.Partial(Type.Object(AttributePatchBody)).properties, version: Version }),
      },
    },
    async (req) => {
      const { version, ...input } = req.body;
      return toAttributeDto(await updateAttribute(ctxOf(req), req.params.id, version, input));
    },
  );

  for (const [action, active, what] of [
    ['deactivate', false, '停用'],
    ['activate', true, '启用'],
  ] as const) {
    app.post(
      `/asset-categories/:id/${action}`,
      {
        config: { access: 'assets:manage' },
        schema: { tags, summary: `${what}设备分类`, params: IdParams, body: Type.Object({ version: Version }) },
      },
      async (req) => toCategoryDto(await setCategoryActive(ctxOf(req), req.params.id, req.body.version, active)),
    );
    app.post(
      `/asset-attributes/:id/${action}`,
      {
        config: { access: 'assets:manage' },
        schema: { tags, summary: `${what}分类属性`, params: IdParams, body: Type.Object({ version: Version }) },
      },
      async (req) => toAttributeDto(await setAttributeActive(ctxOf(req), req.params.id, req.body.version, active)),
    );
  }
};
