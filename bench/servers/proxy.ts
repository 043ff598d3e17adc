import { parseUpstreams, startProxy } from '../lib/proxy.js';

/**
 * The round-robin proxy (bench/lib/proxy.ts) as a process of its own, so that its CPU
 * time is measured apart from the load generator's and the servers'. Started by the
 * mixed benchmark with PORT and UPSTREAMS=host:port,host:port; readiness is any path of
 * the upstreams (e.g. /api/health), answered through the proxy.
 */
const port = Number(process.env.PORT);
const upstreams = process.env.UPSTREAMS;
if (!port || !upstreams) throw new Error('PORT and UPSTREAMS must be set (run this through bench/mixed.ts)');

const proxy = await startProxy(parseUpstreams(upstreams), port);

const stop = async () => {
  await proxy.close();
  console.log(`connections per upstream: ${proxy.connections.join(', ')}`);
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
