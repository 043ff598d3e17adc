import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { MATERIAL_SUPPLIERS } from '../../../../contracts/workorders.js';
import { ctxOf } from '../../platform/http/ctx.js';
import { Id, IdParams, Version } from '../../platform/http/schemas.js';
import { addMaterial, deleteMaterial, listMaterials, MAX_QUANTITY, MAX_UNIT_PRICE, updateMaterial } from './materials.service.js';

const tags = ['workorders'];
const Body = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  spec: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  quantity: Type.Number({ exclusiveMinimum: 0, maximum: MAX_QUANTITY }),
  unit: Type.String({ minLength: 1, maxLength: 20 }),
  unitPrice: Type.Integer({ minimum: 0, maximum: MAX_UNIT_PRICE, description: '单价（分）' }),
  suppliedBy: Type.Union(
    MATERIAL_SUPPLIERS.map((s) => Type.Literal(s)),
    { description: '后勤/专柜/报修人/外协' },
  ),
};
const LineParams = Type.Object({ id: Id, lineId: Id });

/** 材料: material lines of a work order; the department's lines make up its material cost. */
export const materialRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/work-orders/:id/materials',
    { config: { access: 'authenticated' }, schema: { tags, summary: '工单材料（含金额合计）', params: IdParams } },
    async (req) => listMaterials(ctxOf(req), req.params.id),
  );

  app.post(
    '/work-orders/:id/materials',
    { config: { access: 'authenticated' }, schema: { tags, summary: '登记材料', params: IdParams, body: Type.Object(Body) } },
    async (req, reply) => {
      reply.status(201);
      return addMaterial(ctxOf(req), req.params.id, req.body);
    },
  );

  app.patch(
    '/work-orders/:id/materials/:lineId',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '修改材料',
        params: LineParams,
        body: Type.Object({ ...Type.Partial(Type.Object(Body)).properties, version: Version }),
      },
    },
    async (req) => {
      const { version, ...input } = req.body;
      return updateMaterial(ctxOf(req), req.params.id, req.params.lineId, version, input);
    },
  );

  app.delete(
    '/work-orders/:id/materials/:lineId',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '删除材料', params: LineParams, querystring: Type.Object({ version: Version }) },
    },
    async (req) => deleteMaterial(ctxOf(req), req.params.id, req.params.lineId, req.query.version),
  );
};
