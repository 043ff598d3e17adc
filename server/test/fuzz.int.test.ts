import net from 'node:net';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, SESSION_COOKIE, SITE_HEADER } from '../../contracts/types.js';
import { createSession } from '../src/platform/auth/sessions.js';
import { createTestApp, login, type TestApp } from './harness.js';

/**
 * Fuzzing from the OpenAPI document (issue 5, point 8). For every /api/v1 operation,
 * fast-check generates requests that are malformed in one dimension — the body, a path
 * parameter, the query string or the headers — or valid in shape with values no form
 * would send, signed in as the administrator or anonymously. Whatever arrives, the
 * answer is never a 5xx, and every 4xx carries the error model. docs/fuzzing.md.
 *
 * FUZZ_RUNS (requests per operation, default 20: about 5,300 requests in all), FUZZ_SEED (the
 * fast-check seed; a failure names the one it used) and FUZZ_OPS (a regular expression
 * on "METHOD /path" to fuzz only some operations) make longer or narrower runs.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const ONLY = process.env.FUZZ_OPS ? new RegExp(process.env.FUZZ_OPS) : null;
const BODY_LIMIT = 2 * 1024 * 1024;
/** A small upload limit keeps the oversized-multipart checks cheap; the mechanism is the same as at 20 MB. */
const UPLOAD_MAX_MB = 1;

// ——— the OpenAPI document, read as operations ———

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: boolean | Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
}

interface Param {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: Schema;
}

interface Operation {
  method: string;
  path: string;
  params: Param[];
  body: Schema | null;
  multipart: boolean;
}

interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Param[]; requestBody?: { content: Record<string, { schema: Schema }> }; consumes?: string[]; summary?: string }
    >
  >;
}

function operationsOf(doc: OpenApi): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/v1/')) continue;
    for (const [method, op] of Object.entries(methods)) {
      ops.push({
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        body: op.requestBody?.content['application/json']?.schema ?? null,
        // the upload routes read the form themselves, so their schema has no body
        multipart: Boolean(op.consumes?.includes('multipart/form-data') || /multipart/.test(op.summary ?? '')),
      });
    }
  }
  return ops;
}

// ——— what is sent and how the answer is judged ———

interface Req {
  as: 'admin' | 'anonymous';
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** what the generator did, for the failure report */
  what: string;
}

interface Answer {
  status: number;
  type: string;
  body: string;
}

let t: TestApp;
let admin = { cookie: '', csrf: '', userId: '' };
let requestsSent = 0;
/** Answers by kind of request and status, printed at the end: shows how deep the fuzzing got (2xx = a handler ran). */
const tally = new Map<string, number>();

async function send(r: Req): Promise<Answer> {
  const auth: Record<string, string> = r.as === 'admin' ? { cookie: admin.cookie, [CSRF_HEADER]: admin.csrf } : {};
  requestsSent++;
  const res = await t.app.inject({
    method: r.method as InjectOptions['method'],
    url: r.url,
    headers: { ...auth, ...r.headers },
    ...(r.payload !== undefined && { payload: r.payload }),
  });
  const key = `${r.what} ${r.as} ${res.statusCode}`;
  tally.set(key, (tally.get(key) ?? 0) + 1);
  return { status: res.statusCode, type: String(res.headers['content-type'] ?? ''), body: res.body };
}

/** What is wrong with an answer, or null: never a 5xx; every 4xx is JSON `{ error: { code, message, requestId } }`. */
function problemWith(a: Answer): string | null {
  if (a.status >= 500) return `status ${a.status}: ${a.body.slice(0, 300)}`;
  if (a.status < 400) return null;
  if (!a.type.includes('application/json')) return `status ${a.status} with content-type "${a.type}": ${a.body.slice(0, 200)}`;
  let body: unknown;
  try {
    body = JSON.parse(a.body);
  } catch {
    return `status ${a.status} with a body that is not JSON: ${a.body.slice(0, 200)}`;
  }
  const error = (body as { error?: Record<string, unknown> } | null)?.error;
  if (
    !error ||
    typeof error.code !== 'string' ||
    typeof error.message !== 'string' ||
    !error.message ||
    typeof error.requestId !== 'string'
  ) {
    return `status ${a.status} without the error model: ${a.body.slice(0, 200)}`;
  }
  return null;
}

const short = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);

function describeReq(r: Req): string {
  const payload = r.payload === undefined ? '' : ` payload=${short(String(r.payload))}`;
  return `[${r.as}] ${r.method} ${short(r.url)} (${r.what}) headers=${short(JSON.stringify(r.headers))}${payload}`;
}

// ——— values: nasty scalars, junk structures, and values valid for a schema ———

const NASTY_STRINGS = [
  '',
  ' ',
  'null',
  'undefined',
  'NaN',
  '-NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e309',
  '-1e309',
  '0x7fffffff',
  '9007199254740993',
  '１２３',
  'true',
  '[]',
  '{}',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  "' OR '1'='1",
  "1'; DROP TABLE users; --",
  '" OR ""="',
  '\\',
  '%',
  '%00',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF\uD800',
  '\uFEFF',
  '\u202Eevil',
  '😀',
  '👨‍👩‍👧‍👦'.repeat(30),
  'é'.normalize('NFD'),
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4j-style lookup is one of the junk strings
  '${jndi:ldap://x}',
  '{{7*7}}',
  '2026-02-30',
  '2026-13-01',
  '2026-03-15T25:61:00Z',
  '0000-00-00',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '+999999-01-01T00:00:00Z',
  '2026-03',
  '2026-00',
  '1970-01-01T00:00:00Z',
  'x'.repeat(65),
  '长'.repeat(257),
];

const NASTY_NUMBERS = [
  -1,
  0,
  0.5,
  1.5,
  -0.000001,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 32,
  2 ** 53,
  -(2 ** 53),
  1e21,
  1e308,
  -1e308,
  5e-324,
];

/** Long strings: over every maxLength, near the body limit for some. */
const hugeString = fc
  .tuple(fc.constantFrom('x', '长', '😀', '\u0000', "'", '9'), fc.integer({ min: 1_000, max: 300_000 }))
  .map(([c, n]) => c.repeat(n));

const junkString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }) },
  { weight: 1, arbitrary: hugeString },
);

const junkScalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: junkString },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_NUMBERS) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

/** Arrays or objects nested far deeper than any schema. */
const deepNesting = fc.tuple(fc.integer({ min: 20, max: 3_000 }), fc.boolean()).map(([depth, arrays]) => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
  return v;
});

const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: junkScalar },
  { weight: 2, arbitrary: fc.array(junkScalar, { maxLength: 5 }) },
  { weight: 2, arbitrary: fc.dictionary(fc.string({ maxLength: 10 }), junkScalar, { maxKeys: 5 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: deepNesting },
);

/** Ids seen in the demo data: by list path (`/api/v1/sites` → site ids) and all together. */
const pools = {
  byList: new Map<string, string[]>(),
  all: [] as string[],
  codes: [] as string[],
  /** QR codes of demo assets and locations: `/q/{code}`, `/qr/{code}.png` */
  qr: [] as string[],
};

function idFor(listPath: string | null): fc.Arbitrary<string> {
  const own = listPath ? pools.byList.get(listPath) : undefined;
  const choices: fc.WeightedArbitrary<string>[] = [
    { weight: 1, arbitrary: fc.constantFrom('00000000000000000000000000', 'x', '0'.repeat(64)) },
  ];
  if (own?.length) choices.push({ weight: 4, arbitrary: fc.constantFrom(...own) });
  if (pools.all.length) choices.push({ weight: 2, arbitrary: fc.constantFrom(...pools.all) });
  return fc.oneof(...choices);
}

/** People fields hold user ids. */
const USER_KEYS = /^(user|assignee|manager|custodian|handler|requester|owner|visitedBy|takenBy|actor|member|from|to)(Id|Ids)$/;

/** The list whose ids fit a `…Id` field: `siteId` → /api/v1/sites, `assigneeId` → /api/v1/users. */
function listOfKey(key: string): string | null {
  if (USER_KEYS.test(key)) return '/api/v1/users';
  const stem = key.replace(/Ids?$/, '');
  if (!stem || stem === 'id') return null;
  const kebab = stem.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const candidates = [`/api/v1/${kebab}s`, `/api/v1/${kebab.replace(/y$/, 'ie')}s`, `/api/v1/asset-${kebab.replace(/y$/, 'ie')}s`];
  return candidates.find((c) => pools.byList.has(c)) ?? null;
}

const isoDate = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

/** A string a form could send for this schema and key: ids and codes from the demo data, dates where the key says so. */
function validString(s: Schema, key: string): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength;
  const fits = (v: string) => v.length >= min && (max === undefined || v.length <= max);
  if (s.format === 'date-time') return isoDate;
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    return fc.stringMatching(re).filter((v) => fits(v) && re.test(v));
  }
  const hints: fc.Arbitrary<string>[] = [];
  if (/(^id$|Id$|Ids$)/.test(key)) hints.push(idFor(listOfKey(key)));
  // a hint is offered only where its length can fit, or its filter below would never pass (fast-check retries for ever)
  const room = (length: number) => length >= min && (max === undefined || length <= max);
  if (/(At|From|To|Before|After|date|Date|deadline)$/.test(key)) {
    if (room(24)) hints.push(isoDate);
    if (room(10)) hints.push(isoDate.map((d) => d.slice(0, 10)));
  }
  if (/^(month)$/i.test(key) && room(7)) hints.push(isoDate.map((d) => d.slice(0, 7)));
  if (/(category|urgency|type|kind|status|code|method|result|channel|outcome)$/i.test(key) && pools.codes.length) {
    hints.push(fc.constantFrom(...pools.codes));
  }
  const plain =
    max === undefined
      ? fc.oneof(
          { weight: 4, arbitrary: fc.string({ unit: 'grapheme', minLength: Math.max(min, 1), maxLength: 30 }) },
          // valid by the schema, since it sets no bound: whatever happens next must not be a 5xx
          { weight: 1, arbitrary: hugeString },
        )
      : fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, 60) });
  const filtered = [...hints.map((h) => h.filter(fits)), plain.filter(fits)];
  return fc.oneof(...filtered);
}

function validNumber(s: Schema, integer: boolean): fc.Arbitrary<number> {
  const lo = s.minimum ?? (integer ? Number.MIN_SAFE_INTEGER : -1e12);
  const hi = s.maximum ?? (integer ? Number.MAX_SAFE_INTEGER : 1e12);
  const near = integer ? fc.integer({ min: Math.max(lo, -10), max: Math.max(Math.min(hi, 100), Math.max(lo, -10)) }) : null;
  const any = integer ? fc.integer({ min: lo, max: hi }) : fc.double({ min: lo, max: hi, noNaN: true });
  const edges = fc.constantFrom(...[lo, hi].filter((v) => Number.isFinite(v) && (!integer || Number.isSafeInteger(v))));
  return near
    ? fc.oneof({ weight: 4, arbitrary: near }, { weight: 1, arbitrary: any }, { weight: 1, arbitrary: edges })
    : fc.oneof(any, edges);
}

/** Values the schema accepts; unbounded strings and numbers include extreme ones. */
function valid(s: Schema, key = ''): fc.Arbitrary<unknown> {
  if (s.nullable) {
    const { nullable: _, ...rest } = s;
    return fc.oneof({ weight: 4, arbitrary: valid(rest, key) }, { weight: 1, arbitrary: fc.constant(null) });
  }
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => valid(a, key)));
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      return validString(s, key);
    case 'integer':
      return validNumber(s, true);
    case 'number':
      return validNumber(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(valid(s.items ?? {}, key.replace(/s$/, '')), {
        minLength: s.minItems ?? 0,
        maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 4, 4)),
      });
    case 'object':
      return validObject(s);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function validObject(s: Schema): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const keys = Object.keys(props);
  if (!keys.length && s.additionalProperties && typeof s.additionalProperties === 'object') {
    return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), valid(s.additionalProperties), { maxKeys: 4 });
  }
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const k of keys) model[k] = valid(props[k] as Schema, k);
  return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
}

/** Values just outside what the schema accepts, or junk of another type. */
function invalid(s: Schema): fc.Arbitrary<unknown> {
  const near: unknown[] = [];
  if (s.maxLength !== undefined) near.push('x'.repeat(s.maxLength + 1), '长'.repeat(s.maxLength + 1));
  if (s.minLength) near.push('');
  if (s.maximum !== undefined) near.push(s.maximum + 1, s.maximum + 0.5);
  if (s.minimum !== undefined) near.push(s.minimum - 1, s.minimum - 0.5);
  if (s.enum || s.anyOf) near.push('no_such_value');
  if (s.format === 'date-time' || s.pattern) near.push('2026-02-30T00:00:00Z', 'not-a-date', '2026-03-15 10:00');
  if (s.maxItems !== undefined) near.push(Array.from({ length: s.maxItems + 1 }, () => 'x'));
  return near.length ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...near) }, { weight: 3, arbitrary: junkValue }) : junkValue;
}

// ——— requests ———

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/json; charset=%%junk',
  'application/json;;;',
  'APPLICATION/JSON',
  'application/vnd.api+json',
  'text/plain',
  'text/html; charset=utf-8',
  'application/x-www-form-urlencoded',
  'application/xml',
  'application/octet-stream',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  'multipart/form-data; boundary=xyz',
  'multipart/mixed; boundary=xyz',
  '*/*',
  'junk',
  '',
];

const NOT_JSON = [
  '{',
  '}',
  '{"a":',
  '[1,2,',
  'NaN',
  'Infinity',
  'undefined',
  "{'a':1}",
  '{"a":1}{"b":2}',
  '{"a":1,}',
  '\uFEFF{}',
  '\u0000',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"a":1e999}',
  '{"a":-}',
  '"just a string"',
  '12345678901234567890123456789',
  'null',
  'true',
  '<xml/>',
  'a=1&b=2',
];

const headerText = fc.oneof(
  fc.constantFrom('', ' ', 'null', '*', 'x'.repeat(5_000), '../../etc/passwd', "' OR 1=1 --", '%00', 'é', 'ÿþ'),
  // control characters cannot travel in an HTTP header at all
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  fc.string({ unit: 'binary-ascii', maxLength: 40 }).map((v) => v.replace(/[\u0000-\u001f\u007f]/g, '')),
);

/** Headers that lie about the body or carry junk: content-type mismatches, site switcher, accept, credentials. */
const junkHeaders = fc.record(
  {
    'content-type': fc.oneof(fc.constantFrom(...CONTENT_TYPES), headerText),
    accept: fc.oneof(fc.constantFrom('application/xml', 'text/csv', '*/*;q=junk', 'image/*', ''), headerText),
    [SITE_HEADER]: headerText,
    [CSRF_HEADER]: headerText,
    authorization: fc.oneof(fc.constantFrom('Bearer ', 'Bearer hq_', 'Basic YWRtaW46aG91cWlu', `Bearer hq_${'x'.repeat(500)}`), headerText),
    'x-forwarded-for': fc.oneof(fc.constantFrom('999.999.999.999', '::ffff:', 'unknown, , ,'), headerText),
    'accept-language': headerText,
  },
  { requiredKeys: [] },
);

/** The list a `/api/v1/<list>/{id}…` path belongs to, whose ids fit its `{id}`. */
function listPathOf(path: string): string | null {
  return path.match(/^(\/api\/v1\/[a-z-]+)\/\{/)?.[1] ?? null;
}

function pathParamValue(op: Operation, p: Param): fc.Arbitrary<string> {
  if (p.name === 'id') return idFor(listPathOf(op.path));
  // `/work-orders/{id}/labour/{entryId}`: the entries listed at `/work-orders/{id}/labour`
  const parent = op.path.slice(0, op.path.indexOf(`/{${p.name}}`));
  if (pools.byList.has(parent)) return idFor(parent);
  if (/Id$/.test(p.name)) return idFor(listOfKey(p.name));
  const schemaValue = valid(p.schema, p.name).map(String);
  if (pools.qr.length && p.name === 'code') return fc.oneof(fc.constantFrom(...pools.qr), schemaValue);
  if (pools.qr.length && p.name === 'file') {
    const file = fc.tuple(fc.constantFrom(...pools.qr), fc.constantFrom('png', 'svg')).map(([c, ext]) => `${c}.${ext}`);
    return fc.oneof(file, schemaValue);
  }
  return schemaValue;
}

const junkPathSegment = fc.oneof(
  fc.constantFrom(
    '..',
    '.',
    '%2e%2e',
    '..%2F..%2F..%2Fetc%2Fpasswd',
    '%2F',
    '%00',
    '%',
    '%E0%A4%A',
    '%C0%AE%C0%AE',
    "'%20OR%20'1'%3D'1",
    '1%3B%20DROP%20TABLE%20users',
    '%F0%9F%98%80',
    '%EF%BF%BF',
    'null',
    '-1',
    '1e9',
  ),
  fc.integer({ min: 65, max: 20_000 }).map((n) => 'a'.repeat(n)),
  junkString.filter((s) => typeof s === 'string' && s.length < 5_000).map((s) => enc(s as string)),
);

interface Built {
  path: string;
  query: [string, string][];
}

/** A well-formed URL for the operation: path parameters filled, required query parameters valid. */
function baseUrl(op: Operation): fc.Arbitrary<Built> {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const required = op.params.filter((p) => p.in === 'query' && p.required);
  return fc
    .tuple(fc.tuple(...pathParams.map((p) => pathParamValue(op, p))), fc.tuple(...required.map((p) => queryValue(p))))
    .map(([pathValues, queryValues]) => {
      let path = op.path;
      pathParams.forEach((p, i) => {
        path = path.replace(`{${p.name}}`, enc(pathValues[i] as string));
      });
      return { path, query: required.map((p, i) => [p.name, queryValues[i] as string] as [string, string]) };
    });
}

function queryValue(p: Param): fc.Arbitrary<string> {
  if (p.name === 'from') return fc.constant('2026-03-01T00:00:00.000Z');
  if (p.name === 'to') return fc.constant('2026-03-31T00:00:00.000Z');
  return valid(p.schema, p.name).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
}

/** Percent-encodes the UTF-8 bytes (a lone surrogate becomes U+FFFD, as a browser would send it). */
function enc(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function urlOf(b: Built): string {
  const qs = b.query.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
  return qs ? `${b.path}?${qs}` : b.path;
}

/** Cursors that decode to something (JSON of the wrong shape) and cursors that do not. */
const junkCursor = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
  fc
    .tuple(fc.jsonValue({ maxDepth: 2 }), fc.oneof(fc.string({ maxLength: 30 }), fc.jsonValue({ maxDepth: 1 })))
    .map((pair) => Buffer.from(JSON.stringify(pair)).toString('base64url')),
  fc.string({ maxLength: 60 }),
  fc.constantFrom('', '=', '!!!', 'W10', 'bnVsbA', 'e30', 'W251bGwsbnVsbF0'),
);

const LIMITS = ['-1', '0', '1e9', '201', '1.5', 'abc', '', ' 5', '0x10', '1e2', '99999999999999999999', 'NaN', '-0'];

/** Query strings with junk values, repeated and array-style parameters, unknown names. */
function junkQuery(op: Operation): fc.Arbitrary<[string, string][]> {
  const known = op.params.filter((p) => p.in === 'query').map((p) => p.name);
  const name = fc.oneof(...(known.length ? [{ weight: 4, arbitrary: fc.constantFrom(...known) }] : []), {
    weight: 1,
    arbitrary: fc.constantFrom('limit', 'cursor', 'sort', 'format', 'q', '__proto__', 'constructor', 'a[b]', 'x[]'),
  });
  const value = fc.oneof(
    { weight: 3, arbitrary: junkString.map(String) },
    { weight: 2, arbitrary: fc.constantFrom(...LIMITS) },
    { weight: 2, arbitrary: junkCursor },
    { weight: 1, arbitrary: fc.constantFrom('xlsx', 'json', 'pdf', '-name', '-', 'id;drop', '-id,-name') },
  );
  return fc.array(fc.tuple(name, value), { minLength: 1, maxLength: 6 }).map((pairs) => {
    // a parameter named twice (or as name[]) is a repeated parameter: Fastify reads an array
    const out: [string, string][] = [];
    for (const [k, v] of pairs) {
      out.push([k, v]);
      if (k === 'limit' && v === '1') out.push([k, '2']);
    }
    return out;
  });
}

type Kind = 'valid' | 'field' | 'missing' | 'extra' | 'wrongType' | 'notJson' | 'headers' | 'path' | 'query' | 'multipart' | 'method';

function jsonBody(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/** Every kind of request for one operation, as one arbitrary. */
function requestsFor(op: Operation): fc.Arbitrary<Req> {
  const who = fc.constantFrom<'admin' | 'anonymous'>('admin', 'admin', 'admin', 'anonymous');
  const body = op.body ?? { type: 'object', properties: {} };
  const props = Object.keys(body.properties ?? {});
  const validBody = valid(body);
  const jsonHeaders = { 'content-type': 'application/json' };
  const sendsBody = op.method !== 'GET' && op.method !== 'DELETE';
  const make = (kind: Kind, as: 'admin' | 'anonymous', b: Built, headers: Record<string, string>, payload?: string | Buffer): Req => ({
    as,
    method: op.method,
    url: urlOf(b),
    headers,
    ...(payload !== undefined && { payload }),
    what: kind,
  });
  const url = baseUrl(op);
  const arbs: fc.WeightedArbitrary<Req>[] = [
    {
      weight: 4,
      arbitrary: fc
        .tuple(who, url, validBody)
        .map(([as, b, v]) => make('valid', as, b, sendsBody ? jsonHeaders : {}, sendsBody ? jsonBody(v) : undefined)),
    },
    {
      weight: 3,
      arbitrary: fc.tuple(who, url, junkQuery(op)).map(([as, b, q]) => make('query', as, { ...b, query: [...b.query, ...q] }, {})),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(who, url, junkHeaders, fc.oneof(validBody.map(jsonBody), fc.constantFrom(...NOT_JSON)))
        .map(([as, b, h, p]) => make('headers', as, b, h, sendsBody ? p : undefined)),
    },
  ];
  const pathParams = op.params.filter((p) => p.in === 'path');
  if (pathParams.length) {
    arbs.push({
      weight: 2,
      arbitrary: fc.tuple(who, url, fc.constantFrom(...pathParams), junkPathSegment, validBody).map(([as, b, p, seg, v]) => {
        // the junk replaces the parameter's whole segment in the template, the others keep their values
        const index = op.path.split('/').indexOf(`{${p.name}}`);
        const segments = b.path.split('/');
        segments[index] = seg;
        return make('path', as, { ...b, path: segments.join('/') }, sendsBody ? jsonHeaders : {}, sendsBody ? jsonBody(v) : undefined);
      }),
    });
  }
  if (sendsBody && !op.multipart) {
    arbs.push(
      {
        weight: 2,
        arbitrary: fc.tuple(who, url, fc.constantFrom(...NOT_JSON)).map(([as, b, p]) => make('notJson', as, b, jsonHeaders, p)),
      },
      { weight: 2, arbitrary: fc.tuple(who, url, junkValue).map(([as, b, v]) => make('wrongType', as, b, jsonHeaders, jsonBody(v))) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(who, url, validBody, fc.dictionary(fc.string({ minLength: 1, maxLength: 20 }), junkValue, { minKeys: 1, maxKeys: 4 }))
          .map(([as, b, v, extra]) => make('extra', as, b, jsonHeaders, jsonBody({ ...(v as object), ...extra }))),
      },
    );
    if (props.length) {
      arbs.push({
        weight: 4,
        arbitrary: fc
          .tuple(who, url, validBody, fc.constantFrom(...props))
          .chain(([as, b, v, key]) =>
            invalid(body.properties?.[key] as Schema).map((bad) =>
              make('field', as, b, jsonHeaders, jsonBody({ ...(v as object), [key]: bad })),
            ),
          ),
      });
    }
    if (body.required?.length) {
      arbs.push({
        weight: 1,
        arbitrary: fc.tuple(who, url, validBody, fc.constantFrom(...body.required)).map(([as, b, v, key]) => {
          const { [key]: _, ...rest } = v as Record<string, unknown>;
          return make('missing', as, b, jsonHeaders, jsonBody(rest));
        }),
      });
    }
  }
  // a method the path does not have: the not-found answer, in the error model
  arbs.push({
    weight: 1,
    arbitrary: fc
      .tuple(who, url, fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'), validBody)
      .map(([as, b, method, v]) => ({ ...make('method', as, b, jsonHeaders, jsonBody(v)), method })),
  });
  if (op.multipart)
    arbs.push({
      weight: 4,
      arbitrary: fc.tuple(who, url, multipartBody).map(([as, b, m]) => make('multipart', as, b, m.headers, m.payload)),
    });
  return fc.oneof(...arbs);
}

const MULTIPART_FIELDS = [
  'file',
  'photos',
  'ownerType',
  'ownerId',
  'description',
  'category',
  'urgency',
  'name',
  'phone',
  'appointmentAt',
  'dryRun',
  'mode',
];

/** Forms with junk fields and files, and forms that are not well-formed multipart at all. */
const multipartBody = fc
  .tuple(
    fc.array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...MULTIPART_FIELDS), fc.string({ maxLength: 20 })),
        fc.oneof(junkString.map(String), fc.constantFrom('asset', 'location', 'work_order', 'repair', 'normal')),
        fc.option(fc.oneof(fc.constantFrom('a.png', '../../x.xlsx', 'x'.repeat(300), '', '"quoted".pdf'), fc.string({ maxLength: 30 }))),
        fc.constantFrom(
          'image/png',
          'application/octet-stream',
          'text/plain',
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          '',
        ),
      ),
      { maxLength: 12 },
    ),
    fc.constantFrom('ok', 'ok', 'ok', 'wrong-boundary', 'truncated', 'no-boundary'),
  )
  .map(([parts, shape]) => {
    const boundary = 'fuzzBoundary7MA4YWxkTrZu0gW';
    const lines: string[] = [];
    for (const [field, value, filename, mime] of parts) {
      lines.push(`--${boundary}`);
      const name = field.replace(/"/g, '');
      if (filename === null) {
        lines.push(`Content-Disposition: form-data; name="${name}"`, '', value);
      } else {
        lines.push(`Content-Disposition: form-data; name="${name}"; filename="${filename.replace(/"/g, '')}"`);
        lines.push(`Content-Type: ${mime}`, '', value);
      }
    }
    lines.push(`--${boundary}--`, '');
    let payload = lines.join('\r\n');
    if (shape === 'truncated') payload = payload.slice(0, Math.floor(payload.length / 2));
    const type =
      shape === 'no-boundary'
        ? 'multipart/form-data'
        : `multipart/form-data; boundary=${shape === 'wrong-boundary' ? 'another' : boundary}`;
    return { headers: { 'content-type': type }, payload: Buffer.from(payload, 'utf8') };
  });

// ——— set-up ———

/** The administrator's session; made again directly in the database if a fuzzed request ended it. */
async function ensureAdmin(): Promise<void> {
  const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: admin.cookie } });
  if (me.statusCode === 200) return;
  const s = await createSession(t.db, t.clock, admin.userId, 24, { ip: '127.0.0.1', userAgent: 'fuzz' });
  admin = { ...admin, cookie: `${SESSION_COOKIE}=${encodeURIComponent(s.token)}`, csrf: s.csrfToken };
}

/** Ids and codes from the demo data, leaving out what would lock the administrator out if deactivated. */
async function collectPools(ops: Operation[]): Promise<void> {
  const protectedIds = new Set<string>([admin.userId]);
  const memberships = await t.app.inject({
    method: 'GET',
    url: `/api/v1/users/${admin.userId}/memberships`,
    headers: { cookie: admin.cookie },
  });
  for (const m of (memberships.json() as { items?: { id: string; roleId: string }[] }).items ?? []) {
    protectedIds.add(m.id);
    protectedIds.add(m.roleId);
  }
  const all = new Set<string>();
  const codes = new Set<string>();
  for (const op of ops) {
    if (op.method !== 'GET' || op.params.some((p) => p.required) || op.path.includes('{')) continue;
    const res = await t.app.inject({ method: 'GET', url: `${op.path}?limit=30`, headers: { cookie: admin.cookie } });
    if (res.statusCode !== 200 || !String(res.headers['content-type']).includes('json')) continue;
    const body = res.json() as { items?: Record<string, unknown>[] } | Record<string, unknown>[];
    const items = Array.isArray(body) ? body : (body.items ?? []);
    const ids: string[] = [];
    for (const item of items) {
      for (const [k, v] of Object.entries(item)) {
        if (typeof v !== 'string' || protectedIds.has(v)) continue;
        if (k === 'id') ids.push(v);
        if (k === 'id' || k.endsWith('Id')) all.add(v);
        if ((k === 'code' || k === 'category' || k === 'urgency') && v.length <= 40) codes.add(v);
      }
    }
    if (ids.length) pools.byList.set(op.path, ids);
  }
  // sub-lists such as /work-orders/{id}/labour, read for a few records of their list
  for (const op of ops) {
    const parent = op.path.match(/^(\/api\/v1\/[a-z-]+)\/\{id\}\/[a-z-]+$/)?.[1];
    if (op.method !== 'GET' || !parent || op.params.some((p) => p.in !== 'path' && p.required)) continue;
    const ids: string[] = [];
    for (const parentId of (pools.byList.get(parent) ?? []).slice(0, 5)) {
      const res = await t.app.inject({ method: 'GET', url: op.path.replace('{id}', parentId), headers: { cookie: admin.cookie } });
      if (res.statusCode !== 200 || !String(res.headers['content-type']).includes('json')) continue;
      const body = res.json() as { items?: { id?: unknown }[] } | { id?: unknown }[];
      for (const item of Array.isArray(body) ? body : (body.items ?? [])) {
        if (typeof item.id === 'string' && !protectedIds.has(item.id)) ids.push(item.id);
      }
    }
    if (ids.length) {
      pools.byList.set(op.path, ids);
      for (const id of ids) all.add(id);
    }
  }
  for (const type of ['asset', 'location']) {
    for (const id of (pools.byList.get(`/api/v1/${type}s`) ?? []).slice(0, 5)) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/qr-codes/${type}/${id}`, headers: { cookie: admin.cookie } });
      const code = res.statusCode === 200 ? (res.json() as { code?: unknown }).code : null;
      if (typeof code === 'string') pools.qr.push(code);
    }
  }
  pools.all = [...all];
  pools.codes = [...codes];
}

let ops: Operation[] = [];

beforeAll(async () => {
  t = await createTestApp({ env: { UPLOAD_MAX_MB: String(UPLOAD_MAX_MB) } });
  const client = await login(t.app, 'admin');
  admin = { cookie: client.cookie, csrf: client.csrf, userId: client.userId };
  ops = operationsOf(t.app.swagger() as unknown as OpenApi);
  await collectPools(ops);
}, 120_000);

afterAll(async () => {
  const byStatus = [...tally].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k}: ${n}`);
  console.info(
    `fuzz (${process.env.HOUQIN_TEST_ENGINE ?? 'sqlite'}): ${requestsSent} requests, FUZZ_RUNS=${RUNS}\n  ${byStatus.join('\n  ')}`,
  );
  await t?.close();
});

// requests that end the administrator's session are fuzzed anonymously only
const ADMIN_SKIPS = new Set(['POST /api/v1/auth/logout']);

describe('fuzzing from the OpenAPI document', () => {
  it('reads every /api/v1 operation from the document', () => {
    expect(ops.length).toBeGreaterThan(200);
    expect(ops.filter((o) => o.body).length).toBeGreaterThan(90);
    expect(pools.all.length).toBeGreaterThan(50);
    expect(pools.qr.length).toBeGreaterThan(0);
  });

  it('never answers 5xx, and answers every 4xx with the error model', async () => {
    const failures: string[] = [];
    for (const op of ops) {
      if (ONLY && !ONLY.test(`${op.method} ${op.path}`)) continue;
      await ensureAdmin();
      const skipAdmin = ADMIN_SKIPS.has(`${op.method} ${op.path}`);
      const arb = requestsFor(op).map((r) => (skipAdmin ? { ...r, as: 'anonymous' as const } : r));
      const result = await fc.check(
        fc.asyncProperty(arb, async (r) => {
          const problem = problemWith(await send(r));
          if (problem) throw new Error(`${problem}\n    request: ${describeReq(r)}`);
        }),
        { numRuns: RUNS, ...(SEED !== undefined && { seed: SEED }) },
      );
      if (result.failed) {
        failures.push(`${op.method} ${op.path} (seed ${result.seed}, path ${result.counterexamplePath}): ${String(result.errorInstance)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 900_000);
});

describe('forged cursors', () => {
  it('every list answers a cursor whose value has the wrong type with a page or a 400', async () => {
    await ensureAdmin();
    const lists = ops.filter((o) => o.method === 'GET' && o.params.some((p) => p.name === 'cursor'));
    const values: unknown[] = [true, { a: 1 }, [1, 2], 1e308, -1, '2026-99-99', '', null];
    const wrong: string[] = [];
    for (const op of lists) {
      const b = fc.sample(baseUrl(op), { numRuns: 1, seed: 1 })[0];
      if (!b) continue;
      for (const sort of [null, 'name', '-createdAt', 'code']) {
        for (const v of values) {
          const cursor = Buffer.from(JSON.stringify([v, '01a00000-0000-7000-8000-000000000000'])).toString('base64url');
          const query: [string, string][] = [...b.query, ['cursor', cursor], ...(sort ? [['sort', sort] as [string, string]] : [])];
          const r: Req = { as: 'admin', method: 'GET', url: urlOf({ ...b, query }), headers: {}, what: 'cursor' };
          const problem = problemWith(await send(r));
          if (problem) wrong.push(`${problem}\n    request: ${describeReq(r)} cursor value ${JSON.stringify(v)}`);
        }
      }
    }
    expect(lists.length).toBeGreaterThan(30);
    expect(wrong).toEqual([]);
  }, 300_000);
});

// ——— oversized bodies: refused early ———

interface RawAnswer {
  status: number;
  body: string;
  /** request bytes written before the answer arrived */
  sent: number;
}

/**
 * Sends a request over a real socket that announces `declared` body bytes, writes `chunk`
 * again and again until the server answers, and stops there: an answer proves the server
 * refused the body without waiting for all of it.
 */
async function rawRequest(port: number, head: string, declared: number, first: Buffer, chunk: Buffer): Promise<RawAnswer> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let received = '';
  let answered = false;
  const answer = new Promise<void>((resolve) => {
    socket.on('data', (d) => {
      received += d.toString('utf8');
      const end = received.indexOf('\r\n\r\n');
      const length = Number(received.match(/content-length: (\d+)/i)?.[1] ?? Number.NaN);
      if (end >= 0 && Buffer.byteLength(received.slice(end + 4)) >= length) {
        answered = true;
        resolve();
      }
    });
    socket.on('close', () => {
      answered = true;
      resolve();
    });
  });
  socket.on('error', () => {
    // the server may reset the connection once it has answered; the answer is what counts
  });
  socket.write(`${head}Content-Length: ${declared}\r\nConnection: close\r\n\r\n`);
  let sent = 0;
  const write = async (b: Buffer) => {
    sent += b.length;
    if (!socket.write(b)) await Promise.race([new Promise((r) => socket.once('drain', r)), answer]);
  };
  await write(first);
  while (!answered && sent + chunk.length <= declared) await write(chunk);
  await answer;
  socket.destroy();
  const status = Number(received.match(/^HTTP\/1\.1 (\d{3})/)?.[1] ?? 0);
  return { status, body: received.slice(received.indexOf('\r\n\r\n') + 4), sent };
}

function errorCodeOf(a: Answer): string | undefined {
  try {
    return (JSON.parse(a.body) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

describe('oversized and malformed bodies', () => {
  let port = 0;
  beforeAll(async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });

  it('refuses a JSON body over the 2 MB limit with 413 and the error model, signed in or not', async () => {
    for (const as of ['admin', 'anonymous'] as const) {
      await ensureAdmin();
      const payload = JSON.stringify({ name: 'x'.repeat(BODY_LIMIT) });
      const r: Req = {
        as,
        method: 'POST',
        url: '/api/v1/sites',
        headers: { 'content-type': 'application/json' },
        payload,
        what: 'oversized',
      };
      const a = await send(r);
      expect(problemWith(a)).toBeNull();
      expect([a.status, errorCodeOf(a)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    }
  });

  it('answers 413 as soon as the announced length is over the limit, before the body is sent', async () => {
    await ensureAdmin();
    const head = `POST /api/v1/sites HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${admin.cookie}\r\n${CSRF_HEADER}: ${admin.csrf}\r\nContent-Type: application/json\r\n`;
    const declared = 50 * 1024 * 1024;
    const a = await rawRequest(port, head, declared, Buffer.from('{"name":"'), Buffer.alloc(64 * 1024, 'x'));
    expect(problemWith({ status: a.status, type: 'application/json', body: a.body })).toBeNull();
    expect(a.status).toBe(413);
    expect(a.sent).toBeLessThan(declared / 10);
  });

  it('stops reading a multipart upload at the file limit and answers 413 with the error model', async () => {
    await ensureAdmin();
    const boundary = 'fuzzUploadBoundary';
    const head = `POST /api/v1/attachments HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${admin.cookie}\r\n${CSRF_HEADER}: ${admin.csrf}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\n`;
    const first = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="ownerType"\r\n\r\nasset\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`,
    );
    const declared = 200 * 1024 * 1024;
    const a = await rawRequest(port, head, declared, first, Buffer.alloc(64 * 1024, 7));
    expect(problemWith({ status: a.status, type: 'application/json', body: a.body })).toBeNull();
    expect(a.status).toBe(413);
    // refused after about the upload limit (1 MB here, plus what the sockets buffer), not after the 200 MB announced
    expect(a.sent).toBeLessThan(declared / 10);
  });

  it('answers a malformed JSON body with 400 and the error model', async () => {
    await ensureAdmin();
    for (const payload of ['{"name":', '{"a":1,}', "{'a':1}", '', '{"__proto__":{"x":1}}']) {
      const r: Req = {
        as: 'admin',
        method: 'POST',
        url: '/api/v1/sites',
        headers: { 'content-type': 'application/json' },
        payload,
        what: 'malformed',
      };
      const a = await send(r);
      expect(problemWith(a), describeReq(r)).toBeNull();
      expect([a.status, errorCodeOf(a)], describeReq(r)).toEqual([400, 'BAD_REQUEST']);
    }
  });
});

// ——— regressions: the shrunk counterexamples of the bugs fuzzing found (docs/fuzzing.md) ———

interface Regression {
  name: string;
  req: () => Req;
  /** the statuses allowed (they may differ by engine), all 4xx here */
  statuses: number[];
  code?: string;
}

const json = { 'content-type': 'application/json' };
const firstOf = (list: string) => pools.byList.get(list)?.[0] ?? '00000000000000000000000000';
const cursorOf = (value: unknown) => Buffer.from(JSON.stringify([value, '01a00000-0000-7000-8000-000000000000'])).toString('base64url');
const form = (body: string) => Buffer.from(body.replace(/\n/g, '\r\n'), 'utf8');

const REGRESSIONS: Regression[] = [
  {
    name: 'a version beyond int4 (PostgreSQL: value out of range for type integer)',
    req: () => ({
      as: 'admin',
      method: 'POST',
      url: `/api/v1/departments/${firstOf('/api/v1/departments')}/deactivate`,
      headers: json,
      payload: '{"version":9007199254740991}',
      what: 'regression',
    }),
    statuses: [400],
    code: 'VALIDATION',
  },
  {
    name: 'the largest int4 as version (PostgreSQL: version + 1 overflows)',
    req: () => ({
      as: 'admin',
      method: 'POST',
      url: `/api/v1/dictionaries/${firstOf('/api/v1/dictionaries')}/activate`,
      headers: json,
      payload: '{"version":2147483647}',
      what: 'regression',
    }),
    statuses: [400],
    code: 'VALIDATION',
  },
  {
    name: 'settings saved with the largest int4 as version',
    req: () => ({
      as: 'admin',
      method: 'PUT',
      url: '/api/v1/work-order-settings',
      headers: json,
      payload: '{"autoAcceptDays":1,"publicIntake":false,"version":2147483647}',
      what: 'regression',
    }),
    statuses: [400],
    code: 'VALIDATION',
  },
  {
    name: 'a charge rule with a version beyond int4',
    req: () => ({
      as: 'admin',
      method: 'PUT',
      url: '/api/v1/counter-charge-rules',
      headers: json,
      payload:
        '{"rules":[{"supplier":"department","chargeMaterials":false,"chargeLabour":false,"labourRate":0,"version":9007199254740991}]}',
      what: 'regression',
    }),
    statuses: [400],
    code: 'VALIDATION',
  },
  {
    name: 'a material quantity of 5e-324 (passed the three-decimals check; PostgreSQL: real underflows)',
    req: () => ({
      as: 'admin',
      method: 'POST',
      url: `/api/v1/work-orders/${firstOf('/api/v1/work-orders')}/materials`,
      headers: json,
      payload: '{"name":"!","quantity":5e-324,"unit":"!","unitPrice":0,"suppliedBy":"counter"}',
      what: 'regression',
    }),
    statuses: [400],
    code: 'VALIDATION',
  },
  {
    name: 'a QR image width of 1e309 (AJV coerces it to Infinity and skips maximum; the PNG renderer threw)',
    req: () => ({ as: 'admin', method: 'GET', url: `/api/v1/qr/${pools.qr[0]}.png?width=1e309`, headers: {}, what: 'regression' }),
    statuses: [400],
    code: 'VALIDATION',
  },
  {
    name: 'a version sent as the string "1e309" (coerced to Infinity; PostgreSQL: invalid input syntax for type integer)',
    req: () => ({
      as: 'admin',
      method: 'POST',
      url: `/api/v1/counters/${firstOf('/api/v1/counters')}/deactivate`,
      headers: json,
      payload: '{"version":["1e309"]}',
      what: 'regression',
    }),
    statuses: [400],
    code: 'VALIDATION',
  },
  {
    name: 'a list limit of Infinity past its maximum',
    req: () => ({
      as: 'admin',
      method: 'GET',
      url: `/api/v1/assets/${firstOf('/api/v1/assets')}/timeline?limit=Infinity`,
      headers: {},
      what: 'regression',
    }),
    statuses: [400],
    code: 'VALIDATION',
  },
  {
    name: 'a NUL character as record id (PostgreSQL: invalid byte sequence for encoding "UTF8": 0x00)',
    req: () => ({ as: 'admin', method: 'GET', url: '/api/v1/dictionaries/%00', headers: {}, what: 'regression' }),
    statuses: [400, 404],
  },
  {
    name: 'a NUL character as record id of a mutation',
    req: () => ({
      as: 'admin',
      method: 'POST',
      url: '/api/v1/sites/%00/activate',
      headers: json,
      payload: '{"version":1}',
      what: 'regression',
    }),
    statuses: [400, 404],
  },
  {
    name: 'a NUL character in a search',
    req: () => ({ as: 'admin', method: 'GET', url: '/api/v1/counter-notices?q=%00', headers: {}, what: 'regression' }),
    statuses: [200, 400],
  },
  {
    name: 'a NUL character in a saved text',
    req: () => ({
      as: 'admin',
      method: 'POST',
      url: '/api/v1/dictionaries',
      headers: json,
      payload: '{"type":"wd3","code":"46t__","labelZh":"字典","labelEn":"\\u0000"}',
      what: 'regression',
    }),
    statuses: [201, 400],
  },
  {
    name: 'a cursor whose value is a number where the list sorts by time (PostgreSQL: invalid timestamp)',
    req: () => ({ as: 'admin', method: 'GET', url: `/api/v1/audit?cursor=${cursorOf(0)}`, headers: {}, what: 'regression' }),
    statuses: [200, 400],
  },
  {
    name: 'a time filter that is no timestamp (PostgreSQL: invalid input syntax for type timestamp with time zone)',
    req: () => ({ as: 'admin', method: 'GET', url: '/api/v1/work-orders?category=e30&resolvedFrom=1.5', headers: {}, what: 'regression' }),
    statuses: [400],
    code: 'VALIDATION',
  },
  {
    name: 'a time filter on a day that does not exist (PostgreSQL: date/time field value out of range)',
    req: () => ({
      as: 'admin',
      method: 'GET',
      url: '/api/v1/counter-notices?deadlineFrom=2026-02-30T00%3A00%3A00Z',
      headers: {},
      what: 'regression',
    }),
    statuses: [400],
    code: 'VALIDATION',
  },
  {
    name: 'a cursor whose value is a boolean (SQLite: can only bind numbers, strings, bigints, buffers, and null)',
    req: () => ({ as: 'admin', method: 'GET', url: `/api/v1/users?cursor=${cursorOf(true)}`, headers: {}, what: 'regression' }),
    statuses: [400],
    code: 'VALIDATION',
  },
  {
    name: 'a cursor whose value is an object',
    req: () => ({
      as: 'admin',
      method: 'GET',
      url: `/api/v1/roles?cursor=${cursorOf({ a: 1 })}&sort=name`,
      headers: {},
      what: 'regression',
    }),
    statuses: [400],
    code: 'VALIDATION',
  },
  {
    name: 'an import whose form uses another boundary than announced (busboy: Unexpected end of multipart data)',
    req: () => ({
      as: 'admin',
      method: 'POST',
      url: '/api/v1/locations/import',
      headers: { 'content-type': 'multipart/form-data; boundary=another' },
      payload: form('--fuzzBoundary7MA4YWxkTrZu0gW--\n'),
      what: 'regression',
    }),
    statuses: [400],
    code: 'BAD_REQUEST',
  },
  {
    name: 'an upload announced as multipart without a boundary (busboy: Multipart: Boundary not found)',
    req: () => ({
      as: 'admin',
      method: 'POST',
      url: '/api/v1/attachments',
      headers: { 'content-type': 'multipart/form-data' },
      payload: form('--fuzzBoundary7MA4YWxkTrZu0gW--\n'),
      what: 'regression',
    }),
    statuses: [400],
    code: 'BAD_REQUEST',
  },
  {
    name: 'a public report whose form is cut short',
    req: () => ({
      as: 'anonymous',
      method: 'POST',
      url: '/api/v1/public/q/regression/report',
      // an address of its own: the fuzzing above has used up the per-address report limit of 127.0.0.1
      headers: { 'content-type': 'multipart/form-data; boundary=b', 'x-forwarded-for': '203.0.113.7' },
      payload: form('--b\nContent-Disposition: form-data; name="description"\n\nxx'),
      what: 'regression',
    }),
    statuses: [400],
    code: 'BAD_REQUEST',
  },
  {
    name: 'a path that is no valid URL component (Fastify answered FST_ERR_BAD_URL outside the error model)',
    req: () => ({ as: 'admin', method: 'GET', url: '/api/v1/users/%/memberships', headers: {}, what: 'regression' }),
    statuses: [400],
    code: 'BAD_REQUEST',
  },
  {
    name: 'a path parameter over the router limit (Fastify answered 414 FST_ERR_MAX_PARAM_LENGTH outside the error model)',
    req: () => ({ as: 'admin', method: 'GET', url: `/api/v1/roles/${'a'.repeat(101)}`, headers: {}, what: 'regression' }),
    statuses: [400],
    code: 'BAD_REQUEST',
  },
];

describe('regressions found by fuzzing', () => {
  for (const reg of REGRESSIONS) {
    it(reg.name, async () => {
      await ensureAdmin();
      const r = reg.req();
      const a = await send(r);
      expect(problemWith(a), describeReq(r)).toBeNull();
      expect(reg.statuses, `${a.status} ${a.body.slice(0, 200)}`).toContain(a.status);
      if (reg.code) expect(errorCodeOf(a)).toBe(reg.code);
    });
  }
});
