import { CompiledQuery } from 'kysely';
import type { Db } from '../../../server/src/platform/context.js';
import { engineOf } from '../../../server/src/platform/db/dialect.js';
import type { Database } from '../../../server/src/platform/db/schema.js';

/**
 * Bulk insertion for the generator: rows are buffered per table and written, when about
 * `transactionRows` are waiting, in one transaction of multi-row INSERTs, parents before
 * children. Statements come in a few fixed shapes — full chunks below both engines'
 * bound-parameter limits (SQLite 32,766, PostgreSQL 65,535) and power-of-two remainders —
 * so SQLite's prepared-statement cache keeps reusing them. The SQL is built here as a
 * compiled query: Kysely's query builder would spend more time building a 5,000-row
 * statement's tree than the database spends storing it.
 *
 * On PostgreSQL a transaction runs while the caller generates the next batch (the
 * database is another process); `flush` waits for the previous one before starting the
 * next, so at most one is in flight and an error surfaces at the next flush or `drain`.
 */
type Table = keyof Database & string;
type RowOf = Record<string, unknown>;

const MAX_PARAMETERS = 30_000;

/** parents before children: a transaction writes its tables in this order (others after, as first given) */
const TABLE_ORDER: string[] = [
  'sites',
  'locations',
  'users',
  'memberships',
  'teams',
  'team_members',
  'qr_codes',
  'assets',
  'work_standards',
  'work_orders',
  'work_order_events',
  'work_order_labour',
  'work_order_materials',
  'work_order_timers',
  'numbering_counters',
];

interface Buffer {
  columns: string[];
  /** the buffered rows' values, row after row (one flat array: no array per row to allocate and copy) */
  values: unknown[];
  rows: number;
  /** rows per full chunk */
  chunk: number;
}

export class BulkWriter {
  /** rows written per table */
  readonly counts: Record<string, number> = {};
  private readonly buffers = new Map<Table, Buffer>();
  private readonly postgres: boolean;
  private readonly sqlCache = new Map<string, string>();
  private waiting = 0;
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly transactionRows = 5000,
  ) {
    this.postgres = engineOf(db) === 'postgres';
  }

  /** Queues one row; every row of a table has the first row's columns. */
  add(table: Table, row: RowOf): void {
    let buf = this.buffers.get(table);
    if (!buf) {
      const columns = Object.keys(row);
      buf = { columns, values: [], rows: 0, chunk: Math.max(1, Math.floor(MAX_PARAMETERS / columns.length)) };
      this.buffers.set(table, buf);
    }
    for (const column of buf.columns) {
      const v = row[column];
      buf.values.push(v === undefined ? null : v);
    }
    buf.rows++;
    this.waiting++;
  }

  /** Call between units that must be written together (an order with its events): writes when enough is waiting. */
  async maybeFlush(): Promise<void> {
    if (this.waiting >= this.transactionRows) await this.flush();
  }

  /** Starts writing what is buffered (after the previous write finished). */
  async flush(): Promise<void> {
    if (this.inFlight) {
      const previous = this.inFlight;
      this.inFlight = null;
      await previous;
    }
    if (this.waiting === 0) return;
    const batch: [Table, Buffer][] = [];
    for (const [table, buf] of this.buffers) {
      if (!buf.rows) continue;
      batch.push([table, { ...buf }]);
      buf.values = [];
      buf.rows = 0;
    }
    const rank = (t: string) => (TABLE_ORDER.includes(t) ? TABLE_ORDER.indexOf(t) : TABLE_ORDER.length);
    batch.sort((a, b) => rank(a[0]) - rank(b[0]));
    this.waiting = 0;
    const write = this.db.transaction().execute(async (tx) => {
      for (const [table, buf] of batch) {
        const width = buf.columns.length;
        for (const [start, size] of statementSizes(buf.rows, buf.chunk)) {
          const params = buf.values.slice(start * width, (start + size) * width);
          await tx.executeQuery(CompiledQuery.raw(this.insertSql(table, buf.columns, size), params));
        }
        this.counts[table] = (this.counts[table] ?? 0) + buf.rows;
      }
    });
    if (this.postgres) {
      this.inFlight = write;
      // keep an early failure from being reported as unhandled before it is awaited
      write.catch(() => undefined);
    } else await write;
  }

  /** Writes everything buffered and waits until it is committed (call again at will). */
  async drain(): Promise<void> {
    await this.flush();
    if (this.inFlight) {
      const last = this.inFlight;
      this.inFlight = null;
      await last;
    }
  }

  private insertSql(table: string, columns: string[], rows: number): string {
    const key = `${table}:${rows}`;
    let text = this.sqlCache.get(key);
    if (text) return text;
    const tuples: string[] = [];
    let n = 0;
    for (let r = 0; r < rows; r++) {
      const marks = columns.map(() => (this.postgres ? `$${++n}` : '?'));
      tuples.push(`(${marks.join(',')})`);
    }
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) values ${tuples.join(',')}`;
    this.sqlCache.set(key, text);
    return text;
  }
}

/** [start, size] of each statement: full chunks, then the remainder split into powers of two. */
export function statementSizes(rows: number, chunk: number): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  while (rows - start >= chunk) {
    out.push([start, chunk]);
    start += chunk;
  }
  for (let size = 1 << 30; size >= 1; size >>>= 1) {
    if (rows - start >= size) {
      out.push([start, size]);
      start += size;
    }
  }
  return out;
}
