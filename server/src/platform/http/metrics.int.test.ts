import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ENGINE, login, type TestApp } from '../../../test/harness.js';
import { createScheduler, type JobDeps, registeredJobs } from '../jobs/scheduler.js';
import { createNotifier } from '../notify/notifier.js';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\["\\n])*)"(,|$)/y;

/**
 * A strict reader of the Prometheus text format (0.0.4): every sample belongs to a family
 * declared by `# TYPE` before it, names and labels are well-formed, values are numbers,
 * no series appears twice, and histogram buckets are cumulative up to `+Inf` = `_count`.
 */
function parseExposition(text: string): Sample[] {
  expect(text.endsWith('\n')).toBe(true);
  const types = new Map<string, string>();
  const seen = new Set<string>();
  const samples: Sample[] = [];
  for (const line of text.slice(0, -1).split('\n')) {
    if (line.startsWith('# HELP ')) continue;
    const type = line.match(/^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/);
    if (type) {
      expect(types.has(type[1] as string), `family ${type[1]} declared twice`).toBe(false);
      types.set(type[1] as string, type[2] as string);
      continue;
    }
    const sample = line.match(/^([^\s{]+)(?:\{(.*)\})? (\S+)$/);
    expect(sample, `not a sample line: ${line}`).not.toBeNull();
    const [, name = '', rawLabels = '', rawValue = ''] = sample ?? [];
    expect(name).toMatch(NAME);
    const labels: Record<string, string> = {};
    LABEL.lastIndex = 0;
    while (LABEL.lastIndex < rawLabels.length) {
      const label = LABEL.exec(rawLabels);
      if (!label) throw new Error(`bad labels in ${line}`);
      const [, key = '', raw = ''] = label;
      labels[key] = raw.replace(/\\(["\\n])/g, (_m, c: string) => (c === 'n' ? '\n' : c));
    }
    const value = rawValue === '+Inf' ? Number.POSITIVE_INFINITY : Number(rawValue);
    expect(Number.isNaN(value), `value of ${line}`).toBe(false);
    const family = types.has(name) ? name : name.replace(/_(bucket|sum|count)$/, '');
    expect(types.has(family), `${name} has no # TYPE before it`).toBe(true);
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    expect(seen.has(key), `series ${key} twice`).toBe(false);
    seen.add(key);
    samples.push({ name, labels, value });
  }
  for (const [family, type] of types) {
    if (type !== 'histogram') continue;
    const counts = samples.filter((s) => s.name === `${family}_count`);
    for (const count of counts) {
      const { route } = count.labels;
      const buckets = samples.filter((s) => s.name === `${family}_bucket` && s.labels.route === route);
      const values = buckets.map((b) => b.value);
      expect(values).toEqual([...values].sort((a, b) => a - b));
      expect(buckets.at(-1)?.labels.le).toBe('+Inf');
      expect(buckets.at(-1)?.value).toBe(count.value);
    }
  }
  return samples;
}

function sampleValue(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

describe('GET /metrics', () => {
  let t: TestApp;
  const scrape = async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    return parseExposition(res.body);
  };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('counts requests by method, route pattern and status class, and times them by route', async () => {
    const admin = await login(t.app, 'admin');
    const sites = await admin.get<{ items: { id: string }[] }>('/api/v1/sites');
    const siteId = sites.body.items[0]?.id as string;
    expect((await admin.get(`/api/v1/sites/${siteId}`)).status).toBe(200);
    const before = await scrape();
    const listed = (labels: Record<string, string>, samples: Sample[]) =>
      sampleValue(samples, 'http_requests_total', { method: 'GET', route: '/api/v1/sites', ...labels }) ?? 0;
    expect(listed({ status_class: '2xx' }, before)).toBe(1);

    await admin.get('/api/v1/sites');
    await admin.get('/api/v1/sites');
    await t.app.inject({ method: 'GET', url: '/api/v1/sites' }); // not signed in: 401
    const after = await scrape();
    expect(listed({ status_class: '2xx' }, after)).toBe(3);
    expect(listed({ status_class: '4xx' }, after)).toBe(1);
    expect(sampleValue(after, 'http_request_duration_seconds_count', { route: '/api/v1/sites' })).toBe(4);
    expect(sampleValue(after, 'http_request_duration_seconds_sum', { route: '/api/v1/sites' })).toBeGreaterThan(0);
    // the record's route is its pattern; no label anywhere carries the id itself
    expect(sampleValue(after, 'http_requests_total', { method: 'GET', route: '/api/v1/sites/:id', status_class: '2xx' })).toBe(1);
    expect(after.some((s) => Object.values(s.labels).some((v) => v.includes(siteId)))).toBe(false);
    expect(sampleValue(after, 'http_requests_total', { method: 'POST', route: '/api/v1/auth/login', status_class: '2xx' })).toBe(1);
  });

  it('collapses URLs no route matches into one series', async () => {
    const routesIn = (samples: Sample[]) => new Set(samples.filter((s) => s.name === 'http_requests_total').map((s) => s.labels.route));
    await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing/1' });
    const before = await scrape();
    for (const url of ['/api/v1/no-such-thing/2', '/api/v1/no-such-thing/3?x=1', '/nothing/here', '/%2e%2e/etc/passwd']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(404);
    }
    await t.app.inject({ method: 'DELETE', url: '/whatever' });
    const after = await scrape();
    expect(routesIn(after)).toEqual(routesIn(before));
    const unmatched = { route: 'unmatched', status_class: '4xx' };
    expect(sampleValue(after, 'http_requests_total', { method: 'GET', ...unmatched })).toBe(
      (sampleValue(before, 'http_requests_total', { method: 'GET', ...unmatched }) ?? 0) + 4,
    );
    expect(sampleValue(after, 'http_requests_total', { method: 'DELETE', ...unmatched })).toBe(1);
  });

  it('reports process, event-loop, scheduler and database figures', async () => {
    const jobDeps: JobDeps = { db: t.db, clock: t.clock, config: t.config, notifier: createNotifier([], () => t.clock.now()) };
    const log = { info: () => {}, error: () => {} };
    const scheduler = createScheduler(jobDeps, {
      intervalMs: 60_000,
      log,
      jobs: () => [
        { name: 'metrics-test-ok', run: async () => null },
        {
          name: 'metrics-test-broken',
          run: async () => {
            throw new Error('broken on purpose');
          },
        },
      ],
    });
    await scheduler.tick();
    await scheduler.tick();
    const samples = await scrape();

    expect(sampleValue(samples, 'houqin_job_runs_total', { job: 'metrics-test-ok' })).toBe(2);
    expect(sampleValue(samples, 'houqin_job_failures_total', { job: 'metrics-test-ok' })).toBe(0);
    expect(sampleValue(samples, 'houqin_job_runs_total', { job: 'metrics-test-broken' })).toBe(2);
    expect(sampleValue(samples, 'houqin_job_failures_total', { job: 'metrics-test-broken' })).toBe(2);
    expect(sampleValue(samples, 'houqin_job_last_duration_seconds', { job: 'metrics-test-ok' })).toBeGreaterThanOrEqual(0);
    expect(sampleValue(samples, 'houqin_job_last_run_timestamp_seconds', { job: 'metrics-test-ok' })).toBeGreaterThan(1.7e9);
    // every job the modules registered is listed, run or not
    expect(registeredJobs().length).toBeGreaterThan(0);
    for (const job of registeredJobs()) expect(sampleValue(samples, 'houqin_job_runs_total', { job: job.name })).toBeGreaterThanOrEqual(0);

    for (const name of [
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
      'process_cpu_seconds_total',
      'process_uptime_seconds',
    ]) {
      expect(sampleValue(samples, name), name).toBeGreaterThan(0);
    }
    const utilization = sampleValue(samples, 'nodejs_eventloop_utilization') as number;
    expect(utilization).toBeGreaterThanOrEqual(0);
    expect(utilization).toBeLessThanOrEqual(1);
    expect(sampleValue(samples, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
    expect(sampleValue(samples, 'houqin_build_info', { engine: ENGINE })).toBe(1);
    expect(samples.find((s) => s.name === 'houqin_build_info')?.labels.version).toMatch(/^\d+\.\d+\.\d+/);

    if (ENGINE === 'postgres') {
      expect(sampleValue(samples, 'houqin_db_pool_max_connections')).toBe(5); // the harness's pool size
      expect(sampleValue(samples, 'houqin_db_pool_total_connections')).toBeGreaterThanOrEqual(1);
      expect(sampleValue(samples, 'houqin_db_pool_waiting_clients')).toBe(0);
    } else {
      expect(sampleValue(samples, 'houqin_sqlite_database_bytes')).toBeGreaterThan(0);
      expect(sampleValue(samples, 'houqin_sqlite_wal_bytes')).toBeGreaterThanOrEqual(0);
    }
  });

  it('answers only this host unless the caller holds METRICS_TOKEN', async () => {
    const remote = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.7' });
    expect(remote.statusCode).toBe(403);
    expect(remote.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    // a reverse proxy on this host connects from loopback but says whom it forwards for
    const proxied = await t.app.inject({ method: 'GET', url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(proxied.statusCode).toBe(403);
    const spoofed = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.7',
      headers: { 'x-forwarded-for': '127.0.0.1' },
    });
    expect(spoofed.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '::1' })).statusCode).toBe(200);
    // without METRICS_TOKEN configured, no Bearer token opens it from elsewhere
    const guessed = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.7',
      headers: { authorization: 'Bearer anything-at-all-here' },
    });
    expect(guessed.statusCode).toBe(403);
  });

  it('opens to a Bearer METRICS_TOKEN from any address', async () => {
    const token = 'metrics-token-for-the-test-0123456789';
    const withToken = await createTestApp({ demo: false, env: { METRICS_TOKEN: token } });
    try {
      const from = (headers: Record<string, string>) =>
        withToken.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.7', headers });
      expect((await from({ authorization: `Bearer ${token}` })).statusCode).toBe(200);
      expect((await from({ authorization: `Bearer ${token}x` })).statusCode).toBe(403);
      expect((await from({ 'x-forwarded-for': '198.51.100.1', authorization: `bearer ${token}` })).statusCode).toBe(200);
      expect((await from({})).statusCode).toBe(403);
    } finally {
      await withToken.close();
    }
  });

  it('answers every request with its id, taking a well-formed one from the caller', async () => {
    const fresh = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(fresh.headers['x-request-id']).toMatch(/^[a-z0-9]+$/);
    const given = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'edge-7f3a.42:1' } });
    expect(given.headers['x-request-id']).toBe('edge-7f3a.42:1');
    for (const bad of ['has space', 'x'.repeat(65), 'quote"d', '']) {
      const res = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': bad } });
      expect(res.headers['x-request-id']).not.toBe(bad);
      expect(res.headers['x-request-id']).toMatch(/^[a-z0-9]+$/);
    }
    // error answers carry it too, the same id as in the error body
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing', headers: { 'x-request-id': 'trace-404' } });
    expect(missing.headers['x-request-id']).toBe('trace-404');
    expect(missing.json()).toMatchObject({ error: { requestId: 'trace-404' } });
    const refused = await t.app.inject({ method: 'GET', url: '/api/v1/sites', headers: { 'x-request-id': 'trace-401' } });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['x-request-id']).toBe('trace-401');
    expect(refused.json()).toMatchObject({ error: { requestId: 'trace-401' } });
  });
});
