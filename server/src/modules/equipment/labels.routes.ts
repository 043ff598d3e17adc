import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { Id } from '../../platform/http/schemas.js';
import { LABEL_SIZES, renderLabels } from '../../platform/print/labels.js';
import { createPdf, sendPdf } from '../../platform/print/pdf.js';
import { MAX_LABELS, prepareLabels } from './labels.service.js';

const tags = ['equipment'];

const LabelBody = Type.Object({
  targets: Type.Union([
    Type.Array(Type.Object({ type: Type.Union([Type.Literal('asset'), Type.Literal('location')]), id: Id }), {
      minItems: 1,
      maxItems: MAX_LABELS,
      description: '选定的设备和位置',
    }),
    Type.Object(
      {
        locationId: Id,
        includeAssets: Type.Optional(Type.Boolean({ description: '同时打印这些位置上的设备（不含报废）' })),
        subtree: Type.Optional(Type.Boolean({ description: '包含全部下级位置（默认是）' })),
      },
      { description: '一个位置（及其下级）' },
    ),
  ]),
  size: Type.Union(
    LABEL_SIZES.map((s) => Type.Literal(s)),
    { description: '50x30 / 70x40：A4 标签纸；a5-sign：A5 门牌' },
  ),
  cutLines: Type.Optional(Type.Boolean({ description: '标签纸上印裁切线（默认是）' })),
});

export const labelRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/labels',
    { config: { access: 'labels:print' }, schema: { tags, summary: '打印二维码标签 / 门牌（PDF）', body: LabelBody } },
    async (req, reply) => {
      const { size, cutLines = true } = req.body;
      // every 404 and validation error happens here, before the PDF starts streaming
      const items = await prepareLabels(ctxOf(req), req.body);
      const doc = createPdf({ page: size === 'a5-sign' ? 'A5' : 'A4', title: size === 'a5-sign' ? '二维码门牌' : '二维码标签' });
      renderLabels(doc, items, { size, cutLines }).catch((err: Error) => {
        req.log.error(err, 'label rendering failed');
        doc.destroy(err);
      });
      return sendPdf(reply, doc, size === 'a5-sign' ? '二维码门牌.pdf' : `二维码标签-${size}.pdf`);
    },
  );
};
