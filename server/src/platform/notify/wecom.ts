import type { ChannelAdapter } from './notifier.js';
import { ConfigCheck, postRobot, robotMarkdown, truncateBytes } from './webhook.js';

/** WeCom (企业微信) caps a markdown message at 4096 bytes. */
const MAX_BYTES = 4096;

/** WeCom group robot: `{ url }`, or the server's WECOM_WEBHOOK_URL when the channel leaves it empty. */
export function wecomAdapter(defaults: { url: string | null; publicUrl: string }): ChannelAdapter {
  return {
    kind: 'wecom',
    secretFields: [],
    validate(raw) {
      const check = new ConfigCheck(raw);
      check.onlyKnown(['url']);
      const url = check.url('url', !defaults.url, '必填：企业微信群机器人的 Webhook 地址');
      return { config: url ? { url } : {}, errors: check.errors };
    },
    async deliver(config, message) {
      const url = (config.url as string | undefined) || defaults.url;
      if (!url) throw new Error('未配置企业微信 Webhook 地址');
      const content = truncateBytes(robotMarkdown(message, defaults.publicUrl), MAX_BYTES);
      await postRobot(url, { msgtype: 'markdown', markdown: { content } });
    },
  };
}
