import { AppError } from '../http/errors.js';

/**
 * Maps driver errors to the error model: unique violations become 409 DUPLICATE,
 * foreign-key violations 400. Works for both better-sqlite3 and pg error shapes.
 */
export function mapDbError(err: unknown): AppError | null {
  if (!err || typeof err !== 'object') return null;
  const e = err as { code?: string; message?: string; constraint?: string; detail?: string };
  const msg = e.message ?? '';
  if (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const field = uniqueField(e.constraint, msg, e.detail);
    return new AppError('DUPLICATE', field ? `${fieldLabel(field)}已存在` : '记录重复', {
      fields: field ? [{ field, message: `${fieldLabel(field)}已存在` }] : [],
    });
  }
  if (e.code === '23503' || e.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new AppError('VALIDATION', '引用的记录不存在', { fields: [] });
  }
  const badInput = e.code ? PG_BAD_INPUT[e.code] : undefined;
  if (badInput) return new AppError('VALIDATION', badInput, { fields: [] });
  return null;
}

/**
 * PostgreSQL refusing a value the client sent (SQLite stores such values as given): a NUL
 * character, a number outside int4, text that is no timestamp, a string too long for an
 * index. The schemas bound what they can; whatever still reaches the database is the
 * caller's input, so it is a 400, never a 500.
 */
const PG_BAD_INPUT: Record<string, string> = {
  '22001': '输入过长',
  '22003': '数值超出允许范围',
  '22007': '日期时间格式不正确',
  '22008': '日期时间超出允许范围',
  '22021': '输入包含不允许的字符（如空字符）',
  '22P02': '输入格式不正确',
  '22P05': '输入包含无法保存的字符',
  '54000': '输入过长',
};

function uniqueField(constraint: string | undefined, message: string, detail: string | undefined): string | null {
  // pg: detail "Key (org_id, code)=(…) already exists."; sqlite: "UNIQUE constraint failed: sites.org_id, sites.code"
  const pgCols = detail?.match(/Key \(([^)]+)\)/)?.[1];
  const sqliteCols = message.match(/UNIQUE constraint failed: (.+)$/)?.[1];
  const cols = (pgCols ?? sqliteCols ?? constraint ?? '')
    .split(',')
    .map((c) => c.trim().split('.').pop() ?? '')
    .filter((c) => c && c !== 'org_id' && c !== 'site_id' && c !== 'rule_id' && c !== 'type');
  const last = cols[cols.length - 1];
  return last ? toCamel(last) : null;
}

const toCamel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

const LABELS: Record<string, string> = {
  code: '编码',
  username: '用户名',
  phone: '手机号',
  employeeNo: '工号',
  name: '名称',
};
const fieldLabel = (f: string) => LABELS[f] ?? f;
