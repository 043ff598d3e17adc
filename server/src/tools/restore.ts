import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { Config } from '../config.js';
import { listFiles, type Manifest, readArchive } from './archive.js';
import { runPg } from './pgtools.js';

export interface RestoreOptions {
  /** replace a target that already holds tables or attachments */
  force?: boolean;
}

const SQLITE_SIDE_FILES = ['', '-wal', '-shm', '-journal'];

function sqliteTables(file: string): string[] {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return [];
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare<[], { name: string }>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
      .all()
      .map((r) => r.name);
  } finally {
    db.close();
  }
}

async function withPg<T>(databaseUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const USER_TABLES = `select quote_ident(table_schema) || '.' || quote_ident(table_name) as name
  from information_schema.tables
  where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`;

/** The archive's own database is checked too: SQLite's quick_check, pg_restore's table of contents. */
function checkDatabaseFile(dir: string, m: Manifest): void {
  const file = path.join(dir, m.database.path);
  if (m.engine === 'sqlite') {
    const db = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      const result = db.pragma('quick_check', { simple: true });
      if (result !== 'ok') throw new Error(`the archived database fails quick_check: ${String(result)}`);
    } finally {
      db.close();
    }
  } else {
    runPg('pg_restore', ['--list', file]);
  }
}

/**
 * Restores an archive made by backup(): everything is validated first (manifest,
 * checksums, the database file itself, engine and emptiness of the target) and only
 * then is the target touched. Stop the server before restoring.
 */
export async function restore(config: Config, archive: string, opts: RestoreOptions = {}): Promise<Manifest> {
  const dir = path.resolve(archive);
  const m = await readArchive(dir);
  const engine = config.databaseUrl ? 'postgres' : 'sqlite';
  if (m.engine !== engine) {
    throw new Error(`the archive holds a ${m.engine} database but this configuration uses ${engine} (DATABASE_URL)`);
  }
  if (m.files?.length && config.s3) {
    throw new Error('the archive holds attachments but S3_ENDPOINT is set: restore with the local store');
  }
  checkDatabaseFile(dir, m);

  const store = path.join(config.dataDir, 'files');
  const dbFile = path.join(config.dataDir, 'houqin.db');
  const tables = config.databaseUrl
    ? await withPg(config.databaseUrl, async (c) => (await c.query<{ name: string }>(USER_TABLES)).rows.map((r) => r.name))
    : sqliteTables(dbFile);
  const storeFiles = config.s3 ? [] : listFiles(store);
  if ((tables.length || storeFiles.length) && !opts.force) {
    throw new Error(`the target is not empty (${tables.length} tables, ${storeFiles.length} attachment files); pass --force to replace it`);
  }

  if (config.databaseUrl) {
    const url = config.databaseUrl;
    if (tables.length) {
      // cascade takes the tables' sequences, indexes and foreign keys along
      await withPg(url, (c) => c.query(`drop table if exists ${tables.join(', ')} cascade`));
    }
    runPg('pg_restore', ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', path.join(dir, m.database.path)], url);
  } else {
    // copy beside the target, then swap in by rename
    fs.mkdirSync(config.dataDir, { recursive: true });
    const incoming = `${dbFile}.restoring`;
    fs.copyFileSync(path.join(dir, m.database.path), incoming);
    for (const suffix of SQLITE_SIDE_FILES) fs.rmSync(`${dbFile}${suffix}`, { force: true });
    fs.renameSync(incoming, dbFile);
  }

  if (m.files !== null && !config.s3) {
    const incoming = `${store}.restoring`;
    fs.rmSync(incoming, { recursive: true, force: true });
    for (const f of m.files) {
      const dest = path.join(incoming, f.path);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.copyFileSync(path.join(dir, 'files', f.path), dest);
    }
    fs.mkdirSync(incoming, { recursive: true });
    fs.rmSync(store, { recursive: true, force: true });
    fs.renameSync(incoming, store);
  }
  return m;
}
