import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Locator, type Page, type Response } from 'playwright-core';
import { afterEach, expect, inject, onTestFinished } from 'vitest';

/**
 * Browser-test helpers: Debian's chromium driven by playwright-core (never a downloaded
 * browser), pages in zh-CN / Asia/Shanghai, and a screenshot plus the page's console
 * errors in e2e/artifacts/ for every page still open when a test fails.
 */

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');
export const DESKTOP = { width: 1280, height: 800 } as const;
export const MOBILE = { width: 375, height: 740 } as const;

/** Base URL of the server started by e2e/global.ts. */
export function baseUrl(): string {
  return inject('baseUrl');
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

interface OpenPage {
  page: Page;
  label: string;
  problems: string[];
}

const openPages = new Set<OpenPage>();

/** Registered when a test file imports this module: runs before the test's own cleanup closes its pages. */
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const base = `${path.basename(ctx.task.file.name).replace(/\.e2e\.test\.ts$/, '')}-${ctx.task.name}`.replace(/[^\p{L}\p{N}._-]+/gu, '_');
  let n = 0;
  for (const open of openPages) {
    if (open.page.isClosed()) continue;
    n += 1;
    const file = path.join(ARTIFACTS, `${base}-${n}-${open.label}`);
    try {
      await open.page.screenshot({ path: `${file}.png`, fullPage: true, timeout: 10_000 });
    } catch (err) {
      open.problems.push(`screenshot failed: ${(err as Error).message}`);
    }
    fs.writeFileSync(`${file}.txt`, [`url: ${open.page.url()}`, ...open.problems].join('\n'));
    console.error(`[e2e] failure artifacts: ${file}.png / .txt`);
  }
});

export interface PageOptions {
  /** 375×740 phone viewport with touch instead of 1280×800 desktop */
  mobile?: boolean;
  /** names the artifacts of this page (default: desktop / mobile) */
  label?: string;
}

/**
 * A page in its own browser context (own cookies = own session). Created inside a test,
 * its context closes when the test finishes; created in a hook, close it yourself.
 */
export async function newPage(browser: Browser, opts: PageOptions = {}): Promise<Page> {
  const context: BrowserContext = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: opts.mobile ? MOBILE : DESKTOP,
    isMobile: opts.mobile ?? false,
    hasTouch: opts.mobile ?? false,
    baseURL: baseUrl(),
  });
  const page = await context.newPage();
  const open: OpenPage = { page, label: opts.label ?? (opts.mobile ? 'mobile' : 'desktop'), problems: [] };
  openPages.add(open);
  page.on('close', () => openPages.delete(open));
  page.on('pageerror', (err) => open.problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') open.problems.push(`console.error: ${msg.text()}`);
  });
  page.on('requestfailed', (req) => {
    const reason = req.failure()?.errorText ?? '';
    // a navigation that replaces a pending request aborts it; that is not a problem
    if (!reason.includes('ERR_ABORTED')) open.problems.push(`request failed: ${req.method()} ${req.url()} ${reason}`);
  });
  try {
    onTestFinished(() => context.close());
  } catch {
    // not inside a test (a beforeAll hook): the caller owns the page and closes it
  }
  return page;
}

/** Console errors and failed requests the page has seen so far (a healthy page has none). */
export function pageProblems(page: Page): string[] {
  for (const open of openPages) if (open.page === page) return [...open.problems];
  return [];
}

/** The answer of the next `method` request to /api/v1`path` whose query holds `query`. */
export function apiCall(page: Page, method: string, path: string, query: Record<string, string> = {}): Promise<Response> {
  return page.waitForResponse((res) => {
    if (res.request().method() !== method) return false;
    const url = new URL(res.url());
    if (url.pathname !== `/api/v1${path}`) return false;
    return Object.entries(query).every(([k, v]) => url.searchParams.get(k) === v);
  });
}

/**
 * The open dropdown of an antd Select / TreeSelect once its opening motion is over (a
 * click during the motion can be lost); closed dropdowns stay in the page, hidden.
 */
export const openDropdown = (page: Page) =>
  page.locator(
    '.ant-select-dropdown:visible:not(.ant-select-dropdown-hidden):not([class*="-appear"]):not([class*="-enter"]):not([class*="-leave"])',
  );

/** Uncaught errors the page has thrown so far. */
export function uncaught(page: Page): string[] {
  return pageProblems(page).filter((p) => p.startsWith('pageerror:'));
}

/** Signs in through the login page and waits until the app has left it; returns the login answer. */
export async function signIn(page: Page, login: string, password = 'houqin'): Promise<Response> {
  await page.goto('/login');
  await page.locator('input[autocomplete="username"]').fill(login);
  await page.locator('input[type="password"]').fill(password);
  const answer = apiCall(page, 'POST', '/auth/login');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  const res = await answer;
  expect(res.status(), `login ${login}`).toBe(200);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return res;
}

/** GET through the page's own session (reads need no CSRF token). */
export function getJson<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const res = await fetch(`/api/v1${p}`);
    if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
    return res.json();
  }, path) as Promise<T>;
}

/**
 * Opens a page from the side menu (`scope`: the page, or the phone's menu drawer): the
 * group (unfolded if folded), then the leaf; returns once the new page's heading shows
 * `title` (default: the leaf). Waiting for the heading matters: a router navigation is a
 * transition, so the URL changes while the previous page — with its own 新建 button —
 * may still be on screen.
 */
export async function openFromMenu(scope: Page | Locator, group: string, leaf: string, title = leaf): Promise<void> {
  const groupItem = scope.getByRole('menuitem', { name: group });
  await groupItem.waitFor();
  if ((await groupItem.getAttribute('aria-expanded')) !== 'true') await groupItem.click();
  await expect.poll(() => groupItem.getAttribute('aria-expanded')).toBe('true');
  await scope.getByRole('menuitem', { name: leaf, exact: true }).click();
  const page = 'page' in scope ? scope.page() : scope;
  await page.locator('main h4').getByText(title, { exact: true }).waitFor();
}

export async function closedDropdowns(page: Page): Promise<void> {
  await expect.poll(() => openDropdown(page).count()).toBe(0);
}

/** Chooses the option showing `text` in an antd Select; `search` types first (virtual lists render only a few rows). */
export async function choose(page: Page, select: Locator, text: string | RegExp, search?: string): Promise<void> {
  await select.click();
  if (search) await page.keyboard.type(search);
  await openDropdown(page).locator('.ant-select-item-option').filter({ hasText: text }).first().click();
  await closedDropdowns(page);
}

/** A 1×1 PNG for photo uploads: the server checks the bytes, not the name. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** The open antd Modal once its opening motion is over (a click during the motion can be lost). */
export const openModal = (page: Page) =>
  page.locator('.ant-modal:visible:not([class*="-appear"]):not([class*="-enter"]):not([class*="-leave"])');

/** The open panel of an antd DatePicker once its opening motion is over. */
export const openPicker = (page: Page) =>
  page.locator(
    '.ant-picker-dropdown:visible:not(.ant-picker-dropdown-hidden):not([class*="-appear"]):not([class*="-enter"]):not([class*="-leave"])',
  );

/** Types `search` into a Select that searches its list endpoint, waits for that answer, then chooses `text`. */
export async function chooseRemote(page: Page, select: Locator, resource: string, search: string, text: string): Promise<void> {
  await select.click();
  const found = apiCall(page, 'GET', resource, { q: search });
  await page.keyboard.type(search);
  expect((await found).status()).toBe(200);
  await openDropdown(page).locator('.ant-select-item-option').filter({ hasText: text }).first().click();
  await closedDropdowns(page);
}

/**
 * Picks `day` (YYYY-MM-DD) in an antd DatePicker — and, given `time` (HH:mm), that hour
 * and minute of a picker with showTime, confirmed with its OK button. Steps the panel's
 * months until the day shows (a day of the previous or next month may not be on screen).
 */
export async function pickDate(page: Page, input: Locator, day: string, time?: string): Promise<void> {
  await input.click();
  const panel = openPicker(page);
  await panel.waitFor();
  const cell = panel.locator(`td[title="${day}"]`);
  for (let steps = 0; steps < 24 && (await cell.count()) === 0; steps++) {
    const shown = await panel.locator('td.ant-picker-cell-in-view').first().getAttribute('title');
    await panel
      .locator(shown && shown > day ? '.ant-picker-header-prev-btn' : '.ant-picker-header-next-btn')
      .first()
      .click();
  }
  await cell.first().click();
  if (time) {
    const [hour, minute] = time.split(':').map(Number) as [number, number];
    await panel.locator(`ul[data-type="hour"] li[data-value="${hour}"]`).click();
    await panel.locator(`ul[data-type="minute"] li[data-value="${minute}"]`).click();
    await panel.locator('.ant-picker-ok button').click();
  }
  await expect.poll(() => input.inputValue()).toBe(time ? `${day} ${time}` : day);
  await expect.poll(() => openPicker(page).count()).toBe(0);
}

/** POST through the page's own session, with its CSRF token. */
export function postJson<T>(page: Page, p: string, body: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ p, body }) => {
      const session = await (await fetch('/api/v1/auth/me')).json();
      const res = await fetch(`/api/v1${p}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    },
    { p, body },
  ) as Promise<{ status: number; body: T }>;
}

/** The HTTP status of a GET through the page's session. */
export function statusOf(page: Page, p: string): Promise<number> {
  return page.evaluate(async (p) => (await fetch(`/api/v1${p}`)).status, p);
}

/** A site's wall clock `minutes` from now: its day (YYYY-MM-DD) and HH:mm. */
export function siteClock(minutes = 0, timeZone = 'Asia/Shanghai'): { day: string; time: string } {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(Date.now() + minutes * 60_000));
  const [day = '', time = ''] = parts.split(' ');
  return { day, time };
}

/** How far the page is wider than the screen (a phone page must not scroll sideways: ≤ 0). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Text extracted from a PDF by poppler's pdftotext, whitespace removed; the test fails without poppler. */
export function pdfText(body: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    fs.writeFileSync(file, body);
    const out = spawnSync('pdftotext', ['-enc', 'UTF-8', '-raw', file, '-'], { encoding: 'utf8' });
    expect(out.error, 'pdftotext (poppler-utils) is needed').toBeUndefined();
    expect(out.status, out.stderr).toBe(0);
    return out.stdout.replace(/\s+/g, '');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Opens the phone's menu drawer and a page from it. */
export async function openFromPhoneMenu(page: Page, group: string, leaf: string, title = leaf): Promise<void> {
  await page.getByTestId('menu-toggle').click();
  const drawer = page.locator('.ant-drawer-body:visible');
  await drawer.waitFor();
  await openFromMenu(drawer, group, leaf, title);
}
