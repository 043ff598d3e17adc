import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SummaryFact } from '../../../../contracts/summary.js';
import type { SpotCheckDto, TrainingSessionDto } from '../../../../contracts/training.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { newId } from '../../platform/db/ids.js';
import { factProviders } from '../../platform/summary/registry.js';
import { siteIdOf } from '../equipment/testing.js';
import { trainingEvents, trainingFacts } from './index.js';
import { ctxOf, type Page, signInAll } from './testing.js';

const FROM = '2026-01-15T00:00:00.000Z';
const TO = '2026-03-20T00:00:00.000Z';
const inPeriod = (iso: string | null, from = FROM, to = TO) => iso !== null && iso >= from && iso < to;

/** Per-site counts computed straight from the tables, in the test, without the module's queries. */
function bySite<T>(rows: T[], site: (r: T) => string, value: (r: T) => number = () => 1): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) m.set(site(r), (m.get(site(r)) ?? 0) + value(r));
  return m;
}

describe(`training: summary facts and calendar events against independent counts (${ENGINE})`, () => {
  let t: TestApp;
  let head: Client;
  let tech: Client;
  let techSy: Client;
  let property: Client;
  let cc: string;
  let sy: string;

  beforeAll(async () => {
    t = await createTestApp();
    [head, tech, techSy, property] = await signInAll(t, ['head', 'tech', 'tech_sy', 'property'] as const);
    cc = await siteIdOf(t.db, 'CC');
    sy = await siteIdOf(t.db, 'SY');
    // one more cancelled session (not counted) and one more sign-in (counted), beside the demo's
    const s = await property.post<TrainingSessionDto>('/api/v1/training/sessions', {
      siteId: cc,
      title: '临时取消的培训',
      type: 'fire',
      trainerName: '外部讲师',
      startsAt: '2026-03-15T06:00:00.000Z',
      endsAt: '2026-03-15T07:00:00.000Z',
    });
    expect(s.status).toBe(201);
    expect((await property.post(`/api/v1/training/sessions/${s.body.id}/cancel`, { reason: '改期', version: s.body.version })).status).toBe(
      200,
    );
  });
  afterAll(() => t.close());

  /** the ids the web list behind a fact's link shows (the same query on the API), every page */
  const listed = async (c: Client, link: string) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const [path, query] = link.split('?');
      const q = new URLSearchParams(query);
      q.set('limit', '200');
      if (cursor) q.set('cursor', cursor);
      const res = await c.get<Page<{ id: string }>>(`/api/v1${path}?${q.toString()}`);
      expect(res.status, link).toBe(200);
      ids.push(...res.body.items.map((x) => x.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    return ids.sort();
  };

  async function independent(sites: string[]) {
    const sessions = (await t.db.selectFrom('training_sessions').selectAll().execute()).filter(
      (s) => sites.includes(s.site_id) && s.status !== 'cancelled' && inPeriod(s.starts_at),
    );
    const ids = new Set(sessions.map((s) => s.id));
    const site = new Map(sessions.map((s) => [s.id, s.site_id]));
    const signIns = (await t.db.selectFrom('training_attendees').selectAll().execute()).filter(
      (a) => ids.has(a.session_id) && a.signed_in_at,
    );
    const checks = (await t.db.selectFrom('spot_checks').selectAll().execute()).filter(
      (c) => sites.includes(c.site_id) && inPeriod(c.created_at),
    );
    const attempts = (await t.db.selectFrom('quiz_attempts').selectAll().execute()).filter(
      (a) => sites.includes(a.site_id) && inPeriod(a.submitted_at),
    );
    return {
      sessions: bySite(sessions, (s) => s.site_id),
      types: sessions.map((s) => s.type),
      attendance: bySite(signIns, (a) => site.get(a.session_id) as string),
      checks: bySite(checks, (c) => c.site_id),
      attempts: bySite(attempts, (a) => a.site_id),
      passed: bySite(
        attempts,
        (a) => a.site_id,
        (a) => (a.passed === 1 ? 1 : 0),
      ),
      scores: bySite(
        attempts,
        (a) => a.site_id,
        (a) => Number(a.score),
      ),
      people: new Set(attempts.map((a) => a.user_id)).size,
      peopleBySite: new Map(sites.map((s) => [s, new Set(attempts.filter((a) => a.site_id === s).map((a) => a.user_id)).size])),
    };
  }

  const fact = (facts: SummaryFact[], key: string) => {
    const f = facts.find((x) => x.key === key);
    if (!f) throw new Error(`no fact ${key}`);
    return f;
  };
  const site = (f: SummaryFact, id: string) => f.bySite?.find((s) => s.siteId === id)?.value;
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

  it('agrees with counts taken from the tables, per site and in total', async () => {
    const facts = await trainingFacts(await ctxOf(t, head), { siteIds: [cc, sy], from: FROM, to: TO });
    const want = await independent([cc, sy]);
    expect(total(want.sessions)).toBeGreaterThan(8);
    expect(total(want.attempts)).toBeGreaterThan(5);
    for (const [key, m] of [
      ['training.sessions', want.sessions],
      ['training.attendance', want.attendance],
      ['training.spot_checks', want.checks],
      ['training.spot_checks.attempts', want.attempts],
      ['training.spot_checks.passed', want.passed],
    ] as const) {
      const f = fact(facts, key);
      expect([key, f.value, site(f, cc), site(f, sy)]).toEqual([key, total(m), m.get(cc) ?? 0, m.get(sy) ?? 0]);
      expect(f.link.startsWith(key.includes('spot_checks') ? '/training/spot-checks?' : '/training/sessions?')).toBe(true);
    }
    const rate = fact(facts, 'training.spot_checks.pass_rate');
    expect(rate.value).toBe(Math.round((total(want.passed) / total(want.attempts)) * 1000) / 10);
    expect(site(rate, sy)).toBe(Math.round(((want.passed.get(sy) ?? 0) / (want.attempts.get(sy) ?? 1)) * 1000) / 10);
    const avg = fact(facts, 'training.spot_checks.average_score');
    expect(avg.value).toBe(Math.round((total(want.scores) / total(want.attempts)) * 10) / 10);
    const people = fact(facts, 'training.spot_checks.people');
    expect([people.value, site(people, cc), site(people, sy)]).toEqual([want.people, want.peopleBySite.get(cc), want.peopleBySite.get(sy)]);
    for (const type of ['induction_safety', 'fire', 'job_skills', 'brand_location', 'etiquette', 'emergency']) {
      expect(fact(facts, `training.sessions.type.${type}`).value).toBe(want.types.filter((x) => x === type).length);
    }
    expect(fact(facts, 'training.sessions').link).toContain('status=planned%2Cdone');
    expect(fact(facts, 'training.spot_checks.attempts').link).toContain('submittedFrom=');
  });

  it('keeps to the sites the actor reads safety records of, and has no rates without attempts', async () => {
    const facts = await trainingFacts(await ctxOf(t, tech), { siteIds: 'all', from: FROM, to: TO });
    const want = await independent([cc]);
    const sessions = fact(facts, 'training.sessions');
    expect(sessions.bySite?.map((s) => s.siteId)).toEqual([cc]);
    expect(sessions.value).toBe(want.sessions.get(cc));
    const empty = await trainingFacts(await ctxOf(t, head), { siteIds: 'all', from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z' });
    expect([fact(empty, 'training.spot_checks.pass_rate').value, fact(empty, 'training.spot_checks.average_score').value]).toEqual([
      null,
      null,
    ]);
    expect(fact(empty, 'training.sessions').value).toBe(0);
  });

  it('with a department, counts only its people’s attendance and answers; sessions and spot checks stay', async () => {
    expect(factProviders().find((p) => p.module === 'training')).toMatchObject({ section: 'team', permission: 'safety:read' });
    // a second department, and the people who signed in and answered most moved into it through the user routes
    const admin = await login(t.app, 'admin');
    const dept = await admin.post<{ id: string }>('/api/v1/departments', { code: 'PX2', name: '培训抽查组' });
    expect(dept.status, JSON.stringify(dept.body)).toBe(201);
    const top = (ids: string[]) => {
      const n = new Map<string, number>();
      for (const id of ids) n.set(id, (n.get(id) ?? 0) + 1);
      return [...n].sort((a, b) => b[1] - a[1])[0]?.[0] as string;
    };
    const signedIn = (await t.db.selectFrom('training_attendees').select(['user_id', 'signed_in_at']).execute()).filter(
      (a) => a.signed_in_at,
    );
    const answered = (await t.db.selectFrom('quiz_attempts').select(['user_id', 'site_id', 'submitted_at']).execute()).filter((a) =>
      inPeriod(a.submitted_at),
    );
    // and someone who answered at 沈阳店, so that a 沈阳店 reader has figures of the department too
    const answeredSy = answered.filter((a) => a.site_id === sy).map((a) => a.user_id);
    const moved = [...new Set([top(signedIn.map((a) => a.user_id)), top(answered.map((a) => a.user_id)), top(answeredSy)])];
    for (const id of moved) {
      const u = await admin.get<{ version: number }>(`/api/v1/users/${id}`);
      const res = await admin.patch(`/api/v1/users/${id}`, { departmentId: dept.body.id, version: u.body.version });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }

    const staff = new Set(
      (await t.db.selectFrom('users').select(['id', 'department_id']).execute())
        .filter((u) => u.department_id === dept.body.id)
        .map((u) => u.id),
    );
    expect([...staff].sort()).toEqual([...moved].sort());
    const all = await independent([cc, sy]);
    const sessions = (await t.db.selectFrom('training_sessions').selectAll().execute()).filter(
      (x) => [cc, sy].includes(x.site_id) && x.status !== 'cancelled' && inPeriod(x.starts_at),
    );
    const sessionSite = new Map(sessions.map((x) => [x.id, x.site_id]));
    const attendees = await t.db.selectFrom('training_attendees').selectAll().execute();
    const signIns = (of: Map<string, string>, people: Set<string>) =>
      attendees.filter((a) => of.has(a.session_id) && a.signed_in_at && people.has(a.user_id));
    const attendance = bySite(signIns(sessionSite, staff), (a) => sessionSite.get(a.session_id) as string);
    const attempts = (await t.db.selectFrom('quiz_attempts').selectAll().execute()).filter(
      (a) => [cc, sy].includes(a.site_id) && inPeriod(a.submitted_at) && staff.has(a.user_id),
    );
    const tried = bySite(attempts, (a) => a.site_id);
    const passed = bySite(
      attempts,
      (a) => a.site_id,
      (a) => (a.passed === 1 ? 1 : 0),
    );
    expect(total(attendance)).toBeGreaterThan(0);
    expect(total(tried)).toBeGreaterThan(0);
    expect(total(tried)).toBeLessThan(total(all.attempts));
    expect([tried.get(cc), tried.get(sy)].every((x) => (x ?? 0) > 0)).toBe(true);

    const facts = await trainingFacts(await ctxOf(t, head), { siteIds: [cc, sy], from: FROM, to: TO, departmentId: dept.body.id });
    for (const [key, m] of [
      ['training.sessions', all.sessions],
      ['training.spot_checks', all.checks],
      ['training.attendance', attendance],
      ['training.spot_checks.attempts', tried],
      ['training.spot_checks.passed', passed],
    ] as const) {
      const f = fact(facts, key);
      expect([key, f.value, site(f, cc), site(f, sy)]).toEqual([key, total(m), m.get(cc) ?? 0, m.get(sy) ?? 0]);
    }
    expect(fact(facts, 'training.spot_checks.people').value).toBe(new Set(attempts.map((a) => a.user_id)).size);
    expect(fact(facts, 'training.spot_checks.pass_rate').value).toBe(Math.round((total(passed) / total(tried)) * 1000) / 10);
    expect(fact(facts, 'training.attendance').formula).toContain('按部门统计');
    expect(fact(facts, 'training.sessions').formula).not.toContain('按部门统计');

    // the links of the people's figures list exactly the records behind them: the sessions the
    // department's people signed in to, the spot checks they answered; the others stay unfiltered
    const counted = {
      sessions: [...new Set(signIns(sessionSite, staff).map((a) => a.session_id))].sort(),
      checks: [...new Set(attempts.map((a) => a.spot_check_id))].sort(),
    };
    expect(counted.sessions.length).toBeGreaterThan(0);
    expect(counted.sessions.length).toBeLessThan(sessions.length);
    const attendanceLink = fact(facts, 'training.attendance').link;
    expect(new URLSearchParams(attendanceLink.split('?')[1]).get('departmentId')).toBe(dept.body.id);
    expect(await listed(head, attendanceLink)).toEqual(counted.sessions);
    for (const key of [
      'training.spot_checks.attempts',
      'training.spot_checks.people',
      'training.spot_checks.passed',
      'training.spot_checks.pass_rate',
      'training.spot_checks.average_score',
    ]) {
      expect(await listed(head, fact(facts, key).link), key).toEqual(counted.checks);
    }
    for (const key of ['training.sessions', 'training.spot_checks']) expect(fact(facts, key).link).not.toContain('departmentId');
    const unscoped = await trainingFacts(await ctxOf(t, head), { siteIds: [cc, sy], from: FROM, to: TO });
    expect(unscoped.some((f) => f.link.includes('departmentId'))).toBe(false);
    expect((await listed(head, fact(unscoped, 'training.attendance').link)).length).toBeGreaterThan(counted.sessions.length);
    // (the department answered every check of the period: a department without people shows the filter at work)
    const nobody = (link: string) => link.replace(dept.body.id, newId());
    expect(await listed(head, nobody(fact(facts, 'training.spot_checks.attempts').link))).toEqual([]);
    expect(await listed(head, nobody(attendanceLink))).toEqual([]);

    // a 沈阳店 reader's department figures leave out 长春店
    const own = await trainingFacts(await ctxOf(t, techSy), { siteIds: 'all', from: FROM, to: TO, departmentId: dept.body.id });
    const ownAttempts = fact(own, 'training.spot_checks.attempts');
    expect([ownAttempts.value, ownAttempts.bySite?.map((x) => x.siteId)]).toEqual([tried.get(sy) ?? 0, [sy]]);
    expect(fact(own, 'training.attendance').value).toBe(attendance.get(sy) ?? 0);
  });

  it('gives calendar events: sessions with their end, spot checks at their due time, none cancelled', async () => {
    const from = '2026-03-15T00:00:00.000Z';
    const to = '2026-03-22T00:00:00.000Z';
    const events = await trainingEvents(await ctxOf(t, head), { from, to });
    const sessions = (
      await head.get<{ items: TrainingSessionDto[] }>(`/api/v1/training/sessions?limit=200&status=planned,done`)
    ).body.items.filter((s) => s.startsAt < to && s.endsAt > from);
    expect(
      events
        .filter((e) => e.kind === 'training')
        .map((e) => e.id)
        .sort(),
    ).toEqual(sessions.map((s) => s.id).sort());
    const soon = events.find((e) => e.title === '应急疏散预案培训');
    expect(soon).toMatchObject({ kind: 'training', status: 'planned', type: 'emergency', link: `/training/sessions/${soon?.id}` });
    expect(soon?.endAt).not.toBeNull();
    const checks = (await head.get<{ items: SpotCheckDto[] }>('/api/v1/training/spot-checks?limit=200')).body.items.filter(
      (c) => c.dueAt >= from && c.dueAt < to,
    );
    const byId = (a: string[], b: string[]) => (a[0] ?? '').localeCompare(b[0] ?? '');
    expect(
      events
        .filter((e) => e.kind === 'spot_check')
        .map((e) => [e.id, e.at, e.status])
        .sort(byId),
    ).toEqual(checks.map((c) => [c.id, c.dueAt, c.status]).sort(byId));
    expect(checks.some((c) => c.status === 'open')).toBe(true);
    expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort());
    const sy = await trainingEvents(await ctxOf(t, techSy), { from, to, siteIds: 'all' });
    expect(sy.every((e) => e.siteName === '沈阳店')).toBe(true);
  });
});
