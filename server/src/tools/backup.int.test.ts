import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, freshDatabase, login, type TestApp } from '../../test/harness.js';
import { loadConfig } from '../config.js';
import { connect } from '../platform/db/connect.js';
import type { Database } from '../platform/db/schema.js';
import { MANIFEST, type Manifest } from './archive.js';
import { backup } from './backup.js';
import { restore } from './restore.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function tableNames(db: Kysely<Database>): Promise<string[]> {
  const q =
    ENGINE === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`
      : sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE'`;
  return (await q.execute(db)).rows.map((r) => r.name).sort();
}

/** Every row of a table in a stable order, whatever its key. */
async function rowsOf(db: Kysely<Database>, table: string): Promise<string[]> {
  const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows;
  return rows.map((r) => JSON.stringify(r)).sort();
}

describe(`backup and restore (${ENGINE})`, () => {
  let t: TestApp;
  let work: string;
  let archive: string;
  let attachmentId: string;
  beforeAll(async () => {
    t = await createTestApp();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-backup-'));
    const dispatcher = await login(t.app, 'dispatcher');
    const admin = await login(t.app, 'admin');
    const sites = await admin.get<{ items: { id: string; code: string }[] }>('/api/v1/sites');
    const cc = sites.body.items.find((s) => s.code === 'CC')?.id as string;
    const wo = await dispatcher.post('/api/v1/work-orders', {
      siteId: cc,
      channel: 'hotline',
      category: 'power',
      urgency: 'urgent',
      description: '备份测试：二楼配电箱跳闸',
      requesterName: '王女士',
      requesterPhone: '13900001111',
    });
    expect(wo.status).toBe(201);
    const boundary = '----houqinbackup';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="ownerType"\r\n\r\nsite\r\n`),
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="ownerId"\r\n\r\n${cc}\r\n`),
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="报告.pdf"\r\ncontent-type: application/pdf\r\n\r\n`,
      ),
      PDF,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await admin.req<{ id: string }>('POST', '/api/v1/attachments', body, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    expect(up.status).toBe(201);
    attachmentId = up.body.id;
    // the harness's config leaves DATABASE_URL out; the test database's url is the cluster's plus its name
    let source = t.config;
    if (ENGINE === 'postgres') {
      const db = await sql<{ name: string }>`select current_database() as name`.execute(t.db);
      source = { ...t.config, databaseUrl: `${process.env.HOUQIN_TEST_PG_URL}/${db.rows[0]?.name}` };
    }
    // online: the app stays open while the backup runs
    archive = (await backup(source, path.join(work, 'archive'))).dir;
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('restores into an empty database: every table row for row, and the attachment bytes', async () => {
    const target = await freshDatabase();
    await target.close();
    const config = loadConfig({ DATA_DIR: target.dataDir, ...(target.url && { DATABASE_URL: target.url }) });
    const manifest = await restore(config, archive);
    expect(manifest.engine).toBe(ENGINE);
    expect(manifest.files).toHaveLength(1);

    const restored = connect({ databaseUrl: target.url, dataDir: target.dataDir, poolSize: 2 });
    try {
      const tables = await tableNames(t.db);
      expect(tables).toContain('work_orders');
      expect(tables).toContain('kysely_migration');
      expect(await tableNames(restored.db)).toEqual(tables);
      let total = 0;
      for (const table of tables) {
        const rows = await rowsOf(t.db, table);
        expect(await rowsOf(restored.db, table), table).toEqual(rows);
        total += rows.length;
      }
      expect(total).toBeGreaterThan(100);
      const wo = await restored.db
        .selectFrom('work_orders')
        .select('description')
        .where('description', '=', '备份测试：二楼配电箱跳闸')
        .execute();
      expect(wo).toHaveLength(1);
      const att = await restored.db
        .selectFrom('attachments')
        .select('storage_key')
        .where('id', '=', attachmentId)
        .executeTakeFirstOrThrow();
      expect(fs.readFileSync(path.join(target.dataDir, 'files', att.storage_key)).equals(PDF)).toBe(true);
    } finally {
      await restored.close();
    }

    // the target now holds data: refused without --force, replaced with it
    await expect(restore(config, archive)).rejects.toThrow(/not empty.*--force/);
    await restore(config, archive, { force: true });
    const again = connect({ databaseUrl: target.url, dataDir: target.dataDir, poolSize: 2 });
    try {
      expect(await rowsOf(again.db, 'attachments')).toEqual(await rowsOf(t.db, 'attachments'));
    } finally {
      await again.close();
      fs.rmSync(target.dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a damaged archive before touching the target', async () => {
    const damaged = path.join(work, 'damaged');
    fs.cpSync(archive, damaged, { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(damaged, MANIFEST), 'utf8')) as Manifest;
    const file = path.join(damaged, 'files', manifest.files?.[0]?.path as string);
    fs.writeFileSync(file, Buffer.concat([fs.readFileSync(file), Buffer.from('x')]));
    const target = await freshDatabase();
    await target.close();
    const config = loadConfig({ DATA_DIR: target.dataDir, ...(target.url && { DATABASE_URL: target.url }) });
    try {
      await expect(restore(config, damaged, { force: true })).rejects.toThrow(/damaged[\s\S]*size differs/);
      const check = connect({ databaseUrl: target.url, dataDir: target.dataDir, poolSize: 1 });
      expect(await tableNames(check.db)).toEqual([]);
      await check.close();
      expect(fs.existsSync(path.join(target.dataDir, 'files'))).toBe(false);

      manifest.migrations.push('9999_from_the_future');
      fs.cpSync(archive, path.join(work, 'future'), { recursive: true });
      fs.writeFileSync(path.join(work, 'future', MANIFEST), JSON.stringify(manifest));
      await expect(restore(config, path.join(work, 'future'))).rejects.toThrow(/newer Houqin.*9999_from_the_future/);
      await expect(restore(config, path.join(work, 'nowhere'))).rejects.toThrow(/not a Houqin backup/);
    } finally {
      fs.rmSync(target.dataDir, { recursive: true, force: true });
    }
  });
});
