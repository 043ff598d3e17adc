import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../config.js';
import type { Actor } from './access/actor.js';
import type { Database } from './db/schema.js';
import type { Notifier } from './notify/notifier.js';

/** A clock the tests can move; everything time-dependent asks it, never `Date.now()` directly. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

/** What a service call needs: the database, who acts, and the request it serves. */
export interface Ctx {
  db: Db;
  actor: Actor;
  requestId: string | null;
  clock: Clock;
  config: Config;
  /** inbox + channels; call `send(tx, …)` inside the transaction that makes the change */
  notifier: Notifier;
}
