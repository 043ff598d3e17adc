import { type SelectQueryBuilder, sql } from 'kysely';
import type { Page } from '../../../../contracts/types.js';
import { AppError } from './errors.js';

/**
 * Keyset paging: order by (sort column, id) and continue after the last row's pair.
 * The cursor is opaque to clients (base64url JSON). Never OFFSET: page 5,000 costs the
 * same as page 1 when the (column, id) pair is indexed.
 */
export interface PageQuery {
  cursor?: string;
  limit?: number;
  sort?: string;
}

export interface SortSpec {
  /** allowed public sort keys → column reference in the query (e.g. `name` → `l.name`) */
  columns: Record<string, string>;
  /** default public key, `-` prefix for descending */
  default: string;
  /** the id column used as tie-breaker */
  id: string;
}

export const MAX_LIMIT = 200;

function decodeCursor(cursor: string): [unknown, string] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    // the value is bound as a query parameter: only what a page could have written (a forged
    // boolean or object cannot be bound by better-sqlite3, and means nothing to either engine)
    const value = Array.isArray(parsed) ? parsed[0] : undefined;
    const bindable = value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
    if (Array.isArray(parsed) && parsed.length === 2 && bindable && typeof parsed[1] === 'string') return [value, parsed[1]];
  } catch {
    // fall through
  }
  throw new AppError('VALIDATION', 'cursor 无效', { fields: [{ field: 'cursor', message: '无效的分页游标' }] });
}

function encodeCursor(value: unknown, id: string): string {
  return Buffer.from(JSON.stringify([value, id]), 'utf8').toString('base64url');
}

export function parseSort(spec: SortSpec, sort: string | undefined): { key: string; column: string; desc: boolean } {
  const raw = sort ?? spec.default;
  const desc = raw.startsWith('-');
  const key = desc ? raw.slice(1) : raw;
  const column = spec.columns[key];
  if (!column) {
    throw new AppError('VALIDATION', `不能按 ${key} 排序`, {
      fields: [{ field: 'sort', message: `可选：${Object.keys(spec.columns).join(', ')}` }],
    });
  }
  return { key, column, desc };
}

// biome-ignore lint/suspicious/noExplicitAny: generic over any table shape
type AnySelect = SelectQueryBuilder<any, any, any>;

/**
 * Runs `qb` for one page; `pick` reads the sort key's value from a row (the selected alias).
 *
 * Rows with a value come first (by value, then id), rows whose sort column is null last
 * (by id). The two groups are read as two index-friendly queries rather than one
 * `order by col is null, …`: that expression cannot be served by an index on either
 * engine, so every page sorted the whole filtered set. The second query runs only when
 * the first one ends before the page is full, i.e. on the last page.
 */
export async function keysetPage<R extends { id: string }>(
  qb: AnySelect,
  spec: SortSpec,
  query: PageQuery,
  pick: (row: R, key: string) => unknown,
): Promise<Page<R>> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), MAX_LIMIT);
  const { key, column, desc } = parseSort(spec, query.sort);
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const dir = desc ? 'desc' : 'asc';
  const op = sql.raw(desc ? '<' : '>');
  const col = sql.ref(column);
  const idCol = sql.ref(spec.id);
  const want = limit + 1;
  let rows: R[];
  if (column === spec.id) {
    const q = after ? qb.where(sql<boolean>`${idCol} ${op} ${after[1]}`) : qb;
    rows = (await q.orderBy(idCol, dir).limit(want).execute()) as R[];
  } else {
    rows = [];
    const [value, id] = after ?? [undefined, ''];
    if (value !== null) {
      let q = qb.where(sql<boolean>`${col} is not null`);
      if (after) {
        // `col >= v` first gives both engines an index range to start from
        q = q
          .where(sql<boolean>`${col} ${sql.raw(desc ? '<=' : '>=')} ${value}`)
          .where(sql<boolean>`(${col} ${op} ${value} or ${idCol} ${op} ${id})`);
      }
      rows = (await q.orderBy(col, dir).orderBy(idCol, dir).limit(want).execute()) as R[];
    }
    if (rows.length < want) {
      let q = qb.where(sql<boolean>`${col} is null`);
      if (after && value === null) q = q.where(sql<boolean>`${idCol} ${op} ${id}`);
      rows = rows.concat(
        (await q
          .orderBy(idCol, dir)
          .limit(want - rows.length)
          .execute()) as R[],
      );
    }
  }
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? encodeCursor(pick(last, key) ?? null, last.id) : null };
}
