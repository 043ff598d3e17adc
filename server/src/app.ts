import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { modules } from './modules/index.js';
import { frameworkErrors } from './platform/http/errors.js';
import { authHooks, errorHandler, requireRouteAccess } from './platform/http/hooks.js';
import { lazyCompilers } from './platform/http/lazy-compilers.js';
import { RequestLogController, requestIdFor, withRequestFields } from './platform/http/logging.js';
import { metrics } from './platform/http/metrics.js';
import { securityHeaders } from './platform/http/security.js';
import type { AppDeps } from './platform/http/types.js';
import { refuseNonFiniteNumbers } from './platform/http/validation.js';

export interface BuildOptions {
  logger?: boolean | object;
  /** directory of the built web app; served with SPA fallback when it exists */
  webDir?: string | null;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** Locates dist/web from either the compiled server (dist/node/server/src) or the sources (server/src). */
export function defaultWebDir(): string | null {
  for (const candidate of [path.resolve(here, '../../../web'), path.resolve(here, '../../dist/web')]) {
    if (fs.existsSync(path.join(candidate, 'index.html'))) return candidate;
  }
  return null;
}

/** The request validator's options: query strings arrive as text, hence the coercion (see NullableInteger for its trap). */
export const AJV_OPTIONS = {
  allErrors: true,
  coerceTypes: 'array',
  removeAdditional: true,
  useDefaults: true,
  // type lists such as ['string', 'number', 'null'] (a checklist answer) are meant, not a slip
  allowUnionTypes: true,
} as const;

export async function buildApp(deps: AppDeps, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: withRequestFields(opts.logger),
    logController: new RequestLogController(),
    trustProxy: deps.config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    frameworkErrors,
    ajv: { customOptions: AJV_OPTIONS },
    schemaController: { compilersFactory: lazyCompilers() },
    genReqId: requestIdFor,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('deps', deps);
  requireRouteAccess(app);
  errorHandler(app);
  metrics(app);
  securityHeaders(app, { https: deps.config.publicUrl.startsWith('https://') });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: deps.config.uploadMaxBytes, files: 10, fields: 20 } });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Houqin API', version: '1', description: '后勤管理平台 REST API — /api/v1' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'houqin_sid' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  authHooks(app);
  refuseNonFiniteNumbers(app);

  app.get('/api/health', { schema: { tags: ['system'] } }, async (_req, reply) => {
    try {
      await deps.db.selectFrom('app_meta').select('key').limit(1).execute();
      return { status: 'ok', db: deps.engine };
    } catch {
      return reply.status(503).send({ status: 'error', db: deps.engine });
    }
  });

  for (const mod of modules) await app.register(mod, { prefix: '/api/v1' });

  const webDir = opts.webDir === undefined ? defaultWebDir() : opts.webDir;
  if (webDir) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      maxAge: '1h',
      // the shell must be fetched anew after a deploy; the bundles it names have hashed names
      setHeaders: (reply, filePath) => {
        if (filePath.endsWith('.html')) reply.header('cache-control', 'no-cache');
      },
    });
  }
  // one not-found handler: JSON for the API, the SPA's index.html for page URLs
  app.setNotFoundHandler((request, reply) => {
    if (webDir && request.method === 'GET' && !request.url.startsWith('/api/')) {
      // follow-up links carry a secret token in the page URL (/track/<token>): never pass it on as a referrer
      return reply.header('cache-control', 'no-cache').header('referrer-policy', 'no-referrer').sendFile('index.html');
    }
    return reply
      .status(404)
      .send({ error: { code: 'NOT_FOUND', message: `未找到 ${request.method} ${request.url}`, requestId: request.id } });
  });
  return app;
}
