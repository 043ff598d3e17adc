import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../../../contracts/types.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { siteIdOf } from '../equipment/testing.js';
import type { ProjectFacts, ProjectFigures } from './projects.summary.js';
import { clearProjectDemo, createProject, type ErrorBody, ensureProjectDefaults, type Project, steps } from './testing.js';

const MARCH = 'from=2026-03-01&to=2026-03-31';
const values = (f: ProjectFigures) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v.value]));

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

  it('refuses a period that ends before it starts', async () => {
    const res = await head.get<ErrorBody>('/api/v1/projects/facts?from=2026-03-31&to=2026-03-01');
    expect(res.status).toBe(400);
    expect(res.body.error.details?.fields?.map((f) => f.field)).toEqual(['to']);
  });
});
