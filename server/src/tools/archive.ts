import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { migrationProvider } from '../migrations/index.js';

/**
 * A backup archive is a plain directory (no tar: copyable with any tool, and a restore
 * reads it without unpacking):
 *   manifest.json      format, engine, migrations, sha256 of every other file
 *   database.sqlite    SQLite online backup (rollback-journal mode, opens read-only)
 *   database.pgdump    or: pg_dump custom format (-Fc)
 *   files/…            the local attachment store (DATA_DIR/files), same layout
 */
export const MANIFEST = 'manifest.json';
export const FORMAT = 'houqin-backup';
export const FORMAT_VERSION = 1;

export interface FileEntry {
  path: string;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  format: typeof FORMAT;
  version: typeof FORMAT_VERSION;
  engine: 'sqlite' | 'postgres';
  createdAt: string;
  /** migrations applied in the backed-up database, in order */
  migrations: string[];
  database: FileEntry;
  /** null when attachments live in S3 (back the bucket up with the store's own tools) */
  files: FileEntry[] | null;
}

export function sha256File(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let n = fs.readSync(fd, buf); n > 0; n = fs.readSync(fd, buf)) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

export function entryFor(root: string, rel: string): FileEntry {
  const full = path.join(root, rel);
  return { path: rel, bytes: fs.statSync(full).size, sha256: sha256File(full) };
}

/** Relative posix paths of every regular file under dir (none when it does not exist). */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const entries = fs.readdirSync(path.join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child);
      else if (e.isFile()) out.push(child);
    }
  };
  if (fs.existsSync(dir)) walk('');
  return out.sort();
}

export async function knownMigrations(): Promise<string[]> {
  return Object.keys(await migrationProvider.getMigrations()).sort();
}

function safeRelative(p: unknown): p is string {
  return (
    typeof p === 'string' &&
    p.length > 0 &&
    !path.isAbsolute(p) &&
    !p.includes('\\') &&
    p.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..')
  );
}

/**
 * Everything a restore checks before it touches the target: the manifest's shape, that
 * this code knows every migration the archive's database has (an archive from a newer
 * Houqin is refused; an older one is migrated forward by the next start), and the size
 * and sha256 of the database file and of every attachment.
 */
export async function readArchive(dir: string): Promise<Manifest> {
  const manifestPath = path.join(dir, MANIFEST);
  if (!fs.existsSync(manifestPath)) throw new Error(`${dir} is not a Houqin backup: ${MANIFEST} is missing`);
  let m: Manifest;
  try {
    m = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Manifest;
  } catch (err) {
    throw new Error(`${MANIFEST} is not valid JSON: ${(err as Error).message}`);
  }
  if (m?.format !== FORMAT || m.version !== FORMAT_VERSION) {
    throw new Error(`${MANIFEST} is not a ${FORMAT} v${FORMAT_VERSION} manifest`);
  }
  if (m.engine !== 'sqlite' && m.engine !== 'postgres') throw new Error(`unknown engine in ${MANIFEST}: ${m.engine}`);
  if (!Array.isArray(m.migrations) || !m.database || !(m.files === null || Array.isArray(m.files))) {
    throw new Error(`${MANIFEST} lacks migrations, database or files`);
  }
  const known = new Set(await knownMigrations());
  const unknown = m.migrations.filter((name) => !known.has(name));
  if (unknown.length) {
    throw new Error(`the archive comes from a newer Houqin (unknown migrations: ${unknown.join(', ')}); upgrade first`);
  }
  const problems: string[] = [];
  const check = (e: FileEntry, rel: string) => {
    const full = path.join(dir, rel);
    if (!fs.existsSync(full)) problems.push(`${rel}: missing`);
    else if (fs.statSync(full).size !== e.bytes) problems.push(`${rel}: size differs`);
    else if (sha256File(full) !== e.sha256) problems.push(`${rel}: checksum differs`);
  };
  const dbName = m.engine === 'sqlite' ? 'database.sqlite' : 'database.pgdump';
  if (m.database.path !== dbName) problems.push(`database file must be ${dbName}`);
  else check(m.database, dbName);
  for (const f of m.files ?? []) {
    if (!safeRelative(f?.path)) problems.push(`invalid attachment path: ${String(f?.path)}`);
    else check(f, `files/${f.path}`);
  }
  if (problems.length) throw new Error(`the archive is damaged:\n  ${problems.join('\n  ')}`);
  return m;
}
