import type { Db } from '../context.js';
import { FileMissingError, type FileStore } from '../files/store.js';

/** A photo a printed form embeds: pdfkit draws JPEG and PNG only. */
export interface PrintPhoto {
  filename: string;
  mime: string;
  data: Buffer;
}

/**
 * The printable photos among the given attachments, in id order: JPEG and PNG files with
 * their bytes. A file lost from the store leaves its place empty rather than failing the form.
 */
export async function printablePhotos(db: Db, files: FileStore, orgId: string, ids: string[]): Promise<PrintPhoto[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('attachments')
    .select(['id', 'filename', 'mime', 'storage_key'])
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .orderBy('id')
    .execute();
  const photos: PrintPhoto[] = [];
  for (const r of rows) {
    if (r.mime !== 'image/jpeg' && r.mime !== 'image/png') continue;
    try {
      photos.push({ filename: r.filename, mime: r.mime, data: await files.get(r.storage_key) });
    } catch (err) {
      if (!(err instanceof FileMissingError)) throw err;
    }
  }
  return photos;
}
