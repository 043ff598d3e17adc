import fs from 'node:fs';
import JSZip from 'jszip';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFigure, renderFigureText } from '../contracts/figures.js';
import type { ReportFactsDto, SummaryBody, WorkSummaryDetailDto, WorkSummaryDto } from '../contracts/reports.js';
import {
  apiCall,
  choose,
  closedDropdowns,
  getJson,
  horizontalOverflow,
  launchBrowser,
  newPage,
  openDropdown,
  openFromMenu,
  openFromPhoneMenu,
  openModal,
  pdfText,
  postJson,
  signIn,
  siteClock,
  statusOf,
  uncaught,
} from './harness.js';

/**
 * Issue 9's browser test: the work summary (工作总结). 刘物业 has Houqin write the summary
 * of last month for 长春店 (the only site he reads), follows a figure of its text to the
 * records behind it and counts them, edits a paragraph — a typed unknown figure is
 * refused, a figure inserted through 插入数据 is saved as version 2 — and exports it as
 * Word, PDF (Chinese and English) and Excel. He submits it; 王后勤 approves it on his
 * phone, and cannot approve a summary he wrote himself. A reader of 沈阳店 only gets the
 * not-found page for it. The head's 数据看板 of last month shows each area's figures, and
 * a number opens the records behind it.
 *
 * The demo seeds records for the months before now, so the previous whole month has
 * figures. Logins are rate-limited (20 a minute per address): each person signs in once
 * per test.
 */

const SITE = { code: 'CC', name: '长春店' };
const AUTHOR = { login: 'property', name: '刘物业' };
const HEAD = { login: 'head', name: '王后勤' };
/** a reader created for this test: reports:read (客服调度) on 沈阳店 only */
const SY_READER = { username: 'report_sy', name: '沈阳店统计员', initial: 'Chushi2025', final: 'Shenyang2025x' };
/** the figure followed to its records: a count, so the list behind it has as many rows */
const COUNTED = 'workorders.received';
/** the figure inserted through 插入数据 */
const INSERTED = 'workorders.completed';
const ADDED_TEXT = '其中已完工';
const VERSION_NOTE = '概述补充完工数';
const APPROVAL_NOTE = '数据核对无误，同意';
const LONG = 120_000;

let browser: Browser;
/** written by the first test, read by the later ones */
const made: { summaryId?: string; number?: string; siteId?: string; year?: number; month?: number } = {};

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** The previous whole month on the site's clock: the demo has records in it. */
function previousMonth(): { year: number; month: number; start: string; end: string } {
  const [y, m] = siteClock().day.split('-').map(Number) as [number, number];
  const year = m === 1 ? y - 1 : y;
  const month = m === 1 ? 12 : m - 1;
  const mm = String(month).padStart(2, '0');
  // day 0 of the next month is the month's last day
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { year, month, start: `${year}-${mm}-01`, end: `${year}-${mm}-${last}` };
}

/** Text as pdftotext gives it back (pdfText): every kind of whitespace removed, since lines wrap anywhere. */
const squeezed = (s: string) => s.replace(/\s+/g, '');

/** The paragraph texts of a chapter of a body. */
function paragraphs(body: SummaryBody, section: string): string[] {
  const found = body.sections.find((s) => s.key === section);
  return (found?.blocks ?? []).flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));
}

/** The visible text of a WordprocessingML part: the runs' text, a paragraph per line. */
function wordText(xml: string): string {
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<[^>]+>/g, (_m, text: string | undefined) => text ?? '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** PUT through the page's own session, with its CSRF token. */
function putJson<T>(page: Page, p: string, body: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ p, body }) => {
      const session = await (await fetch('/api/v1/auth/me')).json();
      const res = await fetch(`/api/v1${p}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    },
    { p, body },
  ) as Promise<{ status: number; body: T }>;
}

/** The answer of the next `method` /api/v1`path` request whose query holds `query` — a slow one (generation, exports). */
function slowApiCall(page: Page, method: string, path: string, query: Record<string, string> = {}): Promise<Response> {
  return page.waitForResponse(
    (res) => {
      if (res.request().method() !== method) return false;
      const url = new URL(res.url());
      if (url.pathname !== `/api/v1${path}`) return false;
      return Object.entries(query).every(([k, v]) => url.searchParams.get(k) === v);
    },
    { timeout: LONG },
  );
}

/** The answer of a list page's request for `resource` with the filters of a figure's link, at a cursor (null: the first page). */
function listAnswer(page: Page, resource: string, filters: Record<string, string>, cursor: string | null): Promise<Response> {
  return page.waitForResponse((res) => {
    if (res.request().method() !== 'GET') return false;
    const url = new URL(res.url());
    if (url.pathname !== `/api/v1${resource}`) return false;
    if (url.searchParams.get('cursor') !== cursor) return false;
    return Object.entries(filters).every(([k, v]) => url.searchParams.get(k) === v);
  });
}

/**
 * Follows a figure's link to the 维修工单 list (`open` clicks whatever leads there) and
 * counts the records listed, page by page through 下一页: each page's line
 * "第 n 页，本页 m 条" and rows are the server's answer to the link's filters.
 */
async function followedToWorkOrders(page: Page, figureLink: string, open: () => Promise<void>): Promise<number> {
  const link = new URL(figureLink, 'http://x');
  expect(link.pathname).toBe('/work-orders');
  const filters = Object.fromEntries(link.searchParams);
  const firstPage = listAnswer(page, '/work-orders', filters, null);
  await open();
  await page.waitForURL((url) => url.pathname === link.pathname);
  await expect.poll(() => page.getByTestId('linked-filters').count()).toBe(1);
  let listed = 0;
  let answer = await firstPage;
  for (let n = 1; ; n++) {
    expect(answer.status()).toBe(200);
    const body = (await answer.json()) as { items: { id: string }[]; nextCursor: string | null };
    await expect
      .poll(() =>
        page
          .locator('main')
          .getByText(/^第 \d+ 页，本页 \d+ 条$/)
          .textContent(),
      )
      .toBe(`第 ${n} 页，本页 ${body.items.length} 条`);
    expect(await page.locator('main .ant-table-row').count()).toBe(body.items.length);
    listed += body.items.length;
    if (!body.nextCursor) return listed;
    const next = listAnswer(page, '/work-orders', filters, body.nextCursor);
    await page.getByTestId('table-next').click();
    answer = await next;
  }
}

/** Clicks an export button of the summary page and returns the file the browser saved. */
async function exported(
  page: Page,
  id: string,
  format: 'docx' | 'pdf' | 'xlsx',
  query: Record<string, string>,
): Promise<{ name: string; body: Buffer }> {
  const answer = slowApiCall(page, 'GET', `/summaries/${id}/export.${format}`, query);
  const saved = page.waitForEvent('download', { timeout: LONG });
  await page.locator('main').getByTestId(`summary-export-${format}`).click();
  const res = await answer;
  expect(res.status(), `export.${format}`).toBe(200);
  const download = await saved;
  expect(await download.failure()).toBeNull();
  return { name: download.suggestedFilename(), body: await fs.promises.readFile(await download.path()) };
}

describe('work summary (工作总结)', () => {
  it('generated from last month’s records → a figure followed to its records → edited into version 2 → Word, PDF and Excel', async () => {
    const period = previousMonth();
    const page = await newPage(browser, { label: 'author' });
    await signIn(page, AUTHOR.login);

    // ── 报表与总结 → 工作总结 → 新建总结: last month, 长春店 ─────────────────────────
    await openFromMenu(page, '报表与总结', '工作总结');
    await page.getByTestId('table-create').click();
    await page.waitForURL('**/summaries/new');
    await page.locator('main h4').getByText('新建工作总结', { exact: true }).waitFor();
    await choose(page, page.getByTestId('summary-year'), `${period.year}年`);
    await choose(page, page.getByTestId('summary-index'), new RegExp(`^${period.month}月$`));
    await expect
      .poll(() => page.getByTestId('summary-days').textContent())
      .toBe(`统计期间：${period.start} 至 ${period.end}（按组织时区计算）`);
    // 刘物业 reads 长春店 only: the one site offered
    await page.getByTestId('summary-sites').click();
    const siteOptions = openDropdown(page).locator('.ant-select-item-option');
    await expect.poll(() => siteOptions.allTextContents()).toEqual([SITE.name]);
    const cc = siteOptions.filter({ hasText: SITE.name });
    if (!((await cc.getAttribute('class')) ?? '').includes('ant-select-item-option-selected')) await cc.click();
    await expect.poll(() => cc.getAttribute('class')).toContain('ant-select-item-option-selected');
    await page.keyboard.press('Escape');
    await closedDropdowns(page);

    const created = slowApiCall(page, 'POST', '/summaries');
    await page.getByTestId('summary-generate').click();
    const createdRes = await created;
    expect(createdRes.status(), await createdRes.text()).toBe(201);
    const draft = (await createdRes.json()) as WorkSummaryDetailDto;
    expect(draft).toMatchObject({
      status: 'draft',
      versionNo: 1,
      currentVersionNo: 1,
      authorName: AUTHOR.name,
      siteNames: [SITE.name],
      period: { kind: 'month', startDate: period.start, endDate: period.end },
    });
    expect(draft.versions).toMatchObject([{ no: 1, kind: 'generated' }]);
    const id = draft.id;
    Object.assign(made, { summaryId: id, number: draft.number, siteId: draft.siteIds[0], year: period.year, month: period.month });
    await page.waitForURL(`**/summaries/${id}`);

    // the document with its chapters, 一、概述 first, as the server wrote them
    const document = page.getByTestId('summary-document');
    await expect.poll(() => document.locator('h3').textContent()).toBe(draft.body.zh.title);
    const chapters = draft.body.zh.sections.map((s) => s.title);
    expect(chapters[0]).toBe('一、概述');
    expect(chapters).toContain('八、下阶段工作计划');
    await expect.poll(() => document.locator('section h4').allTextContents()).toEqual(chapters);

    // ── a figure of the text: what it is, its site's value, 查看来源记录 ──────────────
    const fact = draft.facts.facts.find((f) => f.key === COUNTED);
    expect(fact, `${COUNTED} is among the facts`).toBeDefined();
    const counted = fact as NonNullable<typeof fact>;
    expect(counted.unit).toBe('count');
    expect(counted.value, 'the demo has work orders last month').toBeGreaterThan(0);
    const shown = formatFigure(counted.value, 'count', 'zh');
    const figure = page.getByTestId('summary-section-overview').locator(`[data-testid="figure"][data-key="${COUNTED}"]`).first();
    await expect.poll(() => figure.textContent()).toBe(shown);
    await figure.click();
    const drawer = page.locator('.ant-drawer').filter({ has: page.getByTestId('figure-drawer') });
    await drawer.getByTestId('figure-drawer').waitFor();
    await expect.poll(() => drawer.locator('.ant-drawer-title').textContent()).toBe(counted.label.zh);
    expect(await drawer.locator('.ant-statistic-content').textContent()).toContain(shown);
    const siteRow = drawer.getByTestId('figure-sites').locator('.ant-table-row').filter({ hasText: SITE.name });
    await expect.poll(() => siteRow.textContent()).toContain(shown);
    expect(counted.bySite).toEqual([{ siteId: draft.siteIds[0], siteName: SITE.name, value: counted.value }]);

    // the list behind it, filtered as the figure's link says, holds as many records as the figure
    const listed = await followedToWorkOrders(page, counted.link, () => drawer.getByTestId('figure-sources').click());
    expect(listed).toBe(counted.value);

    // ── 编辑: a typed unknown figure is refused; one inserted through 插入数据 is saved ──
    await page.goto(`/summaries/${id}`);
    await page.locator('main').getByTestId('summary-edit').click();
    const editor = page.getByTestId('summary-editor');
    const paragraph = editor.getByTestId('edit-section-overview').getByTestId('edit-text').first();
    const textarea = paragraph.locator('textarea');
    const original = paragraphs(draft.body.zh, 'overview')[0] as string;
    await expect.poll(() => textarea.inputValue()).toBe(original);

    await textarea.fill(`${original}本期完工{{no.such}}项。`);
    await expect.poll(() => paragraph.getByTestId('edit-unknown').textContent()).toContain('未知的数据引用：{{no.such}}');
    await page.locator('main').getByTestId('summary-save').click();
    await page.locator('.ant-message').getByText('未知的数据引用：{{no.such}}，请修改后再保存').waitFor();
    expect(await page.getByTestId('summary-save-dialog-ok').count()).toBe(0);
    // the server refuses it the same way, whatever a page sends
    const withUnknown = structuredClone(draft.body.zh);
    const firstBlock = withUnknown.sections[0]?.blocks[0];
    if (firstBlock?.type === 'paragraph') firstBlock.text = `${original}本期完工{{no.such}}项。`;
    const refused = await putJson<{ error: { code: string; message: string } }>(page, `/summaries/${id}`, {
      version: draft.version,
      body: { zh: withUnknown },
      note: null,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'VALIDATION', message: '未知的数据引用：{{no.such}}' });

    await textarea.fill(`${original}${ADDED_TEXT}`);
    await expect.poll(() => paragraph.getByTestId('edit-unknown').count()).toBe(0);
    // the caret stays at the end when the button takes the focus: the figure goes there
    await paragraph.getByTestId('edit-insert').click();
    // the dialog named 插入数据: its search box gives way to the figure's choices
    const picker = page.getByRole('dialog', { name: '插入数据' });
    await picker.getByTestId('picker-search').fill(INSERTED);
    await picker.locator(`[data-testid="picker-fact"][data-key="${INSERTED}"]`).click();
    await picker.getByTestId('picker-choices').waitFor();
    await picker.getByTestId('picker-value').click();
    await expect.poll(() => openModal(page).count()).toBe(0);
    await expect.poll(() => textarea.inputValue()).toBe(`${original}${ADDED_TEXT}{{${INSERTED}}}`);
    const edited = `${original}${ADDED_TEXT}{{${INSERTED}}}项。`;
    await textarea.fill(edited);
    const editedText = renderFigureText(edited, draft.facts, 'zh');
    await expect
      .poll(async () => squeezed((await paragraph.getByTestId('edit-preview').textContent()) ?? ''))
      .toContain(squeezed(editedText));

    await page.locator('main').getByTestId('summary-save').click();
    const saveDialog = openModal(page).filter({ has: page.getByTestId('summary-save-dialog-note') });
    await saveDialog.getByTestId('summary-save-dialog-note').fill(VERSION_NOTE);
    const saved = slowApiCall(page, 'PUT', `/summaries/${id}`);
    await saveDialog.getByTestId('summary-save-dialog-ok').click();
    const savedRes = await saved;
    expect(savedRes.status(), await savedRes.text()).toBe(200);
    const v2 = (await savedRes.json()) as WorkSummaryDetailDto;
    expect(v2).toMatchObject({ status: 'draft', versionNo: 2, currentVersionNo: 2 });
    expect(v2.versions.map((v) => [v.no, v.kind, v.note, v.createdByName])).toEqual([
      [2, 'edited', VERSION_NOTE, AUTHOR.name],
      [1, 'generated', null, AUTHOR.name],
    ]);
    expect(paragraphs(v2.body.zh, 'overview')[0]).toBe(edited);
    await expect.poll(() => page.getByTestId('summary-version').textContent()).toContain('第2版');
    const overview = page.getByTestId('summary-section-overview');
    await expect.poll(async () => squeezed((await overview.textContent()) ?? '')).toContain(squeezed(editedText));
    expect(await overview.locator(`[data-testid="figure"][data-key="${INSERTED}"]`).count()).toBe(1);

    // ── exports of version 2: Word, PDF, Excel ─────────────────────────────────────
    const docx = await exported(page, id, 'docx', { lang: 'zh', version: '2' });
    expect(docx.name.endsWith(`-${draft.number}-第2版.docx`), docx.name).toBe(true);
    expect(docx.body.subarray(0, 2).toString()).toBe('PK');
    const word = wordText((await (await JSZip.loadAsync(docx.body)).file('word/document.xml')?.async('string')) ?? '');
    for (const chapter of chapters) expect(word).toContain(chapter);
    expect(squeezed(word)).toContain(squeezed(editedText));

    const pdf = await exported(page, id, 'pdf', { lang: 'zh', version: '2' });
    expect(pdf.name.endsWith(`-${draft.number}-第2版.pdf`), pdf.name).toBe(true);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const printed = pdfText(pdf.body);
    expect(printed).toContain(squeezed(v2.body.zh.title));
    expect(printed).toContain('一、概述');
    // the sentences of the summary as the reader sees them: the edited paragraph and the next
    for (const text of paragraphs(v2.body.zh, 'overview').slice(0, 2)) {
      expect(printed).toContain(squeezed(renderFigureText(text, v2.facts, 'zh')));
    }

    const xlsx = await exported(page, id, 'xlsx', { version: '2' });
    expect(xlsx.name.endsWith('.xlsx'), xlsx.name).toBe(true);
    const workbook = await JSZip.loadAsync(xlsx.body);
    const sheets = await Promise.all(
      Object.keys(workbook.files)
        .filter((n) => n.startsWith('xl/') && n.endsWith('.xml'))
        .map((n) => workbook.file(n)?.async('string') ?? ''),
    );
    expect(sheets.join('\n')).toContain(COUNTED);

    // ── English: the document and its PDF ─────────────────────────────────────────
    await page.getByTestId('summary-lang').getByText('English', { exact: true }).click();
    const enChapters = v2.body.en.sections.map((s) => s.title);
    expect(enChapters[0]).toBe('1. Overview');
    await expect.poll(() => document.locator('section h4').allTextContents()).toEqual(enChapters);
    const pdfEn = await exported(page, id, 'pdf', { lang: 'en', version: '2' });
    expect(pdfEn.name.endsWith(`-${draft.number}-第2版-EN.pdf`), pdfEn.name).toBe(true);
    const printedEn = pdfText(pdfEn.body);
    expect(printedEn).toContain(squeezed('1. Overview'));
    expect(printedEn).toContain(squeezed(v2.body.en.title));
    const enOverview = paragraphs(v2.body.en, 'overview')[1] as string;
    expect(printedEn).toContain(squeezed(renderFigureText(enOverview, v2.facts, 'en')));

    expect(uncaught(page)).toEqual([]);
  }, 600_000);

  it('submitted by its author, who cannot approve it → approved by the head on a phone; nor can the head approve his own', async () => {
    const { summaryId: id, number, siteId, year, month } = made;
    expect(id && number && siteId, 'the first test wrote the summary').toBeTruthy();

    // ── 刘物业 submits it ───────────────────────────────────────────────────────────
    const author = await newPage(browser, { label: 'author' });
    await signIn(author, AUTHOR.login);
    await author.goto(`/summaries/${id}`);
    const authorMain = author.locator('main');
    await authorMain.getByTestId('summary-submit').click();
    const submitted = slowApiCall(author, 'POST', `/summaries/${id}/submit`);
    await author.getByTestId('summary-submit-ok').click();
    const submittedRes = await submitted;
    expect(submittedRes.status(), await submittedRes.text()).toBe(200);
    await expect.poll(() => authorMain.getByText('待审批', { exact: true }).count()).toBeGreaterThan(0);
    // no longer editable, and no approving by its author: no button, and the server refuses
    await expect.poll(() => authorMain.getByTestId('summary-edit').count()).toBe(0);
    expect(await authorMain.getByTestId('summary-approve').count()).toBe(0);
    const current = await getJson<WorkSummaryDetailDto>(author, `/summaries/${id}`);
    expect(current).toMatchObject({ status: 'submitted', canApprove: false, canEdit: false });
    const selfApprove = await postJson<{ error: { code: string } }>(author, `/summaries/${id}/approve`, { version: current.version });
    expect(selfApprove.status).toBe(403);
    expect((await getJson<WorkSummaryDetailDto>(author, `/summaries/${id}`)).status).toBe('submitted');

    // ── 王后勤 on his phone: 报表与总结 → 工作总结 → the summary → 审批通过 ────────────
    const head = await newPage(browser, { mobile: true, label: 'head' });
    await signIn(head, HEAD.login);
    await openFromPhoneMenu(head, '报表与总结', '工作总结');
    const card = head.getByTestId('summary-card').filter({ hasText: number as string });
    await expect.poll(() => card.textContent()).toContain('待审批');
    await card.click();
    await head.waitForURL(`**/summaries/${id}`);
    const headMain = head.locator('main');
    await head.getByTestId('summary-document').waitFor();
    expect(await horizontalOverflow(head)).toBeLessThanOrEqual(0);
    await headMain.getByTestId('summary-approve').click();
    const approveDialog = openModal(head).filter({ has: head.getByTestId('summary-approve-dialog-note') });
    await approveDialog.getByTestId('summary-approve-dialog-note').fill(APPROVAL_NOTE);
    expect(await horizontalOverflow(head)).toBeLessThanOrEqual(0);
    const approved = slowApiCall(head, 'POST', `/summaries/${id}/approve`);
    await approveDialog.getByTestId('summary-approve-dialog-ok').click();
    const approvedRes = await approved;
    expect(approvedRes.status(), await approvedRes.text()).toBe(200);
    await expect.poll(() => headMain.getByText('已审批', { exact: true }).count()).toBeGreaterThan(0);
    await expect.poll(() => headMain.getByText(HEAD.name).count()).toBeGreaterThan(0);
    expect(await headMain.getByTestId('summary-approve').count()).toBe(0);
    expect(await getJson<WorkSummaryDetailDto>(head, `/summaries/${id}`)).toMatchObject({
      status: 'approved',
      approvedByName: HEAD.name,
      currentVersionNo: 2,
    });
    expect(await horizontalOverflow(head)).toBeLessThanOrEqual(0);

    // the author sees it approved
    await author.reload();
    await expect.poll(() => authorMain.getByText('已审批', { exact: true }).count()).toBeGreaterThan(0);

    // the head may approve, but not a summary he wrote himself
    const own = await postJson<WorkSummaryDetailDto>(head, '/summaries', {
      period: { kind: 'month', year, index: month },
      siteIds: [siteId],
    });
    expect(own.status).toBe(201);
    const ownSubmitted = await postJson<WorkSummaryDetailDto>(head, `/summaries/${own.body.id}/submit`, { version: own.body.version });
    expect(ownSubmitted.status).toBe(200);
    expect(ownSubmitted.body).toMatchObject({ status: 'submitted', canApprove: false });
    await head.goto(`/summaries/${own.body.id}`);
    await expect.poll(() => headMain.getByText('待审批', { exact: true }).count()).toBeGreaterThan(0);
    await head.getByTestId('summary-document').waitFor();
    expect(await headMain.getByTestId('summary-approve').count()).toBe(0);
    const headSelf = await postJson<{ error: { code: string } }>(head, `/summaries/${own.body.id}/approve`, {
      version: ownSubmitted.body.version,
    });
    expect(headSelf.status).toBe(403);

    for (const p of [author, head]) expect(uncaught(p)).toEqual([]);
  }, 600_000);

  it('a reader of 沈阳店 only gets the not-found page for the 长春店 summary', async () => {
    const { summaryId: id } = made;
    expect(id, 'the first test wrote the summary').toBeTruthy();

    // no demo user reads reports on 沈阳店 alone: the administrator grants 客服调度 (reports:read) there
    const admin = await newPage(browser, { label: 'admin' });
    await signIn(admin, 'admin');
    const roles = await getJson<{ items: { id: string; code: string; permissions: string[] }[] }>(admin, '/roles?limit=200');
    const role = roles.items.find((r) => r.code === 'dispatcher');
    expect(role?.permissions).toContain('reports:read');
    const sites = await getJson<{ items: { id: string; code: string }[] }>(admin, '/sites?limit=200');
    const sy = sites.items.find((s) => s.code === 'SY');
    expect(sy).toBeDefined();
    const user = await postJson<{ id: string; memberships: { siteId: string | null }[] }>(admin, '/users', {
      username: SY_READER.username,
      name: SY_READER.name,
      password: SY_READER.initial,
      memberships: [{ roleId: role?.id, siteId: sy?.id }],
    });
    expect(user.status, JSON.stringify(user.body)).toBe(201);
    expect(user.body.memberships.map((m) => m.siteId)).toEqual([sy?.id]);

    const reader = await newPage(browser, { label: 'sy-reader' });
    await signIn(reader, SY_READER.username, SY_READER.initial);
    await reader.waitForURL('**/change-password');
    const changed = await postJson(reader, '/auth/password', { currentPassword: SY_READER.initial, newPassword: SY_READER.final });
    expect(changed.status).toBe(200);

    // the list is theirs to read, the summary is not
    expect(await statusOf(reader, '/summaries')).toBe(200);
    const list = await getJson<{ items: WorkSummaryDto[] }>(reader, '/summaries?limit=200');
    expect(list.items.map((s) => s.id)).not.toContain(id);
    await reader.goto(`/summaries/${id}`);
    await reader.locator('.ant-result-404').getByText('页面不存在，或记录不存在、不在您可访问的场所内。').waitFor();
    expect(await reader.getByTestId('summary-document').count()).toBe(0);
    for (const p of [`/summaries/${id}`, `/summaries/${id}/export.pdf`, `/summaries/${id}/export.docx`, `/summaries/${id}/export.xlsx`]) {
      expect(await statusOf(reader, p), p).toBe(404);
    }
    for (const p of [admin, reader]) expect(uncaught(p)).toEqual([]);
  });
});

describe('dashboard (数据看板)', () => {
  it('the head’s dashboard of last month shows each area’s figures; a number opens the records behind it', async () => {
    const period = previousMonth();
    const head = await newPage(browser, { label: 'head' });
    await signIn(head, HEAD.login);
    await openFromMenu(head, '报表与总结', '数据看板');
    // last month: its records no longer change while the test runs (the scheduler raises work orders now)
    const shown = apiCall(head, 'GET', '/reports/facts', { kind: 'month', year: String(period.year), index: String(period.month) });
    await choose(head, head.getByTestId('dashboard-year'), `${period.year}年`);
    await choose(head, head.getByTestId('dashboard-index'), new RegExp(`^${period.month}月$`));
    const shownRes = await shown;
    expect(shownRes.status()).toBe(200);
    const facts = (await shownRes.json()) as ReportFactsDto;
    expect(facts.period).toMatchObject({ startDate: period.start, endDate: period.end });
    // the head reads every site: the group view
    expect(facts.sites.length).toBeGreaterThan(1);
    const main = head.locator('main');
    await expect.poll(() => main.locator('h4').first().textContent()).toBe('数据看板');
    await expect.poll(() => main.textContent()).toContain(`${period.start} 至 ${period.end}`);

    const received = facts.facts.find((f) => f.key === COUNTED);
    expect(received?.value, 'the demo has work orders last month').toBeGreaterThan(0);
    const fact = received as NonNullable<typeof received>;
    const area = head.getByTestId('area-workorders');
    await expect.poll(() => area.locator('[data-testid^="kpi-"]').count()).toBeGreaterThan(1);
    const tile = area.getByTestId(`kpi-${COUNTED}`);
    await expect.poll(() => tile.textContent()).toContain(fact.label.zh);
    expect(await tile.textContent()).toContain(formatFigure(fact.value, fact.unit, 'zh'));

    const listed = await followedToWorkOrders(head, fact.link, () => tile.click());
    expect(listed).toBe(fact.value);
    expect(uncaught(head)).toEqual([]);
  });
});
