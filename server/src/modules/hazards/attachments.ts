import { registerAttachmentOwner } from '../attachments/index.js';
import { readableFinding } from './findings.service.js';
import { readableHazard } from './hazards.service.js';

/**
 * Photos of findings and hazards. Whoever reads the record sees them (hazards:read on
 * the site, or the people the record names); hazards:report adds them, except the
 * after photos (整改后照片): the responsible person's, or a hazards manager's. The
 * finder counts as the owner of a finding's photos and the responsible person of a
 * hazard's after photos, whatever their permissions: they take those pictures.
 */
export const HAZARD_PHOTO_TYPES = {
  finding: '发现问题照片',
  finding_fix: '当场整改照片',
  hazard: '隐患照片（整改前）',
  hazard_after: '整改后照片',
} as const;

export function registerHazardAttachments(): void {
  for (const type of ['finding', 'finding_fix'] as const) {
    registerAttachmentOwner(type, {
      label: HAZARD_PHOTO_TYPES[type],
      readPermission: 'hazards:read',
      writePermission: 'hazards:report',
      async resolve(ctx, ownerId) {
        const row = await readableFinding(ctx, ownerId);
        return { siteId: row.site_id, self: row.found_by !== null && row.found_by === ctx.actor.userId };
      },
    });
  }
  registerAttachmentOwner('hazard', {
    label: HAZARD_PHOTO_TYPES.hazard,
    readPermission: 'hazards:read',
    writePermission: 'hazards:report',
    async resolve(ctx, ownerId, mode) {
      const row = await readableHazard(ctx, ownerId);
      const user = ctx.actor.userId;
      const named = user !== null && [row.found_by, row.responsible_id, row.verifier_id].includes(user);
      // the people a hazard names read its photos; only the finder adds "before" photos without hazards:report
      return { siteId: row.site_id, self: mode === 'read' ? named : user !== null && row.found_by === user };
    },
  });
  registerAttachmentOwner('hazard_after', {
    label: HAZARD_PHOTO_TYPES.hazard_after,
    readPermission: 'hazards:read',
    // the rectification's evidence: the responsible person's, or a hazards manager's on their behalf
    writePermission: 'hazards:manage',
    async resolve(ctx, ownerId, mode) {
      const row = await readableHazard(ctx, ownerId);
      const user = ctx.actor.userId;
      const named = user !== null && [row.found_by, row.responsible_id, row.verifier_id].includes(user);
      return { siteId: row.site_id, self: mode === 'read' ? named : user !== null && row.responsible_id === user };
    },
  });
}
