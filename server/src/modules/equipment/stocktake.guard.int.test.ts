import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { newId } from '../../platform/db/ids.js';

describe(`one open stocktake per scope, enforced by the database (${ENGINE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses a second open stocktake of the same whole site even when the service check is bypassed', async () => {
    const admin = await login(t.app, 'admin');
    const site = await t.db.selectFrom('sites').select('id').where('code', '=', 'SY').executeTakeFirstOrThrow();
    const started = await admin.post<{ id: string; number: string }>('/api/v1/stocktakes', { siteId: site.id, title: '全店盘点' });
    expect(started.status).toBe(201);
    const first = await t.db.selectFrom('stocktakes').selectAll().where('id', '=', started.body.id).executeTakeFirstOrThrow();
    // what a racing second request would write after both passed the service's check
    const racing = t.db
      .insertInto('stocktakes')
      .values({ ...first, id: newId(), number: `${first.number}-B`, title: '并发' })
      .execute();
    await expect(racing).rejects.toThrow();
    // a closed one does not block a new one
    await t.db.updateTable('stocktakes').set({ status: 'closed' }).where('id', '=', first.id).execute();
    const again = await admin.post('/api/v1/stocktakes', { siteId: site.id, title: '复盘' });
    expect(again.status).toBe(201);
  });
});
