import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentDto, SecurityAlertDto } from '../../../../contracts/incidents.js';
import type { SummaryFact, SummaryScope } from '../../../../contracts/summary.js';
import type { Page } from '../../../../contracts/types.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { actorFromSession } from '../../platform/auth/sessions.js';
import type { Ctx } from '../../platform/context.js';
import { siteIdOf, userIdOf } from '../equipment/testing.js';
import { incidentFacts } from './index.js';
import { createAlert, createIncident } from './testing.js';

/**
 * incidentFacts against counts made independently from the stored rows, and against the
 * records each fact's link lists. The period is the demo's quarter plus this file's own
 * records (the test clock's today is 2026-03-15).
 */
describe(`incident and security-log facts (${ENGINE})`, () => {
  let t: TestApp;
  let head: Client;
  let cc: string;
  let sy: string;
  const scope = (siteIds: SummaryScope['siteIds'] = 'all'): SummaryScope => ({
    siteIds,
    from: '2025-12-01T00:00:00.000Z',
    to: '2026-03-16T00:00:00.000Z',
  });

  async function ctxOf(c: Client): Promise<Ctx> {
    const token = decodeURIComponent(c.cookie.split('=').slice(1).join('='));
    const actor = await actorFromSession(t.db, t.clock, token);
    if (!actor) throw new Error('no session');
    const { config, notifier } = t.app.deps;
    return { db: t.db, actor, requestId: null, clock: t.clock, config, notifier };
  }
  const byKey = (facts: SummaryFact[]) => new Map(facts.map((f) => [f.key, f]));

  beforeAll(async () => {
    t = await createTestApp();
    head = await login(t.app, 'head');
    cc = await siteIdOf(t.db, 'CC');
    sy = await siteIdOf(t.db, 'SY');
    const tech = await login(t.app, 'tech');
    const security = await login(t.app, 'security');
    // a fault still open past its deadline, a fixed one, a draft that does not count, an alert caught by CCTV
    await createIncident(tech, cc, { type: 'fire_alarm_fault', occurredAt: '2026-03-14T01:00:00.000Z', submit: true });
    await createIncident(tech, cc, {
      type: 'fire_alarm_fault',
      occurredAt: '2026-03-15T00:10:00.000Z',
      resolvedAt: '2026-03-15T01:10:00.000Z',
      submit: true,
    });
    await createIncident(tech, cc, { type: 'fire_alarm_fault', occurredAt: '2026-03-15T00:20:00.000Z' });
    await createAlert(security, cc, [await userIdOf(t.db, 'security')], { receivedAt: '2026-03-15T00:30:00.000Z', apprehendedCount: 3 });
  });
  afterAll(() => t.close());

  it('agrees with counts made from the stored rows, per site and in total', async () => {
    const facts = byKey(await incidentFacts(await ctxOf(head), scope()));
    const s = scope();
    const incidents = await t.db
      .selectFrom('incidents')
      .select(['site_id', 'type', 'status', 'deadline_at', 'resolved_at'])
      .where('occurred_at', '>=', s.from)
      .where('occurred_at', '<', s.to)
      .execute();
    const alerts = await t.db
      .selectFrom('security_alerts')
      .select(['id', 'site_id', 'type', 'outcome', 'apprehended_count'])
      .where('received_at', '>=', s.from)
      .where('received_at', '<', s.to)
      .execute();
    const commendations = await t.db.selectFrom('security_commendations').select('alert_id').execute();
    const reported = incidents.filter((i) => i.status !== 'draft');
    const faults = reported.filter((i) => i.type === 'fire_alarm_fault');
    const inTime = faults.filter(
      (i) => i.resolved_at !== null && i.deadline_at !== null && Date.parse(i.resolved_at) <= Date.parse(i.deadline_at),
    );
    const inPeriod = new Set(alerts.map((a) => a.id));
    const expected: Record<string, (siteId: string | null) => number> = {
      'incidents.total': (site) => reported.filter((i) => site === null || i.site_id === site).length,
      'incidents.type.power_outage': (site) =>
        reported.filter((i) => i.type === 'power_outage' && (site === null || i.site_id === site)).length,
      'incidents.awaiting_review': (site) =>
        reported.filter((i) => i.status === 'submitted' && (site === null || i.site_id === site)).length,
      'incidents.fire_alarm_faults': (site) => faults.filter((i) => site === null || i.site_id === site).length,
      'incidents.fire_alarm_faults.fixed_in_time': (site) => inTime.filter((i) => site === null || i.site_id === site).length,
      'security.alerts': (site) => alerts.filter((a) => site === null || a.site_id === site).length,
      'security.alerts.type.theft': (site) => alerts.filter((a) => a.type === 'theft' && (site === null || a.site_id === site)).length,
      'security.apprehended': (site) =>
        alerts.filter((a) => site === null || a.site_id === site).reduce((n, a) => n + Number(a.apprehended_count), 0),
      'security.handed_to_police': (site) =>
        alerts
          .filter((a) => a.outcome === 'handed_to_police' && (site === null || a.site_id === site))
          .reduce((n, a) => n + Number(a.apprehended_count), 0),
      'security.commendations': (site) =>
        commendations.filter(
          (c) => inPeriod.has(c.alert_id) && (site === null || alerts.find((a) => a.id === c.alert_id)?.site_id === site),
        ).length,
    };
    for (const [key, count] of Object.entries(expected)) {
      const fact = facts.get(key);
      expect(fact?.value, key).toBe(count(null));
      for (const site of fact?.bySite ?? []) expect(site.value, `${key} ${site.siteName}`).toBe(count(site.siteId));
    }
    // the demo's quarter: three fire-alarm faults, one fixed only the next morning; plus this file's two reported faults
    expect(facts.get('incidents.fire_alarm_faults')?.value).toBe(5);
    expect(facts.get('incidents.fire_alarm_faults.fixed_in_time')?.value).toBe(3);
    expect(facts.get('incidents.fire_alarm_faults.fixed_in_time_rate')).toMatchObject({ value: 60, unit: 'percent' });
    expect(facts.get('security.commendations')?.value).toBe(2);
    // every incident type of the dictionary has its fact, so the overview can map them
    for (const code of ['fire', 'fire_alarm_fault', 'water_leak', 'injury', 'other'])
      expect(facts.has(`incidents.type.${code}`), code).toBe(true);
  });

  it('links every fact to exactly the records behind it', async () => {
    const facts = await incidentFacts(await ctxOf(head), scope([cc, sy]));
    expect(facts.length).toBeGreaterThan(20);
    for (const fact of facts) {
      expect(fact.link).toContain(`siteId=${cc}`);
      if (fact.unit === 'percent') continue;
      if (fact.link.startsWith('/incidents?')) {
        const items = (await head.get<Page<IncidentDto>>(`/api/v1${fact.link}&limit=200`)).body.items;
        expect(items.length, fact.key).toBe(fact.value);
      } else {
        expect(fact.link.startsWith('/security-alerts?'), fact.key).toBe(true);
        const items = (await head.get<Page<SecurityAlertDto>>(`/api/v1${fact.link}&limit=200`)).body.items;
        const behind =
          fact.key === 'security.apprehended' || fact.key === 'security.handed_to_police'
            ? items.reduce((n, a) => n + a.apprehendedCount, 0)
            : fact.key === 'security.commendations'
              ? items.reduce((n, a) => n + a.commendations.length, 0)
              : items.length;
        expect(behind, fact.key).toBe(fact.value);
      }
    }
  });

  it('reports only the sites the reader may see', async () => {
    const dispatcher = await login(t.app, 'dispatcher');
    const own = byKey(await incidentFacts(await ctxOf(dispatcher), scope()));
    const total = own.get('security.alerts');
    expect(total?.bySite?.map((s) => s.siteId)).toEqual([cc]);
    expect(total?.value).toBe(total?.bySite?.[0]?.value);
    // asking for a site one cannot read gives nothing of it
    const other = byKey(await incidentFacts(await ctxOf(dispatcher), scope([sy])));
    expect(other.get('incidents.total')).toMatchObject({ value: 0, bySite: [] });
    const all = byKey(await incidentFacts(await ctxOf(head), scope()));
    expect(all.get('security.alerts')?.bySite?.map((s) => s.siteId)).toContain(sy);
  });
});
