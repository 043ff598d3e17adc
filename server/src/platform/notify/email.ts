import nodemailer from 'nodemailer';
import type { ChannelAdapter, OutgoingMessage } from './notifier.js';
import { absoluteLink, ConfigCheck } from './webhook.js';

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const TIMEOUTS = { connectionTimeout: 5000, greetingTimeout: 5000, socketTimeout: 10_000 };

export interface EmailDefaults {
  /** SMTP_URL: used when a channel names no host */
  smtpUrl: string | null;
  mailFrom: string;
  publicUrl: string;
}

/**
 * Email over SMTP. Channel settings `{ host, port, secure, user, pass, from, to[] }`;
 * without a host the server's SMTP_URL is used. Mail goes to the recipients' own
 * addresses plus the channel's extra `to` addresses.
 */
export function emailAdapter(defaults: EmailDefaults): ChannelAdapter {
  return {
    kind: 'email',
    secretFields: ['pass'],
    validate(raw) {
      const check = new ConfigCheck(raw);
      check.onlyKnown(['host', 'port', 'secure', 'user', 'pass', 'from', 'to']);
      const host = check.string('host', 253);
      if (!host && !defaults.smtpUrl) check.add('host', '必填：SMTP 服务器地址（服务器未配置 SMTP_URL）');
      if (host && !/^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:.]+\]$/.test(host)) check.add('host', '不是有效的主机名');
      const port = raw.port;
      if (
        port !== undefined &&
        port !== null &&
        port !== '' &&
        !(Number.isInteger(port) && (port as number) >= 1 && (port as number) <= 65535)
      ) {
        check.add('port', '应为 1–65535 的整数');
      }
      if (raw.secure !== undefined && typeof raw.secure !== 'boolean') check.add('secure', '应为 true 或 false');
      const user = check.string('user', 200);
      const pass = check.string('pass', 200);
      const from = check.string('from', 200);
      if (from && !EMAIL.test(from.match(/<([^>]+)>\s*$/)?.[1] ?? from)) check.add('from', '不是有效的邮箱地址');
      const to: string[] = [];
      if (raw.to !== undefined && raw.to !== null) {
        if (!Array.isArray(raw.to)) check.add('to', '应为邮箱地址列表');
        else if (raw.to.length > 50) check.add('to', '最多 50 个地址');
        else
          raw.to.forEach((addr, i) => {
            if (typeof addr !== 'string' || !EMAIL.test(addr.trim())) check.add(`to.${i}`, '不是有效的邮箱地址');
            else to.push(addr.trim());
          });
      }
      const config = {
        ...(host && { host }),
        ...(typeof port === 'number' && { port }),
        ...(typeof raw.secure === 'boolean' && { secure: raw.secure }),
        ...(user && { user }),
        ...(pass && { pass }),
        ...(from && { from }),
        ...(to.length && { to }),
      };
      return { config, errors: check.errors };
    },
    async deliver(config, message) {
      const to = [...new Set([...message.recipients.map((r) => r.email), ...((config.to as string[] | undefined) ?? [])])].filter(
        (a): a is string => !!a,
      );
      if (to.length === 0) throw new Error('没有收件人：接收人未填写邮箱，渠道也未配置收件地址');
      const transport = transportFor(config, defaults);
      try {
        await transport.sendMail({
          from: (config.from as string | undefined) ?? defaults.mailFrom,
          to,
          ...render(message, defaults.publicUrl),
        });
      } catch (err) {
        throw new Error(`邮件发送失败：${(err as Error).message}`);
      } finally {
        transport.close();
      }
    },
  };
}

function transportFor(config: Record<string, unknown>, defaults: EmailDefaults) {
  if (typeof config.host === 'string') {
    const secure = config.secure === true;
    return nodemailer.createTransport({
      host: config.host,
      port: typeof config.port === 'number' ? config.port : secure ? 465 : 587,
      secure,
      ...(typeof config.user === 'string' && { auth: { user: config.user, pass: String(config.pass ?? '') } }),
      ...TIMEOUTS,
    });
  }
  if (!defaults.smtpUrl) throw new Error('未配置 SMTP 服务器');
  return nodemailer.createTransport({ url: defaults.smtpUrl, ...TIMEOUTS } as Parameters<typeof nodemailer.createTransport>[0]);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function render(message: OutgoingMessage, publicUrl: string): { subject: string; text: string; html: string } {
  const link = absoluteLink(message.link, publicUrl);
  const text = link ? `${message.body}\n\n查看详情：${link}` : message.body;
  const html = [
    `<h3>${escapeHtml(message.title)}</h3>`,
    `<p>${escapeHtml(message.body).replace(/\n/g, '<br>')}</p>`,
    link ? `<p><a href="${escapeHtml(link)}">查看详情</a></p>` : '',
  ].join('');
  return { subject: message.title, text, html };
}
