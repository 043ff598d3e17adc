import type { Config } from '../../config.js';
import { dingtalkAdapter } from './dingtalk.js';
import { emailAdapter } from './email.js';
import type { ChannelAdapter } from './notifier.js';
import { wecomAdapter } from './wecom.js';

/** The channel adapters known to this build (email, WeCom, DingTalk), with the server-wide defaults from config. */
export function channelAdapters(config: Config): ChannelAdapter[] {
  return [
    emailAdapter({ smtpUrl: config.smtpUrl, mailFrom: config.mailFrom, publicUrl: config.publicUrl }),
    wecomAdapter({ url: config.wecomWebhook, publicUrl: config.publicUrl }),
    dingtalkAdapter({ url: config.dingtalkWebhook, secret: config.dingtalkSecret, publicUrl: config.publicUrl }),
  ];
}
