import autocannon, { type Request, type Result } from 'autocannon';
import type { ServerProcess } from './child.js';

/** One fixed-length load on one server: fixed connections, fixed duration, no pipelining. */
export interface Scenario {
  name: string;
  /** the ceiling scenario this one is compared with (its own name for a ceiling) */
  ceiling: string;
  server: ServerProcess;
  requests: Request[];
  headers?: Record<string, string>;
}

export interface Measurement {
  scenario: string;
  ceiling: string;
  reqPerSec: number;
  total: number;
  p50: number;
  p99: number;
  /** server CPU time (user + system) per answered request, in ms: steadier than req/s on a busy machine */
  cpuMsPerReq: number;
  errors: number;
  non2xx: number;
  statusCodes: string;
  rssMiB: number;
  peakMiB: number;
}

export interface LoadSettings {
  durationSec: number;
  connections: number;
}

function run(url: string, scenario: Scenario, settings: LoadSettings): Promise<Result> {
  return Promise.resolve(
    autocannon({
      url,
      connections: settings.connections,
      duration: settings.durationSec,
      pipelining: 1,
      timeout: 10,
      ...(scenario.headers && { headers: scenario.headers }),
      requests: scenario.requests,
    }),
  );
}

/** A short unrecorded run first, so that the JIT and SQLite's page cache are warm. */
export async function warmUp(scenario: Scenario, seconds: number): Promise<void> {
  await run(scenario.server.baseUrl, scenario, { durationSec: seconds, connections: 4 });
}

export async function measure(scenario: Scenario, settings: LoadSettings): Promise<Measurement> {
  process.stdout.write(`  ${scenario.name.padEnd(30)} ${settings.durationSec} s × ${settings.connections} connections … `);
  const cpuBefore = scenario.server.cpuSeconds();
  const result = await run(scenario.server.baseUrl, scenario, settings);
  const cpuSeconds = scenario.server.cpuSeconds() - cpuBefore;
  const memory = scenario.server.memory();
  const m: Measurement = {
    scenario: scenario.name,
    ceiling: scenario.ceiling,
    reqPerSec: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMsPerReq: result.requests.total > 0 ? (cpuSeconds * 1000) / result.requests.total : Number.NaN,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.entries(result.statusCodeStats)
      .map(([code, s]) => `${code}×${s.count}`)
      .join(' '),
    rssMiB: memory.rssMiB,
    peakMiB: memory.peakMiB,
  };
  process.stdout.write(`${Math.round(m.reqPerSec)} req/s\n`);
  return m;
}
