import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import { custodyActions, nextCustodyStatus } from './custody.state.js';

describe('custody transfer state machine', () => {
  it('decides a pending transfer exactly once', () => {
    expect(nextCustodyStatus('pending', 'confirm')).toBe('confirmed');
    expect(nextCustodyStatus('pending', 'reject')).toBe('rejected');
    expect(nextCustodyStatus('pending', 'cancel')).toBe('cancelled');
    expect(custodyActions('pending')).toEqual(['confirm', 'reject', 'cancel']);
  });

  it('refuses any action on a decided transfer with ILLEGAL_TRANSITION', () => {
    for (const status of ['confirmed', 'rejected', 'cancelled'] as const) {
      expect(custodyActions(status)).toEqual([]);
      for (const action of ['confirm', 'reject', 'cancel'] as const) {
        const attempt = () => nextCustodyStatus(status, action);
        expect(attempt).toThrow(AppError);
        expect(attempt).toThrow(/不能/);
      }
    }
  });
});
