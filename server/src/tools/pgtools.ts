import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * pg_dump / pg_restore from the newest /usr/lib/postgresql/<version>/bin (Debian and
 * Ubuntu's layout; pg_dump must be at least the server's version), else from PATH.
 */
export function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    const versions = fs.readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const bin = path.join(root, v, 'bin', name);
      if (fs.existsSync(bin)) return bin;
    }
  }
  return name;
}

/** The password goes to the child's environment, not its command line, where `ps` would show it. */
function split(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(databaseUrl);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { url: u.toString(), env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

export function runPg(name: 'pg_dump' | 'pg_restore', args: string[], databaseUrl?: string): string {
  const conn = databaseUrl ? split(databaseUrl) : null;
  const full = conn ? [...args, '--dbname', conn.url] : args;
  const r = spawnSync(pgTool(name), full, { encoding: 'utf8', env: conn?.env ?? process.env, maxBuffer: 1 << 28 });
  if (r.error) throw new Error(`${name} could not run: ${r.error.message} (install the PostgreSQL client tools)`);
  if (r.status !== 0) throw new Error(`${name} failed: ${r.stderr || r.stdout}`);
  return r.stdout;
}
