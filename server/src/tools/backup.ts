import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { Config } from '../config.js';
import { entryFor, FORMAT, FORMAT_VERSION, listFiles, MANIFEST, type Manifest } from './archive.js';
import { runPg } from './pgtools.js';

export interface BackupResult {
  dir: string;
  manifest: Manifest;
}

function defaultName(now: Date): string {
  return `houqin-${now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}`;
}

async function pgMigrations(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const res = await client.query<{ name: string }>('select name from kysely_migration order by name');
    return res.rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

/** SQLite's online backup API: a consistent copy while the server keeps writing. */
async function sqliteBackup(config: Config, target: string): Promise<string[]> {
  const source = path.join(config.dataDir, 'houqin.db');
  if (!fs.existsSync(source)) throw new Error(`no database at ${source} (check DATA_DIR)`);
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(target);
  } finally {
    db.close();
  }
  const copy = new SQLite(target);
  try {
    // rollback-journal mode: the archived file opens read-only without creating -wal/-shm
    // beside it (the server turns WAL back on when it opens the restored file)
    copy.pragma('journal_mode = DELETE');
    return copy
      .prepare<[], { name: string }>('select name from kysely_migration order by name')
      .all()
      .map((r) => r.name);
  } finally {
    copy.close();
  }
}

/**
 * Writes an archive (layout in archive.ts) into `<out>.partial` and renames it to
 * `out` when complete, so an interrupted backup never looks like a finished one.
 * The database goes first and the attachments after it: a file uploaded in between is
 * an unreferenced extra, while the other order could miss a file a row points to.
 */
export async function backup(config: Config, out?: string, now = new Date()): Promise<BackupResult> {
  const dir = path.resolve(out ?? path.join('backups', defaultName(now)));
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw new Error(`${dir} exists and is not empty`);
  const work = `${dir}.partial`;
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  try {
    const engine = config.databaseUrl ? 'postgres' : 'sqlite';
    const dbFile = engine === 'sqlite' ? 'database.sqlite' : 'database.pgdump';
    let migrations: string[];
    if (config.databaseUrl) {
      migrations = await pgMigrations(config.databaseUrl);
      runPg('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', '--file', path.join(work, dbFile)], config.databaseUrl);
    } else {
      migrations = await sqliteBackup(config, path.join(work, dbFile));
    }
    let files: Manifest['files'] = null;
    if (!config.s3) {
      const store = path.join(config.dataDir, 'files');
      files = [];
      for (const rel of listFiles(store)) {
        // the local store writes `<key>.<pid>.tmp` and renames: a .tmp is an upload in flight
        if (rel.endsWith('.tmp')) continue;
        const dest = path.join(work, 'files', rel);
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        try {
          fs.copyFileSync(path.join(store, rel), dest);
        } catch (err) {
          // deleted since the listing: the database copy may still name it, as the live one did a moment ago
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
          throw err;
        }
        files.push(entryFor(path.join(work, 'files'), rel));
      }
    }
    const manifest: Manifest = {
      format: FORMAT,
      version: FORMAT_VERSION,
      engine,
      createdAt: now.toISOString(),
      migrations,
      database: entryFor(work, dbFile),
      files,
    };
    fs.writeFileSync(path.join(work, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(work, dir);
    return { dir, manifest };
  } catch (err) {
    fs.rmSync(work, { recursive: true, force: true });
    throw err;
  }
}
