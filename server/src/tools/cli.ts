import { loadConfig } from '../config.js';
import { backup } from './backup.js';
import { restore } from './restore.js';

const USAGE = `usage:
  npm run backup [-- <archive-dir>]            default ./backups/houqin-<UTC time>
  npm run restore -- <archive-dir> [--force]   --force replaces a non-empty target
Both use the server's configuration (DATA_DIR, DATABASE_URL). Stop the server before restoring.`;

/** `npm run backup` / `npm run restore` (see README, "Backup and restore"). */
async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const force = rest.includes('--force');
  const positional = rest.filter((a) => !a.startsWith('--'));
  const unknown = rest.filter((a) => a.startsWith('--') && a !== '--force');
  if (unknown.length || positional.length > 1 || (command !== 'backup' && command !== 'restore')) {
    throw new Error(USAGE);
  }
  const config = loadConfig();
  if (command === 'backup') {
    if (force) throw new Error(USAGE);
    const { dir, manifest } = await backup(config, positional[0]);
    const files = manifest.files === null ? 'attachments in S3, not included' : `${manifest.files.length} attachments`;
    console.log(`backup (${manifest.engine}, ${files}) written to ${dir}`);
  } else {
    const archive = positional[0];
    if (!archive) throw new Error(USAGE);
    const manifest = await restore(config, archive, { force });
    console.log(`restored the ${manifest.engine} backup of ${manifest.createdAt} from ${archive}`);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
