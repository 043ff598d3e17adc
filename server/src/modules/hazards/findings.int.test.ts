import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignDto, FindingDto, HazardDto } from '../../../../contracts/hazards.js';
import type { SummaryFactsResponse } from '../../../../contracts/summary.js';
import type { Page } from '../../../../contracts/types.js';
import type { WorkOrderDto } from '../../../../contracts/workorders.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { systemActor } from '../../platform/access/actor.js';
import { orgIdOf, siteIdOf, userIdOf } from '../equipment/testing.js';
import { findingCountsBySource, recordFinding } from './index.js';
import { type ErrorBody, reportFinding, reportHazard, steps, uploadPhoto } from './testing.js';

const DAY = 86_400_000;

describe(`findings, campaigns and hazard measures (${ENGINE})`, () => {
  let t: TestApp;
  let property: Client;
  let head: Client;
  let tech: Client;
  let techSy: Client;
  let security: Client;
  let cleaner: Client;
  let cc: string;
  let sy: string;
  let techId: string;
  let propertyId: string;

  const resolve = (c: Client, f: FindingDto, body: Record<string, unknown>) =>
    c.post<FindingDto & ErrorBody>(`/api/v1/findings/${f.id}/resolve`, { version: f.version, ...body });
  const fields = (r: { body: ErrorBody }) => r.body.error.details?.fields?.map((x) => x.field).sort();

  beforeAll(async () => {
    t = await createTestApp({ env: { SESSION_TTL_HOURS: '5000' } });
    // a period of its own, after the demo data: the measures count only what these tests record
    t.clock.set('2026-06-01T02:00:00.000Z');
    [property, head, tech, techSy, security, cleaner] = (await Promise.all(
      ['property', 'head', 'tech', 'tech_sy', 'security', 'cleaner'].map((u) => login(t.app, u)),
    )) as [Client, Client, Client, Client, Client, Client];
    cc = await siteIdOf(t.db, 'CC');
    sy = await siteIdOf(t.db, 'SY');
    techId = await userIdOf(t.db, 'tech');
    propertyId = await userIdOf(t.db, 'property');
  });
  afterAll(() => t.close());

  it('lets a finder without hazards:read report, see and fix a problem on the spot with a photo', async () => {
    const f = await reportFinding(cleaner, sy, { category: 'equipment', description: '二层应急照明灯不亮' });
    expect(f.number).toMatch(/^FX-20260601-\d{4}$/);
    expect(f).toMatchObject({ source: 'direct', resolution: 'open', handled: false, canResolve: true, foundByName: '周保洁' });
    expect((await cleaner.get<FindingDto>(`/api/v1/findings/${f.id}`)).status).toBe(200);
    // no hazards:read anywhere: the list holds the cleaner's own reports (the demo has one more)
    const own = (await cleaner.get<Page<FindingDto>>('/api/v1/findings')).body.items;
    expect(own.map((i) => i.id)).toContain(f.id);
    expect(new Set(own.map((i) => i.foundByName))).toEqual(new Set(['周保洁']));
    expect((await tech.get(`/api/v1/findings/${f.id}`)).status).toBe(404);
    expect((await resolve(tech, f, { resolution: 'fixed_on_spot', note: 'x' })).status).toBe(404);

    const noPhoto = await resolve(cleaner, f, { resolution: 'fixed_on_spot', note: '已更换灯管' });
    expect(fields(noPhoto)).toEqual(['fixPhotos']);
    expect((await uploadPhoto(cleaner, 'finding_fix', f.id)).status).toBe(201);
    const fixed = (await resolve(cleaner, f, { resolution: 'fixed_on_spot', note: '已更换灯管' })).body;
    expect(fixed).toMatchObject({ resolution: 'fixed_on_spot', fixNote: '已更换灯管', handled: true, fixPhotoIds: [expect.any(String)] });
    const twice = await resolve(cleaner, fixed, { resolution: 'fixed_on_spot', note: 'again' });
    expect(twice.body.error.code).toBe('ILLEGAL_TRANSITION');
  });

  it('turns a finding into a repair work order through the intake; handled once the repair is finished', async () => {
    const f = await reportFinding(security, cc, { category: 'electrical_safety', description: '一层化妆品区插座面板破裂' });
    // security found it but the resolution is the finder's or a manager's: tech is neither
    expect((await resolve(tech, f, { resolution: 'work_order' })).status).toBe(403);
    const stale = await resolve(property, { ...f, version: f.version + 3 }, { resolution: 'work_order', urgency: 'urgent' });
    expect(stale.body.error.code).toBe('STALE_VERSION');
    expect(await t.db.selectFrom('work_orders').select('id').where('source_id', '=', f.id).execute()).toEqual([]);
    const done = (await resolve(property, f, { resolution: 'work_order', urgency: 'urgent', note: '尽快更换' })).body;
    expect(done).toMatchObject({ resolution: 'work_order', handled: false, workOrderStatus: expect.any(String) });
    expect(done.workOrderNumber).toMatch(/^WX-20260601-\d{4}$/);
    const wo = (await property.get<WorkOrderDto>(`/api/v1/work-orders/${done.workOrderId}`)).body;
    expect(wo).toMatchObject({ siteId: cc, category: 'power', urgency: 'urgent', sourceType: 'finding', sourceId: f.id, channel: 'web' });
    expect(wo.description).toContain(f.number);
    // the repair's own life is the work-order module's: finishing it is what makes the finding handled
    await t.db.updateTable('work_orders').set({ status: 'completed' }).where('id', '=', wo.id).execute();
    expect((await property.get<FindingDto>(`/api/v1/findings/${f.id}`)).body.handled).toBe(true);
    const handled = await property.get<Page<FindingDto>>(`/api/v1/findings?handled=1&siteId=${cc}&limit=200`);
    expect(handled.body.items.map((i) => i.id)).toContain(f.id);
  });

  it('registers a finding as a hazard in the same transaction, keeping its photos as the before photos', async () => {
    const f = await reportFinding(security, cc, { category: 'fire_safety', description: '消防通道被纸箱堵塞' });
    expect((await uploadPhoto(security, 'finding', f.id)).status).toBe(201);
    const bad = await resolve(property, f, { resolution: 'hazard', hazard: { category: 'nope', grade: 'general', title: '通道堵塞' } });
    expect(fields(bad)).toEqual(['category']);
    expect((await property.get<FindingDto>(`/api/v1/findings/${f.id}`)).body.resolution).toBe('open');
    const done = (
      await resolve(property, f, { resolution: 'hazard', hazard: { category: 'fire_safety', grade: 'general', title: '消防通道堵塞' } })
    ).body;
    expect(done).toMatchObject({ resolution: 'hazard', hazardStatus: 'registered', handled: false });
    const h = (await property.get<HazardDto>(`/api/v1/hazards/${done.hazardId}`)).body;
    expect(h).toMatchObject({ findingId: f.id, source: 'direct', description: '消防通道被纸箱堵塞', foundByName: '陈保安' });
    expect(h.photoIds).toHaveLength(1);
    await steps(h, [
      [property, 'assign', { responsibleId: techId, verifierId: propertyId, measures: '清理纸箱', deadline: '2026-06-03' }],
      [tech, 'photo'],
      [tech, 'submit', { note: '已清理' }],
      [property, 'accept'],
    ]);
    expect((await security.get<FindingDto>(`/api/v1/findings/${f.id}`)).body).toMatchObject({ hazardStatus: 'closed', handled: true });
  });

  it('records findings for other modules in their transaction, audited, and counts them by source', async () => {
    const orgId = await orgIdOf(t.db);
    const ctx = { db: t.db, actor: systemActor(orgId), requestId: null, clock: t.clock, config: t.config, notifier: t.app.deps.notifier };
    const made = await t.db.transaction().execute(async (tx) => [
      await recordFinding(ctx, tx, {
        siteId: cc,
        source: 'patrol',
        sourceType: 'patrol_round_point',
        sourceId: 'point-1',
        sourceLabel: 'XJ-20260601-0001 消防控制室',
        roundId: 'round-1',
        locationId: null,
        assetId: null,
        category: 'fire_safety',
        description: '值班记录未填写',
      }),
      await recordFinding(ctx, tx, {
        siteId: cc,
        source: 'patrol',
        sourceType: 'patrol_round_point',
        sourceId: 'point-1',
        sourceLabel: 'XJ-20260601-0001 消防控制室',
        roundId: 'round-1',
        locationId: null,
        assetId: null,
        category: null,
        description: '灭火器压力不足',
      }),
    ]);
    expect(made[0]?.number).toMatch(/^FX-20260601-\d{4}$/);
    const audited = await t.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('entity', '=', 'finding')
      .where('action', '=', 'create')
      .execute();
    expect(audited.map((a) => a.entity_id)).toEqual(expect.arrayContaining(made.map((m) => m.id)));
    const counts = await findingCountsBySource(t.db, 'patrol_round_point', ['point-1', 'point-2']);
    expect([...counts]).toEqual([['point-1', 2]]);
    const byRound = await property.get<Page<FindingDto>>('/api/v1/findings?roundId=round-1&source=patrol');
    expect(byRound.body.items.map((i) => i.sourceLabel)).toEqual(['XJ-20260601-0001 消防控制室', 'XJ-20260601-0001 消防控制室']);
  });

  it('manages a campaign and counts its results per site from the findings and hazards under it', async () => {
    const body = {
      name: '夏季消防专项检查',
      siteIds: [cc, sy],
      categories: ['fire_safety'],
      teamIds: [],
      startDate: '2026-06-01',
      endDate: '2026-06-30',
    };
    const refused = await property.post<ErrorBody>('/api/v1/inspection-campaigns', body);
    expect(fields(refused)).toEqual(['siteIds']);
    const bad = await head.post<ErrorBody>('/api/v1/inspection-campaigns', { ...body, categories: ['x'], endDate: '2026-05-01' });
    expect(fields(bad)).toEqual(['categories', 'endDate']);
    const created = await head.post<CampaignDto>('/api/v1/inspection-campaigns', body);
    expect(created.status).toBe(201);
    const c = created.body;
    expect(c).toMatchObject({ phase: 'active', siteNames: ['长春店', '沈阳店'], canManage: true });

    await reportFinding(security, cc, { campaignId: c.id, description: '疏散指示标志被遮挡' });
    await reportFinding(techSy, sy, { campaignId: c.id, description: '消火栓箱门无法打开' });
    const onTime = await reportHazard(security, cc, { campaignId: c.id });
    expect(onTime.source).toBe('campaign');
    await steps(onTime, [
      [property, 'assign', { responsibleId: techId, verifierId: propertyId, measures: '更换', deadline: '2026-06-02' }],
      [tech, 'photo'],
      [tech, 'submit', { note: '已更换' }],
      [property, 'accept'],
    ]);
    const late = await steps(await reportHazard(security, cc, { campaignId: c.id, title: '防火门闭门器损坏' }), [
      [property, 'assign', { responsibleId: techId, verifierId: propertyId, measures: '更换闭门器', deadline: '2026-06-01' }],
    ]);
    expect(late.status).toBe('rectifying');
    // a finding of another site cannot join a campaign that does not cover it
    const other = await t.db.selectFrom('sites').select('id').where('code', '=', 'XX').executeTakeFirstOrThrow();
    const outside = await head.post<ErrorBody>('/api/v1/findings', { siteId: other.id, campaignId: c.id, description: 'x' });
    expect(fields(outside)).toEqual(['campaignId']);

    t.clock.advance(2 * DAY); // 2026-06-03: the second hazard is overdue
    const got = (await property.get<CampaignDto>(`/api/v1/inspection-campaigns/${c.id}`)).body;
    // property reads patrols on 长春店 only: that site's results alone
    expect(got.results).toEqual([
      { siteId: cc, siteName: '长春店', findings: 1, hazards: 2, rectified: 1, onTime: 1, open: 1, overdue: 1 },
    ]);
    expect(got.canManage).toBe(false);
    const all = (await head.get<CampaignDto>(`/api/v1/inspection-campaigns/${c.id}`)).body;
    expect(all.results.map((r) => [r.siteName, r.findings, r.hazards])).toEqual([
      ['长春店', 1, 2],
      ['沈阳店', 1, 0],
    ]);
    expect(
      (await techSy.get<Page<CampaignDto>>('/api/v1/inspection-campaigns?year=2026&phase=active')).body.items.map((i) => i.id),
    ).toContain(c.id);

    const shrink = await head.req<ErrorBody>('PUT', `/api/v1/inspection-campaigns/${c.id}`, { ...body, siteIds: [sy], version: c.version });
    expect(fields(shrink)).toEqual(['siteIds']);
    const renamed = await head.req<CampaignDto>('PUT', `/api/v1/inspection-campaigns/${c.id}`, {
      ...body,
      name: '夏季消防安全专项检查',
      version: c.version,
    });
    expect(renamed.body).toMatchObject({ name: '夏季消防安全专项检查', version: 2 });
    expect((await head.req<ErrorBody>('DELETE', `/api/v1/inspection-campaigns/${c.id}?version=2`)).body.error.code).toBe('CONFLICT');
    const empty = (
      await head.post<CampaignDto>('/api/v1/inspection-campaigns', {
        ...body,
        name: '秋季检查',
        startDate: '2026-09-01',
        endDate: '2026-09-30',
      })
    ).body;
    expect(empty.phase).toBe('planned');
    expect((await head.req('DELETE', `/api/v1/inspection-campaigns/${empty.id}?version=1`)).status).toBe(200);
    expect((await head.get(`/api/v1/inspection-campaigns/${empty.id}`)).status).toBe(404);
  });

  it('answers measures whose every count matches the records its link lists', async () => {
    const from = '2026-06-01T00:00:00.000Z';
    const to = '2026-07-01T00:00:00.000Z';
    const res = await head.get<SummaryFactsResponse>(`/api/v1/hazards/measures?from=${from}&to=${to}&siteId=${cc}&siteId=${sy}`);
    expect(res.status).toBe(200);
    const fact = (key: string) => res.body.facts.find((f) => f.key === key);
    // findings of these tests: the cleaner's, the work order, the hazard, two from a patrol, two under the campaign
    expect(fact('hazards.findings.found')?.value).toBe(7);
    expect(fact('hazards.findings.handled')?.value).toBe(3);
    expect(fact('hazards.findings.resolution.fixed_on_spot')?.value).toBe(1);
    expect(fact('hazards.findings.resolution.work_order')?.value).toBe(1);
    expect(fact('hazards.findings.resolution.hazard')?.value).toBe(1);
    expect(fact('hazards.findings.handled_rate')?.value).toBe(42.9);
    expect(fact('hazards.found')?.value).toBe(3);
    expect(fact('hazards.rectified')?.value).toBe(2);
    expect(fact('hazards.on_time')?.value).toBe(2);
    expect(fact('hazards.open')?.value).toBe(1);
    expect(fact('hazards.overdue')?.value).toBe(1);
    expect(fact('hazards.found.category.fire_safety')?.value).toBe(3);
    expect(fact('hazards.found.grade.general')?.value).toBe(3);
    expect(fact('hazards.rectification_rate')?.value).toBe(66.7);
    expect(fact('hazards.on_time_rate')?.value).toBe(100);
    expect(fact('hazards.found')?.bySite?.map((s) => s.value)).toEqual([3, 0]);
    let checked = 0;
    for (const f of res.body.facts.filter((x) => x.unit === 'count')) {
      const api = f.link.replace(/^\/hazards\/register\?/, '/api/v1/hazards?').replace(/^\/hazards\/findings\?/, '/api/v1/findings?');
      const listed = await head.get<Page<unknown>>(`${api}&limit=200`);
      expect(listed.status, f.link).toBe(200);
      expect(listed.body.items.length, `${f.key} ${f.link}`).toBe(f.value);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
    // property reads 长春店 only: 沈阳店 is not theirs to ask for
    expect((await property.get(`/api/v1/hazards/measures?from=${from}&to=${to}&siteId=${sy}`)).status).toBe(404);
    const bad = await head.get<ErrorBody>(`/api/v1/hazards/measures?from=${to}&to=${from}`);
    expect(bad.status).toBe(400);
  });
});
