import path from 'node:path';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';

/**
 * The ceiling: a bare Fastify app (no Houqin code) whose POST route does one
 * better-sqlite3 insert into a WAL database — the most any JSON-over-HTTP create on
 * this machine can do. Runs as a child of bench/run.ts, which sets DATA_DIR and PORT.
 * Same pragmas as Houqin's SQLite connection, so the difference is Houqin's own work.
 */
const dataDir = process.env.DATA_DIR;
const port = Number(process.env.PORT);
if (!dataDir || !port) throw new Error('DATA_DIR and PORT must be set (run this through `npm run bench`)');

const db = new SQLite(path.join(dataDir, 'ceiling.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(
  'create table items (id integer primary key, code text not null unique, name text not null, kind text not null, created_at text not null)',
);
const insert = db.prepare('insert into items (code, name, kind, created_at) values (?, ?, ?, ?)');
const list = db.prepare('select id, code, name, kind, created_at from items order by id desc limit ?');

const app = Fastify({ logger: false });

app.post<{ Body: { code: string; name: string; kind: string } }>('/items', async (req, reply) => {
  const { code, name, kind } = req.body;
  const createdAt = new Date().toISOString();
  const { lastInsertRowid } = insert.run(code, name, kind, createdAt);
  reply.status(201);
  return { id: Number(lastInsertRowid), code, name, kind, createdAt };
});

app.get<{ Querystring: { limit?: string } }>('/items', async (req) => ({ items: list.all(Math.min(Number(req.query.limit ?? 50), 200)) }));

app.get('/health', async () => ({ status: 'ok' }));

await app.listen({ host: '127.0.0.1', port });

const stop = async () => {
  await app.close();
  db.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
