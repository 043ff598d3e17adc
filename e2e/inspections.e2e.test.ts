import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingDto, HazardDto } from '../contracts/hazards.js';
import type { PatrolPlanDto, PatrolRoundDto } from '../contracts/patrols.js';
import type { DeviationDto, ReadingPointDto } from '../contracts/readings.js';
import type { SummaryFactsResponse } from '../contracts/summary.js';
import { apiCall, closedDropdowns, getJson, launchBrowser, newPage, openDropdown, openFromMenu, signIn, uncaught } from './harness.js';

/**
 * Issue 7's browser test. On a phone, 陈保安 does a fire patrol from 我的巡检: starts the
 * round, checks in by typing each point's QR code, fails one checklist item with a photo,
 * finishes (the point he never reached is skipped, the one he reached early is out of
 * order) and registers the finding as a hazard. 王后勤 assigns it (五落实) and prints the
 * 隐患整改通知单; 张维修 on his phone is refused without an after-photo, then submits with
 * one; 刘物业 accepts and the hazard is closed (销号), which the register and the measures
 * page count; a 沈阳店 technician finds neither the hazard nor the round. Second, an
 * out-of-band sales-floor temperature read on a phone opens a deviation that is corrected
 * and re-checked in band.
 *
 * Logins are rate-limited (20 a minute per address): each person signs in once per test.
 */

/** 长春店 */
const SITE_CODE = 'CC';
const ZONE = 'Asia/Shanghai';
const DEMO_PLAN = '营业期间防火巡查';
const PLAN = '防火巡查（浏览器测试）';
const SECURITY = { login: 'security', name: '陈保安' };
const TECH = { login: 'tech', name: '张维修' };
const VERIFIER = { login: 'property', name: '刘物业' };
/** the fire-patrol checklist's item this round fails, and the other items it passes */
const FAILED_ITEM = 'exits';
const PASSED_ITEMS = ['fire_electricity', 'signs_lights', 'equipment', 'fire_doors', 'key_posts'];
const HAZARD_TITLE = '一层安全出口堆放纸箱';
const TEMPERATURE_POINT = 'CC-T-1F';
// a 1×1 PNG: the server checks the bytes, not the name
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** The open antd Modal once its opening motion is over (a click during the motion can be lost). */
const openModal = (page: Page) => page.locator('.ant-modal:visible:not([class*="-appear"]):not([class*="-enter"]):not([class*="-leave"])');

/** The open panel of an antd DatePicker once its opening motion is over. */
const openPicker = (page: Page) =>
  page.locator(
    '.ant-picker-dropdown:visible:not(.ant-picker-dropdown-hidden):not([class*="-appear"]):not([class*="-enter"]):not([class*="-leave"])',
  );

/** Types `search` into a Select that searches its list endpoint, waits for that answer, then chooses `text`. */
async function chooseRemote(page: Page, select: Locator, resource: string, search: string, text: string): Promise<void> {
  await select.click();
  const found = apiCall(page, 'GET', resource, { q: search });
  await page.keyboard.type(search);
  expect((await found).status()).toBe(200);
  await openDropdown(page).locator('.ant-select-item-option').filter({ hasText: text }).first().click();
  await closedDropdowns(page);
}

/** POST through the page's own session, with its CSRF token. */
function postJson<T>(page: Page, p: string, body: unknown): Promise<{ status: number; body: T }> {
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
function statusOf(page: Page, p: string): Promise<number> {
  return page.evaluate(async (p) => (await fetch(`/api/v1${p}`)).status, p);
}

/** The site's wall clock `minutes` from now: its day and HH:mm. */
function siteClock(minutes = 0): { day: string; time: string } {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: ZONE,
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

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Text extracted from a PDF by poppler's pdftotext, whitespace removed; the test fails without poppler. */
function pdfText(body: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-notice-'));
  try {
    const file = path.join(dir, 'notice.pdf');
    fs.writeFileSync(file, body);
    const out = spawnSync('pdftotext', ['-enc', 'UTF-8', '-raw', file, '-'], { encoding: 'utf8' });
    expect(out.error, 'pdftotext (poppler-utils) is needed').toBeUndefined();
    expect(out.status, out.stderr).toBe(0);
    return out.stdout.replace(/\s+/g, '');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function factValue(res: SummaryFactsResponse, key: string): number {
  const fact = res.facts.find((f) => f.key === key);
  if (!fact) throw new Error(`no figure ${key}`);
  return fact.value ?? 0;
}

/**
 * 巡检与隐患指标 as the page asks for it (this month, every site), answering the hazard
 * figures it then shows. A fresh load: the app keeps answers for 30 s, and the change
 * being counted was made by someone else's browser.
 */
async function measuresOnPage(page: Page): Promise<SummaryFactsResponse> {
  const answer = apiCall(page, 'GET', '/hazards/measures');
  await page.goto('/hazards/measures');
  const res = await answer;
  expect(res.status()).toBe(200);
  const body = (await res.json()) as SummaryFactsResponse;
  await expect
    .poll(() => page.getByTestId('fact-hazards.rectified').locator('.ant-statistic-content').textContent())
    .toBe(`${factValue(body, 'hazards.rectified')} 项`);
  return body;
}

/** Opens the phone's menu drawer and a page from it. */
async function openFromPhoneMenu(page: Page, group: string, leaf: string, title = leaf): Promise<void> {
  await page.getByTestId('menu-toggle').click();
  const drawer = page.locator('.ant-drawer-body:visible');
  await drawer.waitFor();
  await openFromMenu(drawer, group, leaf, title);
}

describe('patrols, hazards and readings', () => {
  it('a QR round finds a hazard → notice PDF → rectified with a photo → accepted by another → closed, figures updated; cross-site 404', async () => {
    // the round is due a few minutes from now on the site's clock: so near midnight it
    // would fall tomorrow, outside 我的巡检's today, so the test waits for the new day
    const lateEvening = siteClock(0).day !== siteClock(5).day;
    if (lateEvening) await new Promise((r) => setTimeout(r, 6 * 60_000));

    // ── 王后勤 sets up a fire patrol for 陈保安 over three points of the demo route ────────
    const head = await newPage(browser, { label: 'head' });
    await signIn(head, 'head');
    const me = await getJson<{ sites: { id: string; code: string }[] }>(head, '/auth/me');
    const siteId = me.sites.find((s) => s.code === SITE_CODE)?.id as string;
    expect(siteId, 'demo site').toBeDefined();
    const demoPlans = await getJson<{ items: PatrolPlanDto[] }>(head, `/patrols/plans?q=${encodeURIComponent(DEMO_PLAN)}`);
    const demo = demoPlans.items.find((p) => p.name === DEMO_PLAN && p.siteId === siteId);
    expect(demo, 'demo fire patrol').toBeDefined();
    const route = (demo as PatrolPlanDto).points.filter((p) => p.targetType === 'location').slice(0, 3);
    expect(route).toHaveLength(3);
    const [first, second, third] = route as [(typeof route)[0], (typeof route)[0], (typeof route)[0]];
    expect(first.checklistTemplateId, 'the demo route has the fire-patrol checklist').not.toBeNull();
    const users = await getJson<{ items: { id: string; username: string }[] }>(head, `/users?q=${SECURITY.login}`);
    const securityId = users.items.find((u) => u.username === SECURITY.login)?.id;
    expect(securityId).toBeDefined();
    const due = siteClock(3);
    const created = await postJson<PatrolPlanDto>(head, '/patrols/plans', {
      siteId,
      name: PLAN,
      level: 'fire_patrol',
      kind: 'route',
      points: [
        { targetType: 'location', targetId: first.targetId, checklistTemplateId: first.checklistTemplateId },
        { targetType: 'location', targetId: second.targetId, checklistTemplateId: second.checklistTemplateId },
        { targetType: 'location', targetId: third.targetId, checklistTemplateId: null },
      ],
      recurrence: { freq: 'daily', interval: 1, times: [due.time], startDate: due.day, anchor: 'calendar' },
      windowMinutes: 60,
      assigneeType: 'user',
      assigneeId: securityId,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const plan = created.body;
    const codes: string[] = [];
    for (const p of plan.points) codes.push((await getJson<{ code: string }>(head, `/qr-codes/location/${p.targetId}`)).code);

    // the occurrence job raises the round an hour ahead of its due time: at its next tick
    let round: PatrolRoundDto | undefined;
    await expect
      .poll(
        async () => {
          round = (await getJson<{ items: PatrolRoundDto[] }>(head, `/patrols/rounds?planId=${plan.id}`)).items[0];
          return round?.status;
        },
        { timeout: 30_000, message: 'the occurrence job raised no round' },
      )
      .toBe('pending');
    const roundId = (round as PatrolRoundDto).id;

    // ── 陈保安 on his phone: 我的巡检 → the round → 开始巡检 ─────────────────────────────
    const guard = await newPage(browser, { mobile: true, label: 'security' });
    await signIn(guard, SECURITY.login);
    await openFromPhoneMenu(guard, '巡检管理', '我的巡检');
    const card = guard.getByTestId('my-todo').getByTestId(`my-round-${roundId}`);
    await expect.poll(() => card.getByTestId('my-round-progress').textContent()).toBe('0/3 点');
    await card.click();
    await guard.waitForURL(`**/patrols/rounds/${roundId}`);
    const started = apiCall(guard, 'POST', `/patrols/rounds/${roundId}/start`);
    await guard.getByTestId('round-start').click();
    expect((await started).status()).toBe(200);

    /** 扫码签到 with the code typed into the scan box, as a scanner would */
    const checkIn = async (code: string) => {
      await guard.getByTestId('round-scan').click();
      const dialog = openModal(guard).filter({ has: guard.getByTestId('scan-input') });
      await dialog.getByTestId('scan-input').fill(code);
      const answer = apiCall(guard, 'POST', `/patrols/rounds/${roundId}/check-in`);
      await dialog.getByTestId('scan-input').press('Enter');
      const res = await answer;
      expect(res.status(), await res.text()).toBe(200);
      await expect.poll(() => guard.locator('.ant-modal:visible').count()).toBe(0);
      await guard.getByTestId('point-panel').waitFor();
    };

    // the first point: its checklist with one failed item and its photo
    await checkIn(codes[0] as string);
    const fill = guard.getByTestId('point-panel').getByTestId('checklist-form');
    await fill.waitFor();
    for (const key of PASSED_ITEMS) await fill.getByTestId(`checklist-item-${key}`).getByTestId('answer-pass').click();
    const failed = fill.getByTestId(`checklist-item-${FAILED_ITEM}`);
    await failed.getByTestId('answer-fail').click();
    await expect.poll(() => failed.getByTestId('answer-fail').getAttribute('aria-checked')).toBe('true');
    const photo = apiCall(guard, 'POST', '/attachments');
    await failed.getByTestId('checklist-photo-input').setInputFiles({ name: 'exit.png', mimeType: 'image/png', buffer: PNG });
    expect((await photo).status()).toBe(201);
    await expect.poll(() => failed.locator('img').count()).toBe(1);
    await failed.locator('textarea').fill('纸箱堵住安全出口');
    await expect.poll(() => fill.getByTestId('checklist-progress').textContent()).toBe('已填 6 / 7 项 · 1 项不合格');
    expect(await horizontalOverflow(guard)).toBeLessThanOrEqual(0);
    await fill.getByTestId('checklist-submit').click();
    const confirm = openModal(guard).filter({ has: guard.getByTestId('checklist-confirm-findings') });
    await confirm.getByText('安全出口、疏散通道畅通').waitFor();
    const submitted = guard.waitForResponse(
      (r) => r.request().method() === 'PUT' && new URL(r.url()).pathname.startsWith(`/api/v1/patrols/rounds/${roundId}/points/`),
    );
    await confirm.getByTestId('checklist-confirm').click();
    const submittedRes = await submitted;
    expect(submittedRes.status(), await submittedRes.text()).toBe(200);
    await guard.getByTestId('point-panel').getByTestId('checklist-findings').waitFor();
    await guard.getByTestId('point-back').click();

    // the third point before the second: out of order; then finish, the second is skipped
    await checkIn(codes[2] as string);
    await guard.getByTestId('point-back').click();
    await expect.poll(() => guard.getByTestId('round-point-3').getByTestId('point-out-of-order').count()).toBe(1);
    await guard.getByTestId('round-finish').click();
    const finishDialog = openModal(guard).filter({ has: guard.getByTestId('finish-note') });
    await finishDialog.getByText('还有 1 个点未签到').waitFor();
    await finishDialog.getByTestId('finish-note').fill('二层通道临时封闭，未能到达');
    const finished = apiCall(guard, 'POST', `/patrols/rounds/${roundId}/finish`);
    await finishDialog.getByTestId('finish-note-ok').click();
    const finishedRes = await finished;
    expect(finishedRes.status(), await finishedRes.text()).toBe(200);
    const done = (await finishedRes.json()) as PatrolRoundDto;
    expect(done).toMatchObject({ status: 'done', doneByName: SECURITY.name, checkedCount: 2, skippedCount: 1, outOfOrderCount: 1 });
    expect(done.onTime).toBe(true);
    expect(done.points.map((p) => [p.status, p.checkInMethod, p.outOfOrder])).toEqual([
      ['checked', 'qr', false],
      ['skipped', null, false],
      ['checked', 'qr', true],
    ]);
    expect(done.points[1]?.skipReason).toBe('结束巡检时未签到');
    await expect.poll(() => guard.getByTestId('round-progress').textContent()).toContain('已签到 2 · 跳过 1 · 共 3 点');

    // ── the finding → 处理 → 登记隐患 ────────────────────────────────────────────────
    const findings = guard.getByTestId('round-findings');
    await findings.waitFor();
    await findings.getByTestId('finding-resolve').click();
    const resolve = openModal(guard).filter({ has: guard.getByTestId('resolve-submit') });
    await resolve.locator('.ant-radio-button-wrapper').filter({ hasText: '登记隐患' }).click();
    const category = resolve.getByTestId('hazard-category');
    await category.waitFor();
    await category.click();
    await openDropdown(guard).locator('.ant-select-item-option').filter({ hasText: '消防安全' }).first().click();
    await closedDropdowns(guard);
    await resolve.getByTestId('hazard-grade').getByText('一般', { exact: true }).click();
    await resolve.getByTestId('hazard-title').fill(HAZARD_TITLE);
    expect(await horizontalOverflow(guard)).toBeLessThanOrEqual(0);
    const [found] = (await getJson<{ items: FindingDto[] }>(guard, `/findings?roundId=${roundId}`)).items;
    expect(found?.resolution).toBe('open');
    const resolved = apiCall(guard, 'POST', `/findings/${found?.id}/resolve`);
    await resolve.getByTestId('resolve-submit').click();
    const resolvedRes = await resolved;
    expect(resolvedRes.status(), await resolvedRes.text()).toBe(200);
    const finding = (await resolvedRes.json()) as FindingDto;
    expect(finding).toMatchObject({ resolution: 'hazard', source: 'patrol', foundByName: SECURITY.name });
    expect(finding.description).toContain('安全出口、疏散通道畅通');
    const hazardId = finding.hazardId as string;
    expect(hazardId).toBeTruthy();
    await expect.poll(() => findings.textContent()).toContain(finding.hazardNumber ?? '');
    const registered = await getJson<HazardDto>(head, `/hazards/${hazardId}`);
    expect(registered).toMatchObject({ status: 'registered', category: 'fire_safety', grade: 'general', title: HAZARD_TITLE, siteId });
    const hazardNumber = registered.number;

    // ── 王后勤: 隐患台账 → the hazard → 落实整改 (五落实) ───────────────────────────────
    await openFromMenu(head, '隐患排查', '隐患台账');
    const searched = apiCall(head, 'GET', '/hazards', { q: hazardNumber });
    await head.getByTestId('table-search').fill(hazardNumber);
    expect((await searched).status()).toBe(200);
    // by id: YH numbers are per site, so another store's hazard may carry the same number
    const hazardRow = head.locator(`.ant-table-row[data-row-key="${hazardId}"]`);
    await expect.poll(() => hazardRow.textContent()).toContain('待落实');
    await hazardRow.getByRole('link', { name: hazardNumber }).click();
    await head.waitForURL(`**/hazards/register/${hazardId}`);
    await head.locator('main').getByTestId('hazard-action-assign').click();
    const assign = openModal(head).filter({ has: head.getByTestId('assign-measures') });
    await chooseRemote(head, assign.getByTestId('assign-responsible'), '/users', TECH.name, `${TECH.name}（${TECH.login}）`);
    await chooseRemote(head, assign.getByTestId('assign-verifier'), '/users', VERIFIER.name, `${VERIFIER.name}（${VERIFIER.login}）`);
    await assign.getByTestId('assign-measures').fill('清走安全出口的纸箱，出口处划定禁止堆放区并张贴标识');
    const today = siteClock(0).day;
    await assign.getByTestId('assign-deadline').click();
    await openPicker(head).locator(`td[title="${today}"]`).click();
    await expect.poll(() => assign.getByTestId('assign-deadline').inputValue()).toBe(today);
    await assign.getByTestId('assign-funds').fill('1500');
    const assigned = apiCall(head, 'POST', `/hazards/${hazardId}/actions/assign`);
    await assign.getByTestId('hazard-action-submit').click();
    const assignedRes = await assigned;
    expect(assignedRes.status(), await assignedRes.text()).toBe(200);
    await expect.poll(() => head.getByTestId('hazard-five').textContent()).toContain(TECH.name);
    expect(await head.getByTestId('hazard-five').textContent()).toContain(VERIFIER.name);

    // the 隐患整改通知单 PDF behind the page's button
    const notice = head.locator('main').getByTestId('hazard-notice');
    const href = (await notice.getAttribute('href')) as string;
    expect(new URL(href, 'http://x').pathname).toBe(`/api/v1/hazards/${hazardId}/notice.pdf`);
    const pdf = await head.request.get(href);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    const text = pdfText(await pdf.body());
    expect(text).toContain('隐患整改通知单');
    expect(text).toContain(hazardNumber);
    expect(text).toContain(TECH.name);
    expect(text).toContain('¥1,500.00');

    // ── 张维修 on his phone: refused without an after photo, then submits with one ──────
    const tech = await newPage(browser, { mobile: true, label: 'tech' });
    await signIn(tech, TECH.login);
    await tech.goto(`/hazards/register/${hazardId}`);
    let submits = 0;
    tech.on('request', (req) => {
      if (req.method() === 'POST' && req.url().endsWith(`/hazards/${hazardId}/actions/submit`)) submits += 1;
    });
    await tech.locator('main').getByTestId('hazard-action-submit').click();
    const rectify = openModal(tech).filter({ has: tech.getByTestId('hazard-action-note') });
    await rectify.getByTestId('hazard-action-note').fill('已清走纸箱，张贴禁止堆放标识');
    await rectify.getByTestId('hazard-action-submit').click();
    await rectify.getByText('请上传至少一张整改后的照片').waitFor();
    expect(submits).toBe(0);
    expect((await getJson<HazardDto>(tech, `/hazards/${hazardId}`)).status).toBe('rectifying');
    const afterPhoto = apiCall(tech, 'POST', '/attachments');
    await rectify.locator('input[type="file"]').setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: PNG });
    expect((await afterPhoto).status()).toBe(201);
    await expect.poll(() => rectify.getByText('请上传至少一张整改后的照片').count()).toBe(0);
    expect(await horizontalOverflow(tech)).toBeLessThanOrEqual(0);
    const rectified = apiCall(tech, 'POST', `/hazards/${hazardId}/actions/submit`);
    await rectify.getByTestId('hazard-action-submit').click();
    const rectifiedRes = await rectified;
    expect(rectifiedRes.status(), await rectifiedRes.text()).toBe(200);
    await expect.poll(() => tech.getByTestId('hazard-rectification').textContent()).toContain('已清走纸箱');
    // the rectifier may not accept his own work
    expect(await tech.locator('main').getByTestId('hazard-action-accept').count()).toBe(0);

    // ── the figures before, then 刘物业 accepts: 销号 ──────────────────────────────────
    const before = await measuresOnPage(head);
    const verifier = await newPage(browser, { label: 'verifier' });
    await signIn(verifier, VERIFIER.login);
    await verifier.goto(`/hazards/register/${hazardId}`);
    await verifier.locator('main').getByTestId('hazard-action-accept').click();
    const acceptDialog = openModal(verifier).filter({ has: verifier.getByTestId('hazard-action-note') });
    await acceptDialog.getByTestId('hazard-action-note').fill('现场复查，安全出口畅通');
    const accepted = apiCall(verifier, 'POST', `/hazards/${hazardId}/actions/accept`);
    await acceptDialog.getByTestId('hazard-action-submit').click();
    const acceptedRes = await accepted;
    expect(acceptedRes.status(), await acceptedRes.text()).toBe(200);
    const closed = await getJson<HazardDto>(verifier, `/hazards/${hazardId}`);
    expect(closed).toMatchObject({ status: 'closed', onTime: true, acceptedByName: VERIFIER.name, rectifiedByName: TECH.name });

    // the register shows it closed (a fresh load: the change came from another browser);
    // the measures count one more rectified hazard
    await head.goto('/hazards/register');
    const searchedAgain = apiCall(head, 'GET', '/hazards', { q: hazardNumber });
    await head.getByTestId('table-search').fill(hazardNumber);
    expect((await searchedAgain).status()).toBe(200);
    await expect.poll(() => head.locator(`.ant-table-row[data-row-key="${hazardId}"]`).textContent()).toContain('已销号');
    const after = await measuresOnPage(head);
    expect(factValue(after, 'hazards.rectified')).toBe(factValue(before, 'hazards.rectified') + 1);
    expect(factValue(after, 'hazards.on_time')).toBe(factValue(before, 'hazards.on_time') + 1);
    expect(factValue(after, 'hazards.open')).toBe(factValue(before, 'hazards.open') - 1);
    expect(factValue(after, 'hazards.found')).toBe(factValue(before, 'hazards.found'));

    // ── a 沈阳店 technician: neither the hazard nor the round exists for him ────────────
    const other = await newPage(browser, { label: 'tech_sy' });
    await signIn(other, 'tech_sy');
    for (const url of [`/hazards/register/${hazardId}`, `/patrols/rounds/${roundId}`]) {
      await other.goto(url);
      await other.locator('.ant-result-404').getByText('页面不存在，或记录不存在、不在您可访问的场所内。').waitFor();
    }
    expect(await statusOf(other, `/hazards/${hazardId}`)).toBe(404);
    expect(await statusOf(other, `/patrols/rounds/${roundId}`)).toBe(404);
    expect(await statusOf(other, `/findings/${finding.id}`)).toBe(404);

    for (const page of [head, guard, tech, verifier, other]) expect(uncaught(page)).toEqual([]);
  }, 600_000);

  it('an out-of-band temperature on a phone → deviation → 纠偏 → an in-band re-check corrects it', async () => {
    const tech = await newPage(browser, { mobile: true, label: 'tech' });
    await signIn(tech, TECH.login);
    // 张维修 reads 卖场温度 at 27 °C (24 ± 1) after scanning its place's QR code
    const point = (await getJson<{ items: ReadingPointDto[] }>(tech, `/reading-points?q=${TEMPERATURE_POINT}`)).items.find(
      (p) => p.code === TEMPERATURE_POINT,
    ) as ReadingPointDto;
    expect(point, 'demo temperature point').toBeDefined();
    expect(point.bandText).toBe('24 ± 1 °C');
    const pointCode = (await getJson<{ code: string }>(tech, `/qr-codes/${point.targetType}/${point.targetId}`)).code;
    await openFromPhoneMenu(tech, '读数与能耗', '抄表');
    const listed = apiCall(tech, 'GET', '/reading-points', { qr: pointCode });
    await tech.getByTestId('scan-input').fill(pointCode);
    await tech.getByTestId('scan-input').press('Enter');
    expect((await listed).status()).toBe(200);
    const entry = tech.getByTestId(`entry-card-${TEMPERATURE_POINT}`);
    await entry.waitFor();
    await entry.getByTestId(`reading-${TEMPERATURE_POINT}-value`).fill('27');
    await entry.getByTestId(`reading-${TEMPERATURE_POINT}-warning`).waitFor();
    await entry.getByTestId(`reading-${TEMPERATURE_POINT}-note`).fill('空调停机检修，卖场温度升高');
    expect(await horizontalOverflow(tech)).toBeLessThanOrEqual(0);
    await tech.getByTestId('entry-submit').click();
    const outConfirm = openModal(tech).filter({ hasText: '读数超出允许范围' });
    await outConfirm.getByText(`${point.name}: 27`).waitFor();
    const recorded = apiCall(tech, 'POST', `/reading-points/${point.id}/readings`);
    await outConfirm.getByRole('button', { name: '仍然提交' }).click();
    const recordedRes = await recorded;
    expect(recordedRes.status(), await recordedRes.text()).toBe(201);
    const reading = (await recordedRes.json()) as { inBand: boolean | null; deviationId: string | null };
    expect(reading.inBand).toBe(false);
    expect(reading.deviationId).toBeTruthy();
    await entry.getByTestId(`entry-saved-${TEMPERATURE_POINT}`).getByText('已生成偏差单').click();
    await tech.waitForURL('**/readings/deviations?**');
    const deviation = await getJson<DeviationDto>(tech, `/reading-deviations/${reading.deviationId}`);
    expect(deviation).toMatchObject({ status: 'open', value: 27, pointCode: TEMPERATURE_POINT });
    await tech.getByTestId(`deviation-correct-${deviation.number}`).click();
    const correct = openModal(tech).filter({ has: tech.getByTestId('correct-note') });
    await correct.getByTestId('correct-note').fill('空调已恢复运行，开启新风');
    const corrected = apiCall(tech, 'POST', `/reading-deviations/${deviation.id}/correct`);
    await correct.getByRole('button', { name: '纠偏' }).click();
    const correctedRes = await corrected;
    expect(correctedRes.status(), await correctedRes.text()).toBe(200);
    const deviationRow = tech.locator('.ant-table-row').filter({ hasText: deviation.number });
    await expect.poll(() => deviationRow.textContent()).toContain('待复测');
    await deviationRow.getByTestId(`deviation-recheck-${deviation.number}`).click();
    await tech.waitForURL(`**/readings/entry?pointId=${point.id}`);
    await entry.getByTestId(`reading-${TEMPERATURE_POINT}-value`).fill('24.3');
    expect(await entry.getByTestId(`reading-${TEMPERATURE_POINT}-warning`).count()).toBe(0);
    const recheck = apiCall(tech, 'POST', `/reading-points/${point.id}/readings`);
    await tech.getByTestId('entry-submit').click();
    const recheckRes = await recheck;
    expect(recheckRes.status(), await recheckRes.text()).toBe(201);
    expect(await recheckRes.json()).toMatchObject({ inBand: true, isRecheck: true, deviationId: deviation.id });
    await entry.getByTestId(`entry-saved-${TEMPERATURE_POINT}`).getByText('已记录复测读数').waitFor();
    expect(await getJson<DeviationDto>(tech, `/reading-deviations/${deviation.id}`)).toMatchObject({
      status: 'corrected',
      recheckValue: 24.3,
    });
    await tech.goto(`/readings/deviations?pointId=${point.id}`);
    await expect.poll(() => tech.locator('.ant-table-row').filter({ hasText: deviation.number }).textContent()).toContain('已纠正');

    // the sales floor's deviation is closed; the 沈阳店 technician does not see it
    const other = await newPage(browser, { label: 'tech_sy' });
    await signIn(other, 'tech_sy');
    expect(await statusOf(other, `/reading-deviations/${deviation.id}`)).toBe(404);

    for (const page of [tech, other]) expect(uncaught(page)).toEqual([]);
  });
});
