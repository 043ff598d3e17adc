import type { Browser, Locator, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, choose, launchBrowser, newPage, openDropdown, openFromMenu, signIn, uncaught } from './harness.js';

/**
 * Issue 2's browser test: the administrator creates a site, a building and a room in
 * it and a user with a role on that site only; the new user changes the initial
 * password and then sees only that site — in the site switcher, the 场所 list and the
 * 位置 page, on a desktop and in the phone menu at 375 px.
 *
 * Logins are rate-limited (20 a minute per address), so the flow signs in twice and the
 * phone check reuses the new user's session cookie.
 */

const SITE = { code: 'DL', name: '大连店' };
const BUILDING = { code: 'DL-A', name: 'A座' };
const ROOM = { code: 'DL-A-101', name: '101 设备间' };
const USER = { username: 'dl_tech', name: '大连维修员', initial: 'Chushi2025', final: 'Dalian2025x' };

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** The labels of the options an antd Select offers, read from its open dropdown. */
async function optionsOf(page: Page, select: Locator): Promise<string[]> {
  await select.click();
  const options = openDropdown(page).locator('.ant-select-item-option');
  await expect.poll(() => options.count()).toBeGreaterThan(0);
  const labels = (await options.allTextContents()).map((l) => l.trim());
  await page.keyboard.press('Escape');
  await expect.poll(() => openDropdown(page).count()).toBe(0);
  return labels;
}

/** The texts of one column (1 = first) of the data rows of the page's table. */
async function tableColumn(page: Page, column: number): Promise<string[]> {
  const cells = page.locator('main .ant-table-tbody tr.ant-table-row').locator(`td:nth-child(${column})`);
  return (await cells.allTextContents()).map((c) => c.trim());
}

/** GET /api/v1`path` with the page's session: what the server lets this person see. */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(`/api/v1${path}`);
  expect(res.status(), `GET ${path}`).toBe(200);
  return (await res.json()) as T;
}

describe('organisation administration', () => {
  it('creates a site, a room and a user with a role there; that user sees only that site', async () => {
    const admin = await newPage(browser, { label: 'admin' });
    await signIn(admin, 'admin', 'houqin');

    // ── 场所: a new site ──────────────────────────────────────────────────────────
    await openFromMenu(admin, '组织架构', '场所');
    await admin.waitForURL('**/org/sites');
    await expect.poll(() => tableColumn(admin, 1)).toContain('CC');
    await admin.getByTestId('table-create').click();
    const siteForm = admin.getByRole('dialog', { name: '新建场所' });
    await siteForm.getByLabel('编码').fill(SITE.code);
    await siteForm.getByLabel('名称').fill(SITE.name);
    await siteForm.getByLabel('营业时间').fill('09:00-21:00');
    // the header's site list comes from /auth/me, refreshed after the save
    const meRefreshed = apiCall(admin, 'GET', '/auth/me');
    const siteCreated = apiCall(admin, 'POST', '/sites');
    await siteForm.getByTestId('form-submit').click();
    const siteRes = await siteCreated;
    expect(siteRes.status()).toBe(201);
    const site = (await siteRes.json()) as { id: string; code: string; timezone: string };
    expect(site).toMatchObject({ code: SITE.code, timezone: 'Asia/Shanghai' });
    await meRefreshed;
    await siteForm.waitFor({ state: 'hidden' });
    await expect.poll(() => tableColumn(admin, 1)).toContain(SITE.code);

    // ── 位置: a building at the top of the new site, then a room under it ─────────
    await openFromMenu(admin, '组织架构', '位置');
    await admin.waitForURL('**/org/locations');
    const treeLoaded = apiCall(admin, 'GET', '/locations/tree', { siteId: site.id });
    await choose(admin, admin.getByTestId('location-site'), `${SITE.name}（${SITE.code}）`);
    expect((await (await treeLoaded).json()).nodes).toEqual([]);
    await admin.getByText('该场所还没有位置').waitFor();

    await admin.getByTestId('table-create').click();
    const buildingForm = admin.getByRole('dialog', { name: '新建位置' });
    await expect.poll(() => buildingForm.getByText(SITE.name, { exact: true }).count()).toBe(1);
    await buildingForm.getByLabel('位置编码').fill(BUILDING.code);
    await buildingForm.getByLabel('名称').fill(BUILDING.name);
    await choose(admin, buildingForm.getByLabel('类型'), '楼栋');
    const buildingCreated = apiCall(admin, 'POST', '/locations');
    await buildingForm.getByTestId('form-submit').click();
    const buildingRes = await buildingCreated;
    expect(buildingRes.status()).toBe(201);
    const building = (await buildingRes.json()) as { id: string; siteId: string; parentId: string | null; kind: string };
    expect(building).toMatchObject({ siteId: site.id, parentId: null, kind: 'building' });
    await buildingForm.waitFor({ state: 'hidden' });

    // choosing the building in the tree makes 新建下级 create under it
    const tree = admin.getByTestId('location-tree');
    await tree.getByText(BUILDING.name).click();
    await admin.getByText(`${BUILDING.name} 及其下级`).waitFor();
    await admin.getByTestId('table-create').click();
    const roomForm = admin.getByRole('dialog', { name: '新建位置' });
    await roomForm.getByLabel('位置编码').fill(ROOM.code);
    await roomForm.getByLabel('名称').fill(ROOM.name);
    const roomCreated = apiCall(admin, 'POST', '/locations');
    await roomForm.getByTestId('form-submit').click();
    const roomRes = await roomCreated;
    expect(roomRes.status()).toBe(201);
    expect(await roomRes.json()).toMatchObject({ siteId: site.id, parentId: building.id, kind: 'room', code: ROOM.code });
    await roomForm.waitFor({ state: 'hidden' });
    await expect.poll(() => tableColumn(admin, 1)).toEqual([BUILDING.code, ROOM.code]);
    await expect.poll(() => tableColumn(admin, 4)).toContain(`${SITE.name} / ${BUILDING.name} / ${ROOM.name}`);

    // ── 用户: a technician on 大连店 only ───────────────────────────────────────────
    await openFromMenu(admin, '用户与权限', '用户');
    await admin.waitForURL('**/identity/users');
    await admin.getByTestId('table-create').click();
    const userForm = admin.getByRole('dialog', { name: '新建用户' });
    await userForm.getByLabel('用户名').fill(USER.username);
    await userForm.getByLabel('姓名').fill(USER.name);
    await userForm.getByTestId('user-password').fill(USER.initial);
    await choose(admin, userForm.getByTestId('grant-site'), `${SITE.name}（${SITE.code}）`);
    await choose(admin, userForm.getByTestId('grant-role'), '维修技术员', '维修');
    const userCreated = apiCall(admin, 'POST', '/users');
    await userForm.getByTestId('form-submit').click();
    const userRes = await userCreated;
    expect(userRes.status()).toBe(201);
    const user = (await userRes.json()) as { id: string; mustChangePassword: boolean; memberships: { siteId: string | null }[] };
    expect(user.mustChangePassword).toBe(true);
    expect(user.memberships.map((m) => m.siteId)).toEqual([site.id]);
    // the detail page opens and shows the grant
    await admin.waitForURL(`**/identity/users/${user.id}`);
    await admin.getByText(`${USER.name}（${USER.username}）`).waitFor();
    await expect.poll(() => admin.locator('main').getByText('维修技术员').count()).toBeGreaterThan(0);
    await expect.poll(() => admin.locator('main').getByText(SITE.name).count()).toBeGreaterThan(0);

    // ── sign out ─────────────────────────────────────────────────────────────────
    // the hover menu may still be fading in or out on a busy machine and swallow a click: try again
    let loggedOut: Response | null = null;
    for (let attempt = 0; attempt < 3 && !loggedOut; attempt++) {
      const answer = admin
        .waitForResponse((res) => res.request().method() === 'POST' && new URL(res.url()).pathname === '/api/v1/auth/logout', {
          timeout: 10_000,
        })
        .catch(() => null);
      await admin.getByTestId('user-menu').hover();
      await admin.getByRole('menuitem', { name: '退出登录' }).click();
      loggedOut = await answer;
    }
    expect(loggedOut?.status()).toBe(200);
    // a plain sign-in page: the next person is not sent on to the administrator's last page
    await admin.waitForURL((url) => url.pathname === '/login');
    expect(new URL(admin.url()).search).toBe('');
    await admin.locator('input[autocomplete="username"]').waitFor();
    expect(uncaught(admin)).toEqual([]);

    // ── the new user: forced password change, then only 大连店 ─────────────────────
    const tech = await newPage(browser, { label: 'new-user' });
    const login = await signIn(tech, USER.username, USER.initial);
    expect((await login.json()).user.mustChangePassword).toBe(true);
    await tech.waitForURL('**/change-password');
    await tech.getByText('修改密码').first().waitFor();
    // nothing but the password form is reachable before the change
    await tech.goto('/org/sites');
    await tech.waitForURL('**/change-password');
    await tech.getByLabel('当前密码').fill(USER.initial);
    await tech.getByLabel('新密码', { exact: true }).fill(USER.final);
    await tech.getByLabel('确认新密码').fill(USER.final);
    const changed = apiCall(tech, 'POST', '/auth/password');
    await tech.getByRole('button', { name: '确认修改' }).click();
    expect((await changed).status()).toBe(200);
    // the first page of the person's menu opens
    await tech.waitForURL((url) => url.pathname !== '/change-password' && url.pathname !== '/');
    await tech.getByTestId('user-menu').waitFor();

    // the header's site switcher offers 全部场所 and 大连店, nothing else
    expect(await optionsOf(tech, tech.getByTestId('site-switcher'))).toEqual(['全部场所', `${SITE.name}（${SITE.code}）`]);

    // 场所 lists only 大连店
    const techSites = await apiGet<{ items: { code: string }[] }>(tech, '/sites');
    expect(techSites.items.map((s) => s.code)).toEqual([SITE.code]);
    await openFromMenu(tech, '组织架构', '场所');
    await tech.waitForURL('**/org/sites');
    await expect.poll(() => tableColumn(tech, 1)).toEqual([SITE.code]);
    // a read-only role: no 新建 and no 操作 column
    expect(await tech.getByTestId('table-create').count()).toBe(0);

    // 位置 shows 大连店's tree and nothing of another site
    const techTree = apiCall(tech, 'GET', '/locations/tree', { siteId: site.id });
    await openFromMenu(tech, '组织架构', '位置');
    await tech.waitForURL('**/org/locations');
    expect((await (await techTree).json()).nodes.map((n: { code: string }) => n.code)).toEqual([BUILDING.code]);
    // no other site's locations reach this person, whatever the page asks for
    const techLocations = await apiGet<{ items: { siteId: string }[] }>(tech, '/locations?limit=200');
    expect(new Set(techLocations.items.map((l) => l.siteId))).toEqual(new Set([site.id]));
    await expect.poll(() => tableColumn(tech, 1)).toEqual([BUILDING.code, ROOM.code]);
    await expect.poll(() => tech.getByTestId('location-tree').getByText(BUILDING.name).count()).toBe(1);
    expect(await optionsOf(tech, tech.getByTestId('location-site'))).toEqual([`${SITE.name}（${SITE.code}）`]);
    expect(uncaught(tech)).toEqual([]);

    // ── 375 px: the same session opens the menu drawer and reaches 场所 ────────────
    const phone = await newPage(browser, { mobile: true, label: 'new-user-375' });
    await phone.context().addCookies(await tech.context().cookies());
    await phone.goto('/');
    await phone.waitForURL((url) => url.pathname !== '/');
    const toggle = phone.getByTestId('menu-toggle');
    await toggle.waitFor();
    // the side menu is a closed drawer, not a column squeezing the page
    expect(await phone.getByRole('menuitem', { name: '组织架构' }).count()).toBe(0);
    await toggle.click();
    const drawer = phone.getByRole('dialog').filter({ has: phone.getByRole('menuitem', { name: '组织架构' }) });
    await drawer.waitFor();
    await openFromMenu(drawer, '组织架构', '场所');
    await phone.waitForURL('**/org/sites');
    // choosing a page closes the drawer
    await drawer.waitFor({ state: 'hidden' });
    await expect.poll(() => tableColumn(phone, 1)).toEqual([SITE.code]);
    const { scrollWidth, innerWidth } = await phone.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(innerWidth).toBe(375);
    // wide tables scroll inside their own box; the page itself never scrolls sideways
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    expect(uncaught(phone)).toEqual([]);
  });
});
