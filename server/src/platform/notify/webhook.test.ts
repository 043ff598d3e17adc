import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dingtalkAdapter, signedDingtalkUrl } from './dingtalk.js';
import { emailAdapter } from './email.js';
import { absoluteLink, robotMarkdown, truncateBytes } from './webhook.js';
import { wecomAdapter } from './wecom.js';

describe('robot webhooks', () => {
  it('adds timestamp and the url-encoded DingTalk signature', () => {
    const secret = 'SECabc+/=';
    const url = new URL(signedDingtalkUrl('https://oapi.dingtalk.com/robot/send?access_token=T', secret, 1_700_000_000_000));
    const expected = createHmac('sha256', secret).update(`1700000000000\n${secret}`).digest('base64');
    expect(url.searchParams.get('access_token')).toBe('T');
    expect(url.searchParams.get('timestamp')).toBe('1700000000000');
    expect(url.searchParams.get('sign')).toBe(expected);
    // + / = must arrive percent-encoded, never as raw characters
    expect(url.search).not.toMatch(/sign=[^&]*[+/=]/);
    expect(signedDingtalkUrl('https://x/robot', null, 1)).toBe('https://x/robot');
  });

  it('renders markdown with an absolute link and cuts by UTF-8 bytes', () => {
    const md = robotMarkdown(
      { orgId: 'o', userIds: [], kind: 'k', title: '停电通知', body: '今晚检修', link: '/notices/1', recipients: [] },
      'https://hq.example.cn/',
    );
    expect(md).toBe('### 停电通知\n\n今晚检修\n\n[查看详情](https://hq.example.cn/notices/1)');
    expect(absoluteLink('https://other/x', 'https://hq')).toBe('https://other/x');
    const cut = truncateBytes('维'.repeat(2000), 4096);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(4096);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('validates channel settings per kind, with defaults from the server config', () => {
    const wecom = wecomAdapter({ url: null, publicUrl: 'http://h' });
    expect(wecom.validate({}).errors.map((e) => e.field)).toEqual(['config.url']);
    expect(wecomAdapter({ url: 'https://default', publicUrl: 'http://h' }).validate({}).errors).toEqual([]);
    expect(wecom.validate({ url: 'javascript:alert(1)' }).errors[0]?.message).toContain('http');
    const ding = dingtalkAdapter({ url: null, secret: null, publicUrl: 'http://h' });
    expect(ding.validate({ url: 'https://oapi.dingtalk.com/robot/send', secret: 5 }).errors.map((e) => e.field)).toEqual(['config.secret']);
    const email = emailAdapter({ smtpUrl: null, mailFrom: 'x@y.z', publicUrl: 'http://h' });
    const checked = email.validate({ host: 'bad host', secure: 'yes', from: 'nobody', to: 'a@b.c' });
    expect(checked.errors.map((e) => e.field).sort()).toEqual(['config.from', 'config.host', 'config.secure', 'config.to']);
    expect(email.validate({ host: 'smtp.qq.com', port: 465, secure: true, to: [' a@b.cn '] }).config).toEqual({
      host: 'smtp.qq.com',
      port: 465,
      secure: true,
      to: ['a@b.cn'],
    });
  });
});
