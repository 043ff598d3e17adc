import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { Id, IdParams, optionalFlag, PageQueryProps, Version } from '../../platform/http/schemas.js';
import { CN_MOBILE_OR_EMPTY, EMAIL_OR_EMPTY, EMPLOYEE_NO_OR_EMPTY, USERNAME } from './identity.rules.js';
import { grantMembership, listMemberships, revokeMembership, toMembershipDto } from './memberships.service.js';
import {
  createUser,
  getUserDetail,
  resetPassword,
  searchUsers,
  setUserActive,
  type UserInput,
  unlockUser,
  updateUser,
} from './users.service.js';

const tags = ['identity'];

// optional text fields: null (coerced to '') or '' clears them
const UserFields = {
  username: Type.String({ minLength: 2, maxLength: 32, pattern: USERNAME, description: '登录用户名' }),
  name: Type.String({ minLength: 1, maxLength: 50 }),
  phone: Type.Optional(Type.String({ pattern: CN_MOBILE_OR_EMPTY, description: '11 位中国大陆手机号，可用于登录' })),
  employeeNo: Type.Optional(Type.String({ maxLength: 32, pattern: EMPLOYEE_NO_OR_EMPTY })),
  departmentId: Type.Optional(Type.String({ maxLength: 64 })),
  email: Type.Optional(Type.String({ maxLength: 100, pattern: EMAIL_OR_EMPTY })),
  locale: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en-US')])),
};
const Grant = Type.Object({ roleId: Id, siteId: Type.Union([Id, Type.Null()], { description: 'null = 全部场所' }) });
const Password = Type.String({ minLength: 1, maxLength: 200 });

/** '' means "none" for the optional text fields. */
function cleanInput<T extends Partial<UserInput>>(body: T): T {
  const out = { ...body };
  for (const key of ['phone', 'employeeNo', 'departmentId', 'email'] as const) {
    if (out[key] !== undefined) out[key] = out[key]?.trim() || null;
  }
  return out;
}

export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/users',
    {
      config: { access: 'users:read' },
      schema: {
        tags,
        summary: '用户列表（q 搜索姓名/用户名/手机号/工号；format=xlsx 导出）',
        querystring: Type.Object({
          ...PageQueryProps,
          departmentId: Type.Optional(Id),
          roleId: Type.Optional(Id),
          siteId: Type.Optional(Id),
          active: Type.Optional(Type.String({ maxLength: 5 })),
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const { active, ...rest } = req.query;
      const filter = { ...rest, active: optionalFlag(active) };
      return sendList(reply, filter, (q) => searchUsers(ctx, { ...filter, ...q }), {
        filename: '用户',
        sheet: '用户',
        columns: [
          { header: '用户名', value: (u) => u.username },
          { header: '姓名', value: (u) => u.name },
          { header: '手机号', value: (u) => u.phone },
          { header: '工号', value: (u) => u.employeeNo },
          { header: '部门', value: (u) => u.departmentName },
          { header: '邮箱', value: (u) => u.email },
          {
            header: '角色与场所',
            width: 40,
            value: (u) => (u.memberships ?? []).map((m) => `${m.roleName}@${m.siteName ?? '全部场所'}`).join('；'),
          },
          { header: '状态', value: (u) => (u.active ? '启用' : '停用') },
          { header: '创建时间', value: (u) => u.createdAt },
        ],
      });
    },
  );

  app.get(
    '/users/:id',
    { config: { access: 'users:read' }, schema: { tags, summary: '用户详情（含授权）', params: IdParams } },
    async (req) => getUserDetail(ctxOf(req), req.params.id),
  );

  app.post(
    '/users',
    {
      config: { access: 'users:manage' },
      schema: {
        tags,
        summary: '新建用户（初始密码，首次登录须修改）',
        body: Type.Object({ ...UserFields, password: Password, memberships: Type.Optional(Type.Array(Grant, { maxItems: 20 })) }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return createUser(ctxOf(req), cleanInput(req.body));
    },
  );

  app.patch(
    '/users/:id',
    {
      config: { access: 'users:manage' },
      schema: {
        tags,
        summary: '修改用户',
        params: IdParams,
        body: Type.Object({ ...Type.Partial(Type.Object(UserFields)).properties, version: Version }),
      },
    },
    async (req) => {
      const { version, ...input } = req.body;
      return updateUser(ctxOf(req), req.params.id, version, cleanInput(input));
    },
  );

  for (const [action, active, summary] of [
    ['deactivate', false, '停用用户（立即结束其全部会话）'],
    ['activate', true, '启用用户'],
  ] as const) {
    app.post(
      `/users/:id/${action}`,
      { config: { access: 'users:manage' }, schema: { tags, summary, params: IdParams, body: Type.Object({ version: Version }) } },
      async (req) => setUserActive(ctxOf(req), req.params.id, req.body.version, active),
    );
  }

  app.post(
    '/users/:id/reset-password',
    {
      config: { access: 'users:manage' },
      schema: {
        tags,
        summary: '管理员重置密码（临时密码，须在下次登录时修改）',
        params: IdParams,
        body: Type.Object({ password: Password }),
      },
    },
    async (req) => resetPassword(ctxOf(req), req.params.id, req.body.password),
  );

  app.post(
    '/users/:id/unlock',
    { config: { access: 'users:manage' }, schema: { tags, summary: '解除登录锁定', params: IdParams } },
    async (req) => unlockUser(ctxOf(req), req.params.id),
  );

  app.get(
    '/users/:id/memberships',
    { config: { access: 'users:read' }, schema: { tags, summary: '用户的授权（角色@场所）', params: IdParams } },
    async (req) => ({ items: (await listMemberships(ctxOf(req), req.params.id)).map(toMembershipDto) }),
  );

  app.post(
    '/users/:id/memberships',
    {
      config: { access: 'users:manage' },
      schema: { tags, summary: '授予角色（siteId 为 null 表示全部场所）', params: IdParams, body: Grant },
    },
    async (req, reply) => {
      reply.status(201);
      return toMembershipDto(await grantMembership(ctxOf(req), req.params.id, req.body));
    },
  );

  app.delete(
    '/memberships/:id',
    { config: { access: 'users:manage' }, schema: { tags, summary: '撤销授权', params: IdParams } },
    async (req) => toMembershipDto(await revokeMembership(ctxOf(req), req.params.id)),
  );
};
