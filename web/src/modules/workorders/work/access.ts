import type { WorkOrderDto } from '../../../../../contracts/workorders';

/**
 * Who may record work done on an order, as the server decides it (labour.access.ts):
 * dispatchers of the site always (also correcting a closed order); the technician doing
 * the work (the server's `onOrder`: the assignee, or a member of the order's team while
 * nobody is named) while the order is not closed, and only their own labour entries.
 */
export interface WorkAccess {
  canWrite: boolean;
  dispatcher: boolean;
  /** whether a labour entry of `userId` may be changed */
  mayEditEntry: (userId: string) => boolean;
}

const CLOSED = new Set(['completed', 'rated', 'cancelled']);

export function workAccess(
  wo: Pick<WorkOrderDto, 'status' | 'onOrder' | 'siteId'>,
  userId: string,
  can: (perm: 'workorders:dispatch' | 'workorders:work', siteId: string) => boolean,
): WorkAccess {
  const dispatcher = can('workorders:dispatch', wo.siteId);
  const worker = wo.onOrder && can('workorders:work', wo.siteId) && !CLOSED.has(wo.status);
  const canWrite = dispatcher || worker;
  return { canWrite, dispatcher, mayEditEntry: (owner) => canWrite && (dispatcher || owner === userId) };
}
