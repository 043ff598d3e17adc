import { hasPermission } from '../../platform/access/actor.js';
import { forbidden } from '../../platform/http/errors.js';
import { registerAttachmentOwner } from '../attachments/index.js';
import { isRequester, isWorker } from './policy.js';
import { getWorkOrderRow } from './service.js';
import { isClosed } from './state.js';

/**
 * Photos of a work order: what the reporter saw (work_order), and the technician's
 * before / after pictures. Whoever may see the order sees them. Adding or removing is
 * for clerks of the site (also after closing, to correct), the technician on it while
 * it is open, and the reporter for the fault photos while nobody has been sent yet.
 */
export const WORK_ORDER_PHOTO_TYPES = { work_order: '报修照片', work_order_before: '维修前照片', work_order_after: '维修后照片' } as const;

export function registerWorkOrderAttachments(): void {
  for (const [type, label] of Object.entries(WORK_ORDER_PHOTO_TYPES)) {
    registerAttachmentOwner(type, {
      label,
      readPermission: 'workorders:read',
      writePermission: 'files:upload',
      async resolve(ctx, ownerId, mode) {
        const { row, view } = await getWorkOrderRow(ctx, ownerId);
        if (mode === 'read' || hasPermission(ctx.actor, 'workorders:dispatch', row.site_id)) return { siteId: row.site_id, self: true };
        const open = !isClosed(row.status);
        const worker = open && isWorker(view, row) && hasPermission(ctx.actor, 'workorders:work', row.site_id);
        const reporter = type === 'work_order' && row.status === 'pending' && isRequester(view, row);
        if (worker || reporter) return { siteId: row.site_id, self: true };
        throw forbidden();
      },
    });
  }
}
