import type { Db } from '../context.js';
import { newId } from '../db/ids.js';

/** A message for people: always lands in their in-app inbox, and is pushed to the organisation's active channels. */
export interface Message {
  orgId: string;
  userIds: string[];
  kind: string;
  title: string;
  body: string;
  link?: string | null;
}

export interface Notifier {
  send(db: Db, message: Message): Promise<void>;
}

export interface ChannelAdapter {
  readonly kind: string;
  deliver(config: Record<string, unknown>, message: Message & { recipients: { email: string | null; name: string }[] }): Promise<void>;
}

/**
 * Inbox rows are written with the caller's database handle (so they share its
 * transaction); channel deliveries happen afterwards and their failures are logged
 * in notification_deliveries, never thrown at the caller.
 */
export function createNotifier(adapters: ChannelAdapter[], now: () => Date): Notifier {
  const byKind = new Map(adapters.map((a) => [a.kind, a]));
  return {
    async send(db, message) {
      const at = now().toISOString();
      if (message.userIds.length > 0) {
        await db
          .insertInto('notifications')
          .values(
            message.userIds.map((userId) => ({
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
        .selectAll()
        .where('org_id', '=', message.orgId)
        .where('active', '=', 1)
        .execute();
      if (channels.length === 0) return;
      const recipients =
        message.userIds.length > 0
          ? await db.selectFrom('users').select(['email', 'name']).where('id', 'in', message.userIds).execute()
          : [];
      for (const channel of channels) {
        const adapter = byKind.get(channel.kind);
        if (!adapter) continue;
        let error: string | null = null;
        try {
          await adapter.deliver(JSON.parse(channel.config) as Record<string, unknown>, { ...message, recipients });
        } catch (err) {
          error = err instanceof Error ? err.message : String(err);
        }
        await db
          .insertInto('notification_deliveries')
          .values({
            id: newId(),
            org_id: message.orgId,
            channel_id: channel.id,
            title: message.title,
            status: error ? 'failed' : 'sent',
            error,
            created_at: now().toISOString(),
          })
          .execute();
      }
    },
  };
}
