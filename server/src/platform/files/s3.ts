import type { Config } from '../../config.js';
import { EMPTY_SHA256, sha256Hex, signRequest, uriEncode } from './sigv4.js';
import { assertStorageKey, FileMissingError, type FileStore } from './store.js';

export type S3Config = NonNullable<Config['s3']>;

export interface S3Options {
  /** request timeout; an unreachable store must not hold an upload forever */
  timeoutMs?: number;
  now?: () => Date;
}

/**
 * An S3-compatible object store over plain fetch, path-style URLs
 * (`endpoint/bucket/key`) so that MinIO and other self-hosted stores work without
 * virtual-host DNS. Signing uses the wall clock: the server rejects skewed requests.
 */
export function s3Store(cfg: S3Config, opts: S3Options = {}): FileStore {
  const endpoint = new URL(cfg.endpoint);
  const basePath = endpoint.pathname.replace(/\/+$/, '');
  const creds = { accessKey: cfg.accessKey, secretKey: cfg.secretKey, region: cfg.region, service: 's3' };
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const now = opts.now ?? (() => new Date());

  async function call(method: 'PUT' | 'GET' | 'DELETE', key: string, body?: Buffer, mime?: string): Promise<Response> {
    // URL parsing would resolve `..` segments: a bad key could address another bucket
    assertStorageKey(key);
    const path = `${basePath}/${uriEncode(cfg.bucket)}/${uriEncode(key, true)}`;
    const signed = signRequest(creds, {
      method,
      host: endpoint.host,
      path,
      headers: mime ? { 'content-type': mime } : {},
      payloadHash: body ? sha256Hex(body) : EMPTY_SHA256,
      now: now(),
    });
    // fetch derives Host from the URL (the same value that was signed)
    const { host: _host, ...headers } = signed;
    const res = await fetch(`${endpoint.origin}${path}`, {
      method,
      headers,
      body: body ? new Uint8Array(body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return res;
  }

  async function failure(res: Response, what: string): Promise<Error> {
    const text = await res.text().catch(() => '');
    const code = text.match(/<Code>([^<]+)<\/Code>/)?.[1];
    return new Error(`S3 ${what} failed: HTTP ${res.status}${code ? ` ${code}` : ''}`);
  }

  return {
    kind: 's3',
    async put(key, data, mime) {
      const res = await call('PUT', key, data, mime);
      if (!res.ok) throw await failure(res, `PUT ${key}`);
      await res.arrayBuffer();
    },
    async get(key) {
      const res = await call('GET', key);
      if (res.status === 404) {
        await res.arrayBuffer();
        throw new FileMissingError(key);
      }
      if (!res.ok) throw await failure(res, `GET ${key}`);
      return Buffer.from(await res.arrayBuffer());
    },
    async remove(key) {
      const res = await call('DELETE', key);
      // deleting an absent object is success in S3 semantics (204); some stores answer 404
      if (!res.ok && res.status !== 404) throw await failure(res, `DELETE ${key}`);
      await res.arrayBuffer();
    },
  };
}
