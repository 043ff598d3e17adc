import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser, newPage, pageProblems } from './harness.js';

/**
 * Smoke: the built server answers, serves the web app in Chinese, and the login page
 * lets the demo administrator in — on a desktop and on a 375 px phone.
 */

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

function uncaught(page: Page): string[] {
  return pageProblems(page).filter((p) => p.startsWith('pageerror:'));
}

describe('smoke', () => {
  it('answers /api/health and serves the app shell in zh-CN', async () => {
    const health = await fetch(`${baseUrl()}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', db: 'sqlite' });

    const index = await fetch(`${baseUrl()}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    const html = await index.text();
    expect(html).toMatch(/<html[^>]*\blang="zh-CN"/);
    expect(html).toContain('<div id="root">');
  });

  it('renders the login page in Chinese and signs the administrator in', async () => {
    const page = await newPage(browser);
    await page.goto('/login');

    const login = page.locator('input[autocomplete="username"]');
    const password = page.locator('input[type="password"]');
    // antd puts a space between the two characters of a two-character button label
    const submit = page.getByRole('button', { name: /登\s*录/ });
    await expect.poll(() => login.count()).toBe(1);
    expect(await password.count()).toBe(1);
    expect(await submit.count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    // the visible text is Chinese, not translation keys or English
    // biome-ignore lint/performance/useDomNodeTextContent: what a person sees is the rendered text
    const text = await page.locator('body').innerText();
    expect(text).toMatch(/[\u4e00-\u9fff]{2,}/);
    expect(text).not.toMatch(/\blogin\.(title|submit|password)\b/);

    await login.fill('admin');
    await password.fill('houqin');
    await submit.click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await expect.poll(() => page.locator('input[type="password"]').count()).toBe(0);
    expect(uncaught(page)).toEqual([]);
  });

  it('rejects a wrong password with a Chinese message and stays on the login page', async () => {
    const page = await newPage(browser);
    await page.goto('/login');
    await page.locator('input[autocomplete="username"]').fill('no-such-user');
    await page.locator('input[type="password"]').fill('not-the-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    const error = page.getByTestId('login-error');
    await error.waitFor({ timeout: 20_000 });
    expect(await error.textContent()).toMatch(/[\u4e00-\u9fff]/);
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('fits the login form on a 375 px phone without sideways scrolling', async () => {
    const page = await newPage(browser, { mobile: true });
    await page.goto('/login');
    await page.locator('input[type="password"]').waitFor({ timeout: 20_000 });
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(innerWidth).toBe(375);
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    const box = await page.getByRole('button', { name: /登\s*录/ }).boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
    expect(uncaught(page)).toEqual([]);
  });
});
