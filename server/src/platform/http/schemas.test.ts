import Fastify from 'fastify';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { AJV_OPTIONS } from '../../app.js';
import { Nullable, NullableInteger, NullableNumber } from './schemas.js';

/** Nullable numbers survive the validator's type coercion as they were sent. */
describe('nullable numbers under coercion', () => {
  async function echo(body: unknown) {
    const app = Fastify({ ajv: { customOptions: { ...AJV_OPTIONS } } });
    app.post(
      '/echo',
      { schema: { body: Type.Object({ a: Type.Optional(NullableInteger({ minimum: 0 })), b: Type.Optional(NullableNumber()) }) } },
      async (req) => req.body,
    );
    const res = await app.inject({ method: 'POST', url: '/echo', payload: body as object });
    await app.close();
    return { status: res.statusCode, body: res.json() };
  }

  it('keeps null as null and 0 as 0, and still refuses what is out of bounds', async () => {
    expect(await echo({ a: null, b: null })).toEqual({ status: 200, body: { a: null, b: null } });
    expect(await echo({ a: 0, b: 0 })).toEqual({ status: 200, body: { a: 0, b: 0 } });
    expect(await echo({ a: 7, b: 2.5 })).toEqual({ status: 200, body: { a: 7, b: 2.5 } });
    expect((await echo({ a: -1 })).status).toBe(400);
    expect((await echo({ a: 1.5 })).status).toBe(400);
  });

  it('keeps null for strings, arrays and objects too', async () => {
    const app = Fastify({ ajv: { customOptions: { ...AJV_OPTIONS } } });
    const body = Type.Object({
      s: Nullable(Type.String({ maxLength: 10 })),
      a: Nullable(Type.Array(Type.String())),
      o: Nullable(Type.Object({ n: Type.Integer() })),
    });
    app.post('/echo', { schema: { body } }, async (req) => req.body);
    const res = await app.inject({ method: 'POST', url: '/echo', payload: { s: null, a: null, o: null } });
    const ok = await app.inject({ method: 'POST', url: '/echo', payload: { s: '', a: ['x'], o: { n: 2 } } });
    await app.close();
    expect(res.json()).toEqual({ s: null, a: null, o: null });
    expect(ok.json()).toEqual({ s: '', a: ['x'], o: { n: 2 } });
  });

  it('shows the trap it avoids: an anyOf of integer and null turns null into 0', async () => {
    const app = Fastify({ ajv: { customOptions: { ...AJV_OPTIONS } } });
    app.post('/echo', { schema: { body: Type.Object({ a: Type.Union([Type.Integer(), Type.Null()]) }) } }, async (req) => req.body);
    const res = await app.inject({ method: 'POST', url: '/echo', payload: { a: null } });
    await app.close();
    expect(res.json()).toEqual({ a: 0 });
  });
});
