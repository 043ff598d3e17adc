import { ScheduleOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { AppModule } from '../../app/modules';

const PlansPage = lazy(() => import('./PlansPage'));
const PlanDetailPage = lazy(() => import('./PlanDetailPage'));
const OccurrencesPage = lazy(() => import('./OccurrencesPage'));
const CalendarPage = lazy(() => import('./CalendarPage'));
const MeasuresPage = lazy(() => import('./MeasuresPage'));

/**
 * 保养管理: preventive maintenance plans (保养计划) on the occurrence engine, their
 * occurrences and work orders (保养记录), the per-site annual calendar (保养日历) and the
 * PM measures with the grace settings (保养指标).
 */
const maintenance: AppModule = {
  id: 'maintenance',
  order: 210,
  routes: [
    { path: 'maintenance/plans', component: PlansPage, permission: 'maintenance:read' },
    { path: 'maintenance/plans/:id', component: PlanDetailPage, permission: 'maintenance:read' },
    { path: 'maintenance/occurrences', component: OccurrencesPage, permission: 'maintenance:read' },
    { path: 'maintenance/calendar', component: CalendarPage, permission: 'maintenance:read' },
    { path: 'maintenance/measures', component: MeasuresPage, permission: 'maintenance:read' },
  ],
  menu: [
    {
      key: 'maintenance',
      label: 'maintenance:menu.group',
      icon: <ScheduleOutlined />,
      children: [
        { key: 'maintenance/plans', label: 'maintenance:menu.plans', permission: 'maintenance:read' },
        { key: 'maintenance/calendar', label: 'maintenance:menu.calendar', permission: 'maintenance:read' },
        { key: 'maintenance/occurrences', label: 'maintenance:menu.occurrences', permission: 'maintenance:read' },
        { key: 'maintenance/measures', label: 'maintenance:menu.measures', permission: 'maintenance:read' },
      ],
    },
  ],
};

export default maintenance;
