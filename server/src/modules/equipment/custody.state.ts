import { AppError } from '../../platform/http/errors.js';
import type { CustodyTransferStatus } from './schema.js';

/**
 * A custody transfer waits for its receiver: confirming moves the assets, rejecting or
 * the requester's cancelling leaves them where they were. Every decision is final.
 */
export type CustodyAction = 'confirm' | 'reject' | 'cancel';

const TRANSITIONS: Record<CustodyTransferStatus, Partial<Record<CustodyAction, CustodyTransferStatus>>> = {
  pending: { confirm: 'confirmed', reject: 'rejected', cancel: 'cancelled' },
  confirmed: {},
  rejected: {},
  cancelled: {},
};

export const CUSTODY_STATUS_LABELS: Record<CustodyTransferStatus, string> = {
  pending: '待确认',
  confirmed: '已确认',
  rejected: '已拒绝',
  cancelled: '已撤回',
};

const ACTION_LABELS: Record<CustodyAction, string> = { confirm: '确认', reject: '拒绝', cancel: '撤回' };

export function custodyActions(status: CustodyTransferStatus): CustodyAction[] {
  return Object.keys(TRANSITIONS[status]) as CustodyAction[];
}

/** The status after `action`, or 409 ILLEGAL_TRANSITION. */
export function nextCustodyStatus(status: CustodyTransferStatus, action: CustodyAction): CustodyTransferStatus {
  const to = TRANSITIONS[status][action];
  if (!to) {
    throw new AppError('ILLEGAL_TRANSITION', `移交单${CUSTODY_STATUS_LABELS[status]}，不能${ACTION_LABELS[action]}`, { status, action });
  }
  return to;
}
