import { AppError } from '../../platform/http/errors.js';
import type { StocktakeStatus } from './schema.js';

/**
 * The stocktake life cycle: counting happens while `open`; closing writes the result
 * (and flags lost assets), cancelling drops it without touching any asset. Both ends
 * are final — a new count is a new stocktake.
 */
export type StocktakeAction = 'close' | 'cancel';

const TRANSITIONS: Record<StocktakeStatus, Partial<Record<StocktakeAction, StocktakeStatus>>> = {
  open: { close: 'closed', cancel: 'cancelled' },
  closed: {},
  cancelled: {},
};

export const STOCKTAKE_STATUS_LABELS: Record<StocktakeStatus, string> = { open: '盘点中', closed: '已完成', cancelled: '已取消' };

export function stocktakeActions(status: StocktakeStatus): StocktakeAction[] {
  return Object.keys(TRANSITIONS[status]) as StocktakeAction[];
}

/** The status after `action`, or 409 ILLEGAL_TRANSITION. */
export function nextStocktakeStatus(status: StocktakeStatus, action: StocktakeAction): StocktakeStatus {
  const to = TRANSITIONS[status][action];
  if (!to) {
    throw new AppError('ILLEGAL_TRANSITION', `盘点${STOCKTAKE_STATUS_LABELS[status]}，不能${action === 'close' ? '完成' : '取消'}`, {
      status,
      action,
    });
  }
  return to;
}

/** Scans and ticks change the count, which only an open stocktake may do. */
export function assertCounting(status: StocktakeStatus): void {
  if (status !== 'open') {
    throw new AppError('ILLEGAL_TRANSITION', `盘点${STOCKTAKE_STATUS_LABELS[status]}，不能再登记盘点结果`, { status, action: 'count' });
  }
}
