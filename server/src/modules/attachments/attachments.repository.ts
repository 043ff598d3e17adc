import type { Page } from '../../../../contracts/types.js';
import type { Db, Tx } from '../../platform/context.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';

export type AttachmentRow = Row<'attachments'>;

const SORT: SortSpec = { columns: { id: 'id', filename: 'filename', size: 'size' }, default: 'id', id: 'id' };

/** A live (not deleted) attachment of the organisation. */
export function findAttachment(db: Db, orgId: string, id: string): Promise<AttachmentRow | undefined> {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export function listOwnerAttachments(
  db: Db,
  orgId: string,
  ownerType: string,
  ownerId: string,
  page: PageQuery,
): Promise<Page<AttachmentRow>> {
  const q = db
    .selectFrom('attachments')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .where('deleted_at', 'is', null);
  return keysetPage<AttachmentRow>(q, SORT, page, (row, key) => row[key as keyof AttachmentRow]);
}

export async function insertAttachment(tx: Tx, row: AttachmentRow): Promise<void> {
  await tx.insertInto('attachments').values(row).execute();
}

/** Soft delete; false when someone else deleted it first. */
export async function markDeleted(tx: Tx, id: string, at: string): Promise<boolean> {
  const res = await tx
    .updateTable('attachments')
    .set({ deleted_at: at })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
