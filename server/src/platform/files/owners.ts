import type { Permission } from '../../../../contracts/permissions.js';
import type { Ctx } from '../context.js';

/**
 * Which records may carry attachments, and how access to them is decided: an
 * attachment is exactly as visible as the record it belongs to. Each module
 * registers its record types once at start-up (idempotent, so several app
 * instances in one process — the tests — can register the same owner).
 */
export interface ResolvedOwner {
  /** the owning record's site; null for organisation-wide records */
  siteId: string | null;
  /** the actor owns this record personally (e.g. their own user profile): no permission needed */
  self?: boolean;
}

export interface AttachmentOwner {
  /**
   * loads the owning record for the actor; throws 404 (notFound) when it is missing or
   * out of scope. `mode` lets an owner decide `self` per use: a record's own people may
   * read its files without being allowed to change them.
   */
  resolve(ctx: Ctx, ownerId: string, mode: 'read' | 'write'): Promise<ResolvedOwner>;
  /** needed (on the record's site) to list and download its attachments */
  readPermission: Permission;
  /** needed (on the record's site) to attach files to it and to remove them */
  writePermission: Permission;
  /** label used in messages, e.g. 场所 */
  label?: string;
}

const owners = new Map<string, AttachmentOwner>();

export function registerAttachmentOwner(type: string, owner: AttachmentOwner): void {
  if (!/^[a-z][a-z0-9_-]{0,39}$/.test(type)) throw new Error(`invalid attachment owner type "${type}"`);
  owners.set(type, owner);
}

export function attachmentOwner(type: string): AttachmentOwner | undefined {
  return owners.get(type);
}

export function attachmentOwnerTypes(): string[] {
  return [...owners.keys()].sort();
}
