import { registerAttachmentOwner } from '../../platform/files/owners.js';
import { notFound } from '../../platform/http/errors.js';
import { getSite } from '../org/index.js';

/** Record types that exist in the platform today; feature modules register their own in their index.ts. */
export function registerPlatformOwners(): void {
  registerAttachmentOwner('site', {
    label: '场所',
    readPermission: 'org:read',
    writePermission: 'org:manage',
    async resolve(ctx, ownerId) {
      const site = await getSite(ctx, ownerId);
      return { siteId: site.id };
    },
  });

  // a person's own files (photo, certificates) are theirs; others need users:read / users:manage
  registerAttachmentOwner('user', {
    label: '用户',
    readPermission: 'users:read',
    writePermission: 'users:manage',
    async resolve(ctx, ownerId) {
      const user = await ctx.db
        .selectFrom('users')
        .select('id')
        .where('org_id', '=', ctx.actor.orgId)
        .where('id', '=', ownerId)
        .executeTakeFirst();
      if (!user) throw notFound('用户');
      return { siteId: null, self: user.id === ctx.actor.userId };
    },
  });
}
