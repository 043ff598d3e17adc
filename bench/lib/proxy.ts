import net from 'node:net';

/**
 * A round-robin TCP proxy for two (or more) Houqin processes on loopback: each accepted
 * connection is piped to the next upstream in turn, for its whole life. Keep-alive HTTP
 * connections stay on one upstream, so the load is balanced by having many connections
 * (the benchmark's client opens dozens), as a layer-4 load balancer would. No HTTP
 * parsing: the proxy adds one copy of every byte and nothing else.
 */
export interface Upstream {
  host: string;
  port: number;
}

export interface Proxy {
  port: number;
  /** connections handed to each upstream so far */
  connections: number[];
  close(): Promise<void>;
}

export function startProxy(upstreams: Upstream[], port = 0, host = '127.0.0.1'): Promise<Proxy> {
  if (!upstreams.length) throw new Error('the proxy needs at least one upstream');
  const connections = upstreams.map(() => 0);
  const open = new Set<net.Socket>();
  let next = 0;
  const server = net.createServer((client) => {
    const index = next;
    next = (next + 1) % upstreams.length;
    connections[index] = (connections[index] ?? 0) + 1;
    const target = upstreams[index] as Upstream;
    const upstream = net.connect(target.port, target.host);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    open.add(client);
    open.add(upstream);
    // either side closing or failing ends both: the client sees a reset, as with a dead backend
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const addr = server.address();
      if (typeof addr !== 'object' || !addr) return reject(new Error('the proxy has no address'));
      resolve({
        port: addr.port,
        connections,
        close: () =>
          new Promise<void>((done) => {
            for (const s of open) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

/** `host:port,host:port` */
export function parseUpstreams(list: string): Upstream[] {
  return list.split(',').map((entry) => {
    const [host, port] = entry.trim().split(':');
    if (!host || !Number(port)) throw new Error(`upstream "${entry}" is not host:port`);
    return { host, port: Number(port) };
  });
}
