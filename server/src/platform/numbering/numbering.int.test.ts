import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE, freshDatabase, TestClock } from '../../../test/harness.js';
import { loadConfig } from '../../config.js';
import { ensureOrganization } from '../../modules/setup/bootstrap.js';
import type { Db } from '../context.js';
import { connect, type DbHandle } from '../db/connect.js';
import { newId } from '../db/ids.js';
import { migrateToLatest } from '../db/migrate.js';
import { nextNumber, previewNumber } from './numbering.js';

describe(`nextNumber (${ENGINE})`, () => {
  let handle: Awaited<ReturnType<typeof freshDatabase>>;
  let racePool: DbHandle | null = null;
  let db: Db;
  let orgId = '';
  const site: Record<string, string> = {};
  const clock = new TestClock();

  async function addRule(code: string, dateFormat: string, reset: string, perSite: boolean, seqWidth = 4) {
    const now = clock.now().toISOString();
    await db
      .insertInto('numbering_rules')
      .values({
        id: newId(),
        org_id: orgId,
        code,
        name: code,
        prefix: code,
        date_format: dateFormat,
        seq_width: seqWidth,
        reset,
        per_site: perSite ? 1 : 0,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
  }
  const take = (ruleCode: string, siteId: string | null) =>
    db.transaction().execute((tx) => nextNumber(tx, { orgId, ruleCode, siteId, at: clock.now() }));

  beforeAll(async () => {
    handle = await freshDatabase();
    db = handle.db;
    await migrateToLatest(db);
    await ensureOrganization(db, loadConfig({ DATA_DIR: handle.dataDir, HOUQIN_DEMO: '1' }), clock);
    orgId = (await db.selectFrom('organizations').select('id').executeTakeFirstOrThrow()).id;
    for (const s of await db.selectFrom('sites').select(['id', 'code']).execute()) site[s.code] = s.id;
  });
  afterAll(async () => {
    await racePool?.close();
    await handle.close();
    fs.rmSync(handle.dataDir, { recursive: true, force: true });
  });

  it('gives 200 concurrent callers, each in its own transaction, 200 distinct consecutive numbers', async () => {
    await addRule('RACE', 'YYYYMMDD', 'daily', true);
    // on PostgreSQL a pool of many connections makes the transactions truly overlap
    racePool = handle.url ? connect({ databaseUrl: handle.url, dataDir: handle.dataDir, poolSize: 25 }) : null;
    const raceDb = racePool?.db ?? db;
    const at = new Date('2026-03-15T02:00:00.000Z');
    const numbers = await Promise.all(
      Array.from({ length: 200 }, () =>
        raceDb.transaction().execute((tx) => nextNumber(tx, { orgId, ruleCode: 'RACE', siteId: site.CC ?? null, at })),
      ),
    );
    expect(new Set(numbers).size).toBe(200);
    const seqs = numbers.map((n) => Number(n.split('-').pop())).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(numbers.every((n) => n.startsWith('RACE-20260315-'))).toBe(true);
  });

  it('resets daily at local midnight in the site’s zone', async () => {
    await addRule('DAY', 'YYYYMMDD', 'daily', true);
    clock.set('2026-03-15T15:58:00.000Z'); // 23:58 in Shanghai
    expect(await take('DAY', site.CC ?? null)).toBe('DAY-20260315-0001');
    expect(await take('DAY', site.CC ?? null)).toBe('DAY-20260315-0002');
    clock.set('2026-03-15T16:30:00.000Z'); // 00:30 on the 16th in Shanghai, still the 15th in UTC
    expect(await take('DAY', site.CC ?? null)).toBe('DAY-20260316-0001');
    clock.advance(24 * 3600_000);
    expect(await take('DAY', site.CC ?? null)).toBe('DAY-20260317-0001');
  });

  it('follows each site’s own time zone', async () => {
    await db
      .updateTable('sites')
      .set({ timezone: 'Europe/London' })
      .where('id', '=', site.SY ?? '')
      .execute();
    clock.set('2026-03-15T16:30:00.000Z');
    expect(await take('WX', site.CC ?? null)).toBe('WX-20260316-0001');
    expect(await take('WX', site.SY ?? null)).toBe('WX-20260315-0001');
    await db
      .updateTable('sites')
      .set({ timezone: 'Asia/Shanghai' })
      .where('id', '=', site.SY ?? '')
      .execute();
  });

  it('keeps separate counters per site for per-site rules and one counter for organisation-wide rules', async () => {
    clock.set('2026-04-02T02:00:00.000Z');
    expect(await take('WX', site.CC ?? null)).toBe('WX-20260402-0001');
    expect(await take('WX', site.SY ?? null)).toBe('WX-20260402-0001');
    expect(await take('WX', site.CC ?? null)).toBe('WX-20260402-0002');
    expect(await take('CG', site.CC ?? null)).toBe('CG-202604-0001');
    expect(await take('CG', site.SY ?? null)).toBe('CG-202604-0002');
    expect(await take('CG', null)).toBe('CG-202604-0003');
  });

  it('resets monthly and yearly on local period boundaries, and never when told so', async () => {
    await addRule('MON', 'YYYYMM', 'monthly', false, 3);
    await addRule('YR', 'YYYY', 'yearly', false, 3);
    await addRule('NVR', '', 'never', false, 5);
    clock.set('2026-03-31T15:00:00.000Z'); // 23:00 on 31 March in Shanghai
    expect([await take('MON', null), await take('MON', null)]).toEqual(['MON-202603-001', 'MON-202603-002']);
    clock.set('2026-03-31T16:00:00.000Z'); // midnight, 1 April in Shanghai
    expect(await take('MON', null)).toBe('MON-202604-001');
    clock.set('2026-12-31T15:59:59.000Z');
    expect(await take('YR', null)).toBe('YR-2026-001');
    expect(await take('NVR', null)).toBe('NVR-00001');
    clock.set('2026-12-31T16:00:00.000Z'); // New Year in Shanghai
    expect(await take('YR', null)).toBe('YR-2027-001');
    expect(await take('NVR', null)).toBe('NVR-00002');
    clock.set('2027-06-01T00:00:00.000Z');
    expect(await take('NVR', null)).toBe('NVR-00003');
  });

  it('gives a number back when the document’s transaction rolls back, and previews without taking', async () => {
    await addRule('SG', 'YYYY', 'yearly', true, 3);
    clock.set('2026-05-05T02:00:00.000Z');
    expect(await take('SG', site.CC ?? null)).toBe('SG-2026-001');
    await expect(
      db.transaction().execute(async (tx) => {
        await nextNumber(tx, { orgId, ruleCode: 'SG', siteId: site.CC ?? null, at: clock.now() });
        throw new Error('document failed to save');
      }),
    ).rejects.toThrow('document failed to save');
    const preview = { orgId, ruleCode: 'SG', siteId: site.CC ?? null, at: clock.now() };
    expect(await previewNumber(db, preview)).toBe('SG-2026-002');
    expect(await previewNumber(db, preview)).toBe('SG-2026-002');
    expect(await take('SG', site.CC ?? null)).toBe('SG-2026-002');
  });

  it('refuses an unknown rule, a per-site rule without a site, and a site of another organisation', async () => {
    await expect(take('NOPE', null)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(take('WX', null)).rejects.toMatchObject({ code: 'VALIDATION', details: { fields: [{ field: 'siteId' }] } });
    await expect(take('WX', 'not-a-site')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
