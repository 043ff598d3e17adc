import type { WorkOrderDto } from '../../../../../contracts/workorders';

/** Placeholder until the panel lands (issue 4 in progress). */
export default function MaterialsPanel(_props: { workOrder: WorkOrderDto; onChanged: () => void }) {
  return null;
}
