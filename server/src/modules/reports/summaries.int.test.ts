import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unknownTokens } from '../../../../contracts/figures.js';
import type { ReportFactsDto, SummaryBody, WorkSummaryDetailDto, WorkSummaryDto } from '../../../../contracts/reports.js';
import type { Page } from '../../../../contracts/types.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { readXlsx } from '../../platform/print/excel.js';
import { siteIdOf, userIdOf } from '../equipment/testing.js';
import type { ErrorBody } from '../hazards/testing.js';
import { checkConsistency } from './consistency.js';

type Detail = WorkSummaryDetailDto & ErrorBody;

/**
 * Work summaries through the API (the test clock's today is 2026-03-15): generation from
 * the demo's records, edits as versions with every figure token checked against the
 * version's facts, restoring and regenerating, the approval workflow with its
 * notifications, who sees what, the list, and the downloads.
 */
describe(`work summaries (${ENGINE})`, () => {
  let t: TestApp;
  let head: Client;
  let admin: Client;
  let property: Client;
  let dispatcher: Client;
  let leader: Client;
  let syReader: Client;
  let cc: string;
  let sy: string;
  let ids: Record<'head' | 'admin' | 'property' | 'leader', string>;

  const create = (c: Client, body: Record<string, unknown>) => c.post<Detail>('/api/v1/summaries', body);
  const get = (c: Client, id: string, query = '') => c.get<Detail>(`/api/v1/summaries/${id}${query}`);
  const put = (c: Client, s: Pick<WorkSummaryDto, 'id' | 'version'>, body: Record<string, unknown>) =>
    c.req<Detail>('PUT', `/api/v1/summaries/${s.id}`, { version: s.version, ...body });
  const step = (c: Client, s: Pick<WorkSummaryDto, 'id' | 'version'>, action: string, body: Record<string, unknown> = {}) =>
    c.post<Detail>(`/api/v1/summaries/${s.id}/${action}`, { version: s.version, ...body });
  const inbox = async (userId: string) =>
    (await t.db.selectFrom('notifications').select('title').where('user_id', '=', userId).execute()).map((m) => m.title);
  const created = async (c: Client, body: Record<string, unknown>): Promise<WorkSummaryDetailDto> => {
    const res = await create(c, body);
    if (res.status !== 201) throw new Error(`summary: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  /** every text a body prints: titles, paragraphs, list items */
  const texts = (b: SummaryBody) => [
    b.title,
    b.subtitle,
    ...b.sections.flatMap((s) => [
      s.title,
      ...s.blocks.flatMap((x) => (x.type === 'paragraph' ? [x.text] : x.type === 'list' ? x.items : [])),
    ]),
  ];
  const february = { kind: 'month', year: 2026, index: 2 };

  beforeAll(async () => {
    t = await createTestApp();
    [head, admin, property, dispatcher, leader] = (await Promise.all(
      ['head', 'admin', 'property', 'dispatcher', 'leader'].map((u) => login(t.app, u)),
    )) as [Client, Client, Client, Client, Client];
    cc = await siteIdOf(t.db, 'CC');
    sy = await siteIdOf(t.db, 'SY');
    ids = {
      head: await userIdOf(t.db, 'head'),
      admin: await userIdOf(t.db, 'admin'),
      property: await userIdOf(t.db, 'property'),
      leader: await userIdOf(t.db, 'leader'),
    };
    // 赵维修 of 沈阳店 also reads reports there
    const role = await t.db.selectFrom('roles').select('id').where('code', '=', 'dispatcher').executeTakeFirstOrThrow();
    const grant = await admin.post(`/api/v1/users/${await userIdOf(t.db, 'tech_sy')}/memberships`, { roleId: role.id, siteId: sy });
    expect(grant.status).toBe(201);
    syReader = await login(t.app, 'tech_sy');
  });
  afterAll(() => t.close());

  it('writes version 1 from the facts of the period and sites, in both languages, every figure a known token', async () => {
    const s = await created(head, { period: february, siteIds: [sy, cc] });
    expect(s.number).toMatch(/^ZJ-20260315-\d{4}$/);
    expect(s).toMatchObject({
      status: 'draft',
      currentVersionNo: 1,
      versionNo: 1,
      siteIds: [cc, sy],
      siteNames: ['长春店', '沈阳店'],
      authorName: '王后勤',
      departmentId: null,
      canEdit: true,
      canSubmit: true,
      canApprove: false,
      period: { kind: 'month', startDate: '2026-02-01', endDate: '2026-02-28', label: { zh: '2026年2月', en: 'Feb 2026' } },
    });
    expect(s.title).toBe(s.body.zh.title);
    expect(s.versions).toEqual([expect.objectContaining({ no: 1, kind: 'generated', createdByName: '王后勤' })]);
    expect(s.body.zh.sections.length).toBeGreaterThan(0);
    expect(s.body.en.sections.length).toBeGreaterThan(0);
    for (const lang of ['zh', 'en'] as const) {
      expect(texts(s.body[lang]).flatMap((x) => unknownTokens(x, s.facts))).toEqual([]);
    }
    // the snapshot is the facts of the same scope as the dashboard gives them
    const dashboard = await head.get<ReportFactsDto>(`/api/v1/reports/facts?kind=month&year=2026&index=2&siteId=${cc}&siteId=${sy}`);
    expect({ ...s.facts, generatedAt: '' }).toEqual({ ...dashboard.body, generatedAt: '' });
    expect(checkConsistency(s.facts)).toEqual([]);
  });

  it('stores every kind of period without a consistency problem (the real data adds up)', async () => {
    for (const period of [
      { kind: 'year', year: 2026 },
      { kind: 'half', year: 2025, index: 2 },
      { kind: 'quarter', year: 2026, index: 1 },
      { kind: 'custom', startDate: '2026-03-01', endDate: '2026-03-15' },
    ]) {
      const res = await create(head, { period, siteIds: [cc] });
      expect([period.kind, res.status]).toEqual([period.kind, 201]);
      expect(checkConsistency(res.body.facts)).toEqual([]);
    }
    const bad = await create(head, { period: { kind: 'quarter', year: 2026, index: 7 }, siteIds: [cc], title: '  ' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details?.fields?.map((f) => f.field)).toEqual(['title']);
    const badPeriod = await create(head, { period: { kind: 'quarter', year: 2026, index: 7 }, siteIds: [cc] });
    expect(badPeriod.body.error.details?.fields).toEqual([{ field: 'period.index', message: '请选择季度（1–4）' }]);
    // property writes for 长春店 only
    const elsewhere = await create(property, { period: february, siteIds: [sy] });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.details?.fields?.map((f) => f.field)).toEqual(['siteIds']);
  });

  it('saves edits as versions, refusing unknown figures and stale versions; shows, restores and regenerates versions', async () => {
    let s = await created(property, { period: february, title: '长春店2月份后勤工作总结' });
    // property reads 长春店 only: "every site I may" is 长春店, named
    expect(s.siteIds).toEqual([cc]);
    expect(s.title).toBe('长春店2月份后勤工作总结');
    expect(s.body.zh.title).toBe('长春店2月份后勤工作总结');
    const key = s.facts.facts[0]?.key as string;
    const original = s.body.zh;
    const section = original.sections[0] as SummaryBody['sections'][number];
    const withText = (text: string): SummaryBody => ({
      ...original,
      sections: [{ ...section, blocks: [...section.blocks, { type: 'paragraph', text }] }, ...original.sections.slice(1)],
    });

    const unknown = await put(property, s, { body: { zh: withText(`共完成{{nosuch.figure}}项，另有{{${key}@${sy}}}项。`) } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe(`未知的数据引用：{{nosuch.figure}}、{{${key}@${sy}}}`);
    const badTable = await put(property, s, {
      body: { en: { ...s.body.en, sections: [{ ...section, blocks: [{ type: 'table', title: 'x', keys: ['nosuch.key'] }] }] } },
    });
    expect(badTable.body.error.details?.fields).toEqual([{ field: 'body.en', message: '未知的数据引用：{{nosuch.key}}' }]);

    const edited = await put(property, s, {
      title: '长春店2026年2月工作总结',
      body: { zh: withText(`本月共计{{${key}}}，较上期{{${key}:dprev}}，其中长春店{{${key}@${cc}}}。`) },
      note: '补充说明',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ currentVersionNo: 2, versionNo: 2, title: '长春店2026年2月工作总结' });
    expect(edited.body.versions.map((v) => [v.no, v.kind, v.note])).toEqual([
      [2, 'edited', '补充说明'],
      [1, 'generated', null],
    ]);
    // the language not sent keeps its text; the figures stay those of the version edited
    expect(edited.body.body.en).toEqual(s.body.en);
    expect(edited.body.facts).toEqual(s.facts);
    const stale = await put(property, s, { body: { zh: original } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    s = edited.body;

    const v1 = await get(property, s.id, '?version=1');
    expect(v1.body).toMatchObject({ versionNo: 1, currentVersionNo: 2 });
    expect(v1.body.body.zh).toEqual(original);
    expect((await get(property, s.id, '?version=9')).status).toBe(404);

    const restored = await step(property, s, 'restore', { versionNo: 1 });
    expect(restored.status).toBe(200);
    expect(restored.body.versions[0]).toMatchObject({ no: 3, kind: 'edited', note: '恢复第 1 版' });
    expect(restored.body.body).toEqual(v1.body.body);
    s = restored.body;
    expect((await step(property, s, 'restore', { versionNo: 3 })).body.error.details?.fields?.[0]?.field).toBe('versionNo');

    const regenerated = await step(property, s, 'regenerate');
    expect(regenerated.status).toBe(200);
    expect(regenerated.body.versions[0]).toMatchObject({ no: 4, kind: 'regenerated' });
    expect(regenerated.body.facts.generatedAt).toBe(t.clock.now().toISOString());
    // the title the author chose stays
    expect(regenerated.body.body.zh.title).toBe('长春店2026年2月工作总结');
  });

  it('goes to the approvers when submitted; the author cannot approve; approved, reopened; a submitted one is never deleted', async () => {
    let s = await created(property, { period: february });
    const submitted = await step(property, s, 'submit');
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({
      status: 'submitted',
      canEdit: false,
      canSubmit: false,
      submittedAt: t.clock.now().toISOString(),
    });
    s = submitted.body;
    expect(await inbox(ids.head)).toContain(`工作总结 ${s.number} 待审批`);
    expect(await inbox(ids.admin)).toContain(`工作总结 ${s.number} 待审批`);
    // the leader reads reports but approves nothing; the author is not told of their own step
    expect(await inbox(ids.leader)).not.toContain(`工作总结 ${s.number} 待审批`);
    expect(await inbox(ids.property)).not.toContain(`工作总结 ${s.number} 待审批`);

    const locked = await put(property, s, { body: {} });
    expect(locked.status).toBe(409);
    expect(locked.body.error.message).toContain('请审批人退回');
    expect((await step(property, s, 'approve')).status).toBe(403);
    expect((await get(head, s.id)).body.canApprove).toBe(true);

    const approved = await step(head, s, 'approve', { note: '内容翔实' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', approvedBy: ids.head, approvedByName: '王后勤', canApprove: false });
    expect(await inbox(ids.property)).toContain(`工作总结 ${s.number} 已审批通过`);
    s = approved.body;
    expect((await step(head, s, 'approve')).status).toBe(409);

    const reopened = await step(head, s, 'reopen');
    expect(reopened.body).toMatchObject({ status: 'draft', approvedAt: null, approvedBy: null, canEdit: true });
    expect((await get(property, s.id)).body.canEdit).toBe(true);
    expect(await inbox(ids.property)).toContain(`工作总结 ${s.number} 已重新打开`);
    s = reopened.body;
    const refused = await property.req<ErrorBody>('DELETE', `/api/v1/summaries/${s.id}?version=${s.version}`);
    expect(refused.status).toBe(409);

    // the history shows every step
    const history = await admin.get<{ items: { action: string }[] }>(`/api/v1/audit/work_summary/${s.id}`);
    const actions = history.body.items.map((e) => e.action);
    expect(actions).toEqual(['reopen', 'approve', 'submit', 'create']);
  });

  it('returns with a reason; the author edits and submits again; another approver approves; the author never approves', async () => {
    let s = await created(head, { period: february, siteIds: [cc, sy] });
    s = (await step(head, s, 'submit')).body;
    const own = await step(head, s, 'approve');
    expect(own.status).toBe(403);
    expect(own.body.error.message).toContain('不能审批自己编写的');
    expect(await inbox(ids.admin)).toContain(`工作总结 ${s.number} 待审批`);

    const noReason = await step(admin, s, 'return', { reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details?.fields?.map((f) => f.field)).toEqual(['reason']);
    const returned = await step(admin, s, 'return', { reason: '请补充沈阳店的隐患整改情况' });
    expect(returned.body).toMatchObject({ status: 'returned', returnReason: '请补充沈阳店的隐患整改情况' });
    expect(await inbox(ids.head)).toContain(`工作总结 ${s.number} 被退回`);
    s = returned.body;

    const edited = await put(head, s, { body: { zh: { ...s.body.zh, subtitle: `${s.body.zh.subtitle}（修订）` } } });
    expect(edited.status).toBe(200);
    const again = await step(head, edited.body, 'submit');
    expect(again.body).toMatchObject({ status: 'submitted', returnReason: null });
    const approved = await step(admin, again.body, 'approve');
    expect(approved.body).toMatchObject({ status: 'approved', approvedByName: '系统管理员' });
  });

  it('shows a summary only to readers of every one of its sites', async () => {
    const both = await created(head, { period: february, siteIds: [cc, sy] });
    const ccOnly = await created(head, { period: february, siteIds: [cc] });
    const all = await created(head, { period: february });
    expect(all.siteIds).toEqual([]);
    expect(all.siteNames).toEqual([]);
    expect(all.facts.sites.length).toBe(3);

    expect((await get(dispatcher, ccOnly.id)).status).toBe(200);
    expect((await get(dispatcher, both.id)).status).toBe(404);
    expect((await get(dispatcher, all.id)).status).toBe(404);
    expect((await get(syReader, ccOnly.id)).status).toBe(404);
    expect((await get(syReader, both.id)).status).toBe(404);
    expect((await dispatcher.get(`/api/v1/summaries/${both.id}/export.pdf`)).status).toBe(404);
    expect((await get(leader, all.id)).status).toBe(200);
    // reading is not writing: the leader reads, and may not touch it
    expect((await step(leader, all, 'submit')).status).toBe(403);
    // property writes for 长春店 only: a summary of two sites is not theirs to change, nor to see
    expect((await step(property, both, 'submit')).status).toBe(404);

    const listed = async (c: Client, query = '') =>
      (await c.get<Page<WorkSummaryDto>>(`/api/v1/summaries?limit=200${query}`)).body.items.map((i) => i.id);
    const mine = await listed(dispatcher);
    expect(mine).toContain(ccOnly.id);
    expect(mine).not.toContain(both.id);
    expect(mine).not.toContain(all.id);
    expect(await listed(syReader)).toEqual([]);
    expect(await listed(leader)).toEqual(expect.arrayContaining([both.id, ccOnly.id, all.id]));
  });

  it('filters and pages the list, and exports it', async () => {
    const quarter = await created(head, {
      period: { kind: 'quarter', year: 2026, index: 1 },
      siteIds: [sy],
      title: '沈阳店一季度工作总结',
    });
    const listed = async (query: string) => (await head.get<Page<WorkSummaryDto> & ErrorBody>(`/api/v1/summaries?${query}`)).body;
    const bySy = (await listed(`siteId=${sy}&limit=200`)).items;
    expect(bySy.map((i) => i.id)).toContain(quarter.id);
    // a summary of every site covers 沈阳店 too; one of 长春店 alone does not
    expect(bySy.every((i) => i.siteIds.length === 0 || i.siteIds.includes(sy))).toBe(true);
    expect((await listed('kind=quarter&limit=200')).items.every((i) => i.period.kind === 'quarter')).toBe(true);
    expect((await listed('kind=quarter&limit=200')).items.map((i) => i.id)).toContain(quarter.id);
    expect((await listed('q=沈阳店一季度')).items.map((i) => i.id)).toEqual([quarter.id]);
    expect((await listed(`q=${quarter.number}`)).items.map((i) => i.id)).toEqual([quarter.id]);
    const approved = (await listed('status=approved&limit=200')).items;
    expect(approved.length).toBeGreaterThan(0);
    expect(approved.every((i) => i.status === 'approved')).toBe(true);
    expect((await listed('status=draft,returned&limit=200')).items.every((i) => ['draft', 'returned'].includes(i.status))).toBe(true);

    // keyset paging walks every summary once, newest first
    const everything = (await listed('limit=200')).items.map((i) => i.id);
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<WorkSummaryDto> = await listed(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      walked.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(walked).toEqual(everything);
    expect(everything.length).toBeGreaterThan(5);
    const byPeriod = (await listed('sort=periodFrom&limit=200')).items.map((i) => i.period.from);
    expect(byPeriod).toEqual([...byPeriod].sort());

    const sheet = await head.get(`/api/v1/summaries/export.xlsx?siteId=${sy}&kind=quarter`);
    expect(sheet.status).toBe(200);
    const raw = (sheet as unknown as { raw: { rawPayload: Buffer; headers: Record<string, string> } }).raw;
    expect(raw.headers['content-disposition']).toContain(encodeURIComponent('工作总结'));
    const rows = await readXlsx(raw.rawPayload);
    expect(JSON.stringify(rows)).toContain('沈阳店一季度工作总结');
  });

  it('deletes a draft never submitted; a stale version deletes nothing', async () => {
    const s = await created(property, { period: february });
    const del = (version: number) => property.req<ErrorBody>('DELETE', `/api/v1/summaries/${s.id}?version=${version}`);
    expect((await del(s.version + 1)).status).toBe(409);
    expect((await get(property, s.id)).body.versions.length).toBe(1);
    expect((await del(s.version)).status).toBe(204);
    expect((await get(property, s.id)).status).toBe(404);
    expect(await t.db.selectFrom('work_summary_versions').select('id').where('summary_id', '=', s.id).execute()).toEqual([]);
  });

  it('downloads Word, PDF and the figures as Excel, of any version, in either language', async () => {
    const s = await created(head, { period: february, siteIds: [cc, sy] });
    const download = async (path: string) => {
      const res = await head.get(`/api/v1/summaries/${s.id}/${path}`);
      const raw = (res as unknown as { raw: { rawPayload: Buffer; headers: Record<string, string> } }).raw;
      return { status: res.status, data: raw.rawPayload, headers: raw.headers };
    };
    const docx = await download('export.docx');
    expect(docx.status).toBe(200);
    expect(docx.data.subarray(0, 2).toString()).toBe('PK');
    expect(docx.data.includes('word/document.xml')).toBe(true);
    expect(docx.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent(`${s.title}-${s.number}-第1版.docx`)}`,
    );
    const docxEn = await download('export.docx?lang=en&version=1');
    expect(docxEn.status).toBe(200);
    expect(docxEn.headers['content-disposition']).toContain(encodeURIComponent('-EN.docx'));
    const pdf = await download('export.pdf?lang=zh');
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.data.subarray(0, 4).toString()).toBe('%PDF');
    const xlsx = await download('export.xlsx?version=1');
    expect(xlsx.status).toBe(200);
    expect(xlsx.data.subarray(0, 2).toString()).toBe('PK');
    const sheet = await readXlsx(xlsx.data);
    expect(JSON.stringify(sheet)).toContain(s.facts.facts[0]?.key as string);
    expect((await download('export.pdf?version=7')).status).toBe(404);
  });
});
