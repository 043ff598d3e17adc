import { registerAttachmentOwner } from '../attachments/index.js';
import { getWorkOrderRow } from './service.js';

/**
 * Photos of a work order: what the reporter saw (work_order), and the technician's
 * before / after pictures. Whoever may see the order may see and add its photos.
 */
export const WORK_ORDER_PHOTO_TYPES = { work_order: '报修照片', work_order_before: '维修前照片', work_order_after: '维修后照片' } as const;

export function registerWorkOrderAttachments(): void {
  for (const [type, label] of Object.entries(WORK_ORDER_PHOTO_TYPES)) {
    registerAttachmentOwner(type, {
      label,
      readPermission: 'workorders:read',
      writePermission: 'files:upload',
      async resolve(ctx, ownerId) {
        const { row } = await getWorkOrderRow(ctx, ownerId);
        return { siteId: row.site_id, self: true };
      },
    });
  }
}
