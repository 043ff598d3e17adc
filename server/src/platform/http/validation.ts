import type { FieldError } from '../../../../contracts/errors.js';

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
