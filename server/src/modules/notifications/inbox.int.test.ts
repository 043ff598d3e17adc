import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';

interface Item {
  id: string;
  title: string;
  read: boolean;
  readAt: string | null;
  link: string | null;
}
interface PageBody {
  items: Item[];
  nextCursor: string | null;
}

describe(`notification inbox (${ENGINE})`, () => {
  let t: TestApp;
  let tech: Client;
  let techSy: Client;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestApp();
    tech = await login(t.app, 'tech');
    techSy = await login(t.app, 'tech_sy');
    orgId = (await t.db.selectFrom('users').select('org_id').where('id', '=', tech.userId).executeTakeFirstOrThrow()).org_id;
    const { notifier } = t.app.deps;
    for (let i = 1; i <= 5; i++) {
      await notifier.send(t.db, {
        orgId,
        userIds: [tech.userId],
        kind: 'work_order',
        title: `工单 ${i}`,
        body: `第 ${i} 条`,
        link: `/work-orders/${i}`,
      });
      t.clock.advance(60_000);
    }
    await notifier.send(t.db, { orgId, userIds: [techSy.userId], kind: 'work_order', title: '沈阳店工单', body: '只给沈阳' });
  });
  afterAll(() => t.close());

  it('lists only my notifications, newest first, in keyset pages', async () => {
    const first = await tech.get<PageBody>('/api/v1/notifications?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items.map((n) => n.title)).toEqual(['工单 5', '工单 4']);
    expect(first.body.nextCursor).not.toBeNull();
    const second = await tech.get<PageBody>(`/api/v1/notifications?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((n) => n.title)).toEqual(['工单 3', '工单 2']);
    const third = await tech.get<PageBody>(`/api/v1/notifications?limit=2&cursor=${second.body.nextCursor}`);
    expect(third.body.items.map((n) => n.title)).toEqual(['工单 1']);
    expect(third.body.nextCursor).toBeNull();
    const sy = await techSy.get<PageBody>('/api/v1/notifications');
    expect(sy.body.items.map((n) => n.title)).toEqual(['沈阳店工单']);
  });

  it('marks one and all as read, with the unread filter and count following', async () => {
    expect((await tech.get<{ count: number }>('/api/v1/notifications/unread-count')).body.count).toBe(5);
    const list = await tech.get<PageBody>('/api/v1/notifications');
    const target = list.body.items[1] as Item;
    const read = await tech.post<Item>(`/api/v1/notifications/${target.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.read).toBe(true);
    expect(read.body.readAt).toBe(t.clock.now().toISOString());
    const again = await tech.post<Item>(`/api/v1/notifications/${target.id}/read`);
    expect(again.body.readAt).toBe(read.body.readAt);
    expect((await tech.get<{ count: number }>('/api/v1/notifications/unread-count')).body.count).toBe(4);
    const unread = await tech.get<PageBody>('/api/v1/notifications?unread=1');
    expect(unread.body.items.map((n) => n.id)).not.toContain(target.id);
    expect(unread.body.items).toHaveLength(4);
    const all = await tech.post<{ updated: number }>('/api/v1/notifications/read-all');
    expect(all.body.updated).toBe(4);
    expect((await tech.get<{ count: number }>('/api/v1/notifications/unread-count')).body.count).toBe(0);
    // 沈阳店's technician is untouched
    expect((await techSy.get<{ count: number }>('/api/v1/notifications/unread-count')).body.count).toBe(1);
  });

  it('answers 404 for someone else’s notification', async () => {
    const theirs = (await techSy.get<PageBody>('/api/v1/notifications')).body.items[0] as Item;
    const res = await tech.post<{ error: { code: string } }>(`/api/v1/notifications/${theirs.id}/read`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    const row = await t.db.selectFrom('notifications').select('read_at').where('id', '=', theirs.id).executeTakeFirstOrThrow();
    expect(row.read_at).toBeNull();
  });

  it('writes inbox rows inside the caller’s transaction: a rollback leaves nothing', async () => {
    const { notifier } = t.app.deps;
    await expect(
      t.db.transaction().execute(async (tx) => {
        await notifier.send(tx, { orgId, userIds: [tech.userId], kind: 'x', title: '回滚', body: 'b' });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const rows = await t.db.selectFrom('notifications').select('id').where('title', '=', '回滚').execute();
    expect(rows).toEqual([]);
  });

  it('requires a signed-in user and a valid cursor', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
    const bad = await tech.get<{ error: { code: string } }>('/api/v1/notifications?cursor=garbage');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION');
  });
});
