import fs from 'node:fs/promises';
import path from 'node:path';

/** Where attachment bytes live. Keys are opaque, made by the attachments service. */
export interface FileStore {
  readonly kind: 'local' | 's3';
  put(key: string, data: Buffer, mime: string): Promise<void>;
  get(key: string): Promise<Buffer>;
  remove(key: string): Promise<void>;
}

/** Thrown by `get` when the store has no object under the key. */
export class FileMissingError extends Error {
  constructor(key: string) {
    super(`stored file missing: ${key}`);
    this.name = 'FileMissingError';
  }
}

/** Thrown for a key that could name anything outside the store: `..`, absolute, backslash, NUL, encoded dots. */
export class InvalidKeyError extends Error {
  constructor(key: string) {
    super(`invalid storage key: ${JSON.stringify(key.slice(0, 200))}`);
    this.name = 'InvalidKeyError';
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const UNSAFE_KEY_CHARS = /[\\%\u0000-\u001f\u007f]/;

/**
 * Keys are made by the attachments service (`<org>/<yyyy-mm>/<id>`), never from a request;
 * every store still refuses a key that is not a plain relative path — `.` or `..` segments,
 * a leading or doubled `/`, a backslash, control characters (NUL among them) and `%`, so
 * that neither a bug nor a tampered database row can reach a file outside the store, and
 * no layer that decodes `%2e%2e` or `%2f` later can be led out of it either.
 */
export function assertStorageKey(key: string): void {
  const badSegment = key.split('/').some((s) => s === '' || s === '.' || s === '..');
  if (key.length > 1024 || UNSAFE_KEY_CHARS.test(key) || badSegment) throw new InvalidKeyError(key);
}

export function localStore(root: string): FileStore {
  const base = path.resolve(root);
  const resolve = (key: string) => {
    assertStorageKey(key);
    const full = path.resolve(base, key);
    // assertStorageKey already rules out escapes; the prefix check stays as a second, independent guard
    if (!full.startsWith(base + path.sep)) throw new InvalidKeyError(key);
    return full;
  };
  return {
    kind: 'local',
    async put(key, data) {
      const full = resolve(key);
      await fs.mkdir(path.dirname(full), { recursive: true });
      // write then rename so a crash never leaves half a file under the final name
      const tmp = `${full}.${process.pid}.tmp`;
      await fs.writeFile(tmp, data);
      await fs.rename(tmp, full);
    },
    async get(key) {
      try {
        return await fs.readFile(resolve(key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new FileMissingError(key);
        throw err;
      }
    },
    async remove(key) {
      await fs.rm(resolve(key), { force: true });
    },
  };
}
