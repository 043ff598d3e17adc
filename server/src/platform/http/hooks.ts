import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_HEADER, SESSION_COOKIE, SITE_HEADER } from '../../../../contracts/types.js';
import { hasPermission } from '../access/actor.js';
import { safeEqual } from '../auth/secrets.js';
import { actorFromApiToken, actorFromSession } from '../auth/sessions.js';
import { mapDbError } from '../db/errors.js';
import { AppError } from './errors.js';
import type { RouteAccess } from './types.js';
import { fieldErrors } from './validation.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Fails start-up when an /api/v1 route forgets to say who may call it. */
export function requireRouteAccess(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/')) return;
    const access = (route.config as { access?: RouteAccess } | undefined)?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} declares no access (config.access)`);
  });
}

/**
 * Resolves the actor (session cookie or Bearer token), checks CSRF and the route's permission.
 * Runs at preValidation — after the body is parsed, before the schema is checked — so a caller
 * who may not call the route is told 401/403, never the schema's field list (400).
 */
export function authHooks(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.addHook('preValidation', async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (!access) return;
    const { db, clock } = app.deps;
    const bearer = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const cookie = request.cookies[SESSION_COOKIE];
    if (bearer) {
      request.actor = await actorFromApiToken(db, clock, bearer);
      if (!request.actor && access !== 'public') throw new AppError('UNAUTHENTICATED', 'API 令牌无效、已过期或已撤销');
    } else if (cookie) {
      request.actor = await actorFromSession(db, clock, cookie);
      if (!request.actor) {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      } else if (MUTATING.has(request.method)) {
        // every mutation made with the cookie, whatever the route's access — 'public' ones included
        const sent = request.headers[CSRF_HEADER];
        const expected = request.actor.csrfToken;
        if (typeof sent !== 'string' || !expected || !safeEqual(sent, expected)) {
          throw new AppError('CSRF', 'CSRF 校验失败，请刷新页面后重试');
        }
      }
    }
    const site = request.headers[SITE_HEADER];
    if (request.actor && typeof site === 'string' && site) request.actor.selectedSiteId = site;
    if (access === 'public') return;
    if (!request.actor) throw new AppError('UNAUTHENTICATED', '请先登录');
    if (request.actor.mustChangePassword && !request.url.startsWith('/api/v1/auth/')) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '请先修改初始密码');
    }
    if (access === 'authenticated') return;
    if (!hasPermission(request.actor, access)) throw new AppError('FORBIDDEN', '没有执行此操作的权限');
  });
}

export function errorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const known = toAppError(err);
    if (known) {
      if (known.status >= 500) request.log.error(err);
      return reply.status(known.status).send({
        error: { code: known.code, message: known.message, details: known.details, requestId: request.id },
      });
    }
    request.log.error(err);
    return reply.status(500).send({
      error: { code: 'INTERNAL', message: `服务器内部错误，请联系管理员（请求号 ${request.id}）`, requestId: request.id },
    });
  });
}

const MALFORMED_MULTIPART =
  /^(Multipart: Boundary not found|Boundary required|Unexpected end of multipart data|.+ terminated early due to unexpected end of multipart data)$/;

function toAppError(err: FastifyError): AppError | null {
  if (err instanceof AppError) return err;
  const mapped = mapDbError(err);
  if (mapped) return mapped;
  if (err.validation) {
    const fields = fieldErrors(err.validation, err.validationContext ?? 'body');
    return new AppError('VALIDATION', `输入有误：${fields.map((f) => `${f.field} ${f.message}`).join('；')}`, { fields });
  }
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError('PAYLOAD_TOO_LARGE', '请求体过大');
  if (err.code === 'FST_PARTS_LIMIT' || err.code === 'FST_FILES_LIMIT' || err.code === 'FST_FIELDS_LIMIT') {
    return new AppError('PAYLOAD_TOO_LARGE', '表单的文件或字段过多');
  }
  if (err.code === 'FST_REQ_FILE_TOO_LARGE' || err.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE', '文件过大');
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return new AppError('BAD_REQUEST', '请求体不是有效的 JSON');
  }
  // busboy's errors for a broken form (no boundary, cut short) carry neither code nor status
  if (!err.statusCode && MALFORMED_MULTIPART.test(err.message)) {
    return new AppError('BAD_REQUEST', '上传的表单格式不正确（multipart 边界缺失或内容不完整）');
  }
  if (err.statusCode === 429) return new AppError('RATE_LIMITED', '请求过于频繁，请稍后再试');
  if (err.statusCode === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return new AppError('BAD_REQUEST', err.message || '请求无效');
  }
  return null;
}
