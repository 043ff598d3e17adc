import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, type ErrorCode, type FieldError } from '../../../../contracts/errors.js';

/** The one error type services throw; the error handler turns it into the error model. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = ERROR_CODES[code];
  }
}

export const notFound = (what = '记录') => new AppError('NOT_FOUND', `${what}不存在或无权访问`);
export const forbidden = (message = '没有执行此操作的权限') => new AppError('FORBIDDEN', message);
export const staleVersion = () => new AppError('STALE_VERSION', '该记录已被他人修改，请刷新后重试', { reason: 'version mismatch' });
export const validation = (fields: FieldError[]) =>
  new AppError('VALIDATION', `输入有误：${fields.map((f) => `${f.field} ${f.message}`).join('；')}`, { fields });
export const duplicate = (field: string, message: string) => new AppError('DUPLICATE', message, { fields: [{ field, message }] });

/**
 * Fastify's `frameworkErrors` option. The router answers a URL it cannot decode
 * (FST_ERR_BAD_URL, e.g. `/api/v1/sites/%`) or a path parameter longer than its limit
 * (FST_ERR_MAX_PARAM_LENGTH) before any hook or the error handler runs; without this the
 * answer is Fastify's own JSON, not the error model.
 */
export function frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const known =
    err.code === 'FST_ERR_BAD_URL'
      ? new AppError('BAD_REQUEST', '网址格式不正确')
      : err.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? new AppError('BAD_REQUEST', '网址中的参数过长')
        : null;
  if (!known) request.log.error(err);
  const error = known ?? new AppError('INTERNAL', `服务器内部错误，请联系管理员（请求号 ${request.id}）`);
  reply.status(error.status).send({ error: { code: error.code, message: error.message, requestId: request.id } });
}
