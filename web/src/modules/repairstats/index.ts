import { lazy } from 'react';
import type { AppModule } from '../../app/modules';

const MeasuresPage = lazy(() => import('./MeasuresPage'));

/** Repair measures (维修统计): counts, timely-repair rate, MTTR, rework, 工时工效, satisfaction, backlog. */
const repairstats: AppModule = {
  id: 'repairstats',
  order: 103,
  routes: [{ path: 'work-orders/measures', component: MeasuresPage, permission: 'workorders:read' }],
  menu: [],
};
export default repairstats;
