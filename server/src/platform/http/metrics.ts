import fs from 'node:fs';
import path from 'node:path';
import { type EventLoopUtilization, type IntervalHistogram, monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest, onResponseHookHandler, RouteOptions } from 'fastify';
import { safeEqual } from '../auth/secrets.js';
import { dbStats } from '../db/connect.js';
import { observeJobRuns, registeredJobs } from '../jobs/scheduler.js';
import { AppError } from './errors.js';

/** Upper bounds (seconds) of the request duration histogram: 5 ms … 10 s. */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The route label of requests no route matched: 404s and the web app's page URLs. */
export const UNMATCHED_ROUTE = 'unmatched';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'OTHER'];
const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'];

function methodIndex(method: string): number {
  switch (method) {
    case 'GET':
      return 0;
    case 'HEAD':
      return 1;
    case 'POST':
      return 2;
    case 'PUT':
      return 3;
    case 'PATCH':
      return 4;
    case 'DELETE':
      return 5;
    case 'OPTIONS':
      return 6;
    default:
      return 7;
  }
}

/** A label value in the exposition format: backslash, double quote and newline escaped. */
function labelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/**
 * Everything recorded for one route pattern, in flat arrays so that a request costs a
 * few increments: counts by (method, status class) and one duration histogram.
 */
class RouteSeries {
  readonly requests = new Float64Array(METHODS.length * STATUS_CLASSES.length);
  /** per bucket, not cumulative (summed when rendered); the last slot is above the largest bound */
  readonly buckets = new Float64Array(DURATION_BUCKETS.length + 1);
  count = 0;
  sum = 0;
  /** `route="…"`, escaped once */
  readonly label: string;

  constructor(route: string) {
    this.label = `route="${labelValue(route)}"`;
  }

  record(method: string, status: number, seconds: number): void {
    const statusClass = Math.min(Math.max(Math.floor(status / 100), 1), 5) - 1;
    const slot = methodIndex(method) * STATUS_CLASSES.length + statusClass;
    this.requests[slot] = (this.requests[slot] ?? 0) + 1;
    let bucket = 0;
    while (bucket < DURATION_BUCKETS.length && seconds > (DURATION_BUCKETS[bucket] as number)) bucket += 1;
    this.buckets[bucket] = (this.buckets[bucket] ?? 0) + 1;
    this.count += 1;
    this.sum += seconds;
  }
}

interface JobFigures {
  runs: number;
  failures: number;
  lastSeconds: number;
  lastEndedAt: number;
}

/** The package version, read once from the nearest package.json named houqin (sources or dist/). */
export const APP_VERSION = findVersion();

function findVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 8; depth += 1) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'houqin' && pkg.version) return pkg.version;
    } catch {
      // no package.json at this level (or the bare {"type":"module"} of a build directory): keep climbing
    }
    dir = path.dirname(dir);
  }
  return 'unknown';
}

/** Period (ms) of the timer whose lateness measures the event-loop lag. */
const LOOP_DELAY_RESOLUTION_MS = 20;

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;
// a request that came through a proxy on this host is not a local one
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

/**
 * Who may read /metrics: a client holding `METRICS_TOKEN` as a Bearer token, or a process
 * on this host talking to the server directly. The loopback check uses the socket's
 * peer, not `request.ip` (which trustProxy takes from X-Forwarded-For, so anyone could
 * claim 127.0.0.1), and refuses requests carrying forwarding headers, which a reverse
 * proxy on the same host adds for its internet clients.
 */
export function mayReadMetrics(request: FastifyRequest, token: string | null): boolean {
  if (token) {
    const bearer = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (bearer && safeEqual(bearer, token)) return true;
  }
  const peer = request.raw.socket?.remoteAddress;
  if (!peer || !LOOPBACK.test(peer)) return false;
  return FORWARDING_HEADERS.every((header) => request.headers[header] === undefined);
}

/**
 * `GET /metrics` in the Prometheus text format, and the request accounting behind it:
 * requests and durations by route pattern (never the raw URL, so the set of series is
 * bounded by the route table), process and event-loop figures, scheduler job runs and
 * the database pool. Call before routes are registered: an onRoute hook gives each
 * route its own recorder, so a request costs no lookup.
 */
export function metrics(app: FastifyInstance): void {
  const routes = new Map<string, RouteSeries>();
  const seriesFor = (route: string): RouteSeries => {
    let series = routes.get(route);
    if (!series) {
      series = new RouteSeries(route);
      routes.set(route, series);
    }
    return series;
  };

  app.addHook('onRoute', (route: RouteOptions) => {
    let series: RouteSeries | null = null;
    const record: onResponseHookHandler = (request, reply, done) => {
      series ??= seriesFor(route.url);
      series.record(request.method, reply.statusCode, reply.elapsedTime / 1000);
      done();
    };
    const own = route.onResponse;
    route.onResponse = own ? [...(Array.isArray(own) ? own : [own]), record] : record;
  });
  // requests no route took (the not-found handler) are the only ones this hook records
  app.addHook('onResponse', (request, reply, done) => {
    if (request.is404) seriesFor(UNMATCHED_ROUTE).record(request.method, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  const jobs = new Map<string, JobFigures>();
  const unobserve = observeJobRuns((job, seconds, ok) => {
    let figures = jobs.get(job);
    if (!figures) {
      figures = { runs: 0, failures: 0, lastSeconds: 0, lastEndedAt: 0 };
      jobs.set(job, figures);
    }
    figures.runs += 1;
    if (!ok) figures.failures += 1;
    figures.lastSeconds = seconds;
    figures.lastEndedAt = Date.now() / 1000;
  });

  // started on the first scrape, so a server nobody scrapes does not sample its event loop
  let loopDelay: IntervalHistogram | null = null;
  let lastUtilization: EventLoopUtilization | null = null;
  app.addHook('onClose', async () => {
    unobserve();
    loopDelay?.disable();
  });

  app.get('/metrics', { schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
    if (!mayReadMetrics(request, app.deps.config.metricsToken)) {
      throw new AppError('FORBIDDEN', '指标仅对本机或持有 METRICS_TOKEN 的请求开放');
    }
    if (!loopDelay) {
      loopDelay = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS });
      loopDelay.enable();
    }
    const out = new Exposition();
    renderHttp(out, routes);
    lastUtilization = renderProcess(out, loopDelay, lastUtilization);
    loopDelay.reset();
    renderJobs(out, jobs);
    renderDatabase(out, app);
    out.metric('houqin_build_info', 'gauge', 'Always 1; the labels name the running version, engine and Node.js.');
    out.sample('houqin_build_info', `version="${labelValue(APP_VERSION)}",engine="${app.deps.engine}",node="${process.version}"`, 1);
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(out.text());
  });
}

/** Lines of the text exposition format. */
class Exposition {
  private readonly lines: string[] = [];

  metric(name: string, type: 'counter' | 'gauge' | 'histogram', help: string): void {
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  }

  sample(name: string, labels: string, value: number): void {
    this.lines.push(labels ? `${name}{${labels}} ${value}` : `${name} ${value}`);
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

function renderHttp(out: Exposition, routes: Map<string, RouteSeries>): void {
  out.metric('http_requests_total', 'counter', 'HTTP requests answered, by method, route pattern and status class.');
  for (const series of routes.values()) {
    for (let m = 0; m < METHODS.length; m += 1) {
      for (let c = 0; c < STATUS_CLASSES.length; c += 1) {
        const n = series.requests[m * STATUS_CLASSES.length + c] as number;
        if (n > 0) out.sample('http_requests_total', `method="${METHODS[m]}",${series.label},status_class="${STATUS_CLASSES[c]}"`, n);
      }
    }
  }
  out.metric('http_request_duration_seconds', 'histogram', 'Time from receiving a request to finishing its response, by route pattern.');
  for (const series of routes.values()) {
    let cumulative = 0;
    for (let b = 0; b < DURATION_BUCKETS.length; b += 1) {
      cumulative += series.buckets[b] as number;
      out.sample('http_request_duration_seconds_bucket', `${series.label},le="${DURATION_BUCKETS[b]}"`, cumulative);
    }
    out.sample('http_request_duration_seconds_bucket', `${series.label},le="+Inf"`, series.count);
    out.sample('http_request_duration_seconds_sum', series.label, series.sum);
    out.sample('http_request_duration_seconds_count', series.label, series.count);
  }
}

/** Returns the event-loop utilisation snapshot the next scrape measures from. */
function renderProcess(out: Exposition, loopDelay: IntervalHistogram, since: EventLoopUtilization | null): EventLoopUtilization {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  out.metric('process_cpu_user_seconds_total', 'counter', 'User CPU time spent by the process.');
  out.sample('process_cpu_user_seconds_total', '', cpu.user / 1e6);
  out.metric('process_cpu_system_seconds_total', 'counter', 'System CPU time spent by the process.');
  out.sample('process_cpu_system_seconds_total', '', cpu.system / 1e6);
  out.metric('process_cpu_seconds_total', 'counter', 'User and system CPU time spent by the process.');
  out.sample('process_cpu_seconds_total', '', (cpu.user + cpu.system) / 1e6);
  out.metric('process_resident_memory_bytes', 'gauge', 'Resident set size.');
  out.sample('process_resident_memory_bytes', '', memory.rss);
  out.metric('nodejs_heap_size_total_bytes', 'gauge', 'V8 heap allocated.');
  out.sample('nodejs_heap_size_total_bytes', '', memory.heapTotal);
  out.metric('nodejs_heap_size_used_bytes', 'gauge', 'V8 heap in use.');
  out.sample('nodejs_heap_size_used_bytes', '', memory.heapUsed);
  out.metric('nodejs_external_memory_bytes', 'gauge', 'Memory of C++ objects bound to JavaScript (buffers included).');
  out.sample('nodejs_external_memory_bytes', '', memory.external);
  out.metric('process_start_time_seconds', 'gauge', 'Start time of the process since the Unix epoch.');
  out.sample('process_start_time_seconds', '', Math.round(performance.timeOrigin / 1000));
  out.metric('process_uptime_seconds', 'gauge', 'Seconds since the process started.');
  out.sample('process_uptime_seconds', '', process.uptime());

  const utilization = performance.eventLoopUtilization();
  out.metric('nodejs_eventloop_active_seconds_total', 'counter', 'Time the event loop spent running code (its rate is the utilisation).');
  out.sample('nodejs_eventloop_active_seconds_total', '', utilization.active / 1000);
  out.metric('nodejs_eventloop_utilization', 'gauge', 'Share of time the event loop was busy since the previous scrape (0 to 1).');
  const busy = since ? performance.eventLoopUtilization(utilization, since).utilization : utilization.utilization;
  // two scrapes within the same microsecond leave no interval to divide by
  out.sample('nodejs_eventloop_utilization', '', Number.isFinite(busy) ? busy : 0);
  // the histogram is reset after each scrape: these describe the interval since the previous one
  // the histogram records the whole interval between its timer's wake-ups; the lag is what exceeds the timer's period
  const sampled = loopDelay.count > 0;
  const seconds = (ns: number) => (sampled ? Math.max(0, ns / 1e9 - LOOP_DELAY_RESOLUTION_MS / 1000) : 0);
  out.metric('nodejs_eventloop_lag_p50_seconds', 'gauge', 'Median event-loop delay since the previous scrape.');
  out.sample('nodejs_eventloop_lag_p50_seconds', '', seconds(loopDelay.percentile(50)));
  out.metric('nodejs_eventloop_lag_p99_seconds', 'gauge', '99th percentile event-loop delay since the previous scrape.');
  out.sample('nodejs_eventloop_lag_p99_seconds', '', seconds(loopDelay.percentile(99)));
  out.metric('nodejs_eventloop_lag_max_seconds', 'gauge', 'Largest event-loop delay since the previous scrape.');
  out.sample('nodejs_eventloop_lag_max_seconds', '', seconds(loopDelay.max));
  return utilization;
}

function renderJobs(out: Exposition, jobs: Map<string, JobFigures>): void {
  // every registered job appears from the start, so "never ran" reads as 0, not as a gap
  const names = new Set([...registeredJobs().map((job) => job.name), ...jobs.keys()]);
  const figures = [...names].sort().map((name) => ({ label: `job="${labelValue(name)}"`, f: jobs.get(name) }));
  out.metric('houqin_job_runs_total', 'counter', 'Scheduler job runs in this process, failed ones included.');
  for (const { label, f } of figures) out.sample('houqin_job_runs_total', label, f?.runs ?? 0);
  out.metric('houqin_job_failures_total', 'counter', 'Scheduler job runs that threw.');
  for (const { label, f } of figures) out.sample('houqin_job_failures_total', label, f?.failures ?? 0);
  out.metric('houqin_job_last_duration_seconds', 'gauge', 'Duration of the latest run of the job.');
  for (const { label, f } of figures) if (f) out.sample('houqin_job_last_duration_seconds', label, f.lastSeconds);
  out.metric('houqin_job_last_run_timestamp_seconds', 'gauge', 'When the latest run of the job ended, since the Unix epoch.');
  for (const { label, f } of figures) if (f) out.sample('houqin_job_last_run_timestamp_seconds', label, f.lastEndedAt);
}

function renderDatabase(out: Exposition, app: FastifyInstance): void {
  const stats = dbStats(app.deps.db);
  if (stats?.engine === 'postgres') {
    out.metric('houqin_db_pool_max_connections', 'gauge', 'Size limit of the PostgreSQL connection pool.');
    out.sample('houqin_db_pool_max_connections', '', stats.max);
    out.metric('houqin_db_pool_total_connections', 'gauge', 'Open connections in the PostgreSQL pool.');
    out.sample('houqin_db_pool_total_connections', '', stats.total);
    out.metric('houqin_db_pool_idle_connections', 'gauge', 'Open connections not checked out.');
    out.sample('houqin_db_pool_idle_connections', '', stats.idle);
    out.metric('houqin_db_pool_waiting_clients', 'gauge', 'Queries waiting for a connection.');
    out.sample('houqin_db_pool_waiting_clients', '', stats.waiting);
  } else if (stats?.engine === 'sqlite') {
    out.metric('houqin_sqlite_database_bytes', 'gauge', 'Size of the SQLite database file.');
    out.sample('houqin_sqlite_database_bytes', '', stats.fileBytes);
    out.metric('houqin_sqlite_wal_bytes', 'gauge', 'Size of the SQLite write-ahead log.');
    out.sample('houqin_sqlite_wal_bytes', '', stats.walBytes);
  }
}
