import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportFactsDto } from '../../../../contracts/reports.js';
import { BUILTIN_ROLES } from '../../../../contracts/roles.js';
import type { SummaryFactsResponse } from '../../../../contracts/summary.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { factProviders } from '../../platform/summary/registry.js';
import { siteIdOf, userIdOf } from '../equipment/testing.js';
import type { ErrorBody } from '../hazards/testing.js';
import { ensureOrganization } from '../setup/bootstrap.js';

/**
 * GET /reports/facts over the demo data (the test clock's today is 2026-03-15): every
 * registered module's facts for the period, with the totals of the period before and of
 * the same period last year equal to the facts of those periods asked for on their own;
 * the sites narrowed to what the actor reads with reports:read.
 */
describe(`report facts (${ENGINE})`, () => {
  let t: TestApp;
  let head: Client;
  let dispatcher: Client;
  let syReader: Client;
  let cc: string;
  let sy: string;
  let xx: string;

  const facts = (c: Client, query: string) => c.get<ReportFactsDto & ErrorBody>(`/api/v1/reports/facts?${query}`);
  const fields = (r: { body: unknown }) =>
    Object.fromEntries(((r.body as ErrorBody).error.details?.fields ?? []).map((f) => [f.field, f.message]));

  beforeAll(async () => {
    t = await createTestApp();
    head = await login(t.app, 'head');
    dispatcher = await login(t.app, 'dispatcher');
    cc = await siteIdOf(t.db, 'CC');
    sy = await siteIdOf(t.db, 'SY');
    xx = await siteIdOf(t.db, 'XX');
    // 赵维修 of 沈阳店 also reads reports there (the dispatcher's role, on 沈阳店 only)
    const admin = await login(t.app, 'admin');
    const role = await t.db.selectFrom('roles').select('id').where('code', '=', 'dispatcher').executeTakeFirstOrThrow();
    const grant = await admin.post(`/api/v1/users/${await userIdOf(t.db, 'tech_sy')}/memberships`, { roleId: role.id, siteId: sy });
    expect(grant.status).toBe(201);
    syReader = await login(t.app, 'tech_sy');
  });
  afterAll(() => t.close());

  it('gathers every registered module the head reads, for every site, in summary order', async () => {
    const res = await facts(head, 'kind=quarter&year=2026&index=1');
    expect(res.status).toBe(200);
    const dto = res.body;
    expect(dto.period).toMatchObject({ kind: 'quarter', startDate: '2026-01-01', endDate: '2026-03-31', label: { zh: '2026年第一季度' } });
    expect(dto.sites.map((s) => s.id)).toEqual([cc, sy, xx]);
    expect(dto.departmentId).toBeNull();
    expect(dto.generatedAt).toBe(t.clock.now().toISOString());
    // the head holds every module's permission on every site
    const registered = factProviders().map((p) => p.module);
    expect(registered.length).toBeGreaterThanOrEqual(9);
    expect(dto.modules.map((m) => m.module)).toEqual(registered);
    // every fact belongs to exactly one module, in the modules' order
    expect(dto.modules.flatMap((m) => m.keys)).toEqual(dto.facts.map((f) => f.key));
    expect(new Set(dto.facts.map((f) => f.key)).size).toBe(dto.facts.length);
    // the comparisons hold a value (or null) for every key
    expect(Object.keys(dto.previous.values).sort()).toEqual(dto.facts.map((f) => f.key).sort());
    expect(Object.keys(dto.lastYear.values).sort()).toEqual(dto.facts.map((f) => f.key).sort());
    expect(dto.previous.period).toMatchObject({ kind: 'quarter', startDate: '2025-10-01', endDate: '2025-12-31' });
    expect(dto.lastYear.period).toMatchObject({ kind: 'quarter', startDate: '2025-01-01', endDate: '2025-03-31' });
    // the demo has records in the quarter: not every figure is zero
    expect(dto.facts.some((f) => f.unit === 'count' && (f.value ?? 0) > 0)).toBe(true);
  });

  it('gives the previous period and the same period last year the totals those periods have on their own', async () => {
    // a breakdown key the other period lacks (a category without records there) counts 0; a rate has no basis
    const expected = (now: ReportFactsDto, other: ReportFactsDto) => {
      const values = new Map(other.facts.map((f) => [f.key, f.value]));
      return Object.fromEntries(
        now.facts.map((f) => [f.key, values.has(f.key) ? values.get(f.key) : f.unit === 'count' || f.unit === 'quantity' ? 0 : null]),
      );
    };
    let missing = 0;
    for (const [query, prevQuery, lyQuery] of [
      ['kind=month&year=2026&index=3', 'kind=month&year=2026&index=2', 'kind=month&year=2025&index=3'],
      [
        'kind=custom&startDate=2026-02-10&endDate=2026-03-14',
        'kind=custom&startDate=2026-01-08&endDate=2026-02-09',
        'kind=custom&startDate=2025-02-10&endDate=2025-03-14',
      ],
    ] as const) {
      const sites = `&siteId=${cc}&siteId=${sy}`;
      const [now, prev, ly] = await Promise.all([facts(head, query + sites), facts(head, prevQuery + sites), facts(head, lyQuery + sites)]);
      expect(now.body.previous.period).toEqual(prev.body.period);
      expect(now.body.lastYear.period).toEqual(ly.body.period);
      expect(now.body.previous.values).toEqual(expected(now.body, prev.body));
      expect(now.body.lastYear.values).toEqual(expected(now.body, ly.body));
      for (const other of [prev.body, ly.body]) missing += now.body.facts.filter((f) => !other.facts.some((o) => o.key === f.key)).length;
    }
    // the demo's categories differ from month to month: the rule above was exercised
    expect(missing).toBeGreaterThan(0);
  });

  it('carries each module’s own figures unchanged (the hazards module’s measures, for the same period and sites)', async () => {
    const dto = (await facts(head, `kind=month&year=2026&index=3&siteId=${cc}&siteId=${sy}`)).body;
    const own = await head.get<SummaryFactsResponse>(
      `/api/v1/hazards/measures?from=${dto.period.from}&to=${dto.period.to}&siteId=${cc}&siteId=${sy}`,
    );
    expect(own.status).toBe(200);
    const hazards = dto.facts.filter((f) => f.key.startsWith('hazards.'));
    expect(hazards.length).toBeGreaterThan(0);
    expect(hazards).toEqual(own.body.facts.filter((f) => f.key.startsWith('hazards.')));
    // per site: the two sites asked for, in display order
    expect(hazards[0]?.bySite?.map((s) => s.siteName)).toEqual(['长春店', '沈阳店']);
  });

  it('narrows to the sites the actor reads: a site elsewhere answers 404, like every measures endpoint', async () => {
    const own = await facts(dispatcher, 'kind=month&year=2026&index=3');
    expect(own.status).toBe(200);
    expect(own.body.sites.map((s) => s.name)).toEqual(['长春店']);
    expect((await facts(dispatcher, `kind=month&year=2026&index=3&siteId=${sy}`)).status).toBe(404);
    expect((await facts(dispatcher, `kind=month&year=2026&index=3&siteId=${cc}&siteId=${sy}`)).status).toBe(404);

    const sy1 = await facts(syReader, 'kind=month&year=2026&index=3');
    expect(sy1.body.sites.map((s) => s.name)).toEqual(['沈阳店']);
    expect((await facts(syReader, `kind=month&year=2026&index=3&siteId=${cc}`)).status).toBe(404);
    // an id of no site at all is out of scope too
    expect((await facts(head, 'kind=month&year=2026&index=3&siteId=nosuchsite')).status).toBe(404);

    // a reader sees only the modules whose permission the role holds on the site
    const perms = new Set<string>(BUILTIN_ROLES.find((r) => r.code === 'dispatcher')?.permissions);
    const expected = factProviders()
      .filter((p) => perms.has(p.permission))
      .map((p) => p.module);
    expect(own.body.modules.map((m) => m.module)).toEqual(expected);
    // and the same figures for 长春店 as the head has for it
    const headCc = await facts(head, `kind=month&year=2026&index=3&siteId=${cc}`);
    const mine = new Map(own.body.facts.map((f) => [f.key, f.value]));
    for (const f of headCc.body.facts.filter((x) => mine.has(x.key))) expect([f.key, mine.get(f.key)]).toEqual([f.key, f.value]);
  });

  it('defaults to the current month, and refuses a period that is not one with Chinese field messages', async () => {
    const current = await facts(head, '');
    expect(current.status).toBe(200);
    expect(current.body.period.label).toEqual({ zh: '2026年3月', en: 'Mar 2026' });

    const noIndex = await facts(head, 'kind=quarter&year=2026');
    expect(noIndex.status).toBe(400);
    expect(fields(noIndex)).toEqual({ index: '请选择季度（1–4）' });
    const backwards = await facts(head, 'kind=custom&startDate=2026-03-10&endDate=2026-03-01');
    expect(fields(backwards)).toEqual({ endDate: '结束日期不能早于开始日期' });
    const long = await facts(head, 'kind=custom&startDate=2020-01-01&endDate=2026-03-01');
    expect(fields(long)).toEqual({ endDate: '统计期间最长五年' });
    const dept = await facts(head, 'kind=month&year=2026&index=3&departmentId=nosuchdept');
    expect(fields(dept)).toEqual({ departmentId: '部门不存在' });
  });

  it('passes a department on, and names it in the answer', async () => {
    const dept = await t.db.selectFrom('departments').select('id').where('code', '=', 'GW').executeTakeFirstOrThrow();
    const res = await facts(head, `kind=month&year=2026&index=3&departmentId=${dept.id}`);
    expect(res.status).toBe(200);
    expect(res.body.departmentId).toBe(dept.id);
  });

  it('gives an existing database the new permissions and the ZJ numbering rule on its next start', async () => {
    const added = ['reports:read', 'summaries:write', 'summaries:approve'];
    const known = await t.db.selectFrom('app_meta').select('value').where('key', '=', 'known_permissions').executeTakeFirstOrThrow();
    await t.db
      .updateTable('app_meta')
      .set({ value: JSON.stringify((JSON.parse(known.value) as string[]).filter((p) => !added.includes(p))) })
      .where('key', '=', 'known_permissions')
      .execute();
    for (const role of await t.db.selectFrom('roles').select(['id', 'permissions']).execute()) {
      const without = (JSON.parse(role.permissions) as string[]).filter((p) => !added.includes(p));
      await t.db
        .updateTable('roles')
        .set({ permissions: JSON.stringify(without) })
        .where('id', '=', role.id)
        .execute();
    }
    await t.db.deleteFrom('numbering_rules').where('code', '=', 'ZJ').execute();

    await ensureOrganization(t.db, t.config, t.clock);
    const permissionsOf = async (code: string) =>
      JSON.parse((await t.db.selectFrom('roles').select('permissions').where('code', '=', code).executeTakeFirstOrThrow()).permissions);
    expect(await permissionsOf('head')).toEqual(expect.arrayContaining(added));
    expect(await permissionsOf('property')).toEqual(expect.arrayContaining(['reports:read', 'summaries:write']));
    expect(await permissionsOf('property')).not.toContain('summaries:approve');
    expect(await permissionsOf('leader')).toContain('reports:read');
    expect(await permissionsOf('technician')).not.toContain('reports:read');
    const rule = await t.db.selectFrom('numbering_rules').selectAll().where('code', '=', 'ZJ').executeTakeFirstOrThrow();
    expect(rule).toMatchObject({ prefix: 'ZJ', date_format: 'YYYYMMDD', reset: 'daily', per_site: 0 });
  });
});
