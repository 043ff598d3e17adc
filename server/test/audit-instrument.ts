import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {
  KyselyPlugin,
  OperationNode,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryId,
  QueryResult,
  UnknownRow,
} from 'kysely';

/**
 * Issue 5 point 9: every mutating route writes an audit row. The test app's database
 * handle carries a Kysely plugin that notes, per request, which tables a statement
 * changed (only statements that changed rows count); a Fastify onResponse hook then
 * holds a mutating request answered 2xx that changed business data to having inserted
 * into `audit_log` in the same request. Every integration test that drives the API is
 * thereby a check of every route it calls. Writes made outside a request (bootstrap,
 * demo seeding, jobs run by a test, a test's own inserts) are not watched.
 */

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Tables whose rows are not business records; each says why a change to it needs no audit row of its own. */
export const NOT_AUDITED_TABLES: Record<string, string> = {
  audit_log: 'the audit trail itself',
  sessions: 'sign-in state, written by login, logout and password changes, which are audited themselves',
  numbering_counters: 'the next free number; consumed only by the creation of a numbered record, which is audited',
  notifications: "a person's inbox: rows are written by an audited change; the read mark is the reader's own state",
  notification_deliveries: 'the outbox of channel pushes queued by an audited change, and their send status',
};

/** Columns that are bookkeeping: an update that sets nothing else is not a business change. */
export const BOOKKEEPING_COLUMNS: Record<string, readonly string[]> = {
  // when a token was last used (refreshed by the authentication hook at most once a minute)
  api_tokens: ['last_used_at'],
};

export interface AuditViolation {
  method: string;
  route: string;
  url: string;
  status: number;
  tables: string[];
}

interface RequestWrites {
  tables: Set<string>;
  audited: boolean;
}

const current = new AsyncLocalStorage<RequestWrites>();
const violations: AuditViolation[] = [];

interface WriteTarget {
  table: string;
  columns: string[] | null;
}

function isNode(value: unknown): value is OperationNode {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';
}

/** `TableNode` or `AliasNode(TableNode)` → the table's name. */
function tableName(node: unknown): string | null {
  if (!isNode(node)) return null;
  const n = node as unknown as { kind: string; table?: { identifier?: { name?: string } }; node?: unknown };
  if (n.kind === 'TableNode') return n.table?.identifier?.name ?? null;
  if (n.kind === 'AliasNode') return tableName(n.node);
  return null;
}

/** The statement text of a raw query with identifiers (`sql.table`, `sql.ref`) written in. */
function rawText(node: { sqlFragments: readonly string[]; parameters: readonly unknown[] }): string {
  return node.sqlFragments.reduce((text, fragment, i) => {
    const parameter = node.parameters[i - 1];
    const name = tableName(parameter) ?? (parameter as { name?: string } | undefined)?.name ?? '?';
    return i === 0 ? fragment : `${text}${name}${fragment}`;
  }, '');
}

const RAW_WRITE = /^\s*(?:insert\s+(?:or\s+\w+\s+)?into|update|delete\s+from)\s+["`]?(\w+)/i;

/** Every table a statement writes, wherever in the tree the write sits (a CTE can hold one). */
function writeTargets(node: unknown, out: WriteTarget[] = []): WriteTarget[] {
  if (Array.isArray(node)) {
    for (const item of node) writeTargets(item, out);
    return out;
  }
  if (!isNode(node)) return out;
  const n = node as unknown as Record<string, unknown>;
  switch (n.kind) {
    case 'InsertQueryNode':
    case 'MergeQueryNode': {
      const table = tableName(n.into);
      if (table) out.push({ table, columns: null });
      break;
    }
    case 'UpdateQueryNode': {
      const table = tableName(n.table);
      const updates = (n.updates ?? []) as { column?: { column?: { name?: string } } }[];
      if (table) out.push({ table, columns: updates.map((u) => u.column?.column?.name ?? '?') });
      break;
    }
    case 'DeleteQueryNode':
      for (const from of (n.from as { froms?: unknown[] } | undefined)?.froms ?? []) {
        const table = tableName(from);
        if (table) out.push({ table, columns: null });
      }
      break;
    case 'RawNode': {
      const table = RAW_WRITE.exec(rawText(n as unknown as { sqlFragments: string[]; parameters: unknown[] }))?.[1];
      if (table) out.push({ table, columns: null });
      break;
    }
  }
  for (const [key, value] of Object.entries(n)) if (key !== 'kind' && typeof value === 'object') writeTargets(value, out);
  return out;
}

function isBusinessWrite(target: WriteTarget): boolean {
  if (target.table in NOT_AUDITED_TABLES) return false;
  const bookkeeping = BOOKKEEPING_COLUMNS[target.table];
  if (bookkeeping && target.columns?.every((c) => bookkeeping.includes(c))) return false;
  return true;
}

/** Notes the tables each statement of a request changed; the statement's result tells whether it changed any row. */
export class WriteRecorder implements KyselyPlugin {
  readonly #pending = new WeakMap<QueryId, { writes: RequestWrites; targets: WriteTarget[] }>();

  transformQuery(args: PluginTransformQueryArgs): ReturnType<KyselyPlugin['transformQuery']> {
    const writes = current.getStore();
    // a select writes only through a data-modifying CTE; most statements are plain selects
    const plainSelect = args.node.kind === 'SelectQueryNode' && !args.node.with;
    if (writes && !plainSelect) {
      const targets = writeTargets(args.node);
      if (targets.length) this.#pending.set(args.queryId, { writes, targets });
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const pending = this.#pending.get(args.queryId);
    if (pending) {
      this.#pending.delete(args.queryId);
      const { numAffectedRows, rows } = args.result;
      // an update or delete that matched nothing (a lost race, a claim already taken) changed nothing
      const changed = numAffectedRows === undefined ? rows.length > 0 : numAffectedRows > 0n;
      if (changed) {
        for (const target of pending.targets) {
          if (target.table === 'audit_log') pending.writes.audited = true;
          else if (isBusinessWrite(target)) pending.writes.tables.add(target.table);
        }
      }
    }
    return args.result;
  }
}

/** Where this run's exercised mutating routes are listed (see audit-global.ts); null outside a run that set one up. */
export type Ledger = { record(line: string): void } | null;

export function fileLedger(dir: string | undefined): Ledger {
  if (!dir) return null;
  const file = path.join(dir, `${process.pid}.log`);
  const seen = new Set<string>();
  return {
    record(line) {
      if (seen.has(line)) return;
      seen.add(line);
      // one short line per append: O_APPEND keeps parallel writers from interleaving
      fs.appendFileSync(file, `${line}\n`);
    },
  };
}

/**
 * Opens the per-request record (after body parsing, whose stream events would lose an
 * async context entered earlier) and checks it when the response has gone.
 */
export function watchAudit(app: FastifyInstance, ledger: Ledger): void {
  const byRequest = new WeakMap<FastifyRequest, RequestWrites>();
  app.addHook('preValidation', (request, _reply, done) => {
    const writes: RequestWrites = { tables: new Set(), audited: false };
    byRequest.set(request, writes);
    current.run(writes, done);
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url;
    if (!MUTATING.has(request.method) || !route?.startsWith('/api/') || reply.statusCode < 200 || reply.statusCode > 299) return;
    ledger?.record(`${request.method} ${route}`);
    const writes = byRequest.get(request);
    if (writes && writes.tables.size > 0 && !writes.audited) {
      violations.push({ method: request.method, route, url: request.url, status: reply.statusCode, tables: [...writes.tables].sort() });
    }
  });
}

/** Throws (and forgets them) when requests since the last call changed business data without an audit row. */
export function assertAudited(): void {
  if (violations.length === 0) return;
  const found = violations.splice(0);
  const lines = found.map((v) => `  ${v.method} ${v.route} (${v.url}) → ${v.status}, changed ${v.tables.join(', ')}`);
  throw new Error(`mutating request(s) answered 2xx and changed business data without writing an audit row:\n${lines.join('\n')}`);
}
