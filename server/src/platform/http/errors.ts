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
