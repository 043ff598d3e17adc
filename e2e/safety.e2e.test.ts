import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionItemDto } from '../contracts/actions.js';
import type { DrillDto, DrillPlanDto } from '../contracts/drills.js';
import type { IncidentDto } from '../contracts/incidents.js';
import type { MyTrainingDto, QuizAttemptDto, SpotCheckDto } from '../contracts/training.js';
import {
  apiCall,
  choose,
  chooseRemote,
  getJson,
  horizontalOverflow,
  launchBrowser,
  newPage,
  openFromMenu,
  openFromPhoneMenu,
  openModal,
  PNG,
  pdfText,
  pickDate,
  postJson,
  signIn,
  siteClock,
  statusOf,
  uncaught,
} from './harness.js';

/**
 * Issue 8's browser test. 陈保安 writes an incident report (意外事件处理报告单) and submits
 * it; 王后勤 adds a corrective action for 张维修 and approves the report; 张维修 on his
 * phone finds the action under 我的, submits what was done with a photo and cannot verify
 * it himself; 刘物业 verifies it, on time, and the printed report lists it. 王后勤 plans
 * 消防疏散 drills every Tuesday and Friday through the plan drawer; the occurrence engine
 * raises the next two, one is recorded with its participants and its 演练报告, and the
 * printed record carries both. 张维修 takes the demo's open spot check on his phone, one
 * question per screen, and his score is the server's. A 沈阳店 technician finds none of
 * these records.
 *
 * Logins are rate-limited (20 a minute per address): each person signs in once per test.
 */

const ZONE = 'Asia/Shanghai';
const SITE = { code: 'CC', name: '长春店' };
const SECURITY = { login: 'security', name: '陈保安' };
const HEAD = { login: 'head', name: '王后勤' };
const TECH = { login: 'tech', name: '张维修' };
const VERIFIER = { login: 'property', name: '刘物业' };
const INCIDENT = {
  title: '二层卫生间进水软管爆裂跑水',
  place: '二层女卫生间',
  summary: '二层女卫生间洗手台下进水软管爆裂，地面积水约 20 平方米',
  course: '14:05 保洁员发现积水报告监控室，陈保安到场关闭进水阀门，保洁组清理积水。',
  cause: '进水软管老化开裂，未列入定期更换。',
  handling: '关闭阀门、清理积水、设置警示牌，维修班更换软管后恢复供水。',
};
const ACTION = { title: '更换全部卫生间进水软管', description: '一、二层卫生间洗手台下进水软管全部更换为不锈钢编织管' };
const EVIDENCE_NOTE = '已更换一、二层卫生间进水软管共 12 根，试水无渗漏';
const PLAN = { name: '消防疏散演练（浏览器测试）', scenario: '三层餐饮区厨房油锅起火，烟雾蔓延至中庭' };
const REPORT = {
  purpose: '检验员工火灾报警、初期扑救和疏散引导能力',
  course: '10:00 监控室接报，10:02 启动疏散广播，10:09 顾客全部疏散至东门广场。',
  problems: '三层东侧疏散指示灯一处不亮',
  improvements: '更换三层东侧疏散指示灯，每月检查一次',
};
/** 周二 and 周五 in a Recurrence's weekdays (1 = Monday) */
const TUESDAY = 2;
const FRIDAY = 5;

let browser: Browser;
/** ids the cross-site test looks for, written by the tests before it */
const made: { incidentId?: string; actionId?: string; drillId?: string } = {};

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** The weekday (1 = Monday … 7 = Sunday) and HH:mm of an instant on the site's clock. */
function siteWeekdayAndTime(iso: string): { weekday: number; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(part('weekday')) + 1;
  return { weekday, time: `${part('hour')}:${part('minute')}` };
}

/** An instant as the pages show it: YYYY-MM-DD HH:mm on the site's clock. */
function shownAt(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** The PDF behind a page's print button, as text. */
async function printed(page: Page, testId: string, expectedPath: string): Promise<string> {
  const href = (await page.locator('main').getByTestId(testId).getAttribute('href')) as string;
  expect(new URL(href, 'http://x').pathname).toBe(expectedPath);
  const pdf = await page.request.get(href);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  return pdfText(await pdf.body());
}

describe('safety and emergency management', () => {
  it('an incident report → a corrective action submitted with a photo on a phone → verified by another person → the printed report', async () => {
    // the report happened an hour ago and its action is due in three days, on the site's clock
    const occurred = siteClock(-60);
    const dueDay = siteClock(3 * 24 * 60).day;

    // ── 陈保安 writes the report as a draft, then submits it from its page ───────────
    const guard = await newPage(browser, { label: 'security' });
    await signIn(guard, SECURITY.login);
    await openFromMenu(guard, '安全管理', '意外事件');
    await guard.getByTestId('table-create').click();
    const form = guard.getByRole('dialog', { name: '填报事件' });
    await form.waitFor();
    await choose(guard, form.getByTestId('incident-site'), `${SITE.name}（${SITE.code}）`);
    await choose(guard, form.getByTestId('incident-type'), '跑水');
    await pickDate(guard, form.getByTestId('incident-occurred'), occurred.day, occurred.time);
    await form.getByTestId('incident-title').fill(INCIDENT.title);
    await form.getByTestId('incident-place').fill(INCIDENT.place);
    await form.getByTestId('incident-summary').fill(INCIDENT.summary);
    await form.getByTestId('incident-course').fill(INCIDENT.course);
    await form.getByTestId('incident-cause').fill(INCIDENT.cause);
    await form.getByTestId('incident-handling').fill(INCIDENT.handling);
    const created = apiCall(guard, 'POST', '/incidents');
    await form.getByTestId('form-submit').click();
    const createdRes = await created;
    expect(createdRes.status(), await createdRes.text()).toBe(201);
    const draft = (await createdRes.json()) as IncidentDto;
    expect(draft).toMatchObject({
      status: 'draft',
      type: 'water_leak',
      title: INCIDENT.title,
      place: INCIDENT.place,
      authorName: SECURITY.name,
    });
    expect(shownAt(draft.occurredAt)).toBe(`${occurred.day} ${occurred.time}`);
    const incidentId = draft.id;
    made.incidentId = incidentId;
    await guard.waitForURL(`**/incidents/${incidentId}`);

    await guard.locator('main').getByTestId('incident-submit').click();
    const confirmSubmit = openModal(guard).filter({ hasText: `提交审核：${draft.number}` });
    const submitted = apiCall(guard, 'POST', `/incidents/${incidentId}/submit`);
    await confirmSubmit.getByRole('button', { name: '提交审核' }).click();
    const submittedRes = await submitted;
    expect(submittedRes.status(), await submittedRes.text()).toBe(200);
    await expect.poll(() => guard.locator('main').getByText('待审核', { exact: true }).count()).toBeGreaterThan(0);

    // ── 王后勤: the report awaits his review; he adds the corrective action, then approves ──
    const head = await newPage(browser, { label: 'head' });
    await signIn(head, HEAD.login);
    await openFromMenu(head, '安全管理', '意外事件');
    const searched = apiCall(head, 'GET', '/incidents', { q: draft.number });
    await head.getByTestId('table-search').fill(draft.number);
    expect((await searched).status()).toBe(200);
    // by id: SJ numbers are per site, so another store's demo incident may carry the same number
    const reviewRow = head.locator(`.ant-table-row[data-row-key="${incidentId}"]`);
    await expect.poll(() => reviewRow.textContent()).toContain('待审核');
    await reviewRow.getByRole('link', { name: draft.number }).click();
    await head.waitForURL(`**/incidents/${incidentId}`);
    const panel = head.getByTestId('action-items-panel');
    await panel.getByTestId('action-add').click();
    const actionForm = head.getByRole('dialog', { name: '新增整改措施' });
    await actionForm.waitFor();
    await expect.poll(() => actionForm.getByTestId('action-kind').getByRole('radio', { name: '纠正措施' }).isChecked()).toBe(true);
    await actionForm.getByTestId('action-title').fill(ACTION.title);
    await actionForm.getByTestId('action-description').fill(ACTION.description);
    await chooseRemote(head, actionForm.getByTestId('action-assignee'), '/users', TECH.name, `${TECH.name}（${TECH.login}）`);
    await pickDate(head, actionForm.getByTestId('action-due'), dueDay);
    await chooseRemote(head, actionForm.getByTestId('action-verifier'), '/users', VERIFIER.name, `${VERIFIER.name}（${VERIFIER.login}）`);
    const added = apiCall(head, 'POST', '/actions');
    await actionForm.getByTestId('form-submit').click();
    const addedRes = await added;
    expect(addedRes.status(), await addedRes.text()).toBe(201);
    const action = (await addedRes.json()) as ActionItemDto;
    expect(action).toMatchObject({
      ownerType: 'incident',
      ownerId: incidentId,
      ownerNumber: draft.number,
      kind: 'corrective',
      title: ACTION.title,
      assigneeName: TECH.name,
      verifierName: VERIFIER.name,
      dueDate: dueDay,
      status: 'open',
    });
    made.actionId = action.id;
    const itemRow = panel.locator('.ant-table-row').filter({ hasText: action.number });
    await expect.poll(() => itemRow.textContent()).toContain('待落实');

    await head.locator('main').getByTestId('incident-approve').click();
    const approve = openModal(head).filter({ has: head.getByTestId('incident-review-note') });
    await approve.getByTestId('incident-review-note').fill('处理及时，原因分析到位');
    const reviewed = apiCall(head, 'POST', `/incidents/${incidentId}/review`);
    await approve.getByTestId('incident-review-submit').click();
    const reviewedRes = await reviewed;
    expect(reviewedRes.status(), await reviewedRes.text()).toBe(200);
    await expect.poll(() => head.locator('main').getByText('已审核', { exact: true }).count()).toBeGreaterThan(0);
    expect(await getJson<IncidentDto>(head, `/incidents/${incidentId}`)).toMatchObject({
      status: 'reviewed',
      reviewerName: HEAD.name,
      actionsTotal: 1,
      actionsOpen: 1,
    });

    // ── 张维修 on his phone: 整改措施 → 我的 → the item → 提交落实情况 with a photo ──────
    const tech = await newPage(browser, { mobile: true, label: 'tech' });
    await signIn(tech, TECH.login);
    await openFromPhoneMenu(tech, '安全管理', '整改措施');
    const mine = apiCall(tech, 'GET', '/actions', { assignee: 'me' });
    await tech.getByTestId('filter-assignee').click();
    expect((await mine).status()).toBe(200);
    const myRow = tech.getByTestId('action-row').filter({ hasText: ACTION.title });
    await expect.poll(() => myRow.textContent()).toContain('待落实');
    expect(await myRow.textContent()).toContain(draft.number);
    await myRow.getByText(ACTION.title).click();
    await tech.waitForURL(`**/safety/actions/${action.id}`);
    await tech.locator('main').getByTestId('action-submit').click();
    const submitDialog = openModal(tech).filter({ has: tech.getByTestId('action-step-note') });
    await submitDialog.waitFor();
    const photo = apiCall(tech, 'POST', '/attachments');
    await submitDialog.locator('input[type="file"]').setInputFiles({ name: 'hoses.png', mimeType: 'image/png', buffer: PNG });
    const photoRes = await photo;
    expect(photoRes.status(), await photoRes.text()).toBe(201);
    await expect.poll(() => submitDialog.getByTestId('attachment-row').count()).toBe(1);
    await submitDialog.getByTestId('action-step-note').fill(EVIDENCE_NOTE);
    expect(await horizontalOverflow(tech)).toBeLessThanOrEqual(0);
    const done = apiCall(tech, 'POST', `/actions/${action.id}/submit`);
    await submitDialog.getByTestId('action-step-submit').click();
    const doneRes = await done;
    expect(doneRes.status(), await doneRes.text()).toBe(200);
    const afterSubmit = (await doneRes.json()) as ActionItemDto;
    expect(afterSubmit).toMatchObject({ status: 'submitted', submittedByName: TECH.name, evidenceNote: EVIDENCE_NOTE, canVerify: false });
    expect(afterSubmit.evidenceIds).toHaveLength(1);
    await expect.poll(() => tech.locator('main').getByText('待验证', { exact: true }).count()).toBeGreaterThan(0);
    expect(await horizontalOverflow(tech)).toBeLessThanOrEqual(0);
    // the one who submitted cannot verify: no button, and the server refuses
    expect(await tech.locator('main').getByTestId('action-verify').count()).toBe(0);
    const selfVerify = await postJson<{ error: { code: string } }>(tech, `/actions/${action.id}/verify`, {
      note: '自己验证',
      version: afterSubmit.version,
    });
    expect(selfVerify.status).toBe(403);
    expect((await getJson<ActionItemDto>(tech, `/actions/${action.id}`)).status).toBe('submitted');

    // ── 刘物业 verifies it from the report's page ───────────────────────────────────
    const verifier = await newPage(browser, { label: 'verifier' });
    await signIn(verifier, VERIFIER.login);
    await verifier.goto(`/incidents/${incidentId}`);
    const verifierPanel = verifier.getByTestId('action-items-panel');
    const verifierRow = verifierPanel.locator('.ant-table-row').filter({ hasText: action.number });
    await expect.poll(() => verifierRow.textContent()).toContain('待验证');
    await verifierRow.getByTestId('action-verify').click();
    const verifyDialog = openModal(verifier).filter({ has: verifier.getByTestId('action-step-note') });
    await verifyDialog.getByTestId('action-step-note').fill('现场查看，软管已全部更换，无渗漏');
    const verified = apiCall(verifier, 'POST', `/actions/${action.id}/verify`);
    await verifyDialog.getByTestId('action-step-submit').click();
    const verifiedRes = await verified;
    expect(verifiedRes.status(), await verifiedRes.text()).toBe(200);
    await expect.poll(() => verifierRow.textContent()).toContain('已验证');
    expect(await verifierRow.textContent()).toContain('按期完成');
    const closed = await getJson<ActionItemDto>(verifier, `/actions/${action.id}`);
    expect(closed).toMatchObject({ status: 'verified', onTime: true, submittedByName: TECH.name, verifiedByName: VERIFIER.name });
    expect(closed.verifiedBy).not.toBe(closed.submittedBy);
    expect((await getJson<IncidentDto>(verifier, `/incidents/${incidentId}`)).actionsOpen).toBe(0);

    // the 意外事件处理报告单 lists the report and its measure
    const text = await printed(verifier, 'incident-report', `/api/v1/incidents/${incidentId}/report.pdf`);
    expect(text).toContain('意外事件处理报告单');
    expect(text).toContain(draft.number);
    expect(text).toContain(INCIDENT.title);
    expect(text).toContain(ACTION.title);

    for (const page of [guard, head, tech, verifier]) expect(uncaught(page)).toEqual([]);
  }, 600_000);

  it('a drill plan every Tuesday and Friday → the planned drills → one recorded with its report → the printed record', async () => {
    const head = await newPage(browser, { label: 'head' });
    await signIn(head, HEAD.login);

    // ── 演练计划 → 新建: 消防疏散, the editor's Tuesday-and-Friday rule ─────────────────
    await openFromMenu(head, '安全管理', '演练计划');
    await head.getByTestId('table-create').click();
    const form = head.getByRole('dialog', { name: '新建演练计划' });
    await form.waitFor();
    await choose(head, form.getByTestId('plan-site'), `${SITE.name}（${SITE.code}）`);
    await expect.poll(() => form.getByTestId('plan-type').textContent()).toContain('消防疏散');
    await form.getByTestId('plan-name').fill(PLAN.name);
    await form.getByTestId('plan-scenario').fill(PLAN.scenario);
    await expect.poll(() => form.getByTestId('recurrence-freq').textContent()).toContain('按周');
    const weekdays = form.getByTestId('recurrence-weekdays');
    await expect
      .poll(async () => (await weekdays.locator('.ant-checkbox-wrapper-checked').allTextContents()).map((s) => s.trim()))
      .toEqual(['周二', '周五']);
    const sentence = form.getByTestId('recurrence-text').locator('.ant-alert-title');
    await expect.poll(() => sentence.textContent()).toContain('每周');
    const created = apiCall(head, 'POST', '/drill-plans');
    await form.getByTestId('form-submit').click();
    const createdRes = await created;
    expect(createdRes.status(), await createdRes.text()).toBe(201);
    const plan = (await createdRes.json()) as DrillPlanDto;
    expect(plan).toMatchObject({ name: PLAN.name, type: 'fire_evacuation', scenario: PLAN.scenario, siteName: SITE.name, active: true });
    expect(plan.recurrence).toMatchObject({ freq: 'weekly', interval: 1, weekdays: [TUESDAY, FRIDAY] });
    await head.waitForURL(`**/drills/plans/${plan.id}`);

    // ── the occurrence engine raises the coming drills: the next Tuesday and Friday ──────
    let planned: DrillDto[] = [];
    await expect
      .poll(
        async () => {
          planned = (await getJson<{ items: DrillDto[] }>(head, `/drills?planId=${plan.id}&sort=plannedAt`)).items;
          return planned.length;
        },
        { timeout: 30_000, message: 'the occurrence engine raised no planned drills' },
      )
      .toBeGreaterThanOrEqual(2);
    const [first, second] = planned as [DrillDto, DrillDto];
    const time = plan.recurrence.times[0];
    for (const d of [first, second]) {
      expect(d).toMatchObject({ status: 'planned', planId: plan.id, scenario: PLAN.scenario, type: 'fire_evacuation' });
      expect(Date.parse(d.plannedAt)).toBeGreaterThan(Date.now() - 24 * 3_600_000);
      expect(siteWeekdayAndTime(d.plannedAt).time).toBe(time);
    }
    expect([siteWeekdayAndTime(first.plannedAt).weekday, siteWeekdayAndTime(second.plannedAt).weekday].sort()).toEqual([TUESDAY, FRIDAY]);

    // 演练记录, filtered to the plan, lists them as planned
    const listed = apiCall(head, 'GET', '/drills', { planId: plan.id });
    await head.goto(`/drills?planId=${plan.id}`);
    expect((await listed).status()).toBe(200);
    for (const d of [first, second]) {
      const row = head.locator('.ant-table-row').filter({ hasText: d.number });
      await expect.poll(() => row.textContent()).toContain(shownAt(d.plannedAt));
      expect(await row.textContent()).toContain('计划中');
    }

    // ── the first one: 登记演练 ─────────────────────────────────────────────────────
    await head.locator('.ant-table-row').filter({ hasText: first.number }).getByRole('link', { name: first.number }).click();
    await head.waitForURL(`**/drills/${first.id}`);
    await head.locator('main').getByTestId('drill-record').click();
    const record = head.getByRole('dialog', { name: `登记演练：${first.number}` });
    await record.waitFor();
    const started = siteClock(-60);
    const ended = siteClock(-15);
    await chooseRemote(head, record.getByTestId('drill-commander'), '/users', HEAD.name, `${HEAD.name}（${HEAD.login}）`);
    await pickDate(head, record.getByTestId('drill-started'), started.day, started.time);
    await pickDate(head, record.getByTestId('drill-ended'), ended.day, ended.time);
    const group = record.getByTestId('participants-row-0');
    // the testids sit on the AutoComplete's and the InputNumber's wrappers or inputs: fill the input either way
    const input = (testId: string) => group.locator(`[data-testid="${testId}"] input, input[data-testid="${testId}"]`);
    await input('participants-group').fill('保安部');
    await input('participants-count').fill('12');
    await expect.poll(() => record.getByTestId('participants-total').textContent()).toContain('12');
    const recorded = apiCall(head, 'POST', `/drills/${first.id}/record`);
    await record.getByTestId('form-submit').click();
    const recordedRes = await recorded;
    expect(recordedRes.status(), await recordedRes.text()).toBe(200);
    const done = (await recordedRes.json()) as DrillDto;
    expect(done).toMatchObject({ status: 'done', commanderName: HEAD.name, participantCount: 12, recordedByName: HEAD.name, report: null });
    expect(done.participants).toEqual([{ group: '保安部', count: 12, names: null }]);
    expect(shownAt(done.startedAt as string)).toBe(`${started.day} ${started.time}`);
    expect(shownAt(done.endedAt as string)).toBe(`${ended.day} ${ended.time}`);

    // ── 演练报告 ────────────────────────────────────────────────────────────────────
    // the report card's own button (the page's header offers the same step)
    await head.locator('main').getByTestId('drill-report-write').click();
    const reportForm = head.getByRole('dialog', { name: `填写演练报告：${first.number}` });
    await reportForm.waitFor();
    await reportForm.getByTestId('report-purpose').fill(REPORT.purpose);
    await reportForm.getByTestId('report-course').fill(REPORT.course);
    await reportForm.getByTestId('report-problems').fill(REPORT.problems);
    await reportForm.getByTestId('report-improvements').fill(REPORT.improvements);
    const filed = apiCall(head, 'PUT', `/drills/${first.id}/report`);
    await reportForm.getByTestId('form-submit').click();
    const filedRes = await filed;
    expect(filedRes.status(), await filedRes.text()).toBe(200);
    const withReport = (await filedRes.json()) as DrillDto;
    expect(withReport.report).toMatchObject({ ...REPORT, causes: null, lessons: null, evaluation: null });
    expect(withReport.reportFiledByName).toBe(HEAD.name);

    // the drill reads as done with its report, participants and times
    const main = head.locator('main');
    const reportCard = main.getByTestId('drill-report-card');
    await expect.poll(() => reportCard.textContent()).toContain(REPORT.purpose);
    expect(await reportCard.textContent()).toContain(REPORT.improvements);
    expect(await main.getByText('已演练', { exact: true }).count()).toBeGreaterThan(0);
    expect(await main.getByText('已提交报告', { exact: true }).count()).toBeGreaterThan(0);
    expect(await main.getByTestId('drill-participants').textContent()).toContain('保安部');
    // 2026-03-10 09:00–09:45 within one day
    const carriedOut = started.day === ended.day ? `${started.day} ${started.time}–${ended.time}` : `${started.day} ${started.time}`;
    expect(await main.textContent()).toContain(carriedOut);
    expect(await getJson<DrillDto>(head, `/drills/${first.id}`)).toMatchObject({ status: 'done', participantCount: 12 });
    made.drillId = first.id;

    // the 演练记录 PDF holds the scenario and the report
    const text = await printed(head, 'drill-print', `/api/v1/drills/${first.id}/record.pdf`);
    expect(text).toContain(first.number);
    expect(text).toContain(PLAN.scenario);
    expect(text).toContain(REPORT.purpose);

    // the second drill is still planned
    expect((await getJson<DrillDto>(head, `/drills/${second.id}`)).status).toBe('planned');
    expect(uncaught(head)).toEqual([]);
  }, 600_000);

  it('a spot check taken on a phone, one question per screen: the score shown is the server’s', async () => {
    const tech = await newPage(browser, { mobile: true, label: 'tech' });
    await signIn(tech, TECH.login);
    await openFromPhoneMenu(tech, '安全管理', '我的培训与抽查');
    // the demo's open spot check for 张维修, not yet taken
    const my = await getJson<MyTrainingDto>(tech, '/training/my');
    const open = my.spotChecks.find(
      (c) => c.spotCheck.status === 'open' && c.submittedAt === null && Date.parse(c.spotCheck.dueAt) > Date.now(),
    );
    expect(open, 'the training demo seeds an open spot check for tech').toBeDefined();
    const check = (open as MyTrainingDto['spotChecks'][number]).spotCheck;
    const card = tech.getByTestId(`my-spot-check-${check.id}`);
    await expect.poll(() => card.textContent()).toContain(check.title);
    expect(await horizontalOverflow(tech)).toBeLessThanOrEqual(0);

    const started = apiCall(tech, 'POST', `/training/spot-checks/${check.id}/attempt`);
    await card.getByTestId(`my-spot-check-start-${check.id}`).click();
    const startedRes = await started;
    expect(startedRes.status(), await startedRes.text()).toBeLessThan(300);
    const attempt = (await startedRes.json()) as QuizAttemptDto;
    await tech.waitForURL(`**/training/quiz/${attempt.id}`);
    const total = attempt.questions.length;
    expect(total).toBe(check.questionCount);

    // one question per screen: choose, 下一题; the last one is left open at first
    const progress = tech.getByTestId('quiz-progress');
    for (const [i, q] of attempt.questions.entries()) {
      const n = i + 1;
      await expect.poll(() => progress.textContent()).toBe(`${n}/${total}`);
      const shown = tech.getByTestId(`quiz-question-${n}`);
      await expect.poll(() => shown.textContent()).toContain(q.text);
      expect(await tech.locator('[data-testid^="quiz-question-"]').count()).toBe(1);
      expect(await horizontalOverflow(tech)).toBeLessThanOrEqual(0);
      if (n === total) break;
      const picks = q.kind === 'multiple' ? [0, 1] : [0];
      for (const o of picks) await shown.getByTestId(`quiz-option-${o}`).click();
      for (const o of picks) await expect.poll(() => shown.getByTestId(`quiz-option-${o}`).getAttribute('aria-pressed')).toBe('true');
      await tech.getByTestId('quiz-next').click();
    }

    // 交卷 with a question unanswered: the confirm names it and leads back to it
    await tech.getByTestId('quiz-submit').click();
    const missing = openModal(tech).filter({ hasText: '还有 1 道题未作答' });
    await missing.waitFor();
    await missing.getByTestId('quiz-goto-missing').click();
    await expect.poll(() => progress.textContent()).toBe(`${total}/${total}`);
    const last = tech.getByTestId(`quiz-question-${total}`);
    await last.getByTestId('quiz-option-0').click();
    await expect.poll(() => last.getByTestId('quiz-option-0').getAttribute('aria-pressed')).toBe('true');
    await tech.getByTestId('quiz-submit').click();
    const confirm = openModal(tech).filter({ hasText: '确认交卷？' });
    const submitted = apiCall(tech, 'POST', `/training/attempts/${attempt.id}/submit`);
    await confirm.getByTestId('quiz-confirm-submit').click();
    const submittedRes = await submitted;
    expect(submittedRes.status(), await submittedRes.text()).toBe(200);

    // the result on the phone is the server's attempt
    const result = await getJson<QuizAttemptDto>(tech, `/training/attempts/${attempt.id}`);
    expect(result.submittedAt).not.toBeNull();
    expect(result.score).not.toBeNull();
    expect(result.passed).toBe((result.score as number) >= result.passMark);
    const scoreShown = (Math.round((result.score as number) * 10) / 10).toLocaleString('zh-CN', { maximumFractionDigits: 1 });
    await expect.poll(() => tech.getByTestId('quiz-score').textContent()).toBe(`${scoreShown}分`);
    expect(await tech.getByTestId('quiz-passed').textContent()).toBe(result.passed ? '通过' : '未通过');
    expect(await tech.locator('[data-testid^="result-question-"]').count()).toBe(total);
    expect(await horizontalOverflow(tech)).toBeLessThanOrEqual(0);

    // the spot check's participants carry it
    const after = await getJson<SpotCheckDto>(tech, `/training/spot-checks/${check.id}`);
    expect(after.participants.find((p) => p.name === TECH.name)).toMatchObject({
      attemptId: attempt.id,
      score: result.score,
      passed: result.passed,
    });
    await tech.goto(`/training/spot-checks/${check.id}`);
    const participant = tech.getByTestId('spot-check-participants').locator('.ant-table-row').filter({ hasText: TECH.name });
    await expect.poll(() => participant.textContent()).toContain(scoreShown);
    if (result.passed) {
      expect(await participant.textContent()).toContain('通过');
      expect(await participant.textContent()).not.toContain('未通过');
    } else expect(await participant.textContent()).toContain('未通过');

    expect(uncaught(tech)).toEqual([]);
  }, 600_000);

  it('a 沈阳店 technician finds neither the incident, its action nor the drill', async () => {
    const { incidentId, actionId, drillId } = made;
    expect(incidentId && actionId && drillId, 'the incident and drill tests ran first').toBeTruthy();
    const other = await newPage(browser, { label: 'tech_sy' });
    await signIn(other, 'tech_sy');
    for (const url of [`/incidents/${incidentId}`, `/drills/${drillId}`, `/safety/actions/${actionId}`]) {
      await other.goto(url);
      await other.locator('.ant-result-404').getByText('页面不存在，或记录不存在、不在您可访问的场所内。').waitFor();
    }
    expect(await statusOf(other, `/incidents/${incidentId}`)).toBe(404);
    expect(await statusOf(other, `/incidents/${incidentId}/report.pdf`)).toBe(404);
    expect(await statusOf(other, `/drills/${drillId}`)).toBe(404);
    expect(await statusOf(other, `/drills/${drillId}/record.pdf`)).toBe(404);
    expect(await statusOf(other, `/actions/${actionId}`)).toBe(404);
    expect(uncaught(other)).toEqual([]);
  });
});
