import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../platform/http/ctx.js';
import { Version } from '../../platform/http/schemas.js';
import { getWorkOrderSettings, updateWorkOrderSettings } from './settings.service.js';

const tags = ['workorders'];

/** 工单设置: days until a finished order is accepted automatically, and the public QR intake switch. */
export const workOrderSettingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/work-order-settings',
    { config: { access: 'workorders:manage' }, schema: { tags, summary: '工单设置（自动验收天数、扫码报修开关）' } },
    async (req) => getWorkOrderSettings(ctxOf(req)),
  );

  app.put(
    '/work-order-settings',
    {
      config: { access: 'workorders:manage' },
      schema: {
        tags,
        summary: '保存工单设置',
        body: Type.Object({ autoAcceptDays: Type.Integer(), publicIntake: Type.Boolean(), version: Version }),
      },
    },
    async (req) => updateWorkOrderSettings(ctxOf(req), req.body),
  );
};
