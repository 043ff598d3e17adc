/**
 * Screenshots of web pages at 1280 px and 375 px, for checking layouts by eye.
 *
 *   npx vite build --config web/vite.config.ts      # the server serves dist/web
 *   npx tsx e2e/screenshots.ts [options] [path…]
 *
 * Without BASE_URL a server starts on a free port with a fresh DATA_DIR (demo data)
 * and stops afterwards. Paths default to the organisation pages; `/login` and
 * `/setup` are taken signed out. Options (environment):
 *   BASE_URL=http://127.0.0.1:3000   use a running server instead
 *   HOUQIN_USER=admin                 who signs in (password HOUQIN_PASSWORD, default houqin)
 *   SHOT_LANG=en-US                   interface language (default zh-CN)
 *   SHOT_DIR=/tmp/shots               where PNGs go (default <tmp>/houqin-screenshots)
 *   SHOT_WIDTHS=1280,375              viewport widths
 * A path may carry a suffix `#action` run before the shot: `#create` clicks 新建,
 * `#import` clicks 导入, `#menu` opens the phone menu, `#user` opens the user menu.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

const DEFAULT_PATHS = ['/login', '/org/sites', '/org/locations', '/org/departments', '/org/teams'];
const PUBLIC_PATHS = new Set(['/login', '/setup']);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function waitForHealth(base: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error('server did not become healthy within 90 s');
}

async function startServer(): Promise<{ base: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-shots-'));
  // one process (node with the tsx loader), so stopping it leaves nothing behind
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base, child);
  return {
    base,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

async function signIn(page: Page, base: string, user: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.locator('#login').fill(user);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

async function runAction(page: Page, action: string): Promise<void> {
  const testIds: Record<string, string> = { create: 'table-create', import: 'table-import', menu: 'menu-toggle', user: 'user-menu' };
  const id = testIds[action];
  if (!id) throw new Error(`unknown action #${action}`);
  const target = page.getByTestId(id).first();
  if (action === 'user') await target.hover();
  else await target.click();
  await page.waitForTimeout(700);
}

async function main(): Promise<void> {
  const paths = process.argv.slice(2).length ? process.argv.slice(2) : DEFAULT_PATHS;
  const user = process.env.HOUQIN_USER ?? 'admin';
  const password = process.env.HOUQIN_PASSWORD ?? 'houqin';
  const lang = process.env.SHOT_LANG ?? 'zh-CN';
  const outDir = process.env.SHOT_DIR ?? path.join(os.tmpdir(), 'houqin-screenshots');
  const widths = (process.env.SHOT_WIDTHS ?? '1280,375').split(',').map(Number);
  fs.mkdirSync(outDir, { recursive: true });

  const server = process.env.BASE_URL ? { base: process.env.BASE_URL, stop: async () => {} } : await startServer();
  const browser = await launch();
  try {
    for (const width of widths) {
      const mobile = width < 600;
      const context = await browser.newContext({
        viewport: { width, height: mobile ? 740 : 800 },
        deviceScaleFactor: 1,
        isMobile: mobile,
        hasTouch: mobile,
        locale: lang,
        timezoneId: 'Asia/Shanghai',
      });
      await context.addInitScript((l) => localStorage.setItem('houqin.lang', l), lang);
      const page = await context.newPage();
      page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));
      page.on('console', (msg) => {
        if (msg.type() === 'error') console.error(`[console] ${msg.text()}`);
      });
      let signedIn = false;
      for (const entry of paths) {
        const [route = '/', action] = entry.split('#');
        if (!PUBLIC_PATHS.has(route) && !signedIn) {
          await signIn(page, server.base, user, password);
          signedIn = true;
        }
        await page.goto(`${server.base}${route}`);
        await page.waitForLoadState('networkidle');
        // a busy machine renders after the network is quiet: wait until no spinner is left (at most 10 s)
        await page
          .waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton-active'), undefined, { timeout: 10_000 })
          .catch(() => {});
        await page.waitForTimeout(400);
        if (action) await runAction(page, action);
        const name = `${route.replace(/^\//, '').replace(/[^\w-]+/g, '_') || 'home'}${action ? `-${action}` : ''}-${lang}-${width}.png`;
        const file = path.join(outDir, name);
        await page.screenshot({ path: file, fullPage: !action });
        console.log(file);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
