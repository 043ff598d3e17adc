import { createHmac } from 'node:crypto';
import type { ChannelAdapter } from './notifier.js';
import { ConfigCheck, postRobot, robotMarkdown, truncateBytes } from './webhook.js';

const MAX_BYTES = 20_000;

/**
 * DingTalk's 加签 scheme: sign = urlencode(base64(HmacSHA256(key = secret,
 * data = `${timestamp}\n${secret}`))), timestamp in milliseconds; both go in the query.
 */
export function dingtalkSign(secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

export function signedDingtalkUrl(url: string, secret: string | null, timestamp: number): string {
  if (!secret) return url;
  const u = new URL(url);
  // URLSearchParams percent-encodes + / = exactly as DingTalk's urlencode expects
  u.searchParams.set('timestamp', String(timestamp));
  u.searchParams.set('sign', dingtalkSign(secret, timestamp));
  return u.toString();
}

/**
 * DingTalk group robot: `{ url, secret? }`, or the server's DINGTALK_WEBHOOK_URL /
 * DINGTALK_SECRET when the channel leaves the url empty. The signature uses the wall
 * clock (not the app clock): DingTalk refuses timestamps more than an hour off.
 */
export function dingtalkAdapter(defaults: {
  url: string | null;
  secret: string | null;
  publicUrl: string;
  wallClock?: () => number;
}): ChannelAdapter {
  const wallClock = defaults.wallClock ?? Date.now;
  return {
    kind: 'dingtalk',
    secretFields: ['secret'],
    validate(raw) {
      const check = new ConfigCheck(raw);
      check.onlyKnown(['url', 'secret']);
      const url = check.url('url', !defaults.url, '必填：钉钉群机器人的 Webhook 地址');
      const secret = check.string('secret', 200);
      return { config: { ...(url && { url }), ...(secret && { secret }) }, errors: check.errors };
    },
    async deliver(config, message) {
      const own = config.url as string | undefined;
      const url = own || defaults.url;
      if (!url) throw new Error('未配置钉钉 Webhook 地址');
      const secret = own ? ((config.secret as string | undefined) ?? null) : ((config.secret as string | undefined) ?? defaults.secret);
      const text = truncateBytes(robotMarkdown(message, defaults.publicUrl), MAX_BYTES);
      await postRobot(signedDingtalkUrl(url, secret, wallClock()), { msgtype: 'markdown', markdown: { title: message.title, text } });
    },
  };
}
