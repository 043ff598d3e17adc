import { registerAttachmentOwner } from '../attachments/index.js';
import { readableSession, SESSION_MATERIALS } from './sessions.service.js';

/**
 * A session's course materials (课件、签到表扫描件): whoever may read the session reads
 * them — attendees without safety:read included, which the session's own check decides;
 * those who manage training on its site add and remove them.
 */
export function registerSessionMaterials(): void {
  registerAttachmentOwner(SESSION_MATERIALS, {
    label: '培训资料',
    readPermission: 'safety:read',
    writePermission: 'training:manage',
    async resolve(ctx, ownerId, mode) {
      const row = await readableSession(ctx, ownerId);
      return { siteId: row.site_id, self: mode === 'read' };
    },
  });
}
