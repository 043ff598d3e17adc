import path from 'node:path';
import type { Config } from '../../config.js';
import { s3Store } from './s3.js';
import { type FileStore, localStore } from './store.js';

/** S3-compatible store when S3_ENDPOINT is set, otherwise files under DATA_DIR/files. */
export function createFileStore(config: Config): FileStore {
  return config.s3 ? s3Store(config.s3) : localStore(path.join(config.dataDir, 'files'));
}
