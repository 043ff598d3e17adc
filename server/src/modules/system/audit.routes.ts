import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { sendList } from '../../platform/http/export.js';
import { PageQueryProps } from '../../platform/http/schemas.js';
import { DEFAULT_TIME_ZONE, formatZoned } from '../../platform/numbering/time.js';
import { auditHistory, searchAudit, toAuditDto } from './audit.service.js';

const tags = ['system'];
const EntityName = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9_]*$' });
const DateOrInstant = Type.String({ minLength: 10, maxLength: 40 });

const AuditDto = Type.Object({
  id: Type.String(),
  at: Type.String(),
  entity: Type.String(),
  entityId: Type.String(),
  action: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  siteId: Type.Union([Type.String(), Type.Null()]),
  siteName: Type.Union([Type.String(), Type.Null()]),
  diff: Type.Record(Type.String(), Type.Array(Type.Unknown())),
  requestId: Type.Union([Type.String(), Type.Null()]),
});

type AuditDtoValue = ReturnType<typeof toAuditDto>;

const ACTIONS: Record<string, string> = { create: '新增', update: '修改', deactivate: '停用', activate: '启用', delete: '删除' };

/** `字段: 旧 → 新` per changed field, for one spreadsheet cell. */
function diffText(diff: AuditDtoValue['diff']): string {
  const show = (v: unknown) => (v === null || v === undefined ? '（空）' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return Object.entries(diff)
    .map(([field, [before, after]]) => `${field}: ${show(before)} → ${show(after)}`)
    .join('\n');
}

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit',
    {
      config: { access: 'audit:read' },
      schema: {
        tags,
        summary: '审计日志（最新在前；按对象、操作人、动作、场所、时间筛选；format=xlsx 导出）',
        querystring: Type.Object({
          ...PageQueryProps,
          entity: Type.Optional(Type.String({ maxLength: 64 })),
          entityId: Type.Optional(Type.String({ maxLength: 64 })),
          actorId: Type.Optional(Type.String({ maxLength: 64 })),
          action: Type.Optional(Type.String({ maxLength: 40 })),
          siteId: Type.Optional(Type.String({ maxLength: 64 })),
          from: Type.Optional(DateOrInstant),
          to: Type.Optional(DateOrInstant),
        }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const query = req.query;
      return sendList(
        reply,
        query,
        async (q) => {
          const page = await searchAudit(ctx, { ...query, ...q });
          return { items: page.items.map(toAuditDto), nextCursor: page.nextCursor };
        },
        {
          filename: '审计日志',
          sheet: '审计日志',
          columns: [
            { header: '时间', width: 18, value: (r) => formatZoned(new Date(r.at), DEFAULT_TIME_ZONE) },
            { header: '操作人', value: (r) => r.actorName },
            { header: '场所', value: (r) => r.siteName ?? '全组织' },
            { header: '对象类型', value: (r) => r.entity },
            { header: '对象ID', width: 38, value: (r) => r.entityId },
            { header: '动作', value: (r) => ACTIONS[r.action] ?? r.action },
            { header: '变更内容', width: 60, value: (r) => diffText(r.diff) },
            { header: '请求号', value: (r) => r.requestId },
          ],
        },
      );
    },
  );

  app.get(
    '/audit/:entity/:entityId',
    {
      config: { access: 'audit:read' },
      schema: {
        tags,
        summary: '单条记录的变更历史（最新在前）',
        params: Type.Object({ entity: EntityName, entityId: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: Type.Object({ items: Type.Array(AuditDto) }) },
      },
    },
    async (req) => {
      const rows = await auditHistory(ctxOf(req), req.params.entity, req.params.entityId);
      return { items: rows.map(toAuditDto) };
    },
  );
};
