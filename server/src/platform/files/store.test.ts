import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { s3Store } from './s3.js';
import { assertStorageKey, FileMissingError, InvalidKeyError, localStore } from './store.js';

const BAD_KEYS = [
  '',
  '..',
  '../secret',
  'org/../../secret',
  'org/2026-03/..',
  './org/x',
  '/etc/passwd',
  'org//x',
  'org/x/',
  '..\\..\\secret',
  'org\\x',
  '%2e%2e/secret',
  'org/%2e%2e%2fsecret',
  'org/x\u0000.png',
  'org/x\n',
  'x'.repeat(1025),
];

describe('storage keys', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-store-'));
  const root = path.join(dir, 'files');
  // a file beside the store that a traversal would reach
  fs.writeFileSync(path.join(dir, 'secret'), 'outside');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('accepts the keys the attachments service makes, and names with any printable characters', () => {
    for (const key of ['01J0ORG/2026-03/01J0FILE', 'org-1/2026-03/报告 (最终).pdf', 'a.b/c..d']) {
      expect(() => assertStorageKey(key)).not.toThrow();
    }
  });

  it('refuses `..`, encoded dots, absolute paths, backslashes, NUL and empty segments', () => {
    for (const key of BAD_KEYS) expect(() => assertStorageKey(key), JSON.stringify(key)).toThrow(InvalidKeyError);
  });

  it('a local store never reads, writes or removes outside its root', async () => {
    const store = localStore(root);
    await store.put('org/2026-03/a', Buffer.from('inside'), 'text/plain');
    expect((await store.get('org/2026-03/a')).toString()).toBe('inside');
    for (const key of BAD_KEYS) {
      await expect(store.get(key), JSON.stringify(key)).rejects.toBeInstanceOf(InvalidKeyError);
      await expect(store.put(key, Buffer.from('x'), 'text/plain'), JSON.stringify(key)).rejects.toBeInstanceOf(InvalidKeyError);
      await expect(store.remove(key), JSON.stringify(key)).rejects.toBeInstanceOf(InvalidKeyError);
    }
    expect(fs.readFileSync(path.join(dir, 'secret'), 'utf8')).toBe('outside');
    // a literal, undecoded name stays inside the store and is simply missing
    await expect(store.get('org/2026-03/missing')).rejects.toBeInstanceOf(FileMissingError);
  });

  it('an S3 store refuses the same keys before any request is made', async () => {
    const store = s3Store({ endpoint: 'http://127.0.0.1:9', bucket: 'houqin', region: 'cn-north-1', accessKey: 'a', secretKey: 'b' });
    for (const key of ['../other-bucket/x', 'org/../../other-bucket/x', '/x', 'x\u0000']) {
      await expect(store.get(key), key).rejects.toBeInstanceOf(InvalidKeyError);
    }
  });
});
