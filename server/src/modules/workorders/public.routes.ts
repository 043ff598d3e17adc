import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { WORK_ORDER_STATUSES } from '../../../../contracts/workorders.js';
import { AppError } from '../../platform/http/errors.js';
import { readMultipartForm } from '../attachments/index.js';
import { MAX_PHOTOS, type PublicBase, publicReport, publicReportOptions } from './public.intake.js';
import { PUBLIC_ACTIONS, publicAct, publicLookup, publicTrack } from './public.track.js';

/**
 * Routes without login for the QR report and the reporter's follow-up. Each answer is
 * declared field by field, so the serializer drops anything a service might add; each
 * route is rate-limited per address, and the report also per label, so neither a
 * script nor a crowd at one broken door floods the dispatchers.
 */
const tags = ['workorders'];
/** one of `values`, typed as their union (a Union built from an array would type as never) */
const oneOf = <T extends string>(values: readonly T[]) => Type.Unsafe<T>(Type.String({ enum: [...values] }));
const NullableString = Type.Union([Type.String(), Type.Null()]);
const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 32 }) });
// any string up to the column's size: a malformed token is just as unknown as a wrong one (404)
const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 64 }) });

const Choice = Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String() });
const Options = Type.Object({
  enabled: Type.Boolean(),
  categories: Type.Array(Choice),
  urgencies: Type.Array(Choice),
  maxPhotos: Type.Integer(),
  maxPhotoMb: Type.Number(),
});
const Reported = Type.Object({ number: Type.String(), trackUrl: Type.String(), token: Type.String() });
const Status = oneOf(WORK_ORDER_STATUSES);
const PublicWorkOrder = Type.Object({
  number: Type.String(),
  status: Status,
  siteName: Type.String(),
  locationPath: NullableString,
  assetName: NullableString,
  category: Type.String(),
  categoryName: Type.Object({ zh: Type.String(), en: Type.String() }),
  description: Type.String(),
  createdAt: Type.String(),
  assigneeName: NullableString,
  resolvedAt: NullableString,
  completedAt: NullableString,
  result: NullableString,
  rated: Type.Boolean(),
  actions: Type.Array(oneOf(PUBLIC_ACTIONS)),
  events: Type.Array(Type.Object({ at: Type.String(), action: Type.String(), toStatus: Type.Union([Status, Type.Null()]) })),
});
const LookupResult = Type.Object({
  items: Type.Array(
    Type.Object({ token: Type.String(), number: Type.String(), siteName: Type.String(), status: Status, createdAt: Type.String() }),
  ),
});

/** Per address: a person reports a few faults at most, not one a minute. */
export const REPORTS_PER_ADDRESS = { max: 5, timeWindow: '10 minutes' };
/** Per label: many people may report the same fault, but not without end. */
export const REPORTS_PER_CODE = { max: 20, timeWindow: '10 minutes' };

function baseOf(req: FastifyRequest): PublicBase {
  const { db, clock, config, notifier, files } = req.server.deps;
  return { db, clock, config, notifier, files, requestId: req.id };
}

export const publicWorkOrderRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const perCode = app.createRateLimit({
    ...REPORTS_PER_CODE,
    keyGenerator: (req) => `qr-report:${String((req.params as { code?: string }).code ?? '').toUpperCase()}`,
  });

  app.get(
    '/public/q/:code/options',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { tags, summary: '扫码报修表单：报修类别、紧急程度、照片限制', params: CodeParams, response: { 200: Options } },
    },
    async (req) => publicReportOptions(baseOf(req), req.params.code),
  );

  app.post(
    '/public/q/:code/report',
    {
      config: { access: 'public', rateLimit: REPORTS_PER_ADDRESS },
      preHandler: async (req) => {
        const limit = await perCode(req);
        if (!limit.isAllowed && limit.isExceeded) throw new AppError('RATE_LIMITED', '该位置的报修过于频繁，请稍后再试');
      },
      schema: {
        tags,
        summary: `扫码报修（免登录，multipart：description、category、urgency、name、phone、appointmentAt、最多 ${MAX_PHOTOS} 张照片 photos）`,
        consumes: ['multipart/form-data'],
        params: CodeParams,
        response: { 201: Reported },
      },
    },
    async (req, reply) => {
      const { fields, files } = await readMultipartForm(req, MAX_PHOTOS);
      const result = await publicReport(baseOf(req), req.params.code, {
        description: fields.description,
        category: fields.category,
        urgency: fields.urgency,
        name: fields.name,
        phone: fields.phone,
        appointmentAt: fields.appointmentAt,
        photos: files.map((f) => ({ filename: f.filename, data: f.data })),
      });
      reply.status(201);
      return result;
    },
  );

  app.get(
    '/public/track',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '10 minutes' } },
      schema: {
        tags,
        summary: '凭工单号和联系电话找回跟踪链接',
        querystring: Type.Object({
          number: Type.String({ minLength: 1, maxLength: 40 }),
          phone: Type.String({ minLength: 1, maxLength: 20 }),
        }),
        response: { 200: LookupResult },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return publicLookup(baseOf(req), req.query.number, req.query.phone);
    },
  );

  app.get(
    '/public/track/:token',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { tags, summary: '报修进度（免登录，凭跟踪链接）', params: TokenParams, response: { 200: PublicWorkOrder } },
    },
    async (req, reply) => {
      // the token is the key to the request: keep its answer out of shared caches
      reply.header('cache-control', 'no-store');
      return publicTrack(baseOf(req), req.params.token);
    },
  );

  app.post(
    '/public/track/:token/actions/:action',
    {
      config: { access: 'public', rateLimit: { max: 20, timeWindow: '10 minutes' } },
      schema: {
        tags,
        summary: '报修人验收通过、验收不通过（原因）或评价（免登录，凭跟踪链接）',
        params: Type.Object({ token: TokenParams.properties.token, action: oneOf(PUBLIC_ACTIONS) }),
        body: Type.Object({
          reason: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
          ratingAttitude: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
          ratingQuality: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
          ratingEfficiency: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
          comment: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
        }),
        response: { 200: PublicWorkOrder },
      },
    },
    async (req) => publicAct(baseOf(req), req.params.token, req.params.action, req.body),
  );
};
