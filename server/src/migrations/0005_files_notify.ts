import { type Db, tsType } from './_helpers.js';

/**
 * Notifications outbox: a delivery row is queued (status `pending`, with the
 * message it carries) in the caller's transaction and pushed to the channel only
 * after that transaction committed, so a rolled-back change never notifies and a
 * slow webhook never holds a database transaction open.
 */
export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('notification_deliveries').addColumn('message', 'text').execute();
  await db.schema.alterTable('notification_deliveries').addColumn('attempted_at', tsType(db)).execute();
  await db.schema.createIndex('notification_deliveries_channel_idx').on('notification_deliveries').columns(['channel_id', 'id']).execute();
  await db.schema.createIndex('notification_deliveries_status_idx').on('notification_deliveries').columns(['status', 'id']).execute();
  await db.schema
    .createIndex('notification_channels_org_name_uq')
    .on('notification_channels')
    .columns(['org_id', 'name'])
    .unique()
    .execute();
  await db.schema.createIndex('notifications_user_unread_idx').on('notifications').columns(['user_id', 'read_at']).execute();
  await db.schema.createIndex('attachments_org_owner_idx').on('attachments').columns(['org_id', 'owner_type', 'owner_id', 'id']).execute();
}
