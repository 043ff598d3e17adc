import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3Store } from './s3.js';
import { FileMissingError } from './store.js';

const ACCESS = 'HOUQINTESTKEY';
const SECRET = 'houqin/secret+key';

/**
 * A fake S3 endpoint: keeps objects in memory and recomputes every request's SigV4
 * signature with its own implementation, so a signing bug in the store fails here.
 */
function fakeS3() {
  const objects = new Map<string, { body: Buffer; type: string | undefined }>();
  const requests: { method: string; path: string }[] = [];
  const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
  const hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

  function verify(req: http.IncomingMessage, body: Buffer): string | null {
    const auth = req.headers.authorization ?? '';
    const m = auth.match(
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request,\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]{64})$/,
    );
    if (!m) return 'AuthorizationHeaderMalformed';
    const [, access, date, region, signed, signature] = m as unknown as string[];
    if (access !== ACCESS) return 'InvalidAccessKeyId';
    const stamp = String(req.headers['x-amz-date'] ?? '');
    if (stamp.slice(0, 8) !== date) return 'AuthorizationHeaderMalformed';
    const payload = String(req.headers['x-amz-content-sha256'] ?? '');
    if (payload !== hex(body)) return 'XAmzContentSHA256Mismatch';
    const names = (signed ?? '').split(';');
    if (!names.includes('host') || !names.includes('x-amz-date')) return 'AccessDenied';
    const [path, query = ''] = (req.url ?? '').split('?');
    const canonical = [
      req.method,
      path,
      query.split('&').filter(Boolean).sort().join('&'),
      names.map((n) => `${n}:${String(req.headers[n] ?? '').trim()}\n`).join(''),
      signed,
      payload,
    ].join('\n');
    const toSign = ['AWS4-HMAC-SHA256', stamp, `${date}/${region}/s3/aws4_request`, hex(canonical)].join('\n');
    const key = hmac(hmac(hmac(hmac(`AWS4${SECRET}`, date ?? ''), region ?? ''), 's3'), 'aws4_request');
    return hmac(key, toSign).toString('hex') === signature ? null : 'SignatureDoesNotMatch';
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
      requests.push({ method: req.method ?? '', path });
      const problem = verify(req, body);
      const fail = (status: number, code: string) =>
        res.writeHead(status, { 'content-type': 'application/xml' }).end(`<Error><Code>${code}</Code></Error>`);
      if (problem) return fail(403, problem);
      if (req.method === 'PUT') {
        objects.set(path, { body, type: req.headers['content-type'] });
        return res.writeHead(200, { etag: `"${hex(body)}"` }).end();
      }
      const obj = objects.get(path);
      if (req.method === 'GET') return obj ? res.writeHead(200).end(obj.body) : fail(404, 'NoSuchKey');
      if (req.method === 'DELETE') {
        objects.delete(path);
        return res.writeHead(204).end();
      }
      return fail(405, 'MethodNotAllowed');
    });
  });
  return { server, objects, requests };
}

describe('s3Store against a signature-checking fake S3', () => {
  const fake = fakeS3();
  let endpoint = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => fake.server.close(() => resolve())));

  const store = () => s3Store({ endpoint, bucket: 'houqin', region: 'cn-north-1', accessKey: ACCESS, secretKey: SECRET });

  it('puts, gets and deletes objects with path-style urls', async () => {
    const s = store();
    const key = 'org-1/2026-03/报告 (最终).pdf';
    const data = Buffer.from('%PDF-1.7 hello');
    await s.put(key, data, 'application/pdf');
    expect(fake.objects.get(`/houqin/${key}`)?.body.equals(data)).toBe(true);
    expect(fake.objects.get(`/houqin/${key}`)?.type).toBe('application/pdf');
    expect((await s.get(key)).equals(data)).toBe(true);
    await s.remove(key);
    expect(fake.objects.has(`/houqin/${key}`)).toBe(false);
    expect(fake.requests.map((r) => r.method)).toEqual(['PUT', 'GET', 'DELETE']);
  });

  it('reports a missing object as FileMissingError', async () => {
    await expect(store().get('nope')).rejects.toBeInstanceOf(FileMissingError);
  });

  it('is refused when the signature is wrong', async () => {
    const bad = s3Store({ endpoint, bucket: 'houqin', region: 'cn-north-1', accessKey: ACCESS, secretKey: 'wrong' });
    await expect(bad.put('k', Buffer.from('x'), 'text/plain')).rejects.toThrow(/403 SignatureDoesNotMatch/);
    expect(fake.objects.has('/houqin/k')).toBe(false);
  });
});
