import { createHash, createHmac } from 'node:crypto';

/**
 * AWS Signature Version 4 (header form), enough for S3-compatible object stores
 * (AWS S3, MinIO, Ceph RGW, Aliyun OSS/Tencent COS in S3 mode). No SDK: the whole
 * algorithm is a canonical request, a string to sign and four chained HMACs.
 */
export interface SigV4Credentials {
  accessKey: string;
  secretKey: string;
  region: string;
  service: string;
}

export interface SignInput {
  method: string;
  /** `host[:port]` exactly as the HTTP client will send it */
  host: string;
  /** already URI-encoded path, e.g. `/bucket/a%20b.pdf` */
  path: string;
  query?: [string, string][];
  /** extra headers to sign (names any case) */
  headers?: Record<string, string>;
  /** hex sha256 of the body, or `UNSIGNED-PAYLOAD` */
  payloadHash: string;
  now: Date;
}

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request") */
export function signingKey(secretKey: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secretKey}`, date), region), service), 'aws4_request');
}

/** RFC 3986 encoding as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
export function uriEncode(value: string, keepSlash = false): string {
  const encoded = encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return keepSlash ? encoded.replace(/%2F/g, '/') : encoded;
}

/** `20130524T000000Z` */
export function amzDate(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export function canonicalRequest(
  method: string,
  path: string,
  query: [string, string][],
  headers: Record<string, string>,
  payloadHash: string,
) {
  const names = Object.keys(headers).sort();
  const canonicalQuery = query
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalHeaders = names.map((n) => `${n}:${(headers[n] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  return {
    text: [method.toUpperCase(), path, canonicalQuery, canonicalHeaders, names.join(';'), payloadHash].join('\n'),
    signedHeaders: names.join(';'),
  };
}

/** Returns the headers to send: the signed ones plus `authorization`. */
export function signRequest(creds: SigV4Credentials, input: SignInput): Record<string, string> {
  const stamp = amzDate(input.now);
  const date = stamp.slice(0, 8);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.headers ?? {})) headers[k.toLowerCase()] = v;
  headers.host = input.host;
  headers['x-amz-date'] = stamp;
  headers['x-amz-content-sha256'] = input.payloadHash;
  const canonical = canonicalRequest(input.method, input.path, input.query ?? [], headers, input.payloadHash);
  const scope = `${date}/${creds.region}/${creds.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', stamp, scope, sha256Hex(canonical.text)].join('\n');
  const signature = createHmac('sha256', signingKey(creds.secretKey, date, creds.region, creds.service))
    .update(stringToSign, 'utf8')
    .digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${creds.accessKey}/${scope},SignedHeaders=${canonical.signedHeaders},Signature=${signature}`;
  return headers;
}
