import type { FastifyInstance } from 'fastify';
import type { FieldError } from '../../../../contracts/errors.js';
import { validation } from './errors.js';

interface AjvIssue {
  instancePath?: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Turns schema-validation issues into Chinese field errors — every bad field, not just the first. */
export function fieldErrors(issues: AjvIssue[], part: string): FieldError[] {
  return issues.map((i) => {
    let field = (i.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    if (i.keyword === 'required' && typeof i.params?.missingProperty === 'string') {
      field = field ? `${field}.${i.params.missingProperty}` : i.params.missingProperty;
    }
    if (i.keyword === 'additionalProperties' && typeof i.params?.additionalProperty === 'string') {
      field = i.params.additionalProperty;
    }
    return { field: field || part, message: chineseMessage(i) };
  });
}

function chineseMessage(i: AjvIssue): string {
  const p = i.params ?? {};
  switch (i.keyword) {
    case 'required':
      return '必填';
    case 'minLength':
      return p.limit === 1 ? '不能为空' : `至少 ${String(p.limit)} 个字符`;
    case 'maxLength':
      return `不能超过 ${String(p.limit)} 个字符`;
    case 'minimum':
      return `不能小于 ${String(p.limit)}`;
    case 'maximum':
      return `不能大于 ${String(p.limit)}`;
    case 'pattern':
    case 'format':
      return '格式不正确';
    case 'enum':
    case 'const':
    case 'anyOf':
      return '取值无效';
    case 'type':
      return `类型应为 ${String(p.type)}`;
    case 'additionalProperties':
      return '不支持的字段';
    case 'minItems':
      return `至少 ${String(p.limit)} 项`;
    case 'maxItems':
      return `最多 ${String(p.limit)} 项`;
    default:
      return i.message ?? '无效';
  }
}

/**
 * AJV's type coercion turns strings such as "1e309" or "Infinity" (in a query string, or
 * where a JSON body has a string for a number) into Infinity, and then skips `minimum` and
 * `maximum`, which it checks only on finite numbers: `?width=1e309` reached the QR renderer.
 * This refuses, after validation, any number in params, query or body that is not finite.
 */
export function refuseNonFiniteNumbers(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    const fields = [...nonFinite(request.params, ''), ...nonFinite(request.query, ''), ...nonFinite(request.body, '')];
    if (fields.length) throw validation(fields);
  });
}

function nonFinite(value: unknown, path: string, out: FieldError[] = [], depth = 0): FieldError[] {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push({ field: path || 'value', message: '数值超出允许范围' });
  } else if (value && typeof value === 'object' && depth < 32 && !Buffer.isBuffer(value)) {
    for (const [key, v] of Object.entries(value)) nonFinite(v, path ? `${path}.${key}` : key, out, depth + 1);
  }
  return out;
}
