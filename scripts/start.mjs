#!/usr/bin/env node
// `npm start`: build what is stale (server and web), then run the server, which
// migrates the database and seeds the demo organisation on first start.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);

function newest(dirs) {
  let latest = 0;
  const walk = (p) => {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(p)) if (e !== 'node_modules') walk(path.join(p, e));
    } else latest = Math.max(latest, st.mtimeMs);
  };
  for (const d of dirs) walk(d);
  return latest;
}

function stale(output, inputs) {
  const st = fs.statSync(output, { throwIfNoEntry: false });
  return !st || st.mtimeMs < newest(inputs);
}

function run(script) {
  console.log(`[houqin] npm run ${script}`);
  const r = spawnSync('npm', ['run', script], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const common = ['contracts', 'package.json'];
if (stale('dist/node/server/src/main.js', ['server/src', 'tsconfig.server.json', ...common])) run('build:server');
if (stale('dist/web/index.html', ['web', ...common])) run('build:web');

await import(path.join(root, 'dist/node/server/src/main.js'));
