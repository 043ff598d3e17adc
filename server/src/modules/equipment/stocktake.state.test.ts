import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import { assertCounting, nextStocktakeStatus, stocktakeActions } from './stocktake.state.js';

describe('stocktake state machine', () => {
  it('closes or cancels an open stocktake', () => {
    expect(nextStocktakeStatus('open', 'close')).toBe('closed');
    expect(nextStocktakeStatus('open', 'cancel')).toBe('cancelled');
    expect(stocktakeActions('open')).toEqual(['close', 'cancel']);
  });

  it('treats closed and cancelled as final', () => {
    for (const status of ['closed', 'cancelled'] as const) {
      expect(stocktakeActions(status)).toEqual([]);
      for (const action of ['close', 'cancel'] as const) {
        try {
          nextStocktakeStatus(status, action);
          expect.unreachable();
        } catch (e) {
          expect(e).toBeInstanceOf(AppError);
          expect((e as AppError).code).toBe('ILLEGAL_TRANSITION');
          expect((e as AppError).status).toBe(409);
        }
      }
    }
  });

  it('allows counting only while open', () => {
    expect(() => assertCounting('open')).not.toThrow();
    expect(() => assertCounting('closed')).toThrow(/不能再登记/);
    expect(() => assertCounting('cancelled')).toThrow(AppError);
  });
});
