import type { FieldError } from '../../../../contracts/errors.js';
import type { Db, Tx } from '../context.js';
import { newId } from '../db/ids.js';
import type { Row } from '../db/schema.js';

/** A message for people: always lands in their in-app inbox, and is pushed to the organisation's active channels. */
export interface Message {
  orgId: string;
  userIds: string[];
  kind: string;
  title: string;
  body: string;
  /** app-relative link (`/work-orders/…`) or absolute url */
  link?: string | null;
}

export interface Recipient {
  email: string | null;
  name: string;
}

export type OutgoingMessage = Message & { recipients: Recipient[] };

export interface ChannelAdapter {
  readonly kind: string;
  /** settings that are never sent back to clients (shown masked) */
  readonly secretFields: readonly string[];
  /** checks and normalises a channel's settings; field names are relative to `config` */
  validate(config: Record<string, unknown>): { config: Record<string, unknown>; errors: FieldError[] };
  /** pushes one message; throws with a readable reason when the channel refused it */
  deliver(config: Record<string, unknown>, message: OutgoingMessage): Promise<void>;
}

export type ChannelRow = Row<'notification_channels'>;

export interface DeliveryResult {
  id: string;
  status: 'sent' | 'failed';
  error: string | null;
}

export interface Notifier {
  /**
   * Writes the inbox rows and queues one delivery per active channel, both with
   * `db` — pass your transaction so they commit or roll back with your change.
   * Channels are pushed only after commit, in the background: right away when `db`
   * is not a transaction; otherwise as soon as the queued rows become visible
   * (polled with back-off for up to a minute; rows of a rolled-back transaction
   * never appear and so are never sent). Never throws for a channel's failure.
   */
  send(db: Db | Tx, message: Message): Promise<void>;
  /** pushes every queued delivery now (claimed row by row, so parallel servers never send twice) */
  dispatchPending(db: Db): Promise<number>;
  /** sends to one channel now and logs the delivery (the 发送测试 button) */
  deliverNow(db: Db, channel: ChannelRow, message: Message): Promise<DeliveryResult>;
  adapter(kind: string): ChannelAdapter | undefined;
  readonly kinds: string[];
  /** the database used for background dispatch (set by the notifications module at start-up) */
  attach(db: Db): void;
  /** resolves when background dispatching has finished */
  idle(): Promise<void>;
  /** stops background work (app shutdown) */
  close(): Promise<void>;
}

const BATCH = 50;
/** how long to keep looking for deliveries queued inside a transaction that has not committed yet */
const AWAIT_COMMIT_MS = 60_000;

export function createNotifier(adapters: ChannelAdapter[], now: () => Date): Notifier {
  const byKind = new Map(adapters.map((a) => [a.kind, a]));
  let root: Db | null = null;
  let closed = false;
  let running: Promise<unknown> = Promise.resolve();
  // delivery ids queued inside transactions, not yet seen by a dispatch
  const awaiting = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let delay = 50;
  let giveUpAt = 0;

  const recipientsOf = async (db: Db, userIds: string[]): Promise<Recipient[]> =>
    userIds.length ? db.selectFrom('users').select(['email', 'name']).where('id', 'in', userIds).execute() : [];

  async function attempt(db: Db, channel: ChannelRow | undefined, deliveryId: string, message: Message): Promise<DeliveryResult> {
    let error: string | null = null;
    const adapter = channel && byKind.get(channel.kind);
    if (!channel || !adapter) {
      error = '渠道已停用、不存在或类型不受支持';
    } else {
      try {
        await adapter.deliver(JSON.parse(channel.config) as Record<string, unknown>, {
          ...message,
          recipients: await recipientsOf(db, message.userIds),
        });
      } catch (err) {
        error = (err instanceof Error ? err.message : String(err)).slice(0, 1000) || '发送失败';
      }
    }
    const status = error ? 'failed' : 'sent';
    await db.updateTable('notification_deliveries').set({ status, error }).where('id', '=', deliveryId).execute();
    return { id: deliveryId, status, error };
  }

  async function drain(db: Db): Promise<number> {
    let done = 0;
    for (;;) {
      const rows = await db
        .selectFrom('notification_deliveries')
        .select(['id', 'channel_id', 'message'])
        .where('status', '=', 'pending')
        .orderBy('id')
        .limit(BATCH)
        .execute();
      if (rows.length === 0) return done;
      for (const row of rows) {
        awaiting.delete(row.id);
        const claim = await db
          .updateTable('notification_deliveries')
          .set({ status: 'sending', attempted_at: now().toISOString() })
          .where('id', '=', row.id)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        if (Number(claim.numUpdatedRows) === 0) continue; // another server took it
        const channel = await db.selectFrom('notification_channels').selectAll().where('id', '=', row.channel_id).executeTakeFirst();
        await attempt(db, channel?.active === 1 ? channel : undefined, row.id, JSON.parse(row.message ?? '{}') as Message);
        done++;
      }
    }
  }

  function dispatch(db: Db): Promise<number> {
    const next = running.then(() => drain(db));
    running = next.catch((err: unknown) => {
      // the rows stay pending and go out with the next dispatch; there is no caller to tell
      if (!closed) process.emitWarning(`notification dispatch failed: ${err instanceof Error ? err.message : String(err)}`);
    });
    return next;
  }

  // wall-clock timers on purpose: this is retry pacing inside the process, not business time
  function armTimer(): void {
    if (timer || !root || closed) return;
    const db = root;
    timer = setTimeout(() => {
      timer = null;
      void dispatch(db)
        .catch(() => 0)
        .then(() => {
          if (awaiting.size > 0 && Date.now() < giveUpAt && !closed) {
            delay = Math.min(delay * 2, 5000);
            armTimer();
          } else {
            // whatever is still awaited belonged to transactions that rolled back
            awaiting.clear();
          }
        });
    }, delay);
    timer.unref();
  }

  function afterCommit(ids: string[]): void {
    for (const id of ids) awaiting.add(id);
    giveUpAt = Date.now() + AWAIT_COMMIT_MS;
    delay = 50;
    if (timer) clearTimeout(timer);
    timer = null;
    armTimer();
  }

  return {
    kinds: [...byKind.keys()],
    adapter: (kind) => byKind.get(kind),
    attach(db) {
      root = db;
    },
    idle: () => running.then(() => undefined),
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
    dispatchPending: dispatch,

    async send(db, message) {
      const at = now().toISOString();
      if (message.userIds.length > 0) {
        await db
          .insertInto('notifications')
          .values(
            [...new Set(message.userIds)].map((userId) => ({
              id: newId(),
              org_id: message.orgId,
              user_id: userId,
              kind: message.kind,
              title: message.title,
              body: message.body,
              link: message.link ?? null,
              read_at: null,
              created_at: at,
            })),
          )
          .execute();
      }
      const channels = await db
        .selectFrom('notification_channels')
        .select(['id', 'kind'])
        .where('org_id', '=', message.orgId)
        .where('active', '=', 1)
        .execute();
      const targets = channels.filter((c) => byKind.has(c.kind));
      if (targets.length === 0) return;
      const payload = JSON.stringify({ ...message, link: message.link ?? null });
      const rows = targets.map((c) => ({
        id: newId(),
        org_id: message.orgId,
        channel_id: c.id,
        title: message.title,
        status: 'pending',
        error: null,
        created_at: at,
        message: payload,
        attempted_at: null,
      }));
      await db.insertInto('notification_deliveries').values(rows).execute();
      if (closed) return;
      if (!db.isTransaction) {
        void dispatch(db).catch(() => 0);
        return;
      }
      afterCommit(rows.map((r) => r.id));
    },

    async deliverNow(db, channel, message) {
      const id = newId();
      const at = now().toISOString();
      await db
        .insertInto('notification_deliveries')
        .values({
          id,
          org_id: channel.org_id,
          channel_id: channel.id,
          title: message.title,
          status: 'sending',
          error: null,
          created_at: at,
          message: JSON.stringify({ ...message, link: message.link ?? null }),
          attempted_at: at,
        })
        .execute();
      return attempt(db, channel, id, message);
    },
  };
}
