import { randomInt } from 'node:crypto';
import type { Db, Tx } from '../../platform/context.js';

/**
 * Stable QR codes of locations and assets (`/q/<code>`). Codes are random, not derived
 * from ids, so a printed label reveals nothing and survives renumbering; the alphabet
 * leaves out 0/O, 1/I/L so a code can be read aloud or typed from a worn label.
 */
export const QR_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const QR_CODE_LENGTH = 8;
const MAX_ATTEMPTS = 10;

export type QrTargetType = 'location' | 'asset';

export interface QrTarget {
  orgId: string;
  siteId: string;
  targetType: QrTargetType;
  targetId: string;
}

export function randomQrCode(): string {
  let code = '';
  for (let i = 0; i < QR_CODE_LENGTH; i++) code += QR_ALPHABET[randomInt(QR_ALPHABET.length)];
  return code;
}

export function isQrCode(text: string): boolean {
  return text.length === QR_CODE_LENGTH && [...text].every((c) => QR_ALPHABET.includes(c));
}

/**
 * The target's code, created on first call. `on conflict do nothing` absorbs both a
 * clash of the random code and a concurrent creation for the same target without
 * aborting the caller's transaction (PostgreSQL would after a unique violation); the
 * re-read tells which happened.
 */
export async function ensureQrCode(tx: Tx | Db, target: QrTarget, now = new Date().toISOString()): Promise<string> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const existing = await findQrCode(tx, target.targetType, target.targetId);
    if (existing) return existing;
    await tx
      .insertInto('qr_codes')
      .values({
        code: randomQrCode(),
        org_id: target.orgId,
        site_id: target.siteId,
        target_type: target.targetType,
        target_id: target.targetId,
        created_at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  const created = await findQrCode(tx, target.targetType, target.targetId);
  if (!created) throw new Error(`could not allocate a QR code for ${target.targetType} ${target.targetId}`);
  return created;
}

export async function findQrCode(db: Tx | Db, targetType: QrTargetType, targetId: string): Promise<string | null> {
  const row = await db
    .selectFrom('qr_codes')
    .select('code')
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .executeTakeFirst();
  return row?.code ?? null;
}

/** Keeps the code's site in step when its asset moves to another site (the label stays valid). */
export async function moveQrCodeSite(tx: Tx, targetType: QrTargetType, targetId: string, siteId: string): Promise<void> {
  await tx
    .updateTable('qr_codes')
    .set({ site_id: siteId })
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .execute();
}
