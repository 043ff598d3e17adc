import { sql } from 'kysely';
import type { Page } from '../../../../contracts/types.js';
import type { SiteScope } from '../../platform/access/actor.js';
import type { Db, Tx } from '../../platform/context.js';
import { matchesAny } from '../../platform/db/dialect.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';
import type { CustodyTransferStatus } from './schema.js';

export type TransferRow = Row<'custody_transfers'>;
export type TransferListRow = TransferRow & {
  site_name: string;
  from_user_name: string | null;
  to_user_name: string;
  to_department_name: string | null;
  requested_by_name: string;
  asset_count: number;
};

/** What a transfer needs to know about its assets. */
export type CustodyAssetRow = Pick<
  Row<'assets'>,
  'id' | 'org_id' | 'site_id' | 'code' | 'name' | 'status' | 'custodian_id' | 'department_id' | 'location_id' | 'version'
>;

export interface TransferFilter extends PageQuery {
  status?: CustodyTransferStatus;
  mine?: 'incoming' | 'outgoing';
  siteId?: string;
  assetId?: string;
  /** contains-match on the parties' names and the reason */
  q?: string;
}

const SORT: SortSpec = { columns: { createdAt: 't.created_at', id: 't.id' }, default: '-createdAt', id: 't.id' };

const ASSET_COLUMNS = [
  'id',
  'org_id',
  'site_id',
  'code',
  'name',
  'status',
  'custodian_id',
  'department_id',
  'location_id',
  'version',
] as const;

export function findCustodyAssets(db: Db | Tx, orgId: string, ids: string[]): Promise<CustodyAssetRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('assets').select(ASSET_COLUMNS).where('org_id', '=', orgId).where('id', 'in', ids).orderBy('code').execute();
}

/** Ids among `assetIds` already waiting in a pending transfer. */
export async function assetsInPendingTransfers(db: Db | Tx, assetIds: string[]): Promise<string[]> {
  if (assetIds.length === 0) return [];
  const rows = await db
    .selectFrom('custody_transfer_items as i')
    .innerJoin('custody_transfers as t', 't.id', 'i.transfer_id')
    .select('i.asset_id')
    .where('t.status', '=', 'pending')
    .where('i.asset_id', 'in', assetIds)
    .execute();
  return rows.map((r) => r.asset_id);
}

export function findUser(db: Db | Tx, orgId: string, id: string) {
  return db.selectFrom('users').select(['id', 'name', 'active']).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** Whether the user holds any role on the site (or on every site). */
export async function hasSiteMembership(db: Db | Tx, orgId: string, userId: string, siteId: string): Promise<boolean> {
  const row = await db
    .selectFrom('memberships')
    .select('id')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('site_id', 'is', null), eb('site_id', '=', siteId)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export function findDepartment(db: Db | Tx, orgId: string, id: string) {
  return db.selectFrom('departments').select(['id', 'name', 'active']).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

function listQuery(db: Db | Tx, orgId: string) {
  return db
    .selectFrom('custody_transfers as t')
    .innerJoin('sites as s', 's.id', 't.site_id')
    .innerJoin('users as tu', 'tu.id', 't.to_user_id')
    .innerJoin('users as ru', 'ru.id', 't.requested_by')
    .leftJoin('users as fu', 'fu.id', 't.from_user_id')
    .leftJoin('departments as d', 'd.id', 't.to_department_id')
    .selectAll('t')
    .select([
      's.name as site_name',
      'tu.name as to_user_name',
      'ru.name as requested_by_name',
      'fu.name as from_user_name',
      'd.name as to_department_name',
      (eb) =>
        eb
          .selectFrom('custody_transfer_items as ci')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('ci.transfer_id', '=', 't.id')
          .as('asset_count'),
    ])
    .where('t.org_id', '=', orgId);
}

export async function findTransfer(db: Db | Tx, orgId: string, id: string): Promise<TransferListRow | undefined> {
  const row = await listQuery(db, orgId).where('t.id', '=', id).executeTakeFirst();
  return row ? { ...row, asset_count: Number(row.asset_count) } : undefined;
}

/**
 * Transfers the person may see: every transfer of the sites where they read assets,
 * plus those they are a party to (a custodian without assets:read still sees what is
 * handed to them or by them).
 */
export async function listTransfers(
  db: Db,
  orgId: string,
  scope: SiteScope,
  me: string | null,
  f: TransferFilter,
): Promise<Page<TransferListRow>> {
  let q = listQuery(db, orgId);
  const who = me ?? '';
  if (scope !== 'all') {
    q = q.where((eb) => {
      const party = [eb('t.to_user_id', '=', who), eb('t.requested_by', '=', who), eb('t.from_user_id', '=', who)];
      return eb.or(scope.length ? [eb('t.site_id', 'in', scope), ...party] : party);
    });
  }
  if (f.mine === 'incoming') q = q.where('t.to_user_id', '=', who);
  if (f.mine === 'outgoing') q = q.where((eb) => eb.or([eb('t.requested_by', '=', who), eb('t.from_user_id', '=', who)]));
  if (f.status) q = q.where('t.status', '=', f.status);
  if (f.siteId) q = q.where('t.site_id', '=', f.siteId);
  if (f.assetId) {
    const assetId = f.assetId;
    q = q.where('t.id', 'in', (eb) => eb.selectFrom('custody_transfer_items').select('transfer_id').where('asset_id', '=', assetId));
  }
  if (f.q) q = q.where(matchesAny(db, ['tu.name', 'ru.name', 'fu.name', 't.reason'], f.q));
  const page = await keysetPage<TransferListRow>(q, SORT, f, (row, key) => (key === 'createdAt' ? row.created_at : row.id));
  return { items: page.items.map((r) => ({ ...r, asset_count: Number(r.asset_count) })), nextCursor: page.nextCursor };
}

export async function transferAssets(db: Db | Tx, transferId: string) {
  return db
    .selectFrom('custody_transfer_items as i')
    .innerJoin('assets as a', 'a.id', 'i.asset_id')
    .leftJoin('users as u', 'u.id', 'a.custodian_id')
    .leftJoin('departments as d', 'd.id', 'a.department_id')
    .select([
      'a.id',
      'a.code',
      'a.name',
      'a.status',
      'a.custodian_id',
      'u.name as custodian_name',
      'a.department_id',
      'd.name as department_name',
      'a.location_id',
    ])
    .where('i.transfer_id', '=', transferId)
    .orderBy('a.code')
    .execute();
}

export async function transferAssetIds(db: Db | Tx, transferId: string): Promise<string[]> {
  const rows = await db.selectFrom('custody_transfer_items').select('asset_id').where('transfer_id', '=', transferId).execute();
  return rows.map((r) => r.asset_id);
}

export async function insertTransfer(tx: Tx, row: TransferRow, assetIds: string[]): Promise<void> {
  await tx.insertInto('custody_transfers').values(row).execute();
  await tx
    .insertInto('custody_transfer_items')
    .values(assetIds.map((asset_id) => ({ transfer_id: row.id, asset_id })))
    .execute();
}

/** The custodian (and department) change of a confirmed transfer; every asset's version moves on. */
export async function reassignCustody(tx: Tx, ids: string[], custodianId: string, departmentId: string | null, now: string): Promise<void> {
  await tx
    .updateTable('assets')
    .set((eb) => ({
      custodian_id: custodianId,
      ...(departmentId !== null && { department_id: departmentId }),
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('id', 'in', ids)
    .execute();
}
