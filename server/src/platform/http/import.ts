import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../../../contracts/errors.js';
import type { Ctx, Tx } from '../context.js';
import type { SheetRow } from '../print/excel.js';
import { AppError } from './errors.js';

/**
 * Spreadsheet import, the same for every record type: template download, a dry run
 * that previews every row and lists every error by row and column, and a commit that
 * imports all rows in one transaction or none at all.
 */
export interface ImportColumn {
  header: string;
  required?: boolean;
  example?: string;
  note?: string;
}

export interface ImportError {
  row: number;
  column: string;
  message: string;
}

export interface ImportSpec<T> {
  sheet: string;
  columns: ImportColumn[];
  /** validates one row; report problems through `fail` and return null, or return the parsed item */
  parseRow(values: Record<string, string>, fail: (column: string, message: string) => void): T | null;
  /** checks needing the whole batch or the database (duplicates, references); may enrich items */
  checkBatch(ctx: Ctx, rows: { row: number; item: T }[], fail: (row: number, column: string, message: string) => void): Promise<void>;
  /** writes every item; runs inside one transaction */
  commit(ctx: Ctx, tx: Tx, items: T[]): Promise<void>;
  /** what the preview shows of an item */
  preview(item: T): Record<string, unknown>;
}

/**
 * `all`: any error imports nothing (the default). `valid`: the person chose to import
 * the rows without errors and leave the others out.
 */
export type ImportMode = 'all' | 'valid';

export interface ImportResult {
  dryRun: boolean;
  mode: ImportMode;
  total: number;
  /** rows without any error */
  valid: number;
  imported: number;
  errors: ImportError[];
  preview: { row: number; values: Record<string, unknown> }[];
}

export const IMPORT_MAX_ROWS = 5000;

/** ExcelJS costs ~27 MiB of memory once loaded: only servers that import or export pay for it. */
export function excel(): Promise<typeof import('../print/excel.js')> {
  return import('../print/excel.js');
}

export async function runImport<T>(
  ctx: Ctx,
  spec: ImportSpec<T>,
  buffer: Buffer,
  dryRun: boolean,
  mode: ImportMode = 'all',
): Promise<ImportResult> {
  let sheet: { headers: string[]; rows: SheetRow[] };
  try {
    sheet = await (await excel()).readXlsx(buffer);
  } catch {
    throw new AppError('IMPORT_INVALID', '无法读取文件，请上传 .xlsx 格式的 Excel 文件', { errors: [] });
  }
  const errors: ImportError[] = [];
  for (const col of spec.columns) {
    if (col.required && !sheet.headers.includes(col.header)) errors.push({ row: 1, column: col.header, message: '缺少此列' });
  }
  if (sheet.rows.length === 0) errors.push({ row: 2, column: '', message: '文件中没有数据行' });
  if (sheet.rows.length > IMPORT_MAX_ROWS)
    errors.push({ row: IMPORT_MAX_ROWS + 2, column: '', message: `一次最多导入 ${IMPORT_MAX_ROWS} 行` });
  if (errors.length) return { dryRun, mode, total: sheet.rows.length, valid: 0, imported: 0, errors, preview: [] };

  const parsed: { row: number; item: T }[] = [];
  for (const r of sheet.rows) {
    const rowErrors: ImportError[] = [];
    const values = Object.fromEntries(spec.columns.map((c) => [c.header, r.values[c.header] ?? '']));
    for (const col of spec.columns) {
      if (col.required && !values[col.header]) rowErrors.push({ row: r.row, column: col.header, message: '必填' });
    }
    const item = spec.parseRow(values, (column, message) => rowErrors.push({ row: r.row, column, message }));
    errors.push(...rowErrors);
    if (item && rowErrors.length === 0) parsed.push({ row: r.row, item });
  }
  await spec.checkBatch(ctx, parsed, (row, column, message) => errors.push({ row, column, message }));
  errors.sort((a, b) => a.row - b.row);
  const badRows = new Set(errors.map((e) => e.row));
  const valid = parsed.filter((p) => !badRows.has(p.row));
  const preview = valid.slice(0, 200).map((p) => ({ row: p.row, values: spec.preview(p.item) }));
  const result = { dryRun, mode, total: sheet.rows.length, valid: valid.length, imported: 0, errors, preview };
  if (dryRun || valid.length === 0 || (errors.length > 0 && mode === 'all')) return result;
  await ctx.db.transaction().execute((tx) =>
    spec.commit(
      ctx,
      tx,
      valid.map((p) => p.item),
    ),
  );
  return { ...result, imported: valid.length };
}

/** The import template: the spec's headers and one example row. */
export async function sendTemplate<T>(reply: FastifyReply, spec: ImportSpec<T>, filename: string): Promise<FastifyReply> {
  const example = Object.fromEntries(spec.columns.map((c) => [c.header, c.example ?? '']));
  const buffer = await (await excel()).writeXlsx(
    spec.sheet,
    spec.columns.map((c) => ({ header: c.required ? `${c.header}` : c.header, value: (r: Record<string, string>) => r[c.header] ?? '' })),
    [example],
  );
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}.xlsx`)
    .send(buffer);
}

/** Reads the single uploaded file of a multipart request. */
export async function readUpload(
  request: FastifyRequest,
): Promise<{ filename: string; mime: string; data: Buffer; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件');
  const fields: Record<string, string> = {};
  let file: { filename: string; mime: string; data: Buffer } | null = null;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (file) throw new AppError('BAD_REQUEST', '一次只能上传一个文件');
      file = { filename: part.filename, mime: part.mimetype, data: await part.toBuffer() };
    } else {
      fields[part.fieldname] = String(part.value);
    }
  }
  if (!file) throw new AppError('VALIDATION', '请选择文件', { fields: [{ field: 'file', message: '必填' } satisfies FieldError] });
  return { ...file, fields };
}
