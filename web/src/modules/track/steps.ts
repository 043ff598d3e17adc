import type { WorkOrderStatus } from '../../../../contracts/workorders';
import type { PublicTrack } from './types';

/**
 * The progress a reporter sees: the life cycle folded into seven steps (arrival,
 * repair and pauses are all "being repaired"), with a cancelled request marked as an
 * error at the step it had reached.
 */
export const STEPS = ['reported', 'dispatched', 'accepted', 'working', 'resolved', 'completed', 'rated'] as const;
export type Step = (typeof STEPS)[number];

const STEP_OF: Record<Exclude<WorkOrderStatus, 'cancelled'>, number> = {
  pending: 0,
  dispatched: 1,
  accepted: 2,
  arrived: 3,
  in_progress: 3,
  paused: 3,
  resolved: 4,
  completed: 5,
  rated: 6,
};

export interface Progress {
  current: number;
  status: 'process' | 'finish' | 'error';
}

export function progressOf(view: Pick<PublicTrack, 'status' | 'events'>): Progress {
  if (view.status === 'cancelled') {
    const reached = view.events
      .map((e) => e.toStatus)
      .filter((s): s is Exclude<WorkOrderStatus, 'cancelled'> => s !== null && s !== 'cancelled')
      .at(-1);
    return { current: reached ? STEP_OF[reached] : 0, status: 'error' };
  }
  const current = STEP_OF[view.status];
  return { current, status: view.status === 'rated' ? 'finish' : 'process' };
}

/** antd Tag colours of the statuses. */
export const STATUS_COLORS: Record<WorkOrderStatus, string> = {
  pending: 'default',
  dispatched: 'processing',
  accepted: 'processing',
  arrived: 'processing',
  in_progress: 'processing',
  paused: 'warning',
  resolved: 'gold',
  completed: 'success',
  rated: 'success',
  cancelled: 'error',
};

/**
 * Newest first: the reporter wants to know what happened last. The server lists events
 * in the order they happened (steps of one instant included), so this is its reverse.
 */
export function newestFirst<T>(events: readonly T[]): T[] {
  return [...events].reverse();
}
