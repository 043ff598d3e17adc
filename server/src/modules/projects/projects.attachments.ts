import { registerAttachmentOwner } from '../attachments/index.js';
import { readableProject } from './projects.service.js';

/**
 * Files of a project: site photos and documents (`project`) and the acceptance papers —
 * signed 验收单, settlement, drawings as built (`project_acceptance`). Whoever reads the
 * project sees them; project managers add and remove them.
 */
export const PROJECT_ATTACHMENT_TYPES = { project: '项目照片与资料', project_acceptance: '验收资料' } as const;

export function registerProjectAttachments(): void {
  for (const [type, label] of Object.entries(PROJECT_ATTACHMENT_TYPES)) {
    registerAttachmentOwner(type, {
      label,
      readPermission: 'projects:read',
      writePermission: 'projects:manage',
      async resolve(ctx, ownerId) {
        const row = await readableProject(ctx, ownerId);
        return { siteId: row.site_id };
      },
    });
  }
}
