import type { WorkOrderStatus } from '../../../../contracts/workorders';
import type { StatusStyle } from '../../components';

/** Colours of the work-order states, shared by the board and 我的工单. */
export const WORK_ORDER_STATUS: Record<WorkOrderStatus, StatusStyle> = {
  pending: { color: 'gold', label: 'workorders:status.pending' },
  dispatched: { color: 'blue', label: 'workorders:status.dispatched' },
  accepted: { color: 'geekblue', label: 'workorders:status.accepted' },
  arrived: { color: 'cyan', label: 'workorders:status.arrived' },
  in_progress: { color: 'processing', label: 'workorders:status.in_progress' },
  paused: { color: 'warning', label: 'workorders:status.paused' },
  resolved: { color: 'purple', label: 'workorders:status.resolved' },
  completed: { color: 'success', label: 'workorders:status.completed' },
  rated: { color: 'green', label: 'workorders:status.rated' },
  cancelled: { color: 'default', label: 'workorders:status.cancelled' },
};
