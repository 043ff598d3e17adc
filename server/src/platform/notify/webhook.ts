import type { FieldError } from '../../../../contracts/errors.js';
import type { OutgoingMessage } from './notifier.js';

/** A dead or slow robot endpoint must never hold up the caller longer than this. */
export const WEBHOOK_TIMEOUT_MS = 5000;

/**
 * POSTs JSON to a group-robot webhook. WeCom and DingTalk both answer HTTP 200 with
 * `{ errcode, errmsg }`; a non-zero errcode is a refusal (bad key, signature, rate limit).
 */
export async function postRobot(url: string, body: unknown, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError') throw new Error(`请求超时（${timeoutMs / 1000} 秒无响应）`);
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`无法连接：${cause?.code ?? cause?.message ?? (err as Error).message}`);
  }
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}${text ? `：${text.slice(0, 200)}` : ''}`);
  let answer: { errcode?: unknown; errmsg?: unknown };
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    throw new Error(`应答不是 JSON：${text.slice(0, 200)}`);
  }
  if (answer.errcode !== undefined && Number(answer.errcode) !== 0) {
    throw new Error(`errcode ${String(answer.errcode)}：${String(answer.errmsg ?? '')}`);
  }
}

/** The message as robot markdown: title, body, and a link back into Houqin. */
export function robotMarkdown(message: OutgoingMessage, publicUrl: string): string {
  const lines = [`### ${message.title}`, '', message.body];
  const link = absoluteLink(message.link, publicUrl);
  if (link) lines.push('', `[查看详情](${link})`);
  return lines.join('\n');
}

export function absoluteLink(link: string | null | undefined, publicUrl: string): string | null {
  if (!link) return null;
  if (/^https?:\/\//i.test(link)) return link;
  return `${publicUrl.replace(/\/+$/, '')}/${link.replace(/^\/+/, '')}`;
}

/** Cuts a string to at most `max` UTF-8 bytes without splitting a character. */
export function truncateBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let out = '';
  let size = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch);
    if (size + n > max - 3) break;
    out += ch;
    size += n;
  }
  return `${out}…`;
}

/** Collects the problems of one channel config; field names are prefixed `config.` for the client. */
export class ConfigCheck {
  readonly errors: FieldError[] = [];
  constructor(private readonly raw: Record<string, unknown>) {}

  add(field: string, message: string): void {
    this.errors.push({ field: `config.${field}`, message });
  }
  onlyKnown(fields: readonly string[]): void {
    for (const key of Object.keys(this.raw)) if (!fields.includes(key)) this.add(key, '不支持的设置项');
  }
  string(field: string, max = 500): string | undefined {
    const v = this.raw[field];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string') return void this.add(field, '应为文本');
    if (v.length > max) return void this.add(field, `不能超过 ${max} 个字符`);
    return v.trim();
  }
  url(field: string, required: boolean, requiredMessage: string): string | undefined {
    const v = this.string(field, 1000);
    if (v === undefined) {
      if (required && !this.errors.some((e) => e.field === `config.${field}`)) this.add(field, requiredMessage);
      return undefined;
    }
    let parsed: URL | null = null;
    try {
      parsed = new URL(v);
    } catch {
      parsed = null;
    }
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      return void this.add(field, '必须是以 http:// 或 https:// 开头的完整地址');
    }
    return v;
  }
}
