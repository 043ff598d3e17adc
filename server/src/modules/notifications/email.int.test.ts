import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { loadConfig } from '../../config.js';
import { channelAdapters } from '../../platform/notify/channels.js';

interface Mail {
  auth: string | null;
  from: string;
  rcpt: string[];
  data: string;
}

/** Just enough SMTP (EHLO/HELO, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT) to receive what nodemailer sends. */
function fakeSmtp() {
  const mails: Mail[] = [];
  const server = net.createServer((socket) => {
    let buffer = '';
    let inData = false;
    let awaitingAuth = false;
    let mail: Mail = { auth: null, from: '', rcpt: [], data: '' };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 fake.smtp.local ESMTP ready');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          mail.data = buffer.slice(0, end).replace(/\r\n\.\./g, '\r\n.');
          buffer = buffer.slice(end + 5);
          inData = false;
          mails.push(mail);
          mail = { auth: mail.auth, from: '', rcpt: [], data: '' };
          reply('250 2.0.0 queued');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.split(' ')[0]?.toUpperCase() ?? '';
        const plain = (b64: string) => {
          mail.auth = Buffer.from(b64, 'base64').toString('utf8').split('\u0000').slice(1).join(':');
          reply('235 2.7.0 authenticated');
        };
        if (awaitingAuth) {
          awaitingAuth = false;
          plain(line);
        } else if (verb === 'EHLO') {
          reply('250-fake.smtp.local');
          reply('250-AUTH PLAIN');
          reply('250 8BITMIME');
        } else if (verb === 'HELO' || verb === 'RSET' || verb === 'NOOP') reply('250 OK');
        else if (verb === 'AUTH') {
          const arg = line.split(' ')[2];
          if (arg) plain(arg);
          else {
            awaitingAuth = true;
            reply('334 ');
          }
        } else if (verb === 'MAIL') {
          mail.from = line.match(/<([^>]*)>/)?.[1] ?? '';
          reply('250 2.1.0 OK');
        } else if (verb === 'RCPT') {
          mail.rcpt.push(line.match(/<([^>]*)>/)?.[1] ?? '');
          reply('250 2.1.5 OK');
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 end with <CRLF>.<CRLF>');
        } else if (verb === 'QUIT') {
          reply('221 bye');
          socket.end();
        } else reply('502 5.5.2 not implemented');
      }
    });
  });
  return { server, mails };
}

/** Decodes RFC 2047 encoded words and the text/plain part of a (multipart) message. */
function decodeMail(raw: string): { subject: string; text: string; headers: string } {
  const [headers = '', ...rest] = raw.split('\r\n\r\n');
  const unfolded = headers.replace(/\r\n[ \t]+/g, ' ');
  const words = (s: string) =>
    s.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, enc: string, v: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(v, 'base64').toString('utf8') : qp(v.replace(/_/g, ' ')),
    );
  const qp = (s: string) =>
    Buffer.from(
      s.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  const subject = words(unfolded.match(/^Subject: (.*)$/im)?.[1] ?? '').trim();
  const body = rest.join('\r\n\r\n');
  const part = body.split(/\r\n--[^\r\n]+\r\n/).find((p) => /content-type: text\/plain/i.test(p)) ?? '';
  const [partHeaders = '', ...partBody] = part.split('\r\n\r\n');
  const content = partBody.join('\r\n\r\n').split(/\r\n--/)[0] ?? '';
  const text = /base64/i.test(partHeaders)
    ? Buffer.from(content, 'base64').toString('utf8')
    : /quoted-printable/i.test(partHeaders)
      ? qp(content)
      : content;
  return { subject, text, headers: unfolded };
}

describe(`email channel (${ENGINE})`, () => {
  const smtp = fakeSmtp();
  let port = 0;
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    await new Promise<void>((resolve) => smtp.server.listen(0, '127.0.0.1', resolve));
    port = (smtp.server.address() as net.AddressInfo).port;
    const config = loadConfig({
      SMTP_URL: `smtp://houqin:mailpass@127.0.0.1:${port}`,
      MAIL_FROM: '后勤平台 <houqin@example.cn>',
      PUBLIC_URL: 'https://houqin.example.cn',
    });
    t = await createTestApp({ adapters: channelAdapters(config) });
    admin = await login(t.app, 'admin');
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  });

  it('sends the test message over SMTP to the acting user and the extra addresses', async () => {
    const ch = await admin.post<{ id: string; config: Record<string, unknown> }>('/api/v1/notification-channels', {
      kind: 'email',
      name: '后勤邮件',
      config: { host: '127.0.0.1', port, secure: false, user: 'ops', pass: 's3cret', from: 'ops@example.cn', to: ['duty@example.cn'] },
    });
    expect(ch.body.config.pass).toBe('******');
    const res = await admin.post<{ status: string; error: string | null }>(`/api/v1/notification-channels/${ch.body.id}/test`);
    expect(res.body).toEqual(expect.objectContaining({ status: 'sent', error: null }));
    const mail = smtp.mails.at(-1) as Mail;
    expect(mail.auth).toBe('ops:s3cret');
    expect(mail.from).toBe('ops@example.cn');
    expect(mail.rcpt.sort()).toEqual(['admin@demo.houqin.local', 'duty@example.cn']);
    const decoded = decodeMail(mail.data);
    expect(decoded.subject).toBe('后勤平台通知测试');
    expect(decoded.text).toContain('后勤邮件');
    expect(decoded.text).toContain('https://houqin.example.cn/notifications');
  });

  it('falls back to SMTP_URL and MAIL_FROM, and mails the recipients of a notification', async () => {
    const ch = await admin.post<{ id: string }>('/api/v1/notification-channels', { kind: 'email', name: '默认邮件', config: {} });
    expect(ch.status).toBe(201);
    const tech = await login(t.app, 'tech');
    const orgId = (await t.db.selectFrom('users').select('org_id').where('id', '=', tech.userId).executeTakeFirstOrThrow()).org_id;
    const before = smtp.mails.length;
    await t.app.deps.notifier.send(t.db, {
      orgId,
      userIds: [tech.userId],
      kind: 'work_order',
      title: '工单已派给你',
      body: '配电室跳闸\n请尽快处理',
      link: '/work-orders/9',
    });
    await t.app.deps.notifier.idle();
    const mails = smtp.mails.slice(before).filter((m) => m.rcpt.includes('tech@demo.houqin.local'));
    // both active email channels deliver: the first test's own server and the SMTP_URL default
    expect(mails.map((m) => m.auth).sort()).toEqual(['houqin:mailpass', 'ops:s3cret']);
    const viaDefault = mails.find((m) => m.auth === 'houqin:mailpass') as Mail;
    expect(viaDefault.from).toBe('houqin@example.cn');
    const decoded = decodeMail(viaDefault.data);
    expect(decoded.subject).toBe('工单已派给你');
    expect(decoded.text).toContain('配电室跳闸');
    expect(decoded.headers).toMatch(/^From: .*houqin@example\.cn/m);
    const log = await admin.get<{ items: { status: string; title: string }[] }>(`/api/v1/notification-channels/${ch.body.id}/deliveries`);
    expect(log.body.items).toEqual([expect.objectContaining({ status: 'sent', title: '工单已派给你' })]);
  });

  it('logs a refused connection as a failed delivery', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const ch = await admin.post<{ id: string }>('/api/v1/notification-channels', {
      kind: 'email',
      name: '坏的邮件服务器',
      config: { host: '127.0.0.1', port: deadPort, to: ['duty@example.cn'] },
    });
    const res = await admin.post<{ status: string; error: string }>(`/api/v1/notification-channels/${ch.body.id}/test`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('failed');
    expect(res.body.error).toMatch(/邮件发送失败/);
  });
});
