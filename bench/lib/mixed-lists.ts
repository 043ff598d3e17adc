import path from 'node:path';
import { startServer } from './child.js';
import { closedLoop, JsonClient, percentiles, signIn, type Work } from './load.js';
import type { PreparedDb } from './mixed-data.js';

/**
 * The work-order list over a large dataset (`--size million`): each scenario on one
 * connection, one request after the other — latency without queueing, which is what
 * the aim "list p95 < 50 ms at 1 million rows" is about. Before timing, each scenario's
 * answer is checked (a full page, every item matching the filter, page n reached by
 * following nextCursor).
 */

export interface ListResult {
  engine: string;
  scenario: string;
  user: string;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  /** answer size, KiB */
  kib: number;
  failed: number;
}

interface Item {
  id: string;
  status: string;
  siteId: string;
}

interface Page {
  items: Item[];
  nextCursor: string | null;
}

const PAGE = 20;
const OPEN = ['pending', 'dispatched', 'accepted', 'arrived', 'in_progress', 'paused'];

interface Scenario {
  name: string;
  user: 'admin' | 'dispatcher';
  url: string;
  /** what every item of the answer must satisfy */
  check?: (item: Item) => boolean;
  /** follow nextCursor to this page (1 = the first) */
  page?: number;
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

export async function runLists(db: PreparedDb, settings: { seconds: number; cpuProfDir: string | null }): Promise<ListResult[]> {
  const server = await startServer({
    name: `houqin-${db.engine}-lists`,
    script: path.join(root, 'server/src/main.ts'),
    readyPath: '/api/health',
    env: { HOUQIN_DEMO: '1', LOG_LEVEL: 'warn', DATABASE_URL: db.databaseUrl ?? '', SCHEDULER: 'off' },
    ...(db.dataDir && { dataDir: db.dataDir }),
    ...(settings.cpuProfDir && { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${settings.cpuProfDir}`] }),
    timeoutMs: 300_000,
  });
  const client = new JsonClient(server.baseUrl, {}, 1);
  try {
    const headers = { admin: await signIn(server.baseUrl, 'admin'), dispatcher: await signIn(server.baseUrl, 'dispatcher') };
    const sites = await client.json<{ items: { id: string; code: string }[] }>('/api/v1/sites?limit=200', headers.admin);
    const cc = sites.items.find((s) => s.code === 'CC')?.id;
    if (!cc) throw new Error('demo site CC not found');
    // the generator gives some demo users the generated sites of their city as well
    const mine = await client.json<{ items: { id: string }[] }>('/api/v1/sites?limit=200', headers.dispatcher);
    const dispatcherSites = new Set(mine.items.map((s) => s.id));
    const base = `/api/v1/work-orders?limit=${PAGE}`;
    const scenarios: Scenario[] = [
      { name: 'newest first', user: 'admin', url: base },
      {
        name: `newest first, user of ${dispatcherSites.size} site${dispatcherSites.size > 1 ? 's' : ''}`,
        user: 'dispatcher',
        url: base,
        check: (i) => dispatcherSites.has(i.siteId),
      },
      { name: 'status: open (6 statuses)', user: 'admin', url: `${base}&status=${OPEN.join(',')}`, check: (i) => OPEN.includes(i.status) },
      { name: 'status: completed', user: 'admin', url: `${base}&status=completed`, check: (i) => i.status === 'completed' },
      { name: 'site: 长春店', user: 'admin', url: `${base}&siteId=${cc}`, check: (i) => i.siteId === cc },
      {
        name: 'site + open',
        user: 'admin',
        url: `${base}&siteId=${cc}&status=${OPEN.join(',')}`,
        check: (i) => i.siteId === cc && OPEN.includes(i.status),
      },
      { name: 'page 10 (cursor)', user: 'admin', url: base, page: 10 },
      { name: 'site, page 10 (cursor)', user: 'admin', url: `${base}&siteId=${cc}`, page: 10, check: (i) => i.siteId === cc },
    ];
    const results: ListResult[] = [];
    for (const s of scenarios) {
      const h = headers[s.user];
      let url = s.url;
      let page = await client.json<Page>(url, h);
      for (let n = 1; n < (s.page ?? 1); n++) {
        if (!page.nextCursor) throw new Error(`${s.name}: no page ${n + 1}`);
        url = `${s.url}&cursor=${encodeURIComponent(page.nextCursor)}`;
        page = await client.json<Page>(url, h);
      }
      const bad = s.check ? page.items.filter((i) => !(s.check as (i: Item) => boolean)(i)).length : 0;
      if (bad) throw new Error(`${s.name}: ${bad} of ${page.items.length} items do not match the filter`);
      // a short list is allowed only where the data really has fewer (few open orders at one site)
      if (page.items.length < PAGE && !s.name.includes('open')) throw new Error(`${s.name}: ${page.items.length} items, expected ${PAGE}`);
      let bytes = 0;
      const work: Work = async (startedAt) => {
        const a = await client.send('GET', url, undefined, { headers: h, startedAt });
        bytes = a.body.length;
        const ok = a.status === 200;
        return { latencies: ok ? [a.ms] : [], failed: ok ? 0 : 1, statuses: [a.status] };
      };
      await closedLoop(work, 1, 1); // warm: plan cache, JIT, pages in memory
      const run = await closedLoop(work, 1, settings.seconds);
      const p = percentiles(run.latencies);
      results.push({
        engine: db.engine,
        scenario: s.name,
        user: s.user,
        requests: run.units,
        ...p,
        kib: bytes / 1024,
        failed: run.failures,
      });
      console.log(
        `    ${s.name.padEnd(30)} p50 ${p.p50.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms (${run.units} requests)`,
      );
    }
    return results;
  } finally {
    client.close();
    await server.stop();
  }
}
