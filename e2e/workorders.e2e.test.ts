import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SummaryFactsResponse } from '../contracts/summary.js';
import { apiCall, getJson, launchBrowser, newPage, openDropdown, signIn, uncaught } from './harness.js';

/**
 * Issue 4's browser test, across four people: someone scans a room's QR label on a
 * phone and reports a leak without signing in; the clerk dispatches it from the
 * board; the technician accepts, arrives, starts, adds an after-photo and hours and
 * finishes on his phone; the reporter accepts and rates from the follow-up link; the
 * repair measures count the new rating.
 */

const ROOM = '空调机房';
const PHONE = '13912345678';
const DESCRIPTION = '空调机房地面漏水，冷凝水管脱落';
// a 1×1 PNG: the server checks the bytes, not the name
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

function monthScope(): string {
  const now = new Date();
  const from = new Date(now.getTime() - 30 * 86_400_000).toISOString();
  const to = new Date(now.getTime() + 86_400_000).toISOString();
  return `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
}

async function figure(page: Page, key: string): Promise<number> {
  const res = await getJson<SummaryFactsResponse>(page, `/work-orders/measures?${monthScope()}`);
  const fact = res.facts.find((f) => f.key === key);
  if (!fact) throw new Error(`no figure ${key}`);
  return fact.value ?? 0;
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe('repair requests and work orders', () => {
  it('QR report on a phone → dispatch → technician finishes with photo and hours → reporter accepts and rates → measures change', async () => {
    // ── the clerk looks up the room's label and the figures before ───────────────────
    const clerk = await newPage(browser, { label: 'dispatcher' });
    await signIn(clerk, 'dispatcher');
    const rooms = await getJson<{ items: { id: string; name: string }[] }>(clerk, `/locations?q=${encodeURIComponent(ROOM)}`);
    const room = rooms.items.find((r) => r.name === ROOM);
    expect(room, 'demo room').toBeDefined();
    const label = await getJson<{ code: string }>(clerk, `/qr-codes/location/${room?.id}`);
    const ratedBefore = await figure(clerk, 'workorders.rated');
    const receivedBefore = await figure(clerk, 'workorders.received');

    // ── anyone, no login, 375 px: scan → 我要报修 ────────────────────────────────────────
    const reporter = await newPage(browser, { mobile: true, label: 'reporter' });
    await reporter.goto(`/q/${label.code}`);
    await reporter.getByTestId('qr-report').click();
    const form = reporter.getByTestId('qr-report-form');
    await form.waitFor();
    await reporter.getByTestId('qr-report-description').fill(DESCRIPTION);
    await reporter.getByTestId('qr-report-name').fill('王女士');
    await reporter.getByTestId('qr-report-phone').fill(PHONE);
    await form.locator('input[type="file"]').setInputFiles({ name: 'leak.png', mimeType: 'image/png', buffer: PNG });
    expect(await horizontalOverflow(reporter)).toBeLessThanOrEqual(0);
    const reported = reporter.waitForResponse((r) => /\/api\/v1\/public\/q\/[^/]+\/report$/.test(new URL(r.url()).pathname));
    await reporter.getByTestId('qr-report-submit').click();
    const reportRes = await reported;
    expect(reportRes.status(), await reportRes.text()).toBe(201);
    const { number, trackUrl } = (await reportRes.json()) as { number: string; trackUrl: string };
    await expect.poll(() => reporter.getByTestId('qr-report-number').textContent()).toContain(number);
    // the success view shows the follow-up link the reporter keeps
    await expect.poll(() => reporter.getByTestId('qr-report-done').textContent()).toContain(new URL(trackUrl, 'http://x').pathname);
    const trackPath = new URL(trackUrl, 'http://x').pathname;
    expect(trackPath).toMatch(/^\/track\/[\w-]+$/);

    // ── the clerk dispatches it from the board to 张维修 ─────────────────────────────────
    await clerk.goto('/work-orders/board');
    const card = clerk.getByTestId(`wo-card-${number}`);
    await card.waitFor();
    await clerk.getByTestId(`pick-${number}`).click();
    await openDropdown(clerk).locator('.ant-select-item-option').filter({ hasText: '张维修' }).first().click();
    const dispatched = apiCall(clerk, 'POST', `/work-orders/${await idOf(clerk, number)}/actions/dispatch`);
    await clerk.getByTestId(`dispatch-${number}`).click();
    expect((await dispatched).status()).toBe(200);

    // ── the technician on his phone: accept, arrive, start from 我的工单 ─────────────────
    const tech = await newPage(browser, { mobile: true, label: 'tech' });
    await signIn(tech, 'tech');
    await tech.goto('/my-work');
    const myCard = tech.getByTestId(`wo-card-${number}`);
    for (const step of ['accept', 'arrive', 'start']) {
      const answer = tech.waitForResponse((r) => r.url().endsWith(`/actions/${step}`) && r.request().method() === 'POST');
      await myCard.getByTestId(`do-${step}`).click();
      expect((await answer).status(), step).toBe(200);
    }
    // finishing needs the order's page: an after-photo, hours, cause and result
    await myCard.getByTestId('open-finish').click();
    await tech.waitForURL(/\/work-orders\/[^/]+$/);
    const afterPhotos = tech.getByTestId('attachments-panel').filter({ hasText: '维修后' });
    const uploaded = apiCall(tech, 'POST', '/attachments');
    await afterPhotos.locator('input[type="file"]').setInputFiles({ name: 'fixed.png', mimeType: 'image/png', buffer: PNG });
    expect((await uploaded).status()).toBe(201);

    await tech.getByTestId('labour-add').click();
    const labour = tech.getByRole('dialog').filter({ has: tech.locator('form#labourEntry') });
    await labour.getByText('只填分钟数').click();
    await labour.locator('#labourEntry_minutes').fill('45');
    const logged = tech.waitForResponse((r) => /\/labour$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST');
    await labour.getByRole('button', { name: /保\s*存/ }).click();
    expect((await logged).status()).toBe(201);

    await tech.getByTestId('wo-action-finish').click();
    await tech.getByTestId('action-cause').getByText('老化').click();
    await tech.getByTestId('action-result').fill('重新固定冷凝水管并做保温');
    const finished = tech.waitForResponse((r) => r.url().endsWith('/actions/finish'));
    await tech.getByTestId('action-submit').click();
    expect((await finished).status()).toBe(200);
    expect(await horizontalOverflow(tech)).toBeLessThanOrEqual(0);

    // ── the reporter accepts and rates from the follow-up link ───────────────────────────
    await reporter.goto(trackPath);
    await reporter.getByTestId('track-approve').click();
    const approved = reporter.waitForResponse((r) => r.url().endsWith('/actions/approve'));
    await reporter
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /验收通过/ })
      .click();
    expect((await approved).status()).toBe(200);
    const rate = reporter.getByTestId('track-rate');
    await rate.waitFor();
    for (const field of ['ratingAttitude', 'ratingQuality', 'ratingEfficiency']) {
      await rate.getByTestId(`track-${field}`).locator('li').nth(4).click();
    }
    const rated = reporter.waitForResponse((r) => r.url().endsWith('/actions/rate'));
    await reporter.getByTestId('track-rate-submit').click();
    expect((await rated).status()).toBe(200);
    await expect.poll(() => reporter.getByTestId('track-status').textContent()).toContain('已评价');

    // ── the figures count it ─────────────────────────────────────────────────────────
    expect(await figure(clerk, 'workorders.rated')).toBe(ratedBefore + 1);
    expect(await figure(clerk, 'workorders.received')).toBe(receivedBefore + 1);
    await clerk.goto('/work-orders/measures');
    await clerk.getByTestId('kpi-satisfaction').waitFor();

    for (const page of [clerk, reporter, tech]) expect(uncaught(page)).toEqual([]);
  });
});

async function idOf(page: Page, number: string): Promise<string> {
  const res = await getJson<{ items: { id: string; number: string }[] }>(page, `/work-orders?q=${encodeURIComponent(number)}`);
  const hit = res.items.find((w) => w.number === number);
  if (!hit) throw new Error(`work order ${number} not listed`);
  return hit.id;
}
