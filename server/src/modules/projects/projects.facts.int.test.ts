import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SummaryFact } from '../../../../contracts/summary.js';
import type { Page } from '../../../../contracts/types.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { factProviders } from '../../platform/summary/registry.js';
import { siteIdOf } from '../equipment/testing.js';
import { ctxOf } from '../training/testing.js';
import { type ProjectFacts, type ProjectFigures, projectSummaryFacts } from './projects.summary.js';
import { clearProjectDemo, createProject, type ErrorBody, ensureProjectDefaults, type Project, projectManager, steps } from './testing.js';

const MARCH = 'from=2026-03-01&to=2026-03-31';
const values = (f: ProjectFigures) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v.value]));
/** March 2026 in Asia/Shanghai as the summary gives it: instants, [from, to) */
const MARCH_FROM = '2026-02-28T16:00:00.000Z';
const MARCH_TO = '2026-03-31T16:00:00.000Z';
const KEYS = {
  started: 'projects.started',
  completed: 'projects.completed',
  budget: 'projects.budget',
  actualCost: 'projects.actual_cost',
  costMissing: 'projects.cost_missing',
  overdue: 'projects.overdue',
} as const;

describe(`projects: summary facts per site and period (${ENGINE})`, () => {
  let t: TestApp;
  let head: Client;
  let cc: string;
  let sy: string;
  let xx: string;

  beforeAll(async () => {
    t = await createTestApp();
    await ensureProjectDefaults(t);
    // these tests number, list and count from an empty project register
    await clearProjectDemo(t);
    head = await login(t.app, 'head');
    cc = await siteIdOf(t.db, 'CC');
    sy = await siteIdOf(t.db, 'SY');
    xx = await siteIdOf(t.db, 'XX');
    // today is 2026-03-15 in both stores (TestClock 02:00 UTC = 10:00 Asia/Shanghai)
    const project = async (body: Record<string, unknown>, list: [string, Record<string, unknown>?][]) =>
      steps(head, (await createProject(head, body)).body, list);
    await project({ siteId: cc, name: 'c1', budget: 100_000 }, [
      ['start', { actualStart: '2026-03-02' }],
      ['submit'],
      ['accept', { note: '合格', actualCost: 90_000 }],
    ]);
    await project({ siteId: cc, name: 'c2 started in February, overdue', plannedEnd: '2026-03-10' }, [
      ['start', { actualStart: '2026-02-20' }],
    ]);
    await project({ siteId: cc, name: 'c3 never started, overdue', plannedEnd: '2026-03-12' }, []);
    await project({ siteId: cc, name: 'c4 cancelled, not overdue', plannedEnd: '2026-03-05' }, [['cancel', { reason: '取消' }]]);
    await project({ siteId: cc, name: 'c5 no cost recorded', budget: 50_000 }, [
      ['start', { actualStart: '2026-03-05' }],
      ['submit'],
      ['accept', { note: '合格' }],
    ]);
    await project({ siteId: sy, name: 's1 due in April', plannedEnd: '2026-04-30' }, [['start', { actualStart: '2026-03-10' }]]);
    await project({ siteId: sy, name: 's2 accepted after its planned end', budget: 200_000, plannedEnd: '2026-03-01' }, [
      ['start', { actualStart: '2026-01-10' }],
      ['submit'],
      ['accept', { note: '延期完成', actualCost: 210_000 }],
    ]);
  });
  afterAll(() => t.close());

  it('counts per site, and the total is the sum of the sites', async () => {
    const res = await head.get<ProjectFacts>(`/api/v1/projects/facts?${MARCH}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const facts = res.body;
    expect(facts.sites.map((s) => s.siteCode)).toEqual(['CC', 'SY', 'XX']);
    const [ccRow, syRow, xxRow] = facts.sites;
    expect(values(ccRow as ProjectFigures)).toEqual({
      started: 2,
      completed: 2,
      budget: 150_000,
      actualCost: 90_000,
      costMissing: 1,
      overdue: 2,
    });
    expect(values(syRow as ProjectFigures)).toEqual({
      started: 1,
      completed: 1,
      budget: 200_000,
      actualCost: 210_000,
      costMissing: 0,
      overdue: 1,
    });
    expect(values(xxRow as ProjectFigures)).toEqual({ started: 0, completed: 0, budget: 0, actualCost: 0, costMissing: 0, overdue: 0 });
    for (const key of Object.keys(facts.total) as (keyof ProjectFigures)[]) {
      expect(facts.total[key].value).toBe(facts.sites.reduce((n, s) => n + s[key].value, 0));
    }
    expect(facts.total.budget.unit).toBe('fen');
    expect(facts.total.started.unit).toBe('count');

    const february = await head.get<ProjectFacts>('/api/v1/projects/facts?from=2026-02-01&to=2026-02-28');
    expect(values(february.body.total)).toMatchObject({ started: 1, completed: 0 });
  });

  it('links every figure to exactly the records behind it', async () => {
    const facts = (await head.get<ProjectFacts>(`/api/v1/projects/facts?${MARCH}`)).body;
    for (const row of [...facts.sites, facts.total]) {
      for (const [key, figure] of Object.entries(row as ProjectFigures)) {
        if (typeof figure !== 'object' || figure === null || !('link' in figure)) continue;
        expect(figure.link.startsWith('/projects?')).toBe(true);
        const list = await head.get<Page<Project>>(`/api/v1${figure.link}&limit=200`);
        expect(list.status).toBe(200);
        const items = list.body.items;
        const behind =
          key === 'budget'
            ? items.reduce((n, p) => n + p.budget, 0)
            : key === 'actualCost'
              ? items.reduce((n, p) => n + (p.actualCost ?? 0), 0)
              : key === 'costMissing'
                ? items.filter((p) => p.actualCost === null).length
                : items.length;
        expect(behind, `${key} ${figure.link}`).toBe(figure.value);
      }
    }
  });

  it('reports only the sites the reader may see, or the sites asked for', async () => {
    const dispatcher = await login(t.app, 'dispatcher');
    const own = (await dispatcher.get<ProjectFacts>(`/api/v1/projects/facts?${MARCH}`)).body;
    expect(own.sites.map((s) => s.siteId)).toEqual([cc]);
    expect(values(own.total)).toEqual(values(own.sites[0] as ProjectFigures));

    const two = (await head.get<ProjectFacts>(`/api/v1/projects/facts?${MARCH}&siteId=${cc}&siteId=${sy}`)).body;
    expect(two.sites.map((s) => s.siteId)).toEqual([cc, sy]);
    expect(two.total.started.value).toBe(3);
    expect(two.total.started.link).toContain(`siteId=${cc}`);
    expect(two.total.started.link).toContain(`siteId=${sy}`);
    expect(two.sites.some((s) => s.siteId === xx)).toBe(false);

    const leader = await login(t.app, 'leader');
    expect((await leader.get<ProjectFacts>(`/api/v1/projects/facts?${MARCH}`)).body.total.completed.value).toBe(3);
  });

  it('gives summary facts per site that add up, from the period’s local dates', async () => {
    const facts = await projectSummaryFacts(await ctxOf(t, head), { siteIds: 'all', from: MARCH_FROM, to: MARCH_TO });
    const fact = (key: string) => facts.find((f) => f.key === key) as SummaryFact;
    const site = (f: SummaryFact, id: string) => f.bySite?.find((x) => x.siteId === id)?.value;
    expect(facts.map((f) => f.key)).toEqual(Object.values(KEYS));
    // the figures set up above, counted by hand
    const want: Record<keyof typeof KEYS, [number, number]> = {
      started: [2, 1],
      completed: [2, 1],
      budget: [150_000, 200_000],
      actualCost: [90_000, 210_000],
      costMissing: [1, 0],
      overdue: [2, 1],
    };
    for (const [name, key] of Object.entries(KEYS) as [keyof typeof KEYS, string][]) {
      const f = fact(key);
      const [c, s] = want[name];
      expect([key, f.value, site(f, cc), site(f, sy), site(f, xx)]).toEqual([key, c + s, c, s, 0]);
      expect(f.bySite?.reduce((a, x) => a + (x.value ?? 0), 0)).toBe(f.value);
      expect(f.unit).toBe(name === 'budget' || name === 'actualCost' ? 'fen' : 'count');
      expect(f.formula).toMatch(/[\u4e00-\u9fff]/);
      expect(f.label.en.length).toBeGreaterThan(0);
    }
    expect(fact(KEYS.completed).link).toBe('/projects?acceptedFrom=2026-03-01&acceptedTo=2026-03-31');
    expect(fact(KEYS.overdue).link).toBe('/projects?dueFrom=2026-03-01&dueTo=2026-03-31&late=1');

    // [from, to) → from's local day … the day of the last instant before `to`
    const started = async (from: string, to: string) =>
      (await projectSummaryFacts(await ctxOf(t, head), { siteIds: [cc], from, to })).find((f) => f.key === KEYS.started);
    // 03-02 … 03-05 local: c1 (03-02) and c5 (03-05)
    expect((await started('2026-03-01T16:00:00.000Z', '2026-03-05T16:00:00.000Z'))?.value).toBe(2);
    // 03-02 … 03-04: `to` is 03-05 00:00 local, which is not in the period
    expect((await started('2026-03-01T16:00:00.000Z', '2026-03-04T16:00:00.000Z'))?.value).toBe(1);
    // 03-03 … 03-05
    const narrow = await started('2026-03-02T16:00:00.000Z', '2026-03-05T16:00:00.000Z');
    expect([narrow?.value, narrow?.bySite?.map((x) => x.siteId), narrow?.link]).toEqual([
      1,
      [cc],
      `/projects?siteId=${cc}&startedFrom=2026-03-03&startedTo=2026-03-05`,
    ]);
  });

  it('registers the facts, keeps a 沈阳店 reader to 沈阳店, and ignores a department', async () => {
    expect(factProviders().find((p) => p.module === 'projects')).toMatchObject({
      section: 'facilities',
      order: 30,
      permission: 'projects:read',
      label: { zh: '工程项目', en: 'Projects' },
    });
    const admin = await login(t.app, 'admin');
    const pmSy = await projectManager(t, admin, sy, 'pm_sy_facts');
    const ctx = await ctxOf(t, pmSy);
    const own = await projectSummaryFacts(ctx, { siteIds: 'all', from: MARCH_FROM, to: MARCH_TO });
    for (const f of own)
      expect(
        f.bySite?.map((x) => x.siteId),
        f.key,
      ).toEqual([sy]);
    expect(own.find((f) => f.key === KEYS.started)?.value).toBe(1);
    expect(own.find((f) => f.key === KEYS.budget)?.value).toBe(200_000);
    const foreign = await projectSummaryFacts(ctx, { siteIds: [cc], from: MARCH_FROM, to: MARCH_TO });
    expect(foreign.every((f) => f.value === 0 && f.bySite?.length === 0)).toBe(true);

    const headCtx = await ctxOf(t, head);
    const dept = await t.db.selectFrom('departments').select('id').where('code', '=', 'GW').executeTakeFirstOrThrow();
    const scope = { siteIds: [cc, sy], from: MARCH_FROM, to: MARCH_TO };
    expect(await projectSummaryFacts(headCtx, { ...scope, departmentId: dept.id })).toEqual(await projectSummaryFacts(headCtx, scope));
  });

  it('refuses a period that ends before it starts', async () => {
    const res = await head.get<ErrorBody>('/api/v1/projects/facts?from=2026-03-31&to=2026-03-01');
    expect(res.status).toBe(400);
    expect(res.body.error.details?.fields?.map((f) => f.field)).toEqual(['to']);
  });
});
