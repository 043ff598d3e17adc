import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MaintenanceOccurrenceDto, MaintenancePlanDto } from '../contracts/maintenance.js';
import type { SummaryFactsResponse } from '../contracts/summary.js';
import {
  apiCall,
  choose,
  closedDropdowns,
  getJson,
  launchBrowser,
  newPage,
  openDropdown,
  openFromMenu,
  signIn,
  uncaught,
} from './harness.js';

/**
 * Issue 6's browser test: the head of logistics creates a monthly maintenance plan for a
 * chiller through the drawer, sees its year on the maintenance calendar and opens a
 * month's records from it; the occurrence job raises the first work order (with the
 * plan's checklist) for the technician, who on his phone accepts, arrives, starts, is
 * held at 完工 until the checklist is submitted, fills it and finishes; PM compliance
 * and the records count the occurrence as done on time.
 */

const SITE = { name: '长春店', code: 'CC' };
const ZONE = 'Asia/Shanghai';
const PLAN = '2号冷水机组月度保养（浏览器测试）';
const ASSET = 'ZC-000003 2号冷水机组';
const TEMPLATE = 'HVAC-Q';
const TECH = { login: 'tech', name: '张维修' };
/** the first occurrence is this many days ahead; the lead time is longer, so its order is raised at once */
const DAYS_AHEAD = 3;
const LEAD_DAYS = 7;
/** in-range readings of HVAC-Q's number items; the rest of its items are 合格 or the signature */
const READINGS: Record<string, string> = {
  chilled_out: '7',
  chilled_in: '12',
  suction_pressure: '0.35',
  discharge_pressure: '1.1',
  current: '86',
};

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** The open panel of an antd DatePicker once its opening motion is over (a click during the motion can be lost). */
const openPicker = (page: Page) =>
  page.locator(
    '.ant-picker-dropdown:visible:not(.ant-picker-dropdown-hidden):not([class*="-appear"]):not([class*="-enter"]):not([class*="-leave"])',
  );

/**
 * The open antd Modal once its opening motion is over: a click during the motion can be
 * lost, and the action dialog clears its fields just after it opens.
 */
const openModal = (page: Page) => page.locator('.ant-modal:visible:not([class*="-appear"]):not([class*="-enter"]):not([class*="-leave"])');

/** Types `search` into a Select that searches its list endpoint, waits for that answer, then chooses `text`. */
async function chooseRemote(page: Page, select: Locator, resource: string, search: string, text: string): Promise<void> {
  await select.click();
  const found = apiCall(page, 'GET', resource, { q: search });
  await page.keyboard.type(search);
  expect((await found).status()).toBe(200);
  await openDropdown(page).locator('.ant-select-item-option').filter({ hasText: text }).first().click();
  await closedDropdowns(page);
}

/** The site's calendar day `days` after today, as YYYY-MM-DD. */
function siteDay(days: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

type Figures = Record<'due' | 'done' | 'on_time' | 'pm_compliance', number | null>;

function figuresOf(res: SummaryFactsResponse): Figures {
  const value = (key: string) => {
    const fact = res.facts.find((f) => f.key === `maintenance.${key}`);
    if (!fact) throw new Error(`no figure maintenance.${key}`);
    return fact.value;
  };
  return { due: value('due'), done: value('done'), on_time: value('on_time'), pm_compliance: value('pm_compliance') };
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** The measures page's period preset whose months hold `day` (the page counts in the browser's zone, the site's). */
function presetFor(day: string): string | null {
  const [y, m] = day.split('-').map(Number);
  const [ty, tm] = siteDay(0).split('-').map(Number);
  if (y !== ty) return null;
  if (m === tm) return '本月';
  if (Math.floor(((m ?? 1) - 1) / 3) === Math.floor(((tm ?? 1) - 1) / 3)) return '本季度';
  return '本年';
}

/** On the measures page: the period preset and 长春店, answering the figures the page then shows. */
async function measuresOnPage(page: Page, preset: string, siteId: string): Promise<SummaryFactsResponse> {
  await page.goto('/maintenance/measures');
  await page.getByTestId('measures-period').waitFor();
  if (preset !== '本月') await choose(page, page.getByTestId('measures-period'), preset);
  const answer = apiCall(page, 'GET', '/maintenance/measures', { siteId });
  await page.getByTestId('measures-sites').click();
  await openDropdown(page).locator('.ant-select-item-option').filter({ hasText: SITE.name }).first().click();
  await page.keyboard.press('Escape');
  const res = await answer;
  expect(res.status()).toBe(200);
  const body = (await res.json()) as SummaryFactsResponse;
  const done = body.facts.find((f) => f.key === 'maintenance.done');
  await expect
    .poll(() => page.getByTestId('fact-maintenance.done').locator('.ant-statistic-content').textContent())
    .toBe(`${done?.value ?? '—'} 次`);
  return body;
}

describe('preventive maintenance', () => {
  it('plan through the drawer → calendar → the work order with its checklist on a phone → compliance counts it', async () => {
    const head = await newPage(browser, { label: 'head' });
    await signIn(head, 'head');
    const me = await getJson<{ sites: { id: string; code: string }[] }>(head, '/auth/me');
    const siteId = me.sites.find((s) => s.code === SITE.code)?.id as string;
    expect(siteId, 'demo site').toBeDefined();
    const startDay = siteDay(DAYS_AHEAD);
    const [year, month] = startDay.split('-').map(Number) as [number, number];

    // ── 保养计划: a monthly plan on the chiller, with HVAC-Q, for 张维修 ──────────────────
    await openFromMenu(head, '保养管理', '保养计划');
    await head.waitForURL('**/maintenance/plans');
    // the router keeps the previous page on screen while the new one loads: wait for this one's own search box
    await head.getByPlaceholder('搜索计划名称').waitFor();
    await head.getByTestId('table-create').click();
    const form = head.getByRole('dialog', { name: '新建保养计划' });
    await form.waitFor();
    await choose(head, form.getByTestId('plan-site'), `${SITE.name}（${SITE.code}）`);
    await choose(head, form.getByTestId('plan-system'), '暖通空调');
    await form.getByTestId('plan-name').fill(PLAN);
    await chooseRemote(head, form.getByTestId('plan-asset'), '/assets', '2号冷水机组', ASSET);
    await choose(head, form.getByTestId('plan-checklist'), TEMPLATE);
    await choose(head, form.getByTestId('plan-work-category'), '空调暖通');
    await choose(head, form.getByTestId('plan-team'), '长春店维修班');
    await chooseRemote(head, form.getByTestId('plan-assignee'), '/users', TECH.name, `${TECH.name}（${TECH.login}）`);
    await form.getByTestId('plan-hours').fill('2');
    await form.getByTestId('plan-lead-days').fill(String(LEAD_DAYS));
    await form.getByText('按周期', { exact: true }).click();
    await choose(head, form.getByTestId('recurrence-freq'), '按月');
    await form.getByTestId('recurrence-start').click();
    await openPicker(head).locator(`td[title="${startDay}"]`).click();
    await expect.poll(() => form.getByTestId('recurrence-start').inputValue()).toBe(startDay);
    const sentence = form.getByTestId('recurrence-text').locator('.ant-alert-title');
    await expect.poll(() => sentence.textContent()).toContain('每月');
    const schedule = (await sentence.textContent()) ?? '';

    const created = apiCall(head, 'POST', '/maintenance/plans');
    await form.getByTestId('form-submit').click();
    const createdRes = await created;
    expect(createdRes.status(), await createdRes.text()).toBe(201);
    const plan = (await createdRes.json()) as MaintenancePlanDto;
    expect(plan).toMatchObject({
      name: PLAN,
      siteId,
      system: 'hvac',
      target: 'asset',
      assetName: '2号冷水机组',
      trigger: 'time',
      leadDays: LEAD_DAYS,
      estimatedMinutes: 120,
      workCategory: 'hvac',
      teamName: '长春店维修班',
      assigneeName: TECH.name,
    });
    expect(plan.recurrence).toMatchObject({ freq: 'monthly', interval: 1, startDate: startDay, times: ['09:00'] });
    await head.waitForURL(`**/maintenance/plans/${plan.id}`);

    // the list shows it with its schedule in words
    await openFromMenu(head, '保养管理', '保养计划');
    await head.waitForURL('**/maintenance/plans');
    await head.getByPlaceholder('搜索计划名称').waitFor();
    const searched = apiCall(head, 'GET', '/maintenance/plans', { q: PLAN });
    await head.getByTestId('table-search').fill(PLAN);
    expect((await searched).status()).toBe(200);
    const row = head.locator('.ant-table-row').filter({ hasText: PLAN });
    await row.waitFor();
    expect(await row.textContent()).toContain(schedule);
    expect(await row.textContent()).toContain(`${TECH.name}`);

    // ── 保养日历: every month from the start to December is planned ─────────────────────
    await openFromMenu(head, '保养管理', '保养日历', '年度保养日历');
    await head.waitForURL('**/maintenance/calendar**');
    const calendarSite = head.getByTestId('calendar-site');
    await calendarSite.waitFor();
    const siteShown = await calendarSite.textContent();
    if (!siteShown?.includes(SITE.name)) await choose(head, calendarSite, `${SITE.name}（${SITE.code}）`);
    const shownYear = head.getByTestId('calendar-year');
    for (let y = Number(await shownYear.textContent()); y < year; y++) {
      await head.getByRole('button', { name: '下一年' }).click();
      await expect.poll(() => shownYear.textContent()).toBe(String(y + 1));
    }
    const planRow = head.locator('.ant-table-row').filter({ hasText: PLAN });
    await planRow.waitFor();
    for (let m = 1; m <= 12; m++) {
      const cell = head.getByTestId(`calendar-cell-${plan.id}-${m}`);
      if (m < month) expect(await cell.count(), `month ${m}`).toBe(0);
      else await expect.poll(() => cell.textContent(), { message: `month ${m}` }).toBe('0/1');
    }
    expect((await planRow.locator('td').last().textContent())?.trim()).toBe(`0/${13 - month}`);

    // a month's cell opens that plan's records of the month
    const listed = apiCall(head, 'GET', '/maintenance/occurrences', { planId: plan.id });
    await head.getByTestId(`calendar-cell-${plan.id}-${month}`).click();
    await head.waitForURL('**/maintenance/occurrences?**');
    expect((await listed).status()).toBe(200);
    const url = new URL(head.url());
    expect(url.searchParams.get('planId')).toBe(plan.id);
    expect(url.searchParams.getAll('siteId')).toEqual([siteId]);
    // the month of the site's zone (UTC+8): from its first midnight to the next month's
    const monthStart = (y: number, m: number) =>
      new Date(`${y + Math.floor((m - 1) / 12)}-${String(((m - 1) % 12) + 1).padStart(2, '0')}-01T00:00:00+08:00`).toISOString();
    expect(url.searchParams.get('from')).toBe(monthStart(year, month));
    expect(url.searchParams.get('to')).toBe(monthStart(year, month + 1));
    await expect.poll(() => head.getByTestId('filter-plan').textContent()).toBe(`计划：${PLAN}`);
    const occurrenceRows = head.locator('.ant-table-row');
    await expect.poll(() => occurrenceRows.count()).toBe(1);
    expect(await occurrenceRows.first().textContent()).toContain(`${startDay} 09:00`);

    // ── the figures before: a period holding only the first occurrence's due time ──────
    const [first] = (
      await getJson<{ items: MaintenanceOccurrenceDto[] }>(head, `/maintenance/occurrences?planId=${plan.id}&sort=dueAt&limit=1`)
    ).items;
    expect(first).toBeDefined();
    const occurrence = first as MaintenanceOccurrenceDto;
    expect(occurrence.status).toBe('open');
    const dueMs = Date.parse(occurrence.dueAt);
    const narrow = `from=${encodeURIComponent(new Date(dueMs).toISOString())}&to=${encodeURIComponent(new Date(dueMs + 60_000).toISOString())}&siteId=${siteId}`;
    const before = figuresOf(await getJson<SummaryFactsResponse>(head, `/maintenance/measures?${narrow}`));
    // the page's presets reach no further than this year: across New Year only the API figures are compared
    const preset = presetFor(startDay);
    const pageBefore = preset ? figuresOf(await measuresOnPage(head, preset, siteId)) : null;

    // ── the occurrence job raises its work order, dispatched to 张维修 ──────────────────
    let workOrderId: string | null = null;
    await expect
      .poll(
        async () => {
          const res = await getJson<{ items: MaintenanceOccurrenceDto[] }>(head, `/maintenance/occurrences?planId=${plan.id}&status=open`);
          workOrderId = res.items.find((o) => o.id === occurrence.id)?.workOrderId ?? null;
          return workOrderId;
        },
        { timeout: 30_000, message: 'the occurrence job raised no work order' },
      )
      .not.toBeNull();

    // ── the technician on his phone ─────────────────────────────────────────────────
    const tech = await newPage(browser, { mobile: true, label: 'tech' });
    await signIn(tech, TECH.login);
    await tech.goto(`/work-orders/${workOrderId}`);
    const checklist = tech.getByTestId('wo-checklist');
    await checklist.waitFor();
    // the order says where it came from: the plan's task
    await expect.poll(() => tech.getByTestId('wo-source').textContent()).toBe('保养计划任务');
    for (const step of ['accept', 'arrive', 'start']) {
      await tech.getByTestId(`wo-action-${step}`).click();
      const answer = tech.waitForResponse((r) => r.url().endsWith(`/actions/${step}`) && r.request().method() === 'POST');
      await openModal(tech).getByTestId('action-submit').click();
      expect((await answer).status(), step).toBe(200);
      await expect.poll(() => tech.locator('.ant-modal:visible').count()).toBe(0);
    }

    // 完工 first leads to the checklist instead of the finish dialog…
    await tech.getByTestId('wo-action-finish').click();
    await tech.locator('.ant-message').getByText('请先提交保养检查表，再完工').waitFor();
    await checklist.getByText('请先提交保养检查表，再完工').waitFor();
    expect(await tech.getByTestId('action-result').isVisible()).toBe(false);
    // …and the server refuses it too while the checklist is not submitted
    const refused = await tech.evaluate(async (id) => {
      const session = await (await fetch('/api/v1/auth/me')).json();
      const wo = await (await fetch(`/api/v1/work-orders/${id}`)).json();
      const res = await fetch(`/api/v1/work-orders/${id}/actions/finish`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ version: wo.version, cause: 'other', result: '按计划完成保养' }),
      });
      return { status: res.status, body: await res.json() };
    }, workOrderId);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('VALIDATION');
    expect(refused.body.error.details.fields).toEqual([{ field: 'checklist', message: '检查表未提交' }]);

    // the checklist: readings within their bands, every check passed, signed
    const fill = checklist.getByTestId('checklist-form');
    for (const [key, value] of Object.entries(READINGS)) await fill.getByTestId(`checklist-number-${key}`).fill(value);
    for (const key of ['filters', 'electrical', 'oil', 'leak']) {
      const item = fill.getByTestId(`checklist-item-${key}`);
      await item.getByTestId('answer-pass').click();
      await expect.poll(() => item.getByTestId('answer-pass').getAttribute('aria-checked')).toBe('true');
    }
    await fill.getByTestId('checklist-item-signature').getByRole('button', { name: '填入我的姓名' }).click();
    await expect.poll(() => fill.getByTestId('checklist-progress').textContent()).toBe('已填 10 / 10 项');
    await fill.getByTestId('checklist-submit').click();
    const confirm = openModal(tech).filter({ hasText: '提交检查表？' });
    await confirm.getByText('所有检查项均合格').waitFor();
    const saved = apiCall(tech, 'PUT', `/work-orders/${workOrderId}/checklist`);
    await confirm.getByTestId('checklist-confirm').click();
    const savedRes = await saved;
    expect(savedRes.status(), await savedRes.text()).toBe(200);
    await checklist.getByTestId('checklist-view').getByText('全部检查项合格').waitFor();
    expect(await horizontalOverflow(tech)).toBeLessThanOrEqual(0);

    // now 完工 opens its dialog and finishes the order
    await tech.getByTestId('wo-action-finish').click();
    const finishDialog = openModal(tech).filter({ has: tech.getByTestId('action-result') });
    await finishDialog.getByTestId('action-cause').getByText('其他').click();
    await expect.poll(() => finishDialog.getByRole('radio', { name: '其他' }).isChecked()).toBe(true);
    await finishDialog.getByTestId('action-result').fill('按计划完成季度保养项目，运行参数正常');
    const finished = tech.waitForResponse((r) => r.url().endsWith('/actions/finish') && r.request().method() === 'POST');
    await finishDialog.getByTestId('action-submit').click();
    const finishedRes = await finished;
    expect(finishedRes.status(), await finishedRes.text()).toBe(200);
    expect(await horizontalOverflow(tech)).toBeLessThanOrEqual(0);

    // ── back on the desk: the occurrence is done on time and the figures count it ──────
    const after = figuresOf(await getJson<SummaryFactsResponse>(head, `/maintenance/measures?${narrow}`));
    expect(after.due).toBe((before.due ?? 0) + 1);
    expect(after.done).toBe((before.done ?? 0) + 1);
    expect(after.on_time).toBe((before.on_time ?? 0) + 1);
    expect(before.pm_compliance).toBeNull();
    expect(after.pm_compliance).toBe(100);
    if (preset && pageBefore) {
      const pageAfter = figuresOf(await measuresOnPage(head, preset, siteId));
      expect(pageAfter.done).toBe((pageBefore.done ?? 0) + 1);
      expect(pageAfter.on_time).toBe((pageBefore.on_time ?? 0) + 1);
      // the page's compliance is the on-time share of what was due, with the new one in it
      expect(pageAfter.pm_compliance).toBe(Math.round(((pageAfter.on_time ?? 0) / (pageAfter.due ?? 1)) * 1000) / 10);
    }

    await head.goto(`/maintenance/occurrences?planId=${plan.id}&status=done`);
    const doneRow = head.locator('.ant-table-row').filter({ hasText: `${startDay} 09:00` });
    await doneRow.waitFor();
    await expect.poll(() => doneRow.textContent()).toContain('已完成');
    expect(await doneRow.textContent()).toContain('按时');

    for (const page of [head, tech]) expect(uncaught(page)).toEqual([]);
  });
});
