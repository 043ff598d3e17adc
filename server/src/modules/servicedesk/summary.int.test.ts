import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SummaryFact } from '../../../../contracts/summary.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { factProviders } from '../../platform/summary/registry.js';
import { siteIdOf } from '../equipment/testing.js';
import { ctxOf } from '../training/testing.js';
import { serviceDeskFacts, serviceDeskSummaryFacts } from './summary.js';
import { seedDefaults } from './testing.js';

type Page<T> = { items: T[]; nextCursor: string | null };

const DAY = 86_400_000;
const OUTCOMES = ['work_order', 'complaint', 'info', 'transfer', 'other'];

/** Per-site counts taken straight from rows, in the test, without the module's queries. */
function bySite<T extends { site_id: string }>(rows: T[], where: (r: T) => boolean = () => true): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) if (where(r)) m.set(r.site_id, (m.get(r.site_id) ?? 0) + 1);
  return m;
}
const rate = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 10 : null);
const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

describe(`service desk: summary facts against independent counts (${ENGINE})`, () => {
  let t: TestApp;
  let head: Client;
  let admin: Client;
  let clerkSy: Client;
  let cc: string;
  let sy: string;
  let from: string;
  let to: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDefaults(t);
    [head, admin] = await Promise.all([login(t.app, 'head'), login(t.app, 'admin')]);
    cc = await siteIdOf(t.db, 'CC');
    sy = await siteIdOf(t.db, 'SY');
    // the demo's service desk lies in the weeks before now: the period takes all of it
    from = new Date(t.clock.now().getTime() - 120 * DAY).toISOString();
    to = new Date(t.clock.now().getTime() + DAY).toISOString();
    // a clerk of 沈阳店 only: the demo's dispatcher role granted on that site alone
    const role = await t.db.selectFrom('roles').select('id').where('code', '=', 'dispatcher').executeTakeFirstOrThrow();
    const password = 'Sy2026clerk';
    const user = await admin.post<{ id: string }>('/api/v1/users', {
      username: 'clerk_sy',
      name: '沈阳调度',
      password,
      memberships: [{ roleId: role.id, siteId: sy }],
    });
    expect(user.status, JSON.stringify(user.body)).toBe(201);
    clerkSy = await login(t.app, 'clerk_sy', password);
  });
  afterAll(() => t.close());

  const within = (iso: string | null) => iso !== null && Date.parse(iso) >= Date.parse(from) && Date.parse(iso) < Date.parse(to);

  async function independent() {
    const now = t.clock.now().getTime();
    const complaints = await t.db.selectFrom('complaints').selectAll().execute();
    const visits = (await t.db.selectFrom('return_visits').selectAll().execute()).filter((v) => within(v.visited_at));
    const calls = (await t.db.selectFrom('hotline_calls').selectAll().execute()).filter((c) => within(c.received_at));
    const received = complaints.filter((c) => within(c.received_at));
    const resolved = complaints.filter((c) => within(c.resolved_at));
    const late = (c: (typeof complaints)[number]) =>
      (['open', 'handling'].includes(c.status) && Date.parse(c.deadline_at) < now) ||
      (c.resolved_at !== null && Date.parse(c.resolved_at) > Date.parse(c.deadline_at));
    return {
      'servicedesk.complaints.received': bySite(received),
      'servicedesk.complaints.overdue': bySite(received, late),
      'servicedesk.complaints.resolved': bySite(resolved),
      'servicedesk.complaints.resolved_on_time': bySite(resolved, (c) => Date.parse(c.resolved_at as string) <= Date.parse(c.deadline_at)),
      'servicedesk.return_visits': bySite(visits),
      'servicedesk.return_visits.satisfied': bySite(visits, (v) => v.result === 'satisfied'),
      'servicedesk.return_visits.basically': bySite(visits, (v) => v.result === 'basically'),
      'servicedesk.return_visits.dissatisfied': bySite(visits, (v) => v.result === 'dissatisfied'),
      'servicedesk.hotline.calls': bySite(calls),
      ...Object.fromEntries(OUTCOMES.map((o) => [`servicedesk.hotline.calls.outcome.${o}`, bySite(calls, (c) => c.outcome === o)])),
    } as Record<string, Map<string, number>>;
  }

  const fact = (facts: SummaryFact[], key: string) => {
    const f = facts.find((x) => x.key === key);
    if (!f) throw new Error(`no fact ${key}`);
    return f;
  };
  const site = (f: SummaryFact, id: string) => f.bySite?.find((s) => s.siteId === id)?.value;

  it('registers the service desk among the fact providers', () => {
    const provider = factProviders().find((p) => p.module === 'servicedesk');
    expect(provider).toMatchObject({ section: 'service', order: 20, permission: 'complaints:manage', label: { zh: '投诉与服务热线' } });
  });

  it('equals counts taken from the tables, per site and in total; rates come from the summed parts', async () => {
    const facts = await serviceDeskSummaryFacts(await ctxOf(t, head), { siteIds: 'all', from, to });
    const want = await independent();
    expect(total(want['servicedesk.complaints.received'] as Map<string, number>)).toBeGreaterThan(3);
    expect(total(want['servicedesk.hotline.calls'] as Map<string, number>)).toBeGreaterThan(3);
    expect(total(want['servicedesk.return_visits'] as Map<string, number>)).toBeGreaterThan(3);
    for (const [key, m] of Object.entries(want)) {
      const f = fact(facts, key);
      expect([key, f.value, site(f, cc), site(f, sy)]).toEqual([key, total(m), m.get(cc) ?? 0, m.get(sy) ?? 0]);
      expect(f.unit).toBe('count');
      // bySite adds up to the total
      expect(
        f.bySite?.reduce((a, s) => a + (s.value ?? 0), 0),
        key,
      ).toBe(f.value);
    }
    const parts = (key: string) => want[key] as Map<string, number>;
    const onTime = fact(facts, 'servicedesk.complaints.on_time_rate');
    expect(onTime.unit).toBe('percent');
    expect(onTime.value).toBe(
      rate(total(parts('servicedesk.complaints.resolved_on_time')), total(parts('servicedesk.complaints.resolved'))),
    );
    for (const id of [cc, sy]) {
      expect(site(onTime, id)).toBe(
        rate(parts('servicedesk.complaints.resolved_on_time').get(id) ?? 0, parts('servicedesk.complaints.resolved').get(id) ?? 0),
      );
    }
    const share = fact(facts, 'servicedesk.return_visits.satisfied_share');
    expect(share.value).toBe(rate(total(parts('servicedesk.return_visits.satisfied')), total(parts('servicedesk.return_visits'))));
    // every outcome is its own figure, and together they are the calls
    const outcomes = OUTCOMES.map((o) => fact(facts, `servicedesk.hotline.calls.outcome.${o}`).value ?? 0);
    expect(outcomes.reduce((a, b) => a + b, 0)).toBe(fact(facts, 'servicedesk.hotline.calls').value);
    for (const f of facts) {
      expect(f.label.zh.length, f.key).toBeGreaterThan(0);
      expect(f.label.en.length, f.key).toBeGreaterThan(0);
      expect(f.formula, f.key).toMatch(/[\u4e00-\u9fff]/);
    }
    // the old report shape reads the same figures
    const legacy = await serviceDeskFacts(await ctxOf(t, head), { siteIds: [cc, sy], from, to });
    expect(legacy.hotline.total.value).toBe(fact(facts, 'servicedesk.hotline.calls').value);
    expect(legacy.complaints.onTimeRate.value).toBe(onTime.value);
  });

  it('shows a 沈阳店 clerk only 沈阳店, with links that list exactly the records counted', async () => {
    const ctx = await ctxOf(t, clerkSy);
    const facts = await serviceDeskSummaryFacts(ctx, { siteIds: 'all', from, to });
    const want = await independent();
    for (const f of facts)
      expect(
        f.bySite?.map((s) => s.siteId),
        f.key,
      ).toEqual([sy]);
    expect(want['servicedesk.complaints.received']?.get(sy)).toBeGreaterThan(0);
    expect(want['servicedesk.hotline.calls']?.get(sy)).toBeGreaterThan(0);
    expect(want['servicedesk.return_visits']?.get(sy)).toBeGreaterThan(0);
    for (const [key, m] of Object.entries(want)) expect([key, fact(facts, key).value]).toEqual([key, m.get(sy) ?? 0]);
    expect(total(want['servicedesk.complaints.received'] as Map<string, number>)).toBeGreaterThan(
      want['servicedesk.complaints.received']?.get(sy) ?? 0,
    );
    // asking for 长春店 gives nothing of it
    const foreign = await serviceDeskSummaryFacts(ctx, { siteIds: [cc], from, to });
    expect(foreign.every((f) => (f.bySite?.length ?? 0) === 0 && (f.value === 0 || f.value === null))).toBe(true);

    const listed = async (link: string) => {
      const [path, query] = link.split('?');
      const res = await clerkSy.get<Page<unknown>>(`/api/v1${path}?${query}&limit=200`);
      expect(res.status, link).toBe(200);
      return res.body.items.length;
    };
    for (const key of [
      'servicedesk.complaints.received',
      'servicedesk.complaints.overdue',
      'servicedesk.complaints.resolved',
      'servicedesk.complaints.resolved_on_time',
      'servicedesk.return_visits',
      'servicedesk.return_visits.dissatisfied',
      'servicedesk.hotline.calls',
      'servicedesk.hotline.calls.outcome.work_order',
    ]) {
      const f = fact(facts, key);
      expect(f.link, key).toContain(`siteId=${sy}`);
      expect(await listed(f.link), key).toBe(f.value);
    }
  });

  it('ignores a department: its records name the clerks, not a department’s staff', async () => {
    const ctx = await ctxOf(t, head);
    const dept = await t.db.selectFrom('departments').select('id').where('code', '=', 'KF').executeTakeFirstOrThrow();
    const plain = await serviceDeskSummaryFacts(ctx, { siteIds: [cc, sy], from, to });
    const scoped = await serviceDeskSummaryFacts(ctx, { siteIds: [cc, sy], from, to, departmentId: dept.id });
    expect(scoped).toEqual(plain);
  });
});
