import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PERMISSIONS } from '../../../../contracts/permissions.js';
import { ctxOf } from '../../platform/http/ctx.js';
import { IdParams, optionalFlag, PageQueryProps, Version } from '../../platform/http/schemas.js';
import { ROLE_CODE } from './identity.rules.js';
import { createRole, getRole, searchRoles, setRoleActive, toRoleDto, updateRole } from './roles.service.js';

const tags = ['identity'];
const RoleFields = {
  code: Type.String({ minLength: 1, maxLength: 32, pattern: ROLE_CODE }),
  name: Type.String({ minLength: 1, maxLength: 50 }),
  nameEn: Type.String({ minLength: 1, maxLength: 80 }),
  permissions: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
    maxItems: 200,
    description: 'module:action，见 GET /permissions',
  }),
};

export const roleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/permissions', { config: { access: 'authenticated' }, schema: { tags, summary: '权限目录（中英文名称）' } }, async () => ({
    items: Object.entries(PERMISSIONS).map(([name, label]) => ({ name, zh: label.zh, en: label.en })),
  }));

  // every signed-in person may read the role catalogue: granting roles and reading one's own grants need it
  app.get(
    '/roles',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '角色列表',
        querystring: Type.Object({ ...PageQueryProps, active: Type.Optional(Type.String({ maxLength: 5 })) }),
      },
    },
    async (req) => {
      const { active, format: _format, ...rest } = req.query;
      const page = await searchRoles(ctxOf(req), { ...rest, active: optionalFlag(active) });
      return { items: page.items.map(toRoleDto), nextCursor: page.nextCursor };
    },
  );

  app.get('/roles/:id', { config: { access: 'authenticated' }, schema: { tags, summary: '角色详情', params: IdParams } }, async (req) =>
    toRoleDto(await getRole(ctxOf(req), req.params.id)),
  );

  app.post(
    '/roles',
    { config: { access: 'roles:manage' }, schema: { tags, summary: '新建角色', body: Type.Object(RoleFields) } },
    async (req, reply) => {
      reply.status(201);
      return toRoleDto(await createRole(ctxOf(req), req.body));
    },
  );

  app.patch(
    '/roles/:id',
    {
      config: { access: 'roles:manage' },
      schema: {
        tags,
        summary: '修改角色（内置角色编码不可改）',
        params: IdParams,
        body: Type.Object({ ...Type.Partial(Type.Object(RoleFields)).properties, version: Version }),
      },
    },
    async (req) => {
      const { version, ...input } = req.body;
      return toRoleDto(await updateRole(ctxOf(req), req.params.id, version, input));
    },
  );

  for (const [action, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    app.post(
      `/roles/:id/${action}`,
      { config: { access: 'roles:manage' }, schema: { tags, params: IdParams, body: Type.Object({ version: Version }) } },
      async (req) => toRoleDto(await setRoleActive(ctxOf(req), req.params.id, req.body.version, active)),
    );
  }
};
