import type { FastifyReply } from 'fastify';
import type { Page } from '../../../../contracts/types.js';
import type { XlsxColumn } from '../print/excel.js';
import { excel } from './import.js';
import type { PageQuery } from './paging.js';

/** Upper bound of one export; larger exports are narrowed by filters first. */
export const EXPORT_MAX_ROWS = 50_000;

/**
 * Answers a list request either as a JSON page or, with `format=xlsx`, as a
 * spreadsheet of every matching row — the same filters, walked page by page.
 */
export async function sendList<R extends { id: string }>(
  reply: FastifyReply,
  query: PageQuery & { format?: string },
  fetchPage: (q: PageQuery) => Promise<Page<R>>,
  xlsx: { filename: string; sheet: string; columns: XlsxColumn<R>[] },
): Promise<unknown> {
  // only the paging fields go to fetchPage: callers merge them over their own converted
  // filters, and raw query strings ('0' flags) must never come back over those
  const page: PageQuery = { cursor: query.cursor, limit: query.limit, sort: query.sort };
  if (query.format !== 'xlsx') return fetchPage(page);
  const rows: R[] = [];
  let cursor: string | undefined;
  do {
    const next = await fetchPage({ ...page, cursor, limit: 200 });
    rows.push(...next.items);
    cursor = next.nextCursor ?? undefined;
  } while (cursor && rows.length < EXPORT_MAX_ROWS);
  const buffer = await (await excel()).writeXlsx(xlsx.sheet, xlsx.columns, rows);
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(xlsx.filename)}.xlsx`)
    .send(buffer);
}
