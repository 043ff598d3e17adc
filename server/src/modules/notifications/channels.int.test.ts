import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { loadConfig } from '../../config.js';
import { channelAdapters } from '../../platform/notify/channels.js';

interface Hit {
  path: string;
  query: URLSearchParams;
  body: { msgtype: string; markdown: { content?: string; title?: string; text?: string } };
}
interface Channel {
  id: string;
  kind: string;
  name: string;
  config: Record<string, unknown>;
  active: boolean;
  version: number;
}
interface ErrorBody {
  error: { code: string; details?: { fields: { field: string; message: string }[] } };
}

const DING_SECRET = 'SEC0123456789abcdef+/=';

/**
 * Fake WeCom / DingTalk robots on 127.0.0.1. `/dingtalk` verifies the 加签 signature
 * itself (errcode 310000 like DingTalk when it is wrong); `answer` scripts the reply;
 * `/dead` accepts the connection and never answers.
 */
function fakeRobots() {
  const hits: Hit[] = [];
  const state = { answer: { status: 200, json: { errcode: 0, errmsg: 'ok' } as unknown } };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/dead') return; // hold the request open
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Hit['body'];
      hits.push({ path: url.pathname, query: url.searchParams, body });
      if (url.pathname === '/dingtalk' && url.searchParams.has('sign')) {
        const ts = Number(url.searchParams.get('timestamp'));
        const expected = createHmac('sha256', DING_SECRET).update(`${ts}\n${DING_SECRET}`).digest('base64');
        if (url.searchParams.get('sign') !== expected || Math.abs(Date.now() - ts) > 3600_000) {
          return res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ errcode: 310000, errmsg: 'sign not match' }));
        }
      }
      res.writeHead(state.answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(state.answer.json));
    });
  });
  return { server, hits, state };
}

describe(`notification channels (${ENGINE})`, () => {
  const robots = fakeRobots();
  let base = '';
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    await new Promise<void>((resolve) => robots.server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(robots.server.address() as AddressInfo).port}`;
    t = await createTestApp({ adapters: channelAdapters(loadConfig({ PUBLIC_URL: 'https://houqin.example.cn' })) });
    admin = await login(t.app, 'admin');
  });
  afterAll(async () => {
    await t.close();
    robots.server.closeAllConnections();
    await new Promise<void>((resolve) => robots.server.close(() => resolve()));
  });
  beforeEach(() => {
    robots.hits.length = 0;
    robots.state.answer = { status: 200, json: { errcode: 0, errmsg: 'ok' } };
  });

  const create = (body: unknown) => admin.post<Channel & ErrorBody>('/api/v1/notification-channels', body);

  it('validates the settings of each kind and lists every bad field', async () => {
    const kind = await create({ kind: 'pager', name: '寻呼机', config: {} });
    expect(kind.status).toBe(400);
    expect(kind.body.error.details?.fields.map((f) => f.field)).toEqual(['kind']);
    const wecom = await create({ kind: 'wecom', name: ' ', config: { url: 'ftp://x', extra: 1 } });
    expect(wecom.body.error.details?.fields.map((f) => f.field).sort()).toEqual(['config.extra', 'config.url', 'name']);
    const email = await create({
      kind: 'email',
      name: '邮件',
      config: { host: 'smtp.example.cn', port: 70000, to: ['ops@example.cn', 'not-an-address'] },
    });
    expect(email.body.error.details?.fields.map((f) => f.field).sort()).toEqual(['config.port', 'config.to.1']);
    const missing = await create({ kind: 'dingtalk', name: '钉钉', config: {} });
    expect(missing.body.error.details?.fields).toEqual([{ field: 'config.url', message: expect.stringContaining('必填') }]);
  });

  it('is managed by holders of notify:manage only', async () => {
    const head = await login(t.app, 'head');
    expect((await head.get('/api/v1/notification-channels')).status).toBe(403);
    expect((await head.post('/api/v1/notification-channels', { kind: 'wecom', name: 'x', config: { url: `${base}/wecom` } })).status).toBe(
      403,
    );
  });

  it('sends a WeCom markdown test message and logs the delivery', async () => {
    const ch = await create({ kind: 'wecom', name: '维修群', config: { url: `${base}/wecom?key=abc` } });
    expect(ch.status).toBe(201);
    const res = await admin.post<{ status: string; error: string | null }>(`/api/v1/notification-channels/${ch.body.id}/test`);
    expect(res.body).toMatchObject({ status: 'sent', error: null });
    expect(robots.hits).toHaveLength(1);
    const hit = robots.hits[0] as Hit;
    expect(hit.query.get('key')).toBe('abc');
    expect(hit.body.msgtype).toBe('markdown');
    expect(hit.body.markdown.content).toContain('### 后勤平台通知测试');
    expect(hit.body.markdown.content).toContain('维修群');
    expect(hit.body.markdown.content).toContain('[查看详情](https://houqin.example.cn/notifications)');
  });

  it('signs DingTalk messages, keeps the secret masked, and keeps it when sent back masked', async () => {
    const ch = await create({
      kind: 'dingtalk',
      name: '钉钉值班群',
      config: { url: `${base}/dingtalk?access_token=t1`, secret: DING_SECRET },
    });
    expect(ch.body.config).toEqual({ url: `${base}/dingtalk?access_token=t1`, secret: '******' });
    const res = await admin.post<{ status: string }>(`/api/v1/notification-channels/${ch.body.id}/test`);
    expect(res.body.status).toBe('sent');
    const hit = robots.hits[0] as Hit;
    expect(hit.query.get('access_token')).toBe('t1');
    expect(hit.query.get('sign')).toMatch(/=$|[A-Za-z0-9+/]{40,}/);
    expect(Math.abs(Number(hit.query.get('timestamp')) - Date.now())).toBeLessThan(60_000);
    expect(hit.body).toMatchObject({ msgtype: 'markdown', markdown: { title: '后勤平台通知测试' } });
    expect(hit.body.markdown.text).toContain('钉钉值班群');
    // rename, sending the masked secret back: the stored secret must survive (the fake checks the signature)
    const renamed = await admin.patch<Channel>(`/api/v1/notification-channels/${ch.body.id}`, {
      name: '钉钉夜班群',
      config: ch.body.config,
      version: 1,
    });
    expect(renamed.body).toMatchObject({ name: '钉钉夜班群', version: 2 });
    expect((await admin.post<{ status: string }>(`/api/v1/notification-channels/${ch.body.id}/test`)).body.status).toBe('sent');
    const stale = await admin.patch<ErrorBody>(`/api/v1/notification-channels/${ch.body.id}`, { name: '覆盖', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    const audit = await t.db.selectFrom('audit_log').select(['action', 'diff']).where('entity_id', '=', ch.body.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit.map((a) => a.diff).join()).not.toContain(DING_SECRET);
  });

  it('reports a wrong DingTalk secret, HTTP 500 and errcode answers as failed deliveries without throwing', async () => {
    const wrong = await create({ kind: 'dingtalk', name: '错误密钥', config: { url: `${base}/dingtalk`, secret: 'SECwrong' } });
    const signed = await admin.post<{ status: string; error: string }>(`/api/v1/notification-channels/${wrong.body.id}/test`);
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ status: 'failed', error: expect.stringContaining('310000') });

    const wecom = await create({ kind: 'wecom', name: '会失败的群', config: { url: `${base}/wecom` } });
    robots.state.answer = { status: 500, json: { message: 'boom' } };
    const http500 = await admin.post<{ status: string; error: string }>(`/api/v1/notification-channels/${wecom.body.id}/test`);
    expect(http500.body).toMatchObject({ status: 'failed', error: expect.stringContaining('HTTP 500') });
    robots.state.answer = { status: 200, json: { errcode: 93000, errmsg: 'invalid webhook url' } };
    const errcode = await admin.post<{ status: string; error: string }>(`/api/v1/notification-channels/${wecom.body.id}/test`);
    expect(errcode.body.error).toContain('errcode 93000');

    const log = await admin.get<{ items: { status: string; error: string | null }[] }>(
      `/api/v1/notification-channels/${wecom.body.id}/deliveries`,
    );
    expect(log.body.items.map((d) => d.status)).toEqual(['failed', 'failed']);
    expect(log.body.items[0]?.error).toContain('93000');
    const sentOnly = await admin.get<{ items: unknown[] }>(`/api/v1/notification-channels/${wrong.body.id}/deliveries?status=sent`);
    expect(sentOnly.body.items).toEqual([]);
  });

  it('gives up on a dead endpoint after the 5 s timeout', async () => {
    const dead = await create({ kind: 'wecom', name: '无响应', config: { url: `${base}/dead` } });
    const started = Date.now();
    const res = await admin.post<{ status: string; error: string }>(`/api/v1/notification-channels/${dead.body.id}/test`);
    const took = Date.now() - started;
    expect(res.body).toMatchObject({ status: 'failed', error: expect.stringContaining('超时') });
    expect(took).toBeGreaterThanOrEqual(4900);
    expect(took).toBeLessThan(9000);
    await admin.post(`/api/v1/notification-channels/${dead.body.id}/deactivate`, { version: 1 });
  });

  it('rejects duplicate names and toggles active with the version', async () => {
    const a = await create({ kind: 'wecom', name: '保洁群', config: { url: `${base}/wecom` } });
    const dup = await create({ kind: 'wecom', name: '保洁群', config: { url: `${base}/wecom` } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE');
    const off = await admin.post<Channel>(`/api/v1/notification-channels/${a.body.id}/deactivate`, { version: 1 });
    expect(off.body).toMatchObject({ active: false, version: 2 });
    const list = await admin.get<{ items: Channel[] }>('/api/v1/notification-channels?active=0');
    expect(list.body.items.map((c) => c.name)).toContain('保洁群');
    const on = await admin.post<Channel>(`/api/v1/notification-channels/${a.body.id}/activate`, { version: 2 });
    expect(on.body.active).toBe(true);
    await admin.post(`/api/v1/notification-channels/${a.body.id}/deactivate`, { version: 3 });
  });

  it('pushes a message sent in a transaction only after commit, to active channels only', async () => {
    // leave exactly one active channel pointing at /wecom
    const channels = await admin.get<{ items: Channel[] }>('/api/v1/notification-channels?active=1');
    for (const c of channels.body.items) await admin.post(`/api/v1/notification-channels/${c.id}/deactivate`, { version: c.version });
    const live = await create({ kind: 'wecom', name: '工单推送群', config: { url: `${base}/wecom` } });
    const { notifier } = t.app.deps;
    const orgId = (await t.db.selectFrom('users').select('org_id').where('id', '=', admin.userId).executeTakeFirstOrThrow()).org_id;
    const message = {
      orgId,
      userIds: [admin.userId],
      kind: 'work_order',
      title: '新工单 WX-0001',
      body: '配电室跳闸',
      link: '/work-orders/1',
    };

    await expect(
      t.db.transaction().execute(async (tx) => {
        await notifier.send(tx, { ...message, title: '回滚的工单' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');

    await t.db.transaction().execute(async (tx) => {
      await notifier.send(tx, message);
      const queued = await tx.selectFrom('notification_deliveries').select('status').where('title', '=', message.title).execute();
      expect(queued.map((d) => d.status)).toEqual(['pending']);
      expect(robots.hits).toHaveLength(0); // nothing leaves before commit
    });
    // after commit, the background dispatcher picks it up by itself
    for (let i = 0; i < 100 && robots.hits.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await notifier.idle();
    expect(robots.hits.map((h) => h.body.markdown.content?.split('\n')[0])).toEqual(['### 新工单 WX-0001']);
    const log = await t.db
      .selectFrom('notification_deliveries')
      .select(['channel_id', 'status', 'title'])
      .where('org_id', '=', orgId)
      .where('status', '=', 'sent')
      .where('title', 'like', '%工单%')
      .execute();
    expect(log).toEqual([{ channel_id: live.body.id, status: 'sent', title: '新工单 WX-0001' }]);
    expect(await t.db.selectFrom('notification_deliveries').select('id').where('title', '=', '回滚的工单').execute()).toEqual([]);
  });
});
