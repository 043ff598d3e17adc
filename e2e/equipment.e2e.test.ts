import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, choose, closedDropdowns, launchBrowser, newPage, openDropdown, openFromMenu, signIn, uncaught } from './harness.js';

/**
 * Issue 3's browser test: the administrator registers an air-conditioning unit in
 * 设备台账, prints its 50×30 label sheet, reads its QR code on the detail page; the
 * code's public page at 375 px shows name, code and site to anyone (with 登录), and
 * gives the signed-in administrator the way to the full record.
 *
 * Logins are rate-limited (20 a minute per address): one sign-in, the phone reuses its cookie.
 */

const ASSET = { name: '测试空调机组', brand: '格力', cooling: '35' };
const SITE = { code: 'CC', name: '长春店' };
const ROOM = { code: 'CC-A-B1-03', name: '空调机房' };

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Chooses a node of an antd TreeSelect, typing `search` first so the node shows whatever is folded. */
async function chooseNode(page: Page, select: Locator, title: string, search: string): Promise<void> {
  await select.click();
  await page.keyboard.type(search);
  await openDropdown(page).locator('.ant-select-tree-title').getByText(title, { exact: true }).click();
  await closedDropdowns(page);
}

/** Text extracted from a PDF by poppler's pdftotext, or null when poppler is not installed. */
function pdfText(body: Buffer): string | null {
  const probe = spawnSync('pdftotext', ['-v']);
  if (probe.error) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-labels-'));
  try {
    const file = path.join(dir, 'labels.pdf');
    fs.writeFileSync(file, body);
    const out = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
    return out.stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
}

interface CreatedAsset {
  id: string;
  code: string;
  name: string;
  siteName: string;
  locationPath: string | null;
  status: string;
  attributes: Record<string, unknown>;
  qrCode: string;
}

describe('equipment archive', () => {
  it('creates an asset, prints its label sheet and opens its /q/ page at 375 px', async () => {
    const admin = await newPage(browser, { label: 'admin' });
    await signIn(admin, 'admin', 'houqin');

    // ── 设备台账: a new air-conditioning unit through the form ───────────────────────
    await openFromMenu(admin, '设备管理', '设备台账');
    await admin.waitForURL('**/equipment/assets');
    await admin.getByTestId('table-create').click();
    const form = admin.getByRole('dialog', { name: '新建设备' });
    await form.waitFor();
    const attributesLoaded = admin.waitForResponse((res) => /\/api\/v1\/asset-categories\/[^/]+\/attributes/.test(res.url()));
    await choose(admin, form.getByLabel('场所', { exact: true }), `${SITE.name}（${SITE.code}）`);
    await form.getByLabel('设备名称').fill(ASSET.name);
    await chooseNode(admin, form.getByTestId('asset-category'), '空调暖通（hvac）', '空调');
    expect((await attributesLoaded).status()).toBe(200);
    await chooseNode(admin, form.getByLabel('位置', { exact: true }), `${ROOM.name}（${ROOM.code}）`, ROOM.name);
    // the category's own attributes appear once it is chosen
    await form.getByTestId('attr-cooling_capacity').getByRole('spinbutton').fill(ASSET.cooling);
    await form.getByLabel('品牌').fill(ASSET.brand);
    // 在用 is the default status of a new asset
    await expect.poll(() => form.getByText('在用', { exact: true }).count()).toBeGreaterThan(0);

    const created = apiCall(admin, 'POST', '/assets');
    await form.getByTestId('form-submit').click();
    const createdRes = await created;
    expect(createdRes.status()).toBe(201);
    const asset = (await createdRes.json()) as CreatedAsset;
    expect(asset).toMatchObject({
      name: ASSET.name,
      siteName: SITE.name,
      status: 'in_use',
      locationPath: `${SITE.name} / A座主楼 / 地下一层 / ${ROOM.name}`,
      attributes: { cooling_capacity: Number(ASSET.cooling) },
    });
    expect(asset.code).toMatch(/\S/);
    expect(asset.qrCode).toMatch(/^[A-Za-z0-9]{8}$/);
    await form.waitFor({ state: 'hidden' });

    // the list finds it
    const searched = apiCall(admin, 'GET', '/assets', { q: ASSET.name });
    await admin.getByTestId('table-search').fill(ASSET.name);
    expect((await searched).status()).toBe(200);
    const row = admin.locator('main .ant-table-tbody tr.ant-table-row').filter({ hasText: asset.code });
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.textContent()).toContain(ASSET.name);
    await expect.poll(() => row.textContent()).toContain('在用');

    // ── labels: select the row, print 50×30 ─────────────────────────────────────────
    await row.getByRole('checkbox').check();
    await expect.poll(() => admin.getByTestId('selection-count').textContent()).toBe('已选 1 项');
    await admin.getByTestId('print-labels').click();
    const labelsDialog = admin.getByRole('dialog', { name: '打印二维码标签' });
    await labelsDialog.waitFor();
    await expect.poll(() => labelsDialog.getByRole('radio', { name: /50×30 mm/ }).isChecked()).toBe(true);
    // the page hands the PDF to a new tab as a blob, after which chromium no longer
    // keeps the response body: the route keeps a copy on its way through
    const bodies: Buffer[] = [];
    await admin.route('**/api/v1/labels', async (route) => {
      const res = await route.fetch();
      bodies.push(await res.body());
      await route.fulfill({ response: res });
    });
    const printed = apiCall(admin, 'POST', '/labels');
    await labelsDialog.getByTestId('labels-print').click();
    const pdf = await printed;
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect(pdf.request().postDataJSON()).toEqual({ targets: [{ type: 'asset', id: asset.id }], size: '50x30' });
    expect(bodies).toHaveLength(1);
    const body = bodies[0] as Buffer;
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // an embedded CJK font makes even one label sheet weigh more than a few kilobytes
    expect(body.length).toBeGreaterThan(10_000);
    const text = pdfText(body);
    if (text !== null) {
      expect(text).toContain(ASSET.name);
      expect(text).toContain(asset.code);
    }
    await labelsDialog.waitFor({ state: 'hidden' });

    // ── the detail page shows the QR code of the record ─────────────────────────────
    await row.getByTestId('asset-link').click();
    await admin.waitForURL(`**/equipment/assets/${asset.id}`);
    const qrImage = admin.getByTestId('asset-qr');
    await qrImage.waitFor();
    expect(await qrImage.getAttribute('src')).toContain(`/qr/${asset.qrCode}.svg`);
    await expect.poll(() => qrImage.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await admin.getByText(asset.qrCode, { exact: true }).waitFor();
    // its history reads in words: the action, the status and the attribute by their labels
    const firstEntry = admin.getByTestId('history-panel').getByTestId('history-entry').first();
    await firstEntry.getByText('新增', { exact: true }).waitFor();
    await expect.poll(() => firstEntry.getByTestId('change-status').textContent()).toBe('状态：在用');
    await expect.poll(() => firstEntry.getByTestId('change-attributes').textContent()).toBe(`分类属性：制冷量：${ASSET.cooling} kW`);
    expect(uncaught(admin)).toEqual([]);

    // ── 375 px, signed out: the public page of the code ─────────────────────────────
    const visitor = await newPage(browser, { mobile: true, label: 'visitor-375' });
    const publicView = apiCall(visitor, 'GET', `/public/q/${asset.qrCode}`);
    await visitor.goto(`/q/${asset.qrCode}`);
    expect((await publicView).status()).toBe(200);
    const summary = visitor.getByTestId('qr-summary');
    await summary.waitFor();
    await expect.poll(() => visitor.getByTestId('qr-name').textContent()).toBe(ASSET.name);
    await summary.getByText(asset.code, { exact: true }).waitFor();
    await summary.getByText(SITE.name, { exact: true }).waitFor();
    await summary.getByText('在用', { exact: true }).waitFor();
    const login = visitor.getByTestId('qr-login');
    await login.waitFor();
    expect((await login.textContent())?.replace(/\s/g, '')).toBe('登录');
    expect(await visitor.getByTestId('qr-open-record').count()).toBe(0);
    const visitorWidth = await horizontalOverflow(visitor);
    expect(visitorWidth.innerWidth).toBe(375);
    expect(visitorWidth.scrollWidth).toBeLessThanOrEqual(visitorWidth.innerWidth);
    // 登录 comes back to this page afterwards
    await login.click();
    await visitor.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('next') === `/q/${asset.qrCode}`);
    expect(uncaught(visitor)).toEqual([]);

    // ── 375 px, signed in (the administrator's cookie): the way to the full record ───
    const staff = await newPage(browser, { mobile: true, label: 'admin-375' });
    await staff.context().addCookies(await admin.context().cookies());
    const lookup = apiCall(staff, 'GET', `/q/${asset.qrCode}`);
    await staff.goto(`/q/${asset.qrCode}`);
    const lookupRes = await lookup;
    expect(lookupRes.status()).toBe(200);
    expect(await lookupRes.json()).toMatchObject({ type: 'asset', id: asset.id, link: `/equipment/assets/${asset.id}` });
    const open = staff.getByTestId('qr-open-record');
    await open.waitFor();
    expect((await open.textContent())?.trim()).toBe('查看完整档案');
    expect(await staff.getByTestId('qr-login').count()).toBe(0);
    const staffWidth = await horizontalOverflow(staff);
    expect(staffWidth.scrollWidth).toBeLessThanOrEqual(staffWidth.innerWidth);
    await open.click();
    await staff.waitForURL(`**/equipment/assets/${asset.id}`);
    await staff.getByText(`${asset.code} · ${SITE.name}`).waitFor();
    await staff.getByText(asset.qrCode, { exact: true }).waitFor();
    expect(uncaught(staff)).toEqual([]);
  });
});
