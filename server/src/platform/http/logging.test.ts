import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { RequestLogController } from './logging.js';

/** A server on the given level whose log lines land in `lines`. */
async function serverLogging(level: string) {
  const lines: { level: number; msg: string; status?: number; url?: string }[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const app = Fastify({ logger: { level, stream }, logController: new RequestLogController() });
  app.get('/ok', async () => ({ ok: true }));
  app.get('/broken', async (_req, reply) => reply.status(503).send({ down: true }));
  await app.ready();
  return { app, lines };
}

describe('request log lines', () => {
  it('stays quiet at info for answered requests and reports server failures as errors', async () => {
    const { app, lines } = await serverLogging('info');
    expect((await app.inject('/ok')).statusCode).toBe(200);
    expect((await app.inject('/broken')).statusCode).toBe(503);
    await app.close();
    const requestLines = lines.filter((l) => l.url !== undefined);
    expect(requestLines).toEqual([expect.objectContaining({ level: 50, msg: 'request failed', status: 503, url: '/broken' })]);
    expect(lines.some((l) => l.msg === 'incoming request')).toBe(false);
  });

  it('writes one line per request at debug', async () => {
    const { app, lines } = await serverLogging('debug');
    await app.inject('/ok');
    await app.close();
    expect(lines.filter((l) => l.url === '/ok')).toEqual([expect.objectContaining({ level: 20, msg: 'request completed', status: 200 })]);
  });
});
