import { DashboardOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { AppModule } from '../../app/modules';

const EntryPage = lazy(() => import('./EntryPage'));
const BulkPage = lazy(() => import('./BulkPage'));
const PointsPage = lazy(() => import('./PointsPage'));
const PointDetailPage = lazy(() => import('./PointDetailPage'));
const ReadingsPage = lazy(() => import('./ReadingsPage'));
const DeviationsPage = lazy(() => import('./DeviationsPage'));
const ConsumptionPage = lazy(() => import('./ConsumptionPage'));

/**
 * 读数与能耗: reading points with their bands (读数点), entry on a phone after a QR scan
 * (抄表) or for a whole route at once (批量录入), the readings (读数记录, with Excel import),
 * out-of-band deviations with their corrective notes and re-checks (偏差), and the meters'
 * consumption per day or month (能耗).
 */
const readings: AppModule = {
  id: 'readings',
  order: 225,
  routes: [
    { path: 'readings/entry', component: EntryPage, permission: 'readings:record' },
    { path: 'readings/bulk', component: BulkPage, permission: 'readings:record' },
    { path: 'readings/points', component: PointsPage, permission: 'readings:read' },
    { path: 'readings/points/:id', component: PointDetailPage, permission: 'readings:read' },
    { path: 'readings/list', component: ReadingsPage, permission: 'readings:read' },
    { path: 'readings/deviations', component: DeviationsPage, permission: 'readings:read' },
    { path: 'readings/consumption', component: ConsumptionPage, permission: 'readings:read' },
  ],
  menu: [
    {
      key: 'readings',
      label: 'readings:menu.group',
      icon: <DashboardOutlined />,
      children: [
        { key: 'readings/entry', label: 'readings:menu.entry', permission: 'readings:record' },
        { key: 'readings/bulk', label: 'readings:menu.bulk', permission: 'readings:record' },
        { key: 'readings/points', label: 'readings:menu.points', permission: 'readings:read' },
        { key: 'readings/list', label: 'readings:menu.list', permission: 'readings:read' },
        { key: 'readings/deviations', label: 'readings:menu.deviations', permission: 'readings:read' },
        { key: 'readings/consumption', label: 'readings:menu.consumption', permission: 'readings:read' },
      ],
    },
  ],
};

export default readings;
