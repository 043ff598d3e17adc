import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { nextNumber } from '../../platform/numbering/numbering.js';

interface Rule {
  id: string;
  code: string;
  name: string;
  prefix: string;
  dateFormat: string;
  seqWidth: number;
  reset: string;
  perSite: boolean;
  sample: string;
  version: number;
}
type Err = { error: { code: string; details: { fields: { field: string; message: string }[] } } };

describe(`numbering rules API (${ENGINE})`, () => {
  let t: TestApp;
  let orgId = '';
  const site: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await t.db.selectFrom('organizations').select('id').executeTakeFirstOrThrow()).id;
    for (const s of await t.db.selectFrom('sites').select(['id', 'code']).execute()) site[s.code] = s.id;
  });
  afterAll(() => t.close());

  const take = (ruleCode: string, siteId: string | null) =>
    t.db.transaction().execute((tx) => nextNumber(tx, { orgId, ruleCode, siteId, at: t.clock.now() }));

  it('lists the seeded default rules to any signed-in user', async () => {
    const tech = await login(t.app, 'tech');
    const res = await tech.get<{ items: Rule[] }>('/api/v1/numbering-rules');
    expect(res.status).toBe(200);
    expect(res.body.items.map((r) => r.code)).toEqual([
      'BY',
      'CC',
      'CG',
      'CS',
      'FX',
      'GC',
      'JJ',
      'LY',
      'PC',
      'PD',
      'PX',
      'SJ',
      'TS',
      'WX',
      'XJ',
      'YH',
      'YL',
      'ZC',
      'ZG',
      'ZJ',
    ]);
    expect(res.body.items.find((r) => r.code === 'WX')).toMatchObject({
      name: '维修工单',
      prefix: 'WX',
      dateFormat: 'YYYYMMDD',
      seqWidth: 4,
      reset: 'daily',
      perSite: true,
      sample: 'WX-20260315-0001',
    });
  });

  it('creates a rule, rejects a duplicate code, updates with a version and audits', async () => {
    const admin = await login(t.app, 'admin');
    const created = await admin.post<Rule>('/api/v1/numbering-rules', {
      code: 'GD',
      name: '资产编号',
      prefix: 'GD',
      dateFormat: '',
      seqWidth: 6,
      reset: 'never',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ perSite: false, sample: 'GD-000001', version: 1 });
    const dup = await admin.post<Err>('/api/v1/numbering-rules', {
      code: 'GD',
      name: '重复',
      prefix: 'ZD',
      dateFormat: '',
      seqWidth: 4,
      reset: 'never',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE');
    expect(dup.body.error.details.fields[0]?.field).toBe('code');

    const samePrefix = await admin.post<Err>('/api/v1/numbering-rules', {
      code: 'GD2',
      name: '另一规则',
      prefix: 'GD',
      dateFormat: '',
      seqWidth: 4,
      reset: 'never',
    });
    expect(samePrefix.status).toBe(409);
    expect(samePrefix.body.error.details.fields[0]?.field).toBe('prefix');

    const id = created.body.id;
    const taken = await admin.patch<Err>(`/api/v1/numbering-rules/${id}`, { prefix: 'WX', version: 1 });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('DUPLICATE');
    const ok = await admin.patch<Rule>(`/api/v1/numbering-rules/${id}`, { name: '固定资产编号', seqWidth: 7, version: 1 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ name: '固定资产编号', seqWidth: 7, sample: 'GD-0000001', version: 2 });
    const stale = await admin.patch<Err>(`/api/v1/numbering-rules/${id}`, { name: '覆盖', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('STALE_VERSION');
    const recode = await admin.patch<Err>(`/api/v1/numbering-rules/${id}`, { code: 'ZZ', version: 2 });
    expect(recode.status).toBe(400);
    expect(recode.body.error.details.fields[0]?.field).toBe('code');

    const history = await admin.get<{ items: { action: string; diff: Record<string, unknown> }[] }>(`/api/v1/audit/numbering_rule/${id}`);
    expect(history.body.items.map((e) => e.action)).toEqual(['update', 'create']);
    expect(history.body.items[0]?.diff).toEqual({ name: ['资产编号', '固定资产编号'], seq_width: [6, 7] });
  });

  it('lists every bad field: unknown date format, width out of 1..10, unknown reset, bad code and prefix', async () => {
    const admin = await login(t.app, 'admin');
    const res = await admin.post<Err>('/api/v1/numbering-rules', {
      code: 'lower',
      name: '',
      prefix: 'W X',
      dateFormat: 'YYMMDD',
      seqWidth: 11,
      reset: 'weekly',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    expect(res.body.error.details.fields.map((f) => f.field).sort()).toEqual(['code', 'dateFormat', 'name', 'prefix', 'reset', 'seqWidth']);
    const zero = await admin.post<Err>('/api/v1/numbering-rules', {
      code: 'Z0',
      name: 'z',
      prefix: 'Z',
      dateFormat: '',
      seqWidth: 0,
      reset: 'never',
    });
    expect(zero.status).toBe(400);
    expect(zero.body.error.details.fields.map((f) => f.field)).toEqual(['seqWidth']);
    const patchBad = await admin.patch<Err>(`/api/v1/numbering-rules/${await ruleId('CG')}`, {
      seqWidth: 11,
      dateFormat: 'MM',
      version: 1,
    });
    expect(patchBad.status).toBe(400);
    expect(patchBad.body.error.details.fields.map((f) => f.field).sort()).toEqual(['dateFormat', 'seqWidth']);
  });

  it('rejects a reset finer than the printed date, which would repeat numbers', async () => {
    const admin = await login(t.app, 'admin');
    const res = await admin.post<Err>('/api/v1/numbering-rules', {
      code: 'RD',
      name: '日清',
      prefix: 'RD',
      dateFormat: 'YYYYMM',
      seqWidth: 4,
      reset: 'daily',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields[0]).toMatchObject({ field: 'reset' });
    expect(res.body.error.details.fields[0]?.message).toContain('YYYYMMDD');
  });

  it('needs numbering:manage to change rules', async () => {
    const head = await login(t.app, 'head');
    const res = await head.post<Err>('/api/v1/numbering-rules', {
      code: 'HD',
      name: 'x',
      prefix: 'HD',
      dateFormat: '',
      seqWidth: 4,
      reset: 'never',
    });
    expect(res.status).toBe(403);
    expect((await head.patch<Err>(`/api/v1/numbering-rules/${await ruleId('WX')}`, { name: 'x', version: 1 })).status).toBe(403);
    expect((await head.post<Err>(`/api/v1/numbering-rules/${await ruleId('WX')}/preview`, { siteId: site.CC })).status).toBe(403);
  });

  it('previews the next number per site without taking it', async () => {
    const admin = await login(t.app, 'admin');
    const wx = await ruleId('WX');
    const first = await admin.post<{ number: string }>(`/api/v1/numbering-rules/${wx}/preview`, { siteId: site.CC });
    expect(first.body.number).toBe('WX-20260315-0001');
    expect(await take('WX', site.CC ?? null)).toBe('WX-20260315-0001');
    expect(await take('WX', site.CC ?? null)).toBe('WX-20260315-0002');
    for (let i = 0; i < 2; i++) {
      const again = await admin.post<{ number: string }>(`/api/v1/numbering-rules/${wx}/preview`, { siteId: site.CC });
      expect(again.body.number).toBe('WX-20260315-0003');
    }
    const sy = await admin.post<{ number: string }>(`/api/v1/numbering-rules/${wx}/preview`, { siteId: site.SY });
    expect(sy.body.number).toBe('WX-20260315-0001');
    const tomorrow = await admin.post<{ number: string; at: string }>(`/api/v1/numbering-rules/${wx}/preview`, {
      siteId: site.CC,
      at: '2026-03-15T16:30:00Z',
    });
    expect(tomorrow.body.number).toBe('WX-20260316-0001');
    const noSite = await admin.post<Err>(`/api/v1/numbering-rules/${wx}/preview`, {});
    expect(noSite.status).toBe(400);
    expect(noSite.body.error.details.fields[0]?.field).toBe('siteId');
    expect((await admin.post<Err>(`/api/v1/numbering-rules/${wx}/preview`, { siteId: 'elsewhere' })).status).toBe(404);
    expect((await admin.post<Err>(`/api/v1/numbering-rules/${wx}/preview`, { siteId: site.CC, at: 'soon' })).status).toBe(400);
    expect((await admin.post<Err>('/api/v1/numbering-rules/missing/preview', {})).status).toBe(404);
  });

  it('locks how counters are keyed once numbers exist, but lets the prefix change', async () => {
    const admin = await login(t.app, 'admin');
    const yh = await ruleId('YH');
    // the demo register already numbers 长春店's hazards this year: the next one follows them
    const first = await take('YH', site.CC ?? null);
    expect(first).toMatch(/^YH-2026-\d{4}$/);
    const next = String(Number(first.slice(-4)) + 1).padStart(4, '0');
    const locked = await admin.patch<Err>(`/api/v1/numbering-rules/${yh}`, { reset: 'monthly', dateFormat: 'YYYYMM', version: 1 });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe('CONFLICT');
    expect(locked.body.error.details.fields.map((f) => f.field).sort()).toEqual(['dateFormat', 'reset']);
    const renamed = await admin.patch<Rule>(`/api/v1/numbering-rules/${yh}`, { prefix: 'YHZG', version: 1 });
    expect(renamed.status).toBe(200);
    expect(await take('YH', site.CC ?? null)).toBe(`YHZG-2026-${next}`);
    // a rule that has issued nothing can still be reshaped
    const pd = await ruleId('PD');
    const reshaped = await admin.patch<Rule>(`/api/v1/numbering-rules/${pd}`, {
      dateFormat: 'YYYY',
      reset: 'yearly',
      perSite: true,
      version: 1,
    });
    expect(reshaped.status).toBe(200);
    expect(reshaped.body.sample).toBe('PD-2026-001');
  });

  it('seeds dictionaries and numbering rules for an organisation created without demo data', async () => {
    const empty = await createTestApp({ demo: false });
    try {
      const rules = await empty.db.selectFrom('numbering_rules').select(['code', 'per_site']).orderBy('code').execute();
      expect(rules.map((r) => r.code)).toEqual([
        'BY',
        'CC',
        'CG',
        'CS',
        'FX',
        'GC',
        'JJ',
        'LY',
        'PC',
        'PD',
        'PX',
        'SJ',
        'TS',
        'WX',
        'XJ',
        'YH',
        'YL',
        'ZC',
        'ZG',
        'ZJ',
      ]);
      const types = await empty.db.selectFrom('dictionaries').select('type').distinct().execute();
      expect(types).toHaveLength(12);
    } finally {
      await empty.close();
    }
  });

  it('documents the system routes in the OpenAPI document under the system tag', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const paths = res.json().paths as Record<string, Record<string, { tags?: string[] }>>;
    for (const path of ['/api/v1/numbering-rules/{id}/preview', '/api/v1/dictionaries/types', '/api/v1/audit/{entity}/{entityId}']) {
      const ops = Object.values(paths[path] ?? {});
      expect(ops.length).toBeGreaterThan(0);
      expect(ops.every((op) => op.tags?.includes('system'))).toBe(true);
    }
  });

  async function ruleId(code: string): Promise<string> {
    return (await t.db.selectFrom('numbering_rules').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  }
});
