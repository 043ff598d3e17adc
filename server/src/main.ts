import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { ensureOrganization } from './modules/setup/bootstrap.js';
import { systemClock } from './platform/context.js';
import { connect } from './platform/db/connect.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { createFileStore } from './platform/files/factory.js';
import { createScheduler } from './platform/jobs/scheduler.js';
import { channelAdapters } from './platform/notify/channels.js';
import { createNotifier } from './platform/notify/notifier.js';

/** config → db → migrate → first-run data → buildApp → listen */
async function main(): Promise<void> {
  const config = loadConfig();
  const { db, engine, close } = connect(config);
  await migrateToLatest(db);
  const clock = systemClock;
  const bootstrap = await ensureOrganization(db, config, clock);
  const deps = {
    db,
    engine,
    config,
    clock,
    files: createFileStore(config),
    notifier: createNotifier(channelAdapters(config), () => clock.now()),
  };
  const app = await buildApp(deps, { logger: { level: config.logLevel } });
  // deadline warnings, escalations and auto-acceptance; every process may run it (jobs claim their work)
  const scheduler = createScheduler(deps, { intervalMs: config.scheduler.intervalMs, log: app.log });
  app.addHook('onClose', () => scheduler.stop());
  await app.listen({ port: config.port, host: config.host });
  if (config.scheduler.enabled) scheduler.start();
  app.log.info(`Houqin on ${engine}: http://${config.host}:${config.port} (${bootstrap})`);
  let stopping = false;
  const stop = async () => {
    // a second signal while draining changes nothing; a request that never ends must not keep the process alive
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      app.log.error('shutdown: requests still running after 30 s, exiting');
      process.exit(1);
    }, 30_000).unref();
    try {
      await app.close();
      await close();
      process.exit(0);
    } catch (err) {
      app.log.error(err, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
