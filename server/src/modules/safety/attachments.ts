import { ACTION_STATUS_LABELS } from '../../platform/actions/index.js';
import { forbidden } from '../../platform/http/errors.js';
import { registerAttachmentOwner } from '../attachments/index.js';
import { ownerOf, ownerViews, readableActionItem } from './actions.service.js';

/**
 * Evidence of an action item (整改证据: photos, records). Whoever reads the item sees it
 * (safety:read on the site, or the assignee and verifier it names). It is added while the
 * item is open — before the submission the verifier judges — by the assignee or someone
 * who may manage the item's owner; nobody else, whatever their permissions.
 */
export function registerActionAttachments(): void {
  registerAttachmentOwner('action_item', {
    label: '整改证据',
    readPermission: 'safety:read',
    // never consulted for writing: resolve answers `self` for the people who may add evidence and refuses everyone else
    writePermission: 'safety:read',
    async resolve(ctx, ownerId, mode) {
      const row = await readableActionItem(ctx, ownerId);
      const user = ctx.actor.userId;
      if (mode === 'read') return { siteId: row.site_id, self: user !== null && (row.assignee_id === user || row.verifier_id === user) };
      if (row.status !== 'open') throw forbidden(`整改措施${ACTION_STATUS_LABELS[row.status]}，证据不能再更改`);
      const owner = ownerOf(await ownerViews(ctx, [row]), row);
      if ((user === null || row.assignee_id !== user) && !owner.mayManage) {
        throw forbidden('只有整改措施的责任人或该记录的管理人员可以上传证据');
      }
      return { siteId: row.site_id, self: true };
    },
  });
}
