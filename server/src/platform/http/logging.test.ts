import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/actor.js';
import { errorHandler } from './hooks.js';
import { RequestLogController, requestIdFor, withRequestFields } from './logging.js';

interface Line {
  level: number;
  msg: string;
  status?: number;
  url?: string;
  reqId?: string;
  userId?: string;
  err?: { message: string };
}

/**
 * A server set up as the app sets up its own (logger options, log controller, request
 * ids, error handler) on the given level, whose log lines land in `lines`. A request
 * with `x-test-user` is signed in as that user, as the auth hook would do.
 */
async function serverLogging(level: string) {
  const lines: Line[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const app = Fastify({ logger: withRequestFields({ level, stream }), logController: new RequestLogController(), genReqId: requestIdFor });
  errorHandler(app);
  app.decorateRequest('actor', null);
  app.addHook('preHandler', async (request) => {
    const user = request.headers['x-test-user'];
    if (typeof user === 'string') request.actor = { kind: 'user', userId: user } as Actor;
  });
  app.get('/ok', async () => ({ ok: true }));
  app.get('/broken', async (_req, reply) => reply.status(503).send({ down: true }));
  app.get('/crash', async () => {
    throw new Error('database on fire');
  });
  app.get('/track/:token', async (_req, reply) => reply.status(502).send({ down: true }));
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

  it('names the request and its user on the request line and on the error handler line', async () => {
    const { app, lines } = await serverLogging('info');
    const res = await app.inject({ url: '/crash', headers: { 'x-request-id': 'edge-42', 'x-test-user': 'user-7' } });
    expect(res.statusCode).toBe(500);
    expect(res.headers['x-request-id']).toBe('edge-42');
    await app.close();
    const crashLines = lines.filter((l) => l.reqId === 'edge-42');
    expect(crashLines).toEqual([
      expect.objectContaining({ level: 50, userId: 'user-7', err: expect.objectContaining({ message: 'database on fire' }) }),
      expect.objectContaining({ level: 50, userId: 'user-7', msg: 'request failed', status: 500, url: '/crash' }),
    ]);
  });

  it('leaves userId out for anonymous requests and out of lines not tied to a request', async () => {
    const { app, lines } = await serverLogging('debug');
    const res = await app.inject('/broken');
    app.log.info('not about a request');
    await app.close();
    const line = lines.find((l) => l.url === '/broken');
    expect(line?.reqId).toBe(res.headers['x-request-id']);
    expect(line).not.toHaveProperty('userId');
    expect(lines.find((l) => l.msg === 'not about a request')).not.toHaveProperty('userId');
  });

  it('masks a token in the path, which would let a log reader act on the record', async () => {
    const { app, lines } = await serverLogging('info');
    await app.inject('/track/s3cr3t-follow-up-token?from=sms');
    await app.close();
    const line = lines.find((l) => l.status === 502);
    expect(line?.url).toBe('/track/***?from=sms');
    expect(JSON.stringify(lines)).not.toContain('s3cr3t');
  });

  it('does not let one request lend its user to the next on the same server', async () => {
    const { app, lines } = await serverLogging('debug');
    await app.inject({ url: '/ok', headers: { 'x-test-user': 'user-1' } });
    await app.inject({ url: '/ok' });
    await app.close();
    expect(lines.filter((l) => l.url === '/ok').map((l) => l.userId)).toEqual(['user-1', undefined]);
  });
});
