import type { Page } from '../../../../contracts/types.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';

export type ChannelRow = Row<'notification_channels'>;
export type DeliveryRow = Row<'notification_deliveries'>;

export interface ChannelFilter extends PageQuery {
  q?: string;
  kind?: string;
  active?: boolean;
}

const CHANNEL_SORT: SortSpec = { columns: { name: 'name', kind: 'kind', id: 'id' }, default: 'name', id: 'id' };
const DELIVERY_SORT: SortSpec = { columns: { id: 'id' }, default: '-id', id: 'id' };

export function findChannel(db: Db, orgId: string, id: string): Promise<ChannelRow | undefined> {
  return db.selectFrom('notification_channels').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function listChannels(db: Db, orgId: string, f: ChannelFilter): Promise<Page<ChannelRow>> {
  let q = db.selectFrom('notification_channels').selectAll().where('org_id', '=', orgId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
  if (f.q) q = q.where(matchesAny(db, ['name'], f.q));
  return keysetPage<ChannelRow>(q, CHANNEL_SORT, f, (row, key) => row[key as keyof ChannelRow]);
}

export async function insertChannel(tx: Tx, row: ChannelRow): Promise<void> {
  await tx.insertInto('notification_channels').values(row).execute();
}

export function listDeliveries(db: Db, orgId: string, channelId: string, f: PageQuery & { status?: string }): Promise<Page<DeliveryRow>> {
  let q = db.selectFrom('notification_deliveries').selectAll().where('org_id', '=', orgId).where('channel_id', '=', channelId);
  if (f.status) q = q.where('status', '=', f.status);
  return keysetPage<DeliveryRow>(q, DELIVERY_SORT, f, (row, key) => row[key as keyof DeliveryRow]);
}
