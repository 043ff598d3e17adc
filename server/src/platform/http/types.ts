import type { Permission } from '../../../../contracts/permissions.js';
import type { Config } from '../../config.js';
import type { Actor } from '../access/actor.js';
import type { Clock, Db } from '../context.js';
import type { Engine } from '../db/dialect.js';
import type { FileStore } from '../files/store.js';
import type { Notifier } from '../notify/notifier.js';

/**
 * What a route needs to be allowed: a permission (held on at least one site; the
 * service then checks the record's site), `authenticated` (any signed-in user), or
 * `public`. Every /api route must say which — the app refuses to start otherwise.
 */
export type RouteAccess = Permission | 'authenticated' | 'public';

export interface AppDeps {
  db: Db;
  engine: Engine;
  config: Config;
  clock: Clock;
  files: FileStore;
  notifier: Notifier;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    deps: AppDeps;
  }
}
