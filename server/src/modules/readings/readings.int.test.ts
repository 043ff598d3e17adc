import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviationDto, ReadingChartDto, ReadingDto, ReadingPointDto, ReadingPointInput } from '../../../../contracts/readings.js';
import type { SummaryFactsResponse } from '../../../../contracts/summary.js';
import { type Client, createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import type { JobDeps } from '../../platform/jobs/scheduler.js';
import { occurrencesJob } from '../../platform/occurrences/engine.js';
import { readXlsx, writeXlsx } from '../../platform/print/excel.js';
import { notifyOverdueRechecks } from './deviations.service.js';

type Err = { error: { code: string; message: string; details?: { fields?: { field: string; message: string }[] } } };
type Page<T> = { items: T[]; nextCursor: string | null };
interface ImportResult {
  imported: number;
  valid: number;
  errors: { row: number; column: string; message: string }[];
}

const MINUTE = 60_000;
const fields = (body: unknown) => ((body as Err).error.details?.fields ?? []).map((f) => f.field).sort();

describe(`readings (${ENGINE})`, () => {
  let t: TestApp;
  let admin: Client;
  let tech: Client;
  let techSy: Client;
  let deps: JobDeps;
  const site: Record<'CC' | 'SY', string> = { CC: '', SY: '' };
  const loc: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
    tech = await login(t.app, 'tech');
    techSy = await login(t.app, 'tech_sy');
    deps = { db: t.db, clock: t.clock, config: t.config, notifier: t.app.deps.notifier };
    for (const s of await t.db.selectFrom('sites').select(['id', 'code']).execute())
      if (s.code === 'CC' || s.code === 'SY') site[s.code] = s.id;
    for (const l of await t.db.selectFrom('locations').select(['id', 'code']).execute()) loc[l.code] = l.id;
  });
  afterAll(() => t.close());

  /** Moves the clock; the sign-ins of the morning stay valid across the days the tests walk through. */
  const at = async (iso: string) => {
    t.clock.set(iso);
    await t.db.updateTable('sessions').set({ expires_at: '2099-01-01T00:00:00.000Z' }).execute();
  };

  const pointInput = (over: Partial<ReadingPointInput> = {}): ReadingPointInput => ({
    siteId: site.CC,
    code: `T-${Math.random().toString(36).slice(2, 8)}`,
    name: '测试温度',
    targetType: 'location',
    targetId: loc['CC-A-2F-01'] as string,
    kind: 'instant',
    quantity: '温度',
    unit: '°C',
    target: 24,
    tolerance: 1,
    recurrence: null,
    windowMinutes: 60,
    recheckMinutes: 60,
    ...over,
  });
  const create = async (over: Partial<ReadingPointInput> = {}) => {
    const res = await admin.post<ReadingPointDto>('/api/v1/reading-points', pointInput(over));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const read = (client: Client, pointId: string, value: number, readAt?: string) =>
    client.post<ReadingDto & Err>(`/api/v1/reading-points/${pointId}/readings`, { value, ...(readAt && { readAt }) });
  const deviationOf = async (pointId: string) =>
    (await admin.get<Page<DeviationDto>>(`/api/v1/reading-deviations?pointId=${pointId}`)).body.items[0] as DeviationDto;

  it('validates a point field by field, in Chinese', async () => {
    const res = await admin.post<Err>(
      '/api/v1/reading-points',
      pointInput({ code: 'CC-T-1F', min: 20, max: 18, targetId: loc['SY-A-1F'] as string, windowMinutes: 0 }),
    );
    expect(res.status).toBe(400);
    expect(fields(res.body)).toEqual(['code', 'target', 'targetId', 'windowMinutes']);
    expect(JSON.stringify(res.body)).toContain('编码 CC-T-1F 已被其他读数点使用');
    const meter = await admin.post<Err>('/api/v1/reading-points', pointInput({ kind: 'cumulative', unit: 'kWh' }));
    expect(fields(meter.body)).toEqual(['meterKind', 'target']);
    const half = await admin.post<Err>('/api/v1/reading-points', pointInput({ tolerance: null, min: null, max: 5, target: null }));
    expect(half.status).toBe(201);
    const rule = await admin.post<Err>(
      '/api/v1/reading-points',
      pointInput({ recurrence: { freq: 'daily', interval: 1, times: ['25:00'], startDate: '2026-03-15', anchor: 'calendar' } }),
    );
    expect(rule.status).toBe(400);
    expect(fields(rule.body).some((f) => f.startsWith('recurrence'))).toBe(true);
    // a manager of another site only
    const otherSite = await techSy.post<Err>('/api/v1/reading-points', pointInput());
    expect(otherSite.status).toBe(403);
  });

  it('a reading inside a due window completes its occurrence; a stale edit answers 409', async () => {
    await at('2026-03-15T02:00:00.000Z');
    const p = await create({ recurrence: { freq: 'daily', interval: 1, times: ['11:00'], startDate: '2026-03-15', anchor: 'calendar' } });
    expect(p.nextDueAt).toBe('2026-03-15T03:00:00.000Z');
    expect(p.bandText).toBe('24 ± 1 °C');
    await at('2026-03-15T03:20:00.000Z');
    const r = await read(tech, p.id, 24.4);
    expect(r.status).toBe(201);
    expect(r.body.inBand).toBe(true);
    const occ = await t.db
      .selectFrom('occurrences')
      .selectAll()
      .where('id', '=', r.body.occurrenceId as string)
      .executeTakeFirstOrThrow();
    expect([occ.status, occ.done_at]).toEqual(['done', '2026-03-15T03:20:00.000Z']);
    const after = (await admin.get<ReadingPointDto>(`/api/v1/reading-points/${p.id}`)).body;
    expect([after.lastValue, after.lastInBand, after.nextDueAt]).toEqual([24.4, true, '2026-03-16T03:00:00.000Z']);
    const update = { ...pointInput({ code: p.code, name: '女装区温度' }), version: p.version };
    expect((await admin.req('PUT', `/api/v1/reading-points/${p.id}`, update)).status).toBe(200);
    const stale = await admin.req<Err>('PUT', `/api/v1/reading-points/${p.id}`, update);
    expect([stale.status, stale.body.error.code]).toEqual([409, 'STALE_VERSION']);
  });

  it('a missed reading is a fact, told to the site’s managers once a day per point', async () => {
    await at('2026-03-16T02:00:00.000Z');
    const p = await create({
      recurrence: { freq: 'daily', interval: 1, times: ['12:00', '13:00'], startDate: '2026-03-16', anchor: 'calendar' },
      windowMinutes: 30,
    });
    await at('2026-03-16T05:45:00.000Z');
    await occurrencesJob.run(deps);
    const occs = await t.db
      .selectFrom('occurrences')
      .select(['status', 'due_at'])
      .where('owner_id', '=', p.id)
      .orderBy('due_at')
      .limit(2)
      .execute();
    expect(occs.map((o) => o.status)).toEqual(['missed', 'missed']);
    const notes = await t.db
      .selectFrom('notifications')
      .select(['user_id', 'title'])
      .where('kind', '=', 'reading_missed')
      .where('link', 'like', `%${p.id}`)
      .execute();
    const managers = new Set(notes.map((n) => n.user_id));
    expect(notes.length).toBe(managers.size);
    expect(managers.has(admin.userId)).toBe(true);
    expect(managers.has(tech.userId)).toBe(false);
    const facts = await admin.get<SummaryFactsResponse>(
      `/api/v1/readings/measures?from=2026-03-16T00:00:00.000Z&to=2026-03-17T00:00:00.000Z&siteId=${site.CC}`,
    );
    expect(facts.body.facts.find((f) => f.key === 'readings.missed')?.value).toBeGreaterThanOrEqual(2);
  });

  it('out of band → deviation → corrective note → failed re-check → note → in-band re-check → corrected', async () => {
    await at('2026-03-17T02:00:00.000Z');
    const p = await create({ recheckMinutes: 60 });
    const first = await read(tech, p.id, 26.1);
    expect(first.body.inBand).toBe(false);
    let dev = await deviationOf(p.id);
    expect([dev.status, dev.readingId, dev.recheckDueAt, dev.bandText]).toEqual([
      'open',
      first.body.id,
      '2026-03-17T03:00:00.000Z',
      '24 ± 1 °C',
    ]);
    expect(dev.number).toMatch(/^PC-20260317-\d{4}$/);
    // another out-of-band value while it is open opens nothing new
    t.clock.advance(5 * MINUTE);
    await read(tech, p.id, 26.3);
    expect((await admin.get<Page<DeviationDto>>(`/api/v1/reading-deviations?pointId=${p.id}`)).body.items.length).toBe(1);
    const empty = await tech.post<Err>(`/api/v1/reading-deviations/${dev.id}/correct`, { note: '  ', version: dev.version });
    expect(empty.status).toBe(400);
    const corrected = await tech.post<DeviationDto>(`/api/v1/reading-deviations/${dev.id}/correct`, {
      note: '调低空调设定温度',
      version: dev.version,
    });
    expect(corrected.body.status).toBe('awaiting_recheck');
    const twice = await tech.post<Err>(`/api/v1/reading-deviations/${dev.id}/correct`, { note: '再调', version: corrected.body.version });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    t.clock.advance(30 * MINUTE);
    const failed = await read(tech, p.id, 25.4);
    expect([failed.body.isRecheck, failed.body.deviationId, failed.body.inBand]).toEqual([true, dev.id, false]);
    dev = await deviationOf(p.id);
    expect([dev.status, dev.failedRechecks, dev.recheckDueAt]).toEqual(['open', 1, '2026-03-17T03:35:00.000Z']);
    const stale = await tech.post<Err>(`/api/v1/reading-deviations/${dev.id}/correct`, {
      note: '检修风机盘管',
      version: corrected.body.version,
    });
    expect(stale.status).toBe(409);
    await tech.post(`/api/v1/reading-deviations/${dev.id}/correct`, { note: '检修风机盘管', version: dev.version });
    t.clock.advance(20 * MINUTE);
    const ok = await read(tech, p.id, 24.2);
    expect([ok.body.isRecheck, ok.body.inBand]).toEqual([true, true]);
    dev = await deviationOf(p.id);
    expect([dev.status, dev.recheckReadingId, dev.recheckValue, dev.closedAt, dev.overdue]).toEqual([
      'corrected',
      ok.body.id,
      24.2,
      '2026-03-17T02:55:00.000Z',
      false,
    ]);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', dev.id).orderBy('at').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'correct', 'recheck_failed', 'correct', 'recheck_passed']);
    const facts = await admin.get<SummaryFactsResponse>(
      `/api/v1/readings/measures?from=2026-03-17T00:00:00.000Z&to=2026-03-18T00:00:00.000Z&siteId=${site.CC}`,
    );
    const fact = (key: string) => facts.body.facts.find((f) => f.key === key)?.value;
    expect([
      fact('readings.deviations.opened'),
      fact('readings.deviations.corrected'),
      fact('readings.deviations.corrected_in_time'),
    ]).toEqual([1, 1, 0]);
  });

  it('an overdue re-check is told once', async () => {
    await at('2026-03-18T02:00:00.000Z');
    const p = await create({ recheckMinutes: 30 });
    await read(tech, p.id, 30);
    const dev = await deviationOf(p.id);
    t.clock.advance(31 * MINUTE);
    expect((await deviationOf(p.id)).overdue).toBe(true);
    await notifyOverdueRechecks(deps);
    await notifyOverdueRechecks(deps);
    const notes = await t.db
      .selectFrom('notifications')
      .select('user_id')
      .where('kind', '=', 'reading_recheck_overdue')
      .where('title', 'like', `%${dev.number}`)
      .execute();
    expect(notes.length).toBe(new Set(notes.map((n) => n.user_id)).size);
    expect(notes.length).toBeGreaterThan(0);
    const overdue = await admin.get<Page<DeviationDto>>(`/api/v1/reading-deviations?overdue=1&siteId=${site.CC}`);
    expect(overdue.body.items.map((d) => d.id)).toContain(dev.id);
  });

  it('a meter refuses a lower reading and reports consumption per local day and month', async () => {
    await at('2026-03-20T02:00:00.000Z');
    const m = await create({ kind: 'cumulative', meterKind: 'gas', unit: 'm³', quantity: '燃气', target: null, tolerance: null });
    expect(m.bandText).toBeNull();
    // 07:30 local on the 19th and the 20th, 23:30 local (15:30Z) on the 19th
    await read(tech, m.id, 1000, '2026-03-18T23:30:00.000Z');
    expect((await read(tech, m.id, 1012.5, '2026-03-19T15:30:00.000Z')).body.consumption).toBe(12.5);
    const lower = await read(tech, m.id, 1010);
    expect([lower.status, fields(lower.body)]).toEqual([400, ['value']]);
    expect(lower.body.error.message).toContain('读数小于上次读数');
    const back = await read(tech, m.id, 1100, '2026-03-19T10:00:00.000Z');
    expect(back.status).toBe(400);
    expect((await read(tech, m.id, 1020)).body.inBand).toBeNull();
    const days = await admin.get<{ siteId: string; meterKind: string; period: string; consumption: number }[]>(
      `/api/v1/meters/consumption?siteId=${site.CC}&from=2026-03-18T00:00:00.000Z&to=2026-03-21T00:00:00.000Z&granularity=day`,
    );
    expect(days.body.filter((r) => r.meterKind === 'gas').map((r) => [r.period, r.consumption])).toEqual([
      ['2026-03-19', 12.5],
      ['2026-03-20', 7.5],
    ]);
    const months = await admin.get<{ meterKind: string; period: string; consumption: number; unit: string }[]>(
      `/api/v1/meters/consumption?siteId=${site.CC}&from=2026-03-01T00:00:00.000Z&to=2026-04-01T00:00:00.000Z&granularity=month`,
    );
    expect(months.body.find((r) => r.meterKind === 'gas')).toMatchObject({ period: '2026-03', consumption: 20, unit: 'm³' });
    const sheet = await admin.req(
      'GET',
      `/api/v1/meters/consumption?siteId=${site.CC}&from=2026-03-18T00:00:00.000Z&to=2026-03-21T00:00:00.000Z&format=xlsx`,
    );
    expect([sheet.status, String(sheet.raw.headers['content-type'])]).toEqual([200, expect.stringContaining('spreadsheetml')]);
    const xlsx = await readXlsx(sheet.raw.rawPayload);
    expect(xlsx.headers).toEqual(['日期', '场所', '能耗类别', '单位', '用量']);
    expect(xlsx.rows.map((r) => r.values).filter((v) => v.能耗类别 === '用气量')).toEqual([
      { 日期: '2026-03-19', 场所: '长春店', 能耗类别: '用气量', 单位: 'm³', 用量: '12.5' },
      { 日期: '2026-03-20', 场所: '长春店', 能耗类别: '用气量', 单位: 'm³', 用量: '7.5' },
    ]);
    // the demo's electricity meter has 59 daily differences
    expect(months.body.some((r) => r.meterKind === 'electricity' && r.consumption > 0)).toBe(true);
    const foreign = await techSy.get<Err>(`/api/v1/meters/consumption?siteId=${site.CC}&from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z`);
    expect(foreign.status).toBe(404);
  });

  it('the bulk form takes a whole route or nothing, naming the line', async () => {
    await at('2026-03-21T02:00:00.000Z');
    const a = await create();
    const b = await create({ kind: 'cumulative', meterKind: 'water', unit: 'm³', target: null, tolerance: null });
    await read(tech, b.id, 500);
    t.clock.advance(MINUTE);
    const before = await t.db
      .selectFrom('readings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const bad = await tech.post<Err>('/api/v1/readings/bulk', {
      lines: [
        { pointId: a.id, value: 24 },
        { pointId: b.id, value: 499 },
      ],
    });
    expect([bad.status, fields(bad.body)]).toEqual([400, ['lines.1.value']]);
    const unknown = await tech.post<Err>('/api/v1/readings/bulk', {
      lines: [
        { pointId: a.id, value: 24 },
        { pointId: 'nope', value: 1 },
      ],
    });
    expect(fields(unknown.body)).toEqual(['lines.1.pointId']);
    const after = await t.db
      .selectFrom('readings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const good = await tech.post<{ items: ReadingDto[] }>('/api/v1/readings/bulk', {
      lines: [
        { pointId: a.id, value: 23.5, note: '正常' },
        { pointId: b.id, value: 503 },
      ],
    });
    expect(good.status).toBe(201);
    expect(good.body.items.map((r) => [r.source, r.inBand, r.consumption])).toEqual([
      ['bulk', true, null],
      ['bulk', null, 3],
    ]);
  });

  it('imports readings from Excel: a bad row names row and column and nothing is imported; a good file is', async () => {
    await at('2026-03-22T02:00:00.000Z');
    const p = await create();
    const template = await admin.req('GET', '/api/v1/readings/import/template');
    expect(template.status).toBe(200);
    const book = (rows: string[][]) =>
      writeXlsx(
        '读数',
        ['读数点编码', '读数', '读数时间', '备注'].map((header, i) => ({ header, value: (r: string[]) => r[i] ?? '' })),
        rows,
      );
    const upload = async (file: Buffer, query: string) => {
      const boundary = '----houqin-readings-import';
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="r.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`;
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/readings/import?${query}`,
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
      });
      return { status: res.statusCode, body: res.json() as ImportResult };
    };
    const bad = await upload(
      await book([
        [p.code, '24.1', '2026-03-21 09:05'],
        [p.code, 'abc', '2026-03-21 15:05'],
        ['NO-SUCH', '1', '2026-03-21 09:00'],
        [p.code, '24', '2026-13-01 09:00'],
      ]),
      'dryRun=0',
    );
    expect(bad.body.imported).toBe(0);
    expect(bad.body.errors.map((e) => [e.row, e.column])).toEqual([
      [3, '读数'],
      [4, '读数点编码'],
      [5, '读数时间'],
    ]);
    expect(await t.db.selectFrom('readings').select('id').where('point_id', '=', p.id).execute()).toEqual([]);
    const good = await upload(
      await book([
        [p.code, '24.1', '2026-03-21 09:05'],
        [p.code, '26', '2026-03-21 15:05', '空调故障'],
      ]),
      'dryRun=0',
    );
    expect([good.status, good.body.imported, good.body.errors]).toEqual([200, 2, []]);
    const list = await admin.get<Page<ReadingDto>>(`/api/v1/readings?pointId=${p.id}&sort=readAt`);
    expect(list.body.items.map((r) => [r.readAt, r.value, r.source, r.inBand])).toEqual([
      ['2026-03-21T01:05:00.000Z', 24.1, 'import', true],
      ['2026-03-21T07:05:00.000Z', 26, 'import', false],
    ]);
    expect((await deviationOf(p.id)).status).toBe('open');
    const xlsx = await admin.req('GET', `/api/v1/readings?pointId=${p.id}&format=xlsx`);
    expect(String(xlsx.raw.headers['content-type'])).toContain('spreadsheetml');
  });

  it('devices push with an API token holding readings:push; without it they are refused', async () => {
    await at('2026-03-23T02:00:00.000Z');
    const p = await create();
    const token = (await admin.post<{ token: string }>('/api/v1/api-tokens', { name: '温度记录仪', permissions: ['readings:push'] })).body
      .token;
    const readOnly = (await admin.post<{ token: string }>('/api/v1/api-tokens', { name: '只读', permissions: ['readings:read'] })).body
      .token;
    const push = (bearer: string, payload: unknown) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/readings/device',
        headers: { authorization: `Bearer ${bearer}` },
        payload: payload as object,
      });
    const batch = [
      { pointCode: p.code, value: 24.2, readAt: '2026-03-23T01:00:00.000Z' },
      { pointCode: p.code, value: 24.6, readAt: '2026-03-23T01:30:00.000Z' },
    ];
    const ok = await push(token, batch);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().accepted).toBe(2);
    const one = await push(token, { pointCode: p.code, value: 24.1 });
    expect(one.json().items[0].source).toBe('device');
    const unknown = await push(token, [
      { pointCode: p.code, value: 1 },
      { pointCode: 'NO-SUCH', value: 1 },
    ]);
    expect([unknown.statusCode, fields(unknown.json())]).toEqual([400, ['1.pointCode']]);
    expect((await push(readOnly, batch)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/readings/device', payload: batch })).statusCode).toBe(401);
    const stored = await t.db.selectFrom('readings').select('source').where('point_id', '=', p.id).execute();
    expect(stored.map((r) => r.source)).toEqual(['device', 'device', 'device']);
  });

  it('charts a point raw or bucketed in SQL, with its band', async () => {
    const demo = (await admin.get<Page<ReadingPointDto>>('/api/v1/reading-points?q=CC-T-1F')).body.items[0] as ReadingPointDto;
    const from = '2026-01-01T00:00:00.000Z';
    const to = '2026-03-16T00:00:00.000Z';
    const raw = await admin.get<ReadingChartDto>(`/api/v1/reading-points/${demo.id}/chart?from=${from}&to=${to}&maxPoints=500`);
    expect(raw.body.bucketed).toBe(false);
    expect(raw.body.band).toEqual({ low: 23, high: 25, target: 24 });
    const total = raw.body.points.length;
    expect(total).toBeGreaterThan(100);
    expect(raw.body.points.some((x) => x.inBand === false)).toBe(true);
    const bucketed = await admin.get<ReadingChartDto>(`/api/v1/reading-points/${demo.id}/chart?from=${from}&to=${to}&maxPoints=10`);
    expect(bucketed.body.bucketed).toBe(true);
    expect(bucketed.body.points.length).toBeLessThanOrEqual(10);
    expect(bucketed.body.points.reduce((n, x) => n + x.count, 0)).toBe(total);
    const maxOf = Math.max(...raw.body.points.map((x) => x.max));
    expect(Math.max(...bucketed.body.points.map((x) => x.max))).toBe(maxOf);
    for (const x of bucketed.body.points) expect(x.min <= x.value && x.value <= x.max).toBe(true);
    expect(bucketed.body.points.some((x) => x.inBand === false)).toBe(true);
    // an empty end is the default (now), an unreadable one is named
    const empty = await admin.get<ReadingChartDto>(`/api/v1/reading-points/${demo.id}/chart?to=&from=`);
    expect([empty.status, Date.parse(empty.body.to) - Date.parse(empty.body.from)]).toEqual([200, 30 * 24 * 60 * MINUTE]);
    const unreadable = await admin.get<Err>(`/api/v1/reading-points/${demo.id}/chart?to=soon`);
    expect([unreadable.status, fields(unreadable.body)]).toEqual([400, ['to']]);
  });

  it('finds the points on a scanned QR, and a route’s points', async () => {
    const qr = await t.db
      .selectFrom('qr_codes')
      .select('code')
      .where('target_id', '=', loc['CC-A-1F'] as string)
      .executeTakeFirstOrThrow();
    const byUrl = await tech.get<Page<ReadingPointDto>>(
      `/api/v1/reading-points?qr=${encodeURIComponent(`https://houqin.example/q/${qr.code}`)}`,
    );
    expect(byUrl.body.items.map((p) => p.code)).toEqual(['CC-T-1F']);
    const byCode = await tech.get<Page<ReadingPointDto>>(`/api/v1/reading-points?qr=${qr.code.toLowerCase()}`);
    expect(byCode.body.items.map((p) => p.code)).toEqual(['CC-T-1F']);
    expect((await tech.get<Page<ReadingPointDto>>('/api/v1/reading-points?qr=ZZZZZZZZ')).body.items).toEqual([]);
    // 沈阳店's technician scanning a 长春店 label sees nothing
    expect((await techSy.get<Page<ReadingPointDto>>(`/api/v1/reading-points?qr=${qr.code}`)).body.items).toEqual([]);
    const plan = await t.db.selectFrom('patrol_plans').select(['id', 'name']).where('site_id', '=', site.CC).executeTakeFirstOrThrow();
    const p = await create({ patrolPlanId: plan.id });
    expect([p.patrolPlanId, p.patrolPlanName]).toEqual([plan.id, plan.name]);
    const route = await admin.get<Page<ReadingPointDto>>(`/api/v1/reading-points?patrolPlanId=${plan.id}`);
    expect(route.body.items.find((x) => x.id === p.id)?.patrolPlanName).toBe(plan.name);
    const unknownPlan = await admin.post<Err>('/api/v1/reading-points', pointInput({ patrolPlanId: 'no-such-plan' }));
    expect(fields(unknownPlan.body)).toEqual(['patrolPlanId']);
    // 长春店's route for a 沈阳店 point
    const otherSite = await admin.post<Err>(
      '/api/v1/reading-points',
      pointInput({ siteId: site.SY, targetId: loc['SY-A-1F'] as string, patrolPlanId: plan.id }),
    );
    expect(fields(otherSite.body)).toEqual(['patrolPlanId']);
  });

  it('searches readings by point code or name, deviations also by number', async () => {
    await at('2026-03-23T06:00:00.000Z');
    const p = await create({ code: `Q-${Math.random().toString(36).slice(2, 8)}`, name: '检索用冷柜温度' });
    const other = await create({ name: '检索用其他温度' });
    await read(tech, p.id, 24);
    await read(tech, other.id, 24);
    t.clock.advance(MINUTE);
    await read(tech, p.id, 30);
    const byCode = await admin.get<Page<ReadingDto>>(`/api/v1/readings?q=${encodeURIComponent(p.code.toLowerCase())}`);
    expect(byCode.body.items.map((r) => [r.pointId, r.value])).toEqual([
      [p.id, 30],
      [p.id, 24],
    ]);
    const byName = await admin.get<Page<ReadingDto>>(`/api/v1/readings?q=${encodeURIComponent('检索用')}`);
    expect(new Set(byName.body.items.map((r) => r.pointId))).toEqual(new Set([p.id, other.id]));
    // a typed % is a character, not a wildcard
    expect((await admin.get<Page<ReadingDto>>('/api/v1/readings?q=%25%25')).body.items).toEqual([]);
    const dev = await deviationOf(p.id);
    for (const q of [dev.number, p.code, '冷柜']) {
      const res = await admin.get<Page<DeviationDto>>(`/api/v1/reading-deviations?q=${encodeURIComponent(q)}`);
      expect(res.body.items.map((d) => d.id)).toEqual([dev.id]);
    }
    // the search narrows within the site scope, never past it
    expect((await techSy.get<Page<DeviationDto>>(`/api/v1/reading-deviations?q=${dev.number}`)).body.items).toEqual([]);
    expect((await techSy.get<Page<ReadingDto>>(`/api/v1/readings?q=${p.code}`)).body.items).toEqual([]);
  });

  it('answers 404 for another site’s point, reading and deviation', async () => {
    const cc = (await admin.get<Page<ReadingPointDto>>('/api/v1/reading-points?q=CC-T-1F')).body.items[0] as ReadingPointDto;
    expect((await techSy.get(`/api/v1/reading-points/${cc.id}`)).status).toBe(404);
    expect((await techSy.get(`/api/v1/reading-points/${cc.id}/chart`)).status).toBe(404);
    expect((await read(techSy, cc.id, 24)).status).toBe(404);
    expect((await techSy.get(`/api/v1/readings?pointId=${cc.id}`)).status).toBe(404);
    const bulk = await techSy.post<Err>('/api/v1/readings/bulk', { lines: [{ pointId: cc.id, value: 24 }] });
    expect(fields(bulk.body)).toEqual(['lines.0.pointId']);
    const dev = (await admin.get<Page<DeviationDto>>(`/api/v1/reading-deviations?siteId=${site.CC}&status=corrected`)).body
      .items[0] as DeviationDto;
    expect((await techSy.get(`/api/v1/reading-deviations/${dev.id}`)).status).toBe(404);
    expect((await techSy.post(`/api/v1/reading-deviations/${dev.id}/correct`, { note: 'x', version: dev.version })).status).toBe(404);
    const sy = await techSy.get<Page<ReadingDto>>('/api/v1/readings?limit=200');
    expect(sy.body.items.every((r) => r.siteId === site.SY)).toBe(true);
    // the demo: one corrected deviation on 长春店, one open on 沈阳店
    const open = await techSy.get<Page<DeviationDto>>('/api/v1/reading-deviations?status=open');
    expect(open.body.items.map((d) => d.pointCode)).toEqual(['SY-T-LK']);
  });

  it('stops and restarts a point', async () => {
    await at('2026-03-24T02:00:00.000Z');
    const p = await create({ recurrence: { freq: 'daily', interval: 1, times: ['15:00'], startDate: '2026-03-24', anchor: 'calendar' } });
    const off = await admin.post<ReadingPointDto>(`/api/v1/reading-points/${p.id}/active`, { active: false, version: p.version });
    expect([off.body.active, off.body.nextDueAt]).toEqual([false, null]);
    expect((await read(tech, p.id, 24)).status).toBe(400);
    const on = await admin.post<ReadingPointDto>(`/api/v1/reading-points/${p.id}/active`, { active: true, version: off.body.version });
    expect([on.body.active, on.body.nextDueAt]).toEqual([true, '2026-03-24T07:00:00.000Z']);
  });
});
