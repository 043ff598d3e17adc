import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LABOUR_KINDS } from '../../../../contracts/workorders.js';
import { ctxOf } from '../../platform/http/ctx.js';
import { Id, IdParams, NullableInteger, Version } from '../../platform/http/schemas.js';
import { MAX_ENTRY_MINUTES } from './labour.calc.js';
import { addLabour, deleteLabour, listLabour, updateLabour } from './labour.service.js';

const tags = ['workorders'];
const Time = Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()]));
const Body = {
  userId: Type.Optional(Id),
  kind: Type.Union(
    LABOUR_KINDS.map((k) => Type.Literal(k)),
    { description: '有效维修/等待/路途/取料/待命' },
  ),
  startedAt: Time,
  endedAt: Time,
  minutes: Type.Optional(NullableInteger({ minimum: 1, maximum: MAX_ENTRY_MINUTES })),
  note: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
};
const EntryParams = Type.Object({ id: Id, entryId: Id });

/** 工时: labour entries of a work order and its totals (工时工效, efficiency against the standard). */
export const labourRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/work-orders/:id/labour',
    { config: { access: 'authenticated' }, schema: { tags, summary: '工单工时（含合计、工时工效、标准工时）', params: IdParams } },
    async (req) => listLabour(ctxOf(req), req.params.id),
  );

  app.post(
    '/work-orders/:id/labour',
    { config: { access: 'authenticated' }, schema: { tags, summary: '登记工时', params: IdParams, body: Type.Object(Body) } },
    async (req, reply) => {
      reply.status(201);
      return addLabour(ctxOf(req), req.params.id, req.body);
    },
  );

  app.patch(
    '/work-orders/:id/labour/:entryId',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '修改工时',
        params: EntryParams,
        body: Type.Object({ ...Type.Partial(Type.Object(Body)).properties, version: Version }),
      },
    },
    async (req) => {
      const { version, ...input } = req.body;
      return updateLabour(ctxOf(req), req.params.id, req.params.entryId, version, input);
    },
  );

  app.delete(
    '/work-orders/:id/labour/:entryId',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '删除工时', params: EntryParams, querystring: Type.Object({ version: Version }) },
    },
    async (req) => deleteLabour(ctxOf(req), req.params.id, req.params.entryId, req.query.version),
  );
};
