import type { Page } from '../../../../contracts/types.js';
import type { Db, Tx } from '../../platform/context.js';
import type { Row } from '../../platform/db/schema.js';
import { keysetPage, type PageQuery, type SortSpec } from '../../platform/http/paging.js';

export type AttachmentRow = Row<'attachments'>;

const SORT: SortSpec = { columns: { id: 'a.id', filename: 'a.filename', size: 'a.size' }, default: 'id', id: 'a.id' };

/** A listed attachment with the uploader's name for display. */
export type AttachmentListRow = AttachmentRow & { created_by_name: string | null };

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
): Promise<Page<AttachmentListRow>> {
  const q = db
    .selectFrom('attachments as a')
    .leftJoin('users as u', 'u.id', 'a.created_by')
    .selectAll('a')
    .select('u.name as created_by_name')
    .where('a.org_id', '=', orgId)
    .where('a.owner_type', '=', ownerType)
    .where('a.owner_id', '=', ownerId)
    .where('a.deleted_at', 'is', null);
  return keysetPage<AttachmentListRow>(q, SORT, page, (row, key) => row[key as keyof AttachmentRow]);
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
