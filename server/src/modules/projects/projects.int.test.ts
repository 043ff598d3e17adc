import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../../contracts/types.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { readXlsx } from '../../platform/print/excel.js';
import { locationIdOf, siteIdOf, userIdOf } from '../equipment/testing.js';
import type { ProjectUpdateDto } from './projects.actions.js';
import {
  act,
  clearProjectDemo,
  createProject,
  type ErrorBody,
  ensureProjectDefaults,
  type Project,
  projectManager,
  steps,
} from './testing.js';

const fieldsOf = (body: ErrorBody) => body.error.details?.fields?.map((f) => f.field).sort();
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(24, 1)]);

function upload(c: Client, ownerType: string, ownerId: string) {
  const boundary = `----houqin${Math.random().toString(16).slice(2)}`;
  const field = (k: string, v: string) => `--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  const body = Buffer.concat([
    Buffer.from(field('ownerType', ownerType) + field('ownerId', ownerId)),
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="现场.png"\r\ncontent-type: image/png\r\n\r\n`),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return c.req<ErrorBody>('POST', '/api/v1/attachments', body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
}

describe(`projects: records, validation, life cycle, access (${ENGINE})`, () => {
  let t: TestApp;
  let head: Client;
  let pm: Client;
  let dispatcher: Client;
  let cc: string;
  let sy: string;

  beforeAll(async () => {
    t = await createTestApp();
    await ensureProjectDefaults(t);
    // these tests number, list and count from an empty project register
    await clearProjectDemo(t);
    head = await login(t.app, 'head');
    dispatcher = await login(t.app, 'dispatcher');
    cc = await siteIdOf(t.db, 'CC');
    sy = await siteIdOf(t.db, 'SY');
    pm = await projectManager(t, await login(t.app, 'admin'), cc, 'ccpm');
  });
  afterAll(() => t.close());

  it('creates, reads, edits and lists a project with a GC number and 409 on a stale version', async () => {
    const location = await locationIdOf(t.db, 'CC-A-1F');
    const created = await createProject(pm, {
      siteId: cc,
      locationId: location,
      budget: 12_000_000,
      contractor: '长春建工',
      contractorContact: '李工 13800001111',
      managerId: pm.userId,
      plannedStart: '2026-03-20',
      plannedEnd: '2026-04-30',
      description: '更换洁具与防水',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const p = created.body;
    expect(p.number).toBe('GC-2026-0001');
    expect(p).toMatchObject({
      status: 'planned',
      progress: 0,
      budget: 12_000_000,
      siteName: '长春店',
      managerName: '项目经理ccpm',
      overdue: false,
      actions: ['start', 'cancel'],
      canEdit: true,
      canReport: false,
      version: 1,
    });
    expect(p.locationPath).toContain('长春店');

    const edited = await pm.patch<Project>(`/api/v1/projects/${p.id}`, { version: 1, budget: 15_000_000, contractor: '吉林装饰' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ budget: 15_000_000, contractor: '吉林装饰', version: 2, contractorContact: '李工 13800001111' });
    const stale = await pm.patch<ErrorBody>(`/api/v1/projects/${p.id}`, { version: 1, name: '改名' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');

    const second = await createProject(head, { siteId: sy, name: '沈阳店外立面施工', type: 'construction', budget: 0 });
    expect(second.body.number).toBe('GC-2026-0002');
    const byType = await head.get<Page<Project>>('/api/v1/projects?type=construction');
    expect(byType.body.items.map((r) => r.id)).toEqual([second.body.id]);
    const bySearch = await head.get<Page<Project>>(`/api/v1/projects?q=${encodeURIComponent('吉林')}`);
    expect(bySearch.body.items.map((r) => r.id)).toEqual([p.id]);
    const byManager = await head.get<Page<Project>>(`/api/v1/projects?managerId=${pm.userId}&status=planned`);
    expect(byManager.body.items.map((r) => r.id)).toEqual([p.id]);
    const planned = await head.get<Page<Project>>('/api/v1/projects?plannedFrom=2026-04-15&plannedTo=2026-05-31');
    expect(planned.body.items.map((r) => r.id)).toEqual([p.id]);
    const bySite = await head.get<Page<Project>>(`/api/v1/projects?siteId=${sy}`);
    expect(bySite.body.items.map((r) => r.id)).toEqual([second.body.id]);

    const history = await head.get<{ items: { action: string }[] }>(`/api/v1/audit/project/${p.id}`);
    expect(history.body.items.map((e) => e.action).sort()).toEqual(['create', 'update']);
  });

  it('lists every bad field with a Chinese message', async () => {
    const res = await createProject(pm, {
      siteId: cc,
      name: '   ',
      locationId: await locationIdOf(t.db, 'SY-A-1F'),
      managerId: 'no-such-user',
      budget: -1,
      plannedStart: '2026-04-10',
      plannedEnd: '2026-04-01',
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['budget', 'locationId', 'managerId', 'name', 'plannedEnd']);
    expect(res.body.error.details?.fields?.find((f) => f.field === 'plannedEnd')?.message).toBe('计划完工日期不能早于计划开工日期');

    const badDay = await createProject(pm, { siteId: cc, plannedStart: '2026-02-30' });
    expect(fieldsOf(badDay.body)).toEqual(['plannedStart']);
    const elsewhere = await createProject(pm, { siteId: sy });
    expect(elsewhere.status).toBe(400);
    expect(fieldsOf(elsewhere.body)).toEqual(['siteId']);

    const p = (await createProject(pm, { siteId: cc })).body;
    const patch = await pm.patch<ErrorBody>(`/api/v1/projects/${p.id}`, {
      version: p.version,
      progress: 101,
      actualStart: '2026-03-01',
      actualCost: -5,
    });
    expect(fieldsOf(patch.body)).toEqual(['actualCost', 'actualStart', 'progress']);
    const noReader = await dispatcher.post<ErrorBody>('/api/v1/projects', { siteId: cc, name: 'x', type: 'other' });
    expect(noReader.status).toBe(403);
  });

  it('runs start → suspend ⇄ resume → submit → reject → submit → accept, logging each step', async () => {
    let p = (await createProject(pm, { siteId: cc, budget: 500_000, managerId: await userIdOf(t.db, 'dispatcher') })).body;
    const early = await act(pm, p, 'submit');
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { status: 'planned', action: 'submit' } });

    p = await steps(pm, p, [['start']]);
    expect(p).toMatchObject({
      status: 'in_progress',
      actualStart: '2026-03-15',
      actions: ['suspend', 'submit', 'cancel'],
      canReport: true,
    });
    const noReason = await act(pm, p, 'suspend');
    expect(fieldsOf(noReason.body)).toEqual(['reason']);
    p = await steps(pm, p, [['suspend', { reason: '等待甲供材料' }]]);
    expect((await act(pm, p, 'submit')).status).toBe(409);
    p = await steps(pm, p, [['resume']]);

    // the project's own 负责人 reports progress with projects:read only
    const report = await dispatcher.post<Project>(`/api/v1/projects/${p.id}/updates`, {
      version: p.version,
      progress: 60,
      note: '完成墙面',
    });
    expect(report.status, JSON.stringify(report.body)).toBe(201);
    p = report.body;
    expect(p.progress).toBe(60);
    const badReport = await pm.post<ErrorBody>(`/api/v1/projects/${p.id}/updates`, { version: p.version, progress: 60 });
    expect(fieldsOf(badReport.body)).toEqual(['note']);
    expect((await dispatcher.post(`/api/v1/projects/${p.id}/actions/submit`, { version: p.version })).status).toBe(403);

    p = await steps(pm, p, [['submit']]);
    expect(p).toMatchObject({ status: 'accepting', progress: 100 });
    const noRejectReason = await act(pm, p, 'reject');
    expect(fieldsOf(noRejectReason.body)).toEqual(['reason']);
    p = await steps(pm, p, [['reject', { reason: '防水未做闭水试验' }]]);
    expect(p.status).toBe('in_progress');
    p = await steps(pm, p, [['submit']]);
    const noNote = await act(pm, p, 'accept');
    expect(fieldsOf(noNote.body)).toEqual(['note']);
    p = await steps(pm, p, [['accept', { note: '闭水试验合格，同意验收', actualCost: 480_000 }]]);
    expect(p).toMatchObject({
      status: 'accepted',
      actualEnd: '2026-03-15',
      acceptedOn: '2026-03-15',
      acceptanceNote: '闭水试验合格，同意验收',
      actualCost: 480_000,
      acceptedBy: pm.userId,
      actions: [],
      canEdit: false,
    });

    const closed = await pm.patch<ErrorBody>(`/api/v1/projects/${p.id}`, { version: p.version, name: 'x' });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('ILLEGAL_TRANSITION');
    expect((await act(pm, p, 'cancel', { reason: 'x' })).body.error.details).toEqual({ status: 'accepted', action: 'cancel' });

    const log = await pm.get<ProjectUpdateDto[]>(`/api/v1/projects/${p.id}/updates`);
    expect(log.body.map((u) => u.kind).reverse()).toEqual([
      'create',
      'start',
      'suspend',
      'resume',
      'progress',
      'submit',
      'reject',
      'submit',
      'accept',
    ]);
    expect(log.body.find((u) => u.kind === 'reject')).toMatchObject({
      fromStatus: 'accepting',
      toStatus: 'in_progress',
      note: '防水未做闭水试验',
    });
  });

  it('cancels an open project with a reason and keeps it readable', async () => {
    const p = (await createProject(pm, { siteId: cc })).body;
    const cancelled = await steps(pm, p, [['cancel', { reason: '方案调整' }]]);
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '方案调整', actions: [] });
  });

  it('answers 404 for another site’s project on every route, and lists only the own sites', async () => {
    const foreign = (await createProject(head, { siteId: sy, name: '沈阳店空调机房改造' })).body;
    expect((await pm.get<ErrorBody>(`/api/v1/projects/${foreign.id}`)).status).toBe(404);
    expect((await pm.patch(`/api/v1/projects/${foreign.id}`, { version: 1, name: 'x' })).status).toBe(404);
    expect((await act(pm, foreign, 'start')).status).toBe(404);
    expect((await pm.get(`/api/v1/projects/${foreign.id}/updates`)).status).toBe(404);
    expect((await pm.post(`/api/v1/projects/${foreign.id}/updates`, { version: 1, progress: 5 })).status).toBe(404);
    expect((await dispatcher.get(`/api/v1/projects/${foreign.id}`)).status).toBe(404);
    expect((await upload(pm, 'project', foreign.id)).status).toBe(404);
    expect((await pm.get(`/api/v1/attachments?ownerType=project&ownerId=${foreign.id}`)).status).toBe(404);
    const mine = await pm.get<Page<Project>>('/api/v1/projects?limit=200');
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((r) => r.siteId === cc)).toBe(true);
    expect((await pm.get<Page<Project>>(`/api/v1/projects?siteId=${sy}`)).body.items).toEqual([]);
  });

  it('holds site photos and acceptance papers: managers upload, readers look', async () => {
    const p = (await createProject(pm, { siteId: cc })).body;
    expect((await upload(pm, 'project', p.id)).status).toBe(201);
    expect((await upload(pm, 'project_acceptance', p.id)).status).toBe(201);
    expect((await upload(dispatcher, 'project', p.id)).status).toBe(403);
    const files = await dispatcher.get<Page<{ filename: string }>>(`/api/v1/attachments?ownerType=project&ownerId=${p.id}`);
    expect(files.body.items.map((f) => f.filename)).toEqual(['现场.png']);
  });

  it('flags overdue projects and filters them; exports the list as xlsx with the same filters', async () => {
    const late = (await createProject(pm, { siteId: cc, name: '逾期的招牌更换', plannedStart: '2026-03-01', plannedEnd: '2026-03-10' }))
      .body;
    expect(late.overdue).toBe(true);
    const overdue = await pm.get<Page<Project>>('/api/v1/projects?overdue=1&limit=200');
    expect(overdue.body.items.map((r) => r.id)).toEqual([late.id]);

    const res = await pm.req('GET', '/api/v1/projects?overdue=1&format=xlsx');
    expect(res.status).toBe(200);
    expect(String(res.raw.headers['content-type'])).toContain('spreadsheetml');
    const sheet = await readXlsx(res.raw.rawPayload);
    expect(sheet.headers).toEqual(expect.arrayContaining(['项目编号', '项目名称', '状态', '预算(元)', '计划完工', '逾期']));
    expect(sheet.rows).toHaveLength(1);
    expect(sheet.rows[0]?.values).toMatchObject({ 项目名称: '逾期的招牌更换', 状态: '计划中', 逾期: '是', 计划完工: '2026-03-10' });
  });
});
