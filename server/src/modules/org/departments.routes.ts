import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { FlagQuery, Id, IdParams, optionalFlag, PageQueryProps, Version } from '../../platform/http/schemas.js';
import {
  createDepartment,
  getDepartmentDetail,
  searchDepartments,
  setDepartmentActive,
  toDepartmentDto,
  updateDepartment,
} from './departments.service.js';

const tags = ['org'];
const DepartmentBody = {
  code: Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_.-]+$' }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  parentId: Type.Optional(Type.Union([Id, Type.Null()])),
};

export const departmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/departments',
    {
      config: { access: 'org:read' },
      schema: {
        tags,
        summary: '部门列表（format=xlsx 导出）',
        querystring: Type.Object({
          ...PageQueryProps,
          active: FlagQuery,
          parentId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '上级部门 id；none 表示顶层' })),
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const { active, ...rest } = req.query;
      const filter = { ...rest, active: optionalFlag(active) };
      return sendList(reply, filter, (q) => searchDepartments(ctx, { ...filter, ...q }), {
        filename: '部门',
        sheet: '部门',
        columns: [
          { header: '编码', value: (r) => r.code },
          { header: '名称', value: (r) => r.name },
          { header: '上级部门编码', value: (r) => r.parentCode },
          { header: '上级部门', value: (r) => r.parentName },
          { header: '状态', value: (r) => (r.active ? '启用' : '停用') },
        ],
      });
    },
  );

  app.get('/departments/:id', { config: { access: 'org:read' }, schema: { tags, summary: '部门详情', params: IdParams } }, async (req) =>
    getDepartmentDetail(ctxOf(req), req.params.id),
  );

  app.post(
    '/departments',
    { config: { access: 'org:manage' }, schema: { tags, summary: '新建部门', body: Type.Object(DepartmentBody) } },
    async (req, reply) => {
      reply.status(201);
      return toDepartmentDto(await createDepartment(ctxOf(req), req.body));
    },
  );

  app.patch(
    '/departments/:id',
    {
      config: { access: 'org:manage' },
      schema: {
        tags,
        summary: '修改部门',
        params: IdParams,
        body: Type.Object({ ...Type.Partial(Type.Object(DepartmentBody)).properties, version: Version }),
      },
    },
    async (req) => {
      const { version, ...input } = req.body;
      return toDepartmentDto(await updateDepartment(ctxOf(req), req.params.id, version, input));
    },
  );

  for (const [action, active, summary] of [
    ['deactivate', false, '停用部门'],
    ['activate', true, '启用部门'],
  ] as const) {
    app.post(
      `/departments/:id/${action}`,
      { config: { access: 'org:manage' }, schema: { tags, summary, params: IdParams, body: Type.Object({ version: Version }) } },
      async (req) => toDepartmentDto(await setDepartmentActive(ctxOf(req), req.params.id, req.body.version, active)),
    );
  }
};
