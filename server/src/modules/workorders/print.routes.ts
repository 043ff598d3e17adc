import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { IdParams } from '../../platform/http/schemas.js';
import { sendPdf } from '../../platform/print/pdf.js';
import { printData } from './print.data.js';
import { renderWorkOrderPdf } from './print.pdf.js';

/** The printable 维修工单 (PDF), for whoever may open the order's detail. */
export const printRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/work-orders/:id/print.pdf',
    { config: { access: 'authenticated' }, schema: { tags: ['workorders'], summary: '打印维修工单（PDF）', params: IdParams } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      // every 404 happens here, before the PDF starts streaming
      const data = await printData(ctx, req.params.id);
      const doc = renderWorkOrderPdf(data, ctx.clock.now());
      doc.end();
      return sendPdf(reply, doc, `维修工单-${data.wo.number}.pdf`);
    },
  );
};
